"""User text in a table cell: on one line, as typed otherwise."""

from sponsordesk.wording.text import in_cell


def test_a_cell_keeps_text_as_typed_and_loses_only_what_would_move_the_terminals_cursor():
    typed = "👨\u200d👩\u200d👧 می\u200cخواهم re\u00adcovery  two spaces"
    assert in_cell(typed) is typed, "nothing to change: the same string, not a copy"
    assert in_cell("tab\there\r\nnext\x1b[31m red\u202e") == "tab here next[31m red"

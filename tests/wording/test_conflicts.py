"""How a conflict's values read: stored codes in the words the forms use."""

from __future__ import annotations

from sponsordesk.wording.conflicts import shown_value


def same(text: str) -> str:
    return text


def test_stored_codes_read_as_the_forms_say_them():
    """Found by a review: a step's status and dates now conflict together, and the window said "not_started"."""
    assert shown_value("not_started", same, "status") == "not started"
    assert shown_value("working", same, "step.4.status") == "working"
    assert shown_value("not_followed", same, "status") == "not followed"
    assert shown_value("in_person", same, "kind") == "in person"
    assert shown_value("attempt", same, "kind") == "tried, no answer"
    assert shown_value("sponsor", same, "by") == "you did"
    assert shown_value({"status": "not_started", "notes": "x"}, same) == "status: not started; notes: x"


def test_free_text_that_happens_to_be_a_code_stays_as_written():
    assert shown_value("not_started", same, "notes") == "not_started"
    assert shown_value("call", same, "summary") == "call"

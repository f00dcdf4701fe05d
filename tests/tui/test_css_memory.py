"""The memory of parsed stylesheets (tui/css_memory.py): a second start parses nothing it holds, what it
holds is what a parse gives, and a source, a theme or a file that is not as it was is parsed as Textual would."""

from __future__ import annotations

import pickle

import pytest
from textual.css import stylesheet
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from sponsordesk.tui import css_memory
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.css_memory import NAME, CssMemory, RememberingStylesheet, entry_key, header
from sponsordesk.tui.widgets.plain_table import PlainTable

from tests.conftest import TODAY
from tests.tui.settle import opened, until

ONE = ("/somewhere/one.tcss", "")
TWO = ("/somewhere/two.py", "Two.DEFAULT_CSS")
VARIABLES = {"accent": "#ff0000", "panel": "#202020"}


@pytest.fixture
def parses(monkeypatch, parsed_per_app) -> list:
    """Where every source Textual parses from now on was read from (its own parse, per stylesheet: not the
    suite's cache of parses, tests/tui/conftest.py)."""
    seen: list = []
    real = stylesheet.parse

    def recording(scope, css, read_from, *args, **kwargs):
        seen.append(read_from)
        return real(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", recording)
    return seen


def _file_memory(path) -> CssMemory:
    def read():
        return path.read_bytes() if path.exists() else None

    return CssMemory(read, path.write_bytes)


def _css(rules) -> str:
    """What ``rules`` say, as Textual writes them (``"\n\n".join(rule.css for rule in rules)``), with what a
    rule's CSS leaves out (defaults, tie-breaker, specificity). A rule Textual cannot write back (Widget's
    DEFAULT_CSS: ``Styles.css_lines`` reads a colour that is None) by its selectors and values instead."""

    def one(rule) -> str:
        try:
            css = rule.css
        except AttributeError:
            css = f"{rule.selectors} {sorted((name, repr(value)) for name, value in rule.styles.get_rules().items())}"
        return repr((css, rule.is_default_rules, rule.tie_breaker, sorted(rule.selector_names),
                     sorted(rule.pseudo_classes), [selectors.specificity for selectors in rule.selector_set]))

    return "\n\n".join(map(one, rules))


def _sheet(memory: CssMemory, *sources: tuple[tuple[str, str], str], variables=VARIABLES) -> Stylesheet:
    sheet = memory.stylesheet(dict(variables))
    for read_from, css in sources:
        sheet.add_source(css, read_from=read_from, is_default_css=read_from == TWO, tie_breaker=0)
    sheet.parse()
    return sheet


def _fresh(sheet: Stylesheet, variables=VARIABLES) -> Stylesheet:
    """The same sources parsed by Textual's own stylesheet."""
    fresh = Stylesheet(variables=dict(variables))
    for read_from, (css, is_defaults, tie_breaker, scope) in sheet.source.items():
        fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope)
    fresh.parse()
    return fresh


def _looks(app) -> list[tuple[str, str]]:
    """Every widget of the screen, with the styles the stylesheet gave it."""
    return [(repr(node), node.styles.css) for node in app.screen.walk_children(with_self=True)]


async def test_a_second_start_parses_nothing_it_holds_and_looks_the_same(demo_dir, config_dir, isolated_folders,
                                                                         parses):
    path = isolated_folders["cache"] / NAME
    first = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(first, (120, 30)) as pilot:
        assert isinstance(first.stylesheet, RememberingStylesheet)
        # written once the first screen was up, in a thread: not left for the quit
        await until(pilot, lambda: path.exists() and not first.css_memory.learned, "the memory to be written")
        looks = _looks(first)
    parsed = set(parses)
    assert len(parsed) >= 15, parses  # the app's .tcss files and the widgets' DEFAULT_CSS
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    parses.clear()
    second = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(second, (120, 30)):
        assert parses == [], f"parsed again although remembered: {parses}"
        assert _looks(second) == looks
        sheet = second.stylesheet
        assert set(sheet.source) == parsed
        # each source's rules from the memory are the ones Textual's own parse gives
        fresh = Stylesheet(variables=second.get_css_variables())
        for read_from, (css, is_defaults, tie_breaker, scope) in sheet.source.items():
            remembered = sheet._parse_rules(css, read_from, is_defaults, tie_breaker, scope)
            assert _css(remembered) == _css(fresh._parse_rules(css, read_from, is_defaults, tie_breaker, scope))
        assert _css(sheet.rules) == _css(_fresh(sheet, second.get_css_variables()).rules)


def test_a_changed_source_or_theme_is_parsed_not_taken_from_memory(tmp_path, parses):
    path = tmp_path / NAME
    one, two = "Label { color: $accent; }", "Two { background: $panel; height: 3; }"
    first = _file_memory(path)
    _sheet(first, (ONE, one), (TWO, two))
    assert len(parses) == 2 and first.learned
    first.save()

    parses.clear()
    same = _sheet(_file_memory(path), (ONE, one), (TWO, two))
    assert parses == [], "both from the memory"
    assert _css(same.rules) == _css(_fresh(same).rules)

    parses.clear()
    edited = _sheet(_file_memory(path), (ONE, one.replace("}", " text-style: bold; }")), (TWO, two))
    assert parses == [ONE], "the edited file only"
    assert "bold" in edited.css and _css(edited.rules) == _css(_fresh(edited).rules)

    parses.clear()
    other_theme = {**VARIABLES, "accent": "#00ff00"}
    themed = _sheet(_file_memory(path), (ONE, one), (TWO, two), variables=other_theme)
    assert sorted(parses) == sorted([ONE, TWO]), "another theme's colours: parsed"
    assert _css(themed.rules) == _css(_fresh(themed, other_theme).rules) and themed.css != same.css

    parses.clear()
    _sheet(_file_memory(path), (("/elsewhere/one.tcss", ""), one))
    assert parses == [("/elsewhere/one.tcss", "")], "read from another place: parsed (its tokens say where)"

    # a theme chosen later (set_variables) in a stylesheet whose memory holds the first theme's rules
    parses.clear()
    same.set_variables(other_theme)
    same.parse()
    assert sorted(parses) == sorted([ONE, TWO]) and same.css == themed.css
    parses.clear()
    same.set_variables(dict(VARIABLES))
    same.parse()
    assert parses == [] and _css(same.rules) == _css(_fresh(same).rules), "back to the first: from the memory again"


def test_entries_not_used_are_dropped_when_the_memory_is_written(tmp_path, parses):
    path = tmp_path / NAME
    one, two, three = "Label { color: $accent; }", "Two { height: 3; }", "Three { width: 9; }"
    first = _file_memory(path)
    _sheet(first, (ONE, one), (TWO, two))
    first.save()
    before = path.read_bytes()

    # a start that parses nothing writes nothing
    quiet = _file_memory(path)
    _sheet(quiet, (ONE, one))
    assert not quiet.learned
    quiet.save()
    assert path.read_bytes() == before

    # one that parsed something writes what it used: TWO, not used, is gone
    later = _file_memory(path)
    _sheet(later, (ONE, one), (("/somewhere/three.tcss", ""), three))
    later.save()
    kept = pickle.loads(path.read_bytes()[len(header()):])
    key = entry_key(one, ONE, False, 0, "", css_memory.variables_key(VARIABLES))
    assert len(kept) == 2 and key in kept
    assert entry_key(two, TWO, True, 0, "", css_memory.variables_key(VARIABLES)) not in kept

    parses.clear()
    _sheet(_file_memory(path), (ONE, one), (TWO, two))
    assert parses == [TWO]


def _garbage(valid: bytes) -> bytes:
    return bytes(range(256)) * 8


def _truncated(valid: bytes) -> bytes:
    return valid[:len(valid) // 2]


def _another_textual(valid: bytes) -> bytes:
    return valid.replace(b"textual-", b"textual-0.0.1-was-", 1)


def _not_a_dict(valid: bytes) -> bytes:
    return header() + pickle.dumps(["not", "a", "memory"])


def _an_entry_that_is_not_rules(valid: bytes) -> bytes:
    entries = pickle.loads(valid[len(header()):])
    return header() + pickle.dumps({key: pickle.dumps({"not": "rules"}) for key in entries})


def _empty(valid: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [_garbage, _truncated, _another_textual, _not_a_dict,
                                    _an_entry_that_is_not_rules, _empty])
def test_a_damaged_or_foreign_memory_is_ignored_and_made_again(tmp_path, parses, monkeypatch, damage):
    path = tmp_path / NAME
    one, two = "Label { color: $accent; }", "Two { background: $panel; height: 3; }"
    first = _file_memory(path)
    _sheet(first, (ONE, one), (TWO, two))
    first.save()
    path.write_bytes(damage(path.read_bytes()))

    unpickled: list[int] = []
    loads = pickle.loads
    monkeypatch.setattr(pickle, "loads", lambda data, *a, **k: unpickled.append(len(data)) or loads(data, *a, **k))
    parses.clear()
    memory = _file_memory(path)
    sheet = _sheet(memory, (ONE, one), (TWO, two))
    assert sorted(parses) == sorted([ONE, TWO]), "parsed, as with no memory"
    if damage is _another_textual:
        assert unpickled == [], "another Textual's objects are never unpickled"
    assert _css(sheet.rules) == _css(_fresh(sheet).rules)
    memory.save()
    assert path.read_bytes().startswith(header())
    parses.clear()
    _sheet(_file_memory(path), (ONE, one), (TWO, two))
    assert parses == [], "made again"


async def test_the_app_starts_over_a_garbage_memory_and_replaces_it(demo_dir, config_dir, isolated_folders,
                                                                   parses):
    path = isolated_folders["cache"] / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header() + b"\x80\x05garbage")
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)):
        assert app.screen.query_one(PlainTable).row_count == 6
        assert parses, "parsed as with no memory"
    memory = _file_memory(path)
    assert memory.recall(next(iter(memory._load()))) is not None, "written again, and it loads"


def test_a_link_in_place_of_the_memory_is_not_followed_and_is_replaced(demo_dir, isolated_folders):
    from sponsordesk.desk.context import Context

    cache = isolated_folders["cache"]
    cache.mkdir(parents=True, exist_ok=True)
    elsewhere = cache.parent / "elsewhere"
    elsewhere.write_bytes(b"someone else's file")
    (cache / NAME).symlink_to(elsewhere)
    ctx = Context.build(data_dir=demo_dir, today=TODAY)
    memory = CssMemory.in_cache(ctx)
    assert memory is not None and memory._load() == {}, "not read through the link"
    sheet = _sheet(memory, (ONE, "Label { color: $accent; }"))
    assert sheet.css
    memory.save()
    assert not (cache / NAME).is_symlink() and (cache / NAME).read_bytes().startswith(header())
    assert elsewhere.read_bytes() == b"someone else's file"
    with pytest.raises(ValueError):
        ctx.keep_cached("../outside", b"")


def test_css_with_a_mistake_is_parsed_and_reported_every_time_never_remembered(tmp_path, parses):
    path = tmp_path / NAME
    memory = _file_memory(path)
    with pytest.raises(StylesheetParseError):
        _sheet(memory, (ONE, "Label { colr: red; }"))
    assert not memory.learned
    memory.save()
    assert not path.exists()
    parses.clear()
    with pytest.raises(StylesheetParseError):
        _sheet(_file_memory(path), (ONE, "Label { colr: red; }"))
    assert parses == [ONE]


def test_a_copy_of_the_stylesheet_keeps_the_memory(tmp_path, parses):
    # Textual copies the app's stylesheet to read a changed CSS file again (textual run --dev)
    memory = _file_memory(tmp_path / NAME)
    sheet = _sheet(memory, (ONE, "Label { color: $accent; }"))
    copied = sheet.copy()
    assert type(copied) is RememberingStylesheet and copied.memory is memory and copied.source == sheet.source
    parses.clear()
    copied.parse()
    assert parses == [] and copied.css == sheet.css


async def test_a_textual_that_parses_otherwise_keeps_its_own_stylesheet(demo_dir, config_dir, isolated_folders,
                                                                      monkeypatch):
    # a Textual whose _parse_rules takes other parameters (or has another name): the memory is not used
    real = Stylesheet._parse_rules

    def other(self, css, read_from, is_default_rules=False, tie_breaker=0, scope="", nesting=0):
        return real(self, css, read_from, is_default_rules, tie_breaker, scope)

    monkeypatch.setattr(Stylesheet, "_parse_rules", other)
    assert not css_memory.fits()
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    assert app.css_memory is None
    async with opened(app, (80, 24)):
        assert type(app.stylesheet) is Stylesheet
        assert app.screen.query_one(PlainTable).row_count == 6
    assert not (isolated_folders["cache"] / NAME).exists()

    monkeypatch.delattr(Stylesheet, "_parse_rules")
    assert not css_memory.fits()

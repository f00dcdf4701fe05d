from datetime import date, datetime
from pathlib import Path

from sponsordesk.desk.pager import LogPager
from sponsordesk.forms.logsearch import parse_range
from sponsordesk.rules.logfilter import LogFilter
from sponsordesk.model import Contact, SobrietyDate, Sponsee
from sponsordesk.store import Store
from tests.seed import add_contact, put_profile


def seed(store: Store, per_year: int = 5, years=(2024, 2025, 2026)) -> None:
    put_profile(store, Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=date(2020, 1, 1))]))
    for year in years:
        for n in range(per_year):
            kind = "text" if n % 2 else "call"
            add_contact(store, "sam-r", Contact(id=f"c-{year}-{n}", at=datetime(year, 3, n + 1, 19).astimezone(),
                                               kind=kind, summary=f"talk {n} in {year} about the holidays" if n == 0
                                               else f"talk {n} in {year}"))


def test_pager_reads_one_year_file_at_a_time_newest_first(data_dir, monkeypatch):
    store = Store(data_dir)
    seed(store)
    pager = LogPager(Store(data_dir), "sam-r")
    first = pager.next_page(rows=3)
    assert [c.id for c in first[:2]] == ["c-2026-4", "c-2026-3"]
    assert pager.years_read == [2026] and not pager.done
    assert len(pager.next_page(rows=6)) == 10  # two more whole years
    assert pager.done and pager.next_page() == []


def test_filter_by_text_kind_and_range_skips_years_outside(data_dir):
    store = Store(data_dir)
    seed(store)
    found = LogPager(store, "sam-r", LogFilter(text="HOLIDAYS")).next_page()
    assert [c.id for c in found] == ["c-2026-0", "c-2025-0", "c-2024-0"]
    texts = LogPager(store, "sam-r", LogFilter(kind="text")).next_page()
    assert texts and all(c.kind == "text" for c in texts)
    ranged = LogPager(store, "sam-r", LogFilter(since=date(2025, 1, 1), until=date(2025, 3, 2)))
    assert [c.id for c in ranged.next_page()] == ["c-2025-1", "c-2025-0"]
    assert ranged.years_read == [2025]


def test_search_looks_in_suggestions_given_in_the_entry(data_dir):
    store = Store(data_dir)
    seed(store, years=(2026,))
    pager = LogPager(store, "sam-r", LogFilter(text="pages 58"), extra_text={"c-2026-3": "Read pages 58-60"})
    assert [c.id for c in pager.next_page()] == ["c-2026-3"]


def test_parse_range_names_the_bad_field():
    assert parse_range("2026-01-01", "") == (date(2026, 1, 1), None, {})
    _, _, errors = parse_range("jan", "2026-01-01")
    assert "From" in errors["since"]
    _, _, errors = parse_range("2026-02-01", "2026-01-01")
    assert errors == {"until": "To is before From"}


def test_thousands_of_entries_page_one_year_file_at_a_time(data_dir):
    store = Store(data_dir)
    put_profile(store, Sponsee(id="sam-r", name="Sam Rivera"))
    from sponsordesk.model import ContactFile
    from sponsordesk.store import layout, tomlio

    for year in range(2015, 2027):
        contacts = [Contact(id=f"c-{year}-{n}", at=datetime(year, 1, 1, 8).astimezone(), summary="x" * 80)
                    for n in range(400)]
        path = layout.contacts_path(data_dir, "sam-r", year)
        tomlio.ensure_dir(path.parent)
        tomlio.write_atomic(path, tomlio.dumps(ContactFile(contact=contacts).to_toml_dict(), ""))
    store = Store(data_dir)
    opened: list[Path] = []
    read = store._read
    store._read = lambda path, model: (opened.append(path), read(path, model))[1]
    pager = LogPager(store, "sam-r")
    page = pager.next_page()
    # quick because it reads one year's file, not twelve (speed itself is measured by `python -m bench`)
    assert len(page) == 400 and pager.years_read == [2026]
    assert opened == [layout.contacts_path(data_dir, "sam-r", 2026)]


def test_entries_logged_for_the_same_minute_show_the_latest_first(data_dir):
    store = Store(data_dir)
    put_profile(store, Sponsee(id="sam-r", name="Sam Rivera"))
    at = datetime(2026, 11, 21, 9, 30).astimezone()
    for n in range(3):
        add_contact(store, "sam-r", Contact(id=f"c-{n}", at=at, summary=str(n)))
    assert [c.id for c in LogPager(store, "sam-r").next_page()] == ["c-2", "c-1", "c-0"]

import stat

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.exports.report import render_report, write_report

from tests.conftest import TODAY


@pytest.fixture
def desk(demo_dir, config_dir) -> Desk:
    return Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY), read_only=True)


def test_report_has_every_section(desk):
    text = render_report(desk, "luis-r", contacts=4)
    assert text.startswith('---\ntitle: "Luis Romero"\nsubtitle: "sponsordesk report, 2026-11-21. Private')
    for heading in ("## Clean time", "### Sobriety history", "## Step board",
                    "## Open suggestions", "## Recent contacts"):
        assert f"\n{heading}\n" in f"\n{text}", heading
    assert "- Sobriety date: 2026-11-20 (1 day)" in text
    # the relapse keeps the earlier date and its note
    assert "| 2026-04-20 | 2026-11-20 | 7 months | Came in after a friend's funeral." in text
    assert "### Step 1: Admit powerlessness (revisiting" in text
    assert "- **To do:** Write answers to the step 1 questions (due 2026-11-24)" in text
    assert "- [" not in text, "pandoc turns task boxes into form fields, which vanish from a PDF"
    assert "- 90 meetings in 90 days (suggested 2026-11-20, due 2027-02-18)" in text
    assert "Not started yet: steps 2-12." in text
    assert text.count("\n### 2026-") == 4
    assert "*relapse mentioned" in text


def test_report_contacts_can_be_left_out_and_done_steps_show(desk):
    text = render_report(desk, "ellen-f", contacts=0)
    assert "Left out of this report." in text and "\n### 2026-" not in text
    assert "### Step 9: Make amends (done," in text
    assert "- Ask the step study about taking the secretary job (suggested" in text


def test_write_report_defaults_to_current_folder(desk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_report(desk, "dana-o")
    assert path == tmp_path / "sponsordesk-report-dana-o-2026-11-21.md"
    assert path.read_text().startswith('---\ntitle: "Dana Okafor"\n')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "reports hold private notes"


def test_unknown_sponsee_is_a_lookup_error(desk):
    with pytest.raises(LookupError, match="no sponsee with id 'nobody'"):
        render_report(desk, "nobody")


def test_a_revisited_step_says_when_the_revisit_began(desk):
    text = render_report(desk, "luis-r")
    heading = next(line for line in text.splitlines() if line.startswith("### Step 1:"))
    assert "revisiting since 2026-11-20" in heading, heading


def test_pandoc_reads_a_title_and_keeps_the_assignments(desk, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed here")
    source = tmp_path / "r.md"
    source.write_text(render_report(desk, "luis-r"))
    out = subprocess.run(["pandoc", str(source), "-s", "-t", "html"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "<title>Luis Romero</title>" in out.stdout
    assert "[WARNING]" not in out.stderr and "<input" not in out.stdout
    assert "Write answers to the step 1 questions" in out.stdout


def test_escape_codes_in_a_name_never_reach_the_report(desk, demo_dir):
    from sponsordesk.store import Store
    from sponsordesk.store.changes import profile_change

    store = Store(demo_dir)
    record = store.load_sponsee("dana-o", TODAY)
    store.commit([profile_change(record.sponsee, record.sponsee.model_copy(
        update={"name": "Dana\x1b]0;pwned\x07\x1b[2J Okafor"}))])
    desk.reload()
    text = render_report(desk, "dana-o")
    assert "\x1b" not in text and "\x07" not in text and 'title: "Dana]0;pwned[2J Okafor"' in text

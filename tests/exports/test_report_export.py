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
    for heading in ("# Luis Romero", "## Clean time", "### Sobriety history", "## Step board",
                    "## Open suggestions", "## Recent contacts"):
        assert f"\n{heading}\n" in f"\n{text}", heading
    assert "- Sobriety date: 2026-11-12 (9 days)" in text
    # the relapse keeps the earlier date and its note
    assert "| 2026-04-12 | 2026-11-12 | 7 months | Relapsed after a funeral" in text
    assert "### Step 1: Admit powerlessness (revisiting" in text
    assert "- [ ] Write answers to the step 1 questions (due 2026-11-24)" in text
    assert "- 90 meetings in 90 days (suggested 2026-11-12, due 2027-02-10)" in text
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
    assert path.read_text().startswith("# Dana Okafor\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "reports hold private notes"


def test_unknown_sponsee_is_a_lookup_error(desk):
    with pytest.raises(LookupError, match="no sponsee with id 'nobody'"):
        render_report(desk, "nobody")

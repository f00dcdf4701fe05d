"""R on the board or the log: a Markdown report, written in a worker so the screen never waits on the disk.

A mixin so app.py stays about wiring screens. The worker reads from a copy
of the desk with a store of its own (``Desk.for_reading``), so nothing the
UI thread uses is touched from the worker's thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState

from sponsordesk.desk.errors import StoreError

if TYPE_CHECKING:
    from sponsordesk.desk import Desk

GROUP = "report"


@dataclass(frozen=True)
class ReportDone:
    """Where the report went, or why it was not written."""

    path: Path | None
    error: str = ""
    hidden: bool = False
    """Names were hidden when R was pressed: say the folder, not the file (whose name says who)."""


class ReportWriting:
    """Mixed into SponsorDeskApp (a Textual App with ``desk`` and ``ctx``)."""

    desk: "Desk"

    def write_report(self, sponsee_id: str) -> None:
        """R on the board or the log: a Markdown report in the reports folder, and where it went."""
        from sponsordesk.exports.report import default_report_name

        target = self.ctx.reports_dir / default_report_name(sponsee_id, self.desk.today)  # type: ignore[attr-defined]
        self._write_report(self.desk.for_reading(), sponsee_id, target)

    @work(thread=True, exclusive=True, group=GROUP, name="writing a report")
    def _write_report(self, desk: "Desk", sponsee_id: str, target: Path) -> ReportDone:
        from sponsordesk.exports.report import write_report

        try:
            return ReportDone(write_report(desk, sponsee_id, target), hidden=desk.hidden)
        except (StoreError, OSError, LookupError) as error:
            return ReportDone(None, str(error))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != GROUP or event.state != WorkerState.SUCCESS:
            return
        done: ReportDone = event.worker.result  # type: ignore[assignment]
        if done.path is None:
            self.notify(f"The report was not written: {done.error}", severity="error", markup=False)  # type: ignore[attr-defined]
            return
        # the file name carries the sponsee's id, so the privacy screen shows the folder only
        where = f"{done.path.parent}/" if done.hidden or self.desk.hidden else str(done.path)
        self.notify(f"Wrote the report (full names and notes; keep it private) to {where}",  # type: ignore[attr-defined]
                    title="Report written", timeout=12, markup=False)

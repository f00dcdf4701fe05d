"""The roster: every sponsee, the app's home screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from sponsordesk.cleantime import clean_time_text
from sponsordesk.demo import write_demo
from sponsordesk.progress import current_step_text
from sponsordesk.screens.base import DeskScreen
from sponsordesk.timeago import days_ago

WELCOME = """\
[b]Welcome to sponsordesk[/b]

Your private notebook for the people you sponsor. Everything stays in plain
files on this machine; nothing is sent anywhere.

  [b]a[/b]  add your first sponsee
  [b]d[/b]  try it with invented demo data
  [b]ctrl+q[/b]  quit
"""


class RosterScreen(DeskScreen):
    """Every sponsee in a table; the morning view."""

    HELP = ("The roster: everyone you sponsor, with their program, clean time, the step they are on, "
            "how long since you talked and their open suggestions. Pick someone to open their step "
            "board or contact log; ctrl+p jumps to anyone by name.")
    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("d", "demo", "Demo data", id="roster.demo", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome")
        yield DataTable(id="roster", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#roster", DataTable)
        for key, label in [("name", "Name"), ("program", "Program"), ("clean", "Clean time"), ("step", "Step"),
                           ("last", "Last contact"), ("open", "Open")]:
            table.add_column(label, key=key)
        self.refresh_data()

    def refresh_data(self) -> None:
        desk = self.desk
        table = self.query_one("#roster", DataTable)
        table.clear()
        today = desk.today
        for record in sorted(desk.records, key=lambda r: r.sponsee.shown_name.lower()):
            s = record.sponsee
            last = record.last_connected
            table.add_row(
                desk.name(s), s.program, clean_time_text(s.sobriety_date, today), current_step_text(record.steps),
                days_ago(last.day if last else None, today), str(len(record.open_suggestions)), key=s.id,
            )
        empty = not desk.records
        self.query_one("#welcome").display = empty
        table.display = not empty

    def action_demo(self) -> None:
        desk = self.desk
        if desk.records:
            self.notify("Demo data goes into an empty folder; this one has sponsees.", severity="warning")
            return
        write_demo(desk.store, desk.today)
        desk.reload()
        self.refresh_data()
        self.notify("Wrote invented demo sponsees. Delete the data folder to start fresh.")

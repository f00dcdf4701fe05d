"""A question before anything is removed or ended: it reads as typed, and follows F4 while open."""

from types import SimpleNamespace

from textual.app import App
from textual.widgets import Static

from sponsordesk.tui.dialogs.confirm import ConfirmScreen


class Host(App):
    desk = SimpleNamespace(hidden=False)


async def test_a_note_in_brackets_reads_as_written_in_a_question_and_cannot_stop_the_app():
    app = Host()
    async with app.run_test():
        for question in ("• The note on Nov 3 becomes 'slipped [after the wedding]'.", "End sponsoring [/]Sam?"):
            await app.push_screen(ConfirmScreen(lambda question=question: question))
            shown = str(app.screen.query_one("#question", Static).render())
            assert shown == question, "plain text, never markup"
            app.screen.dismiss(False)

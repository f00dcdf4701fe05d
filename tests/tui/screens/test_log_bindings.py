"""Every key on the log's screens has an id (for user keymaps) and a description."""

import pytest

from sponsordesk.tui.dialogs.contact_detail import ContactDetailScreen
from sponsordesk.tui.screens.contact_form import ContactFormScreen
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.dialogs.resolve import ResolveScreen
from sponsordesk.tui.screens.suggestions import SuggestionsScreen


@pytest.mark.parametrize(("screen", "prefix"), [
    (LogScreen, "log."), (ContactDetailScreen, "log."), (ContactFormScreen, "contact_form."),
    (SuggestionsScreen, "suggestions."), (ResolveScreen, "suggestions."),
])
def test_bindings_have_ids_and_descriptions(screen, prefix):
    for binding in screen.BINDINGS:
        assert binding.id and binding.id.startswith(prefix), binding
        assert binding.description, binding

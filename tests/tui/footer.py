"""What the footer shows, for tests: its keys by label."""

from sponsordesk.tui.widgets.desk_footer import DeskFooter, FooterKey


def footer_keys(screen) -> dict[str, FooterKey]:
    """The keys on the footer's line as last drawn, by label, with their columns."""
    return {key.description: key for key in screen.query_one(DeskFooter).keys}


def offered_keys(screen) -> dict[str, FooterKey]:
    """The keys the screen's footer offers now (drawn or about to be), by label."""
    return {key.description: key for key in screen.query_one(DeskFooter).offered}


def enabled_labels(screen) -> list[str]:
    """The labels of the keys that are not greyed, in order."""
    return [key.description for key in screen.query_one(DeskFooter).offered if key.enabled]

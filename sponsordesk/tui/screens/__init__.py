"""One module per screen or modal; each may have a .tcss beside it."""

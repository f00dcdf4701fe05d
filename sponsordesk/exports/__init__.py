"""Ways out of the app: calendar, Markdown report, spreadsheets (no Textual)."""

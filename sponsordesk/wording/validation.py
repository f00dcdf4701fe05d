"""What a value that does not fit its field means, in the app's words (never the library's).

Takes one item of a pydantic ``ValidationError.errors()`` (a plain dict), so
the store (files), the forms and the CSV import all say it the same way.
Nothing the user wrote is repeated: a message names what was expected.
"""

from __future__ import annotations

from typing import Any

_BY_TYPE = {
    "missing": "this field is required but missing",
    "int_parsing": "must be a whole number, e.g. 3",
    "int_type": "must be a whole number, e.g. 3",
    "int_from_float": "must be a whole number, e.g. 3",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "finite_number": "must be a number (not nan or inf)",
    "bool_parsing": "must be true or false (without quotes)",
    "bool_type": "must be true or false (without quotes)",
    "string_type": "must be text in quotes",
    "string_too_short": "must not be empty",
    "date_type": "must be a date like 2026-11-21 (without quotes)",
    "date_parsing": "must be a date like 2026-11-21 (without quotes)",
    "date_from_datetime_parsing": "must be a date like 2026-11-21 (without quotes)",
    "date_from_datetime_inexact": "must be a date like 2026-11-21, without a time",
    "datetime_type": "must be a date and time like 2026-11-20T19:30:00-05:00 (without quotes)",
    "datetime_parsing": "must be a date and time like 2026-11-20T19:30:00-05:00 (without quotes)",
    "datetime_from_date_parsing": "must be a date and time like 2026-11-20T19:30:00-05:00 (without quotes)",
    "list_type": "must be a list, in [ ]",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "extra_forbidden": "not a known key; check the spelling against the README",
}

_PREFIXES = ("Value error, ", "Assertion failed, ")


def plain_message(item: dict[str, Any]) -> str:
    """One validation error item as a sentence for the user."""
    kind = item.get("type", "")
    ctx = item.get("ctx") or {}
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', 'the values the README lists')}"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind in ("value_error", "assertion_error"):
        message = str(item.get("msg", ""))
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        return message
    return "holds a value sponsordesk cannot use here; see the README for what it takes"

"""The quick log's rules: kind, who reached out, minutes, a one-line summary.

Pure (no Textual): ``parse_quick_contact`` returns a Contact or {field: message}.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sponsordesk.forms import values
from sponsordesk.forms.values import InputError
from sponsordesk.model import ContactKind, Initiator
from sponsordesk.wording import labels
from sponsordesk.wording.labels import options
from sponsordesk.wording.validation import plain_message

if TYPE_CHECKING:
    from sponsordesk.model import Contact


KINDS = options(labels.KINDS)
WHO = options(labels.REACHED_OUT)


def default_by(kind: str) -> str:
    """Who reached out, unless chosen: you, for a try with no answer (they cannot have); else they did."""
    return Initiator.SPONSOR.value if kind == ContactKind.ATTEMPT.value else Initiator.SPONSEE.value


def parse_quick_contact(kind: str, by: str, minutes_text: str, summary: str, at: datetime,
                        contact_id: str) -> tuple[Contact | None, dict[str, str]]:
    from pydantic import ValidationError

    from sponsordesk.model import Contact

    errors: dict[str, str] = {}
    if kind not in {k.value for k in ContactKind}:
        errors["kind"] = "choose what it was: call, text, in person, ..."
    if by not in {i.value for i in Initiator}:
        errors["by"] = "choose who reached out"
    minutes = None
    try:
        minutes = values.minutes(minutes_text)
    except InputError as error:
        errors["minutes"] = str(error)
    if "\n" in summary:
        errors["summary"] = "one line here; the full log form takes more"
    elif not summary.strip() and kind != ContactKind.ATTEMPT.value:
        # as in the full form and `sponsordesk log`: a talk gets a line, only an attempt needs none
        errors["summary"] = "a line about what you talked about (only a try with no answer needs none)"
    if errors:
        return None, errors
    try:
        return Contact(id=contact_id, at=at, kind=kind, by=by, minutes=minutes, summary=summary.strip()), {}
    except ValidationError as error:
        return None, {"summary": plain_message(error.errors(include_url=False)[0])}

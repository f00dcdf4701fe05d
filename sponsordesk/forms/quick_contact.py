"""The quick log's rules: kind, who reached out, minutes, a one-line summary.

Pure (no Textual): ``parse_quick_contact`` returns a Contact or {field: message}.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError

from sponsordesk.model import Contact, ContactKind, Initiator

KINDS = [(kind.label, kind.value) for kind in ContactKind]
WHO = [("they reached out", Initiator.SPONSEE.value), ("I reached out", Initiator.SPONSOR.value)]


def parse_quick_contact(kind: str, by: str, minutes_text: str, summary: str, at: datetime,
                        contact_id: str) -> tuple[Contact | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if kind not in {k.value for k in ContactKind}:
        errors["kind"] = "choose what it was: call, text, in person, ..."
    if by not in {i.value for i in Initiator}:
        errors["by"] = "choose who reached out"
    minutes = None
    if minutes_text.strip():
        try:
            minutes = int(minutes_text.strip())
        except ValueError:
            minutes = -1
        if not 0 <= minutes <= 24 * 60:
            errors["minutes"] = "minutes as a whole number, e.g. 20 (or leave empty)"
    if "\n" in summary:
        errors["summary"] = "one line here; the full log form takes more"
    if errors:
        return None, errors
    try:
        return Contact(id=contact_id, at=at, kind=kind, by=by, minutes=minutes, summary=summary.strip()), {}
    except ValidationError as error:
        return None, {"summary": error.errors(include_url=False)[0]["msg"]}

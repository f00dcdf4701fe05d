"""The names of kinds, statuses and who reached out: one word for one concept, everywhere."""

from __future__ import annotations

KINDS = {
    "call": "call",
    "text": "text",
    "in_person": "in person",
    "meeting": "meeting together",
    "step_work": "step-work session",
    "attempt": "tried, no answer",
}
"""A contact's kind, as the forms, the entry and the messages say it."""

SHORT_KINDS = {
    "call": "call", "text": "text", "in_person": "in person", "meeting": "meeting", "step_work": "step work",
    "attempt": "no answer",
}
"""The same, short, for a table column."""

KIND_NOUNS = {
    "call": "call", "text": "text", "in_person": "talk in person", "meeting": "meeting together",
    "step_work": "step-work session", "attempt": "attempt (no answer)",
}
"""The same as a noun in a sentence: "the Nov 30 call", "Delete the attempt (no answer) on ..."."""

REACHED_OUT = {"sponsee": "they did", "sponsor": "you did"}
"""Who reached out (the forms' "Reached out" field)."""

REACHED_OUT_SHORT = {"sponsee": "them", "sponsor": "you"}
"""The same, short, for a table column ("By")."""

SUGGESTION_STATUS = {"open": "open", "followed": "followed through", "not_followed": "not followed",
                     "dropped": "dropped"}

STEP_STATUS = {"not_started": "not started", "working": "working", "done": "done", "revisiting": "revisiting"}


def kind_label(kind: str) -> str:
    return KINDS.get(str(kind), str(kind))


def kind_noun(kind: str) -> str:
    return KIND_NOUNS.get(str(kind), str(kind))


def short_kind(kind: str) -> str:
    return SHORT_KINDS.get(str(kind), str(kind))


def reached_out(by: str) -> str:
    return REACHED_OUT.get(str(by), str(by))


def reached_out_short(by: str) -> str:
    return REACHED_OUT_SHORT.get(str(by), str(by))


def status_label(status: str) -> str:
    return SUGGESTION_STATUS.get(str(status), str(status))


def step_status_label(status: str) -> str:
    return STEP_STATUS.get(str(status), str(status))


def options(labels: dict[str, str], first: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for a drop-down, in the order written here; ``first`` relabels some values."""
    return [((first or {}).get(value, label), value) for value, label in labels.items()]

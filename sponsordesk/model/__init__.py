"""Pydantic models: the nouns of the domain, nothing else (no Textual)."""

from sponsordesk.model.base import SCHEMA_VERSION, Record
from sponsordesk.model.contact import (
    Contact,
    ContactFacts,
    ContactFile,
    ContactKind,
    Initiator,
    Suggestion,
    SuggestionFile,
    SuggestionStatus,
)
from sponsordesk.model.ids import new_id
from sponsordesk.model.program import Program, ProgramStep
from sponsordesk.model.record import SponseeRecord
from sponsordesk.model.settings import Settings
from sponsordesk.model.sponsee import SobrietyDate, Sponsee, SponseeState, Status, short_name, slug
from sponsordesk.model.steps import Assignment, Step, StepBoard, StepStatus

__all__ = [
    "SCHEMA_VERSION", "Record", "Contact", "ContactFacts", "ContactFile", "ContactKind", "Initiator",
    "Suggestion", "SuggestionFile", "SuggestionStatus", "Program", "ProgramStep", "Settings",
    "SobrietyDate", "Sponsee", "SponseeState", "Status", "short_name", "slug",
    "Assignment", "Step", "StepBoard", "StepStatus", "SponseeRecord", "new_id",
]

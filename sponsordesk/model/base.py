"""Shared model base: what every TOML-backed record has in common."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

SCHEMA_VERSION = 1


def _aware(value: datetime) -> datetime:
    # TOML allows local datetimes; a hand-written one is read as local time.
    return value if value.tzinfo else value.astimezone()


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


class Record(BaseModel):
    """A model read from a file a person may edit by hand.

    Unknown keys are kept (and written back) rather than dropped, so a typo
    or a newer field never loses data; the store reports them as warnings.
    """

    model_config = ConfigDict(
        extra="allow",
        use_enum_values=True,
        validate_assignment=True,
        str_strip_whitespace=False,
    )

    def unknown_keys(self) -> list[str]:
        return sorted((self.model_extra or {}).keys())

    def to_toml_dict(self) -> dict[str, Any]:
        """A dict tomli-w can write: no None (TOML has no null)."""
        return self.model_dump(mode="python", exclude_none=True)

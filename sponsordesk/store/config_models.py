"""The pydantic models that validate settings.toml and the program files, made from the model's dataclasses.

The app works with plain dataclasses (``model/settings.py``, ``model/program.py``)
so that a start whose config files were already checked needs no pydantic
(store/config_check.py). Their files are still validated by pydantic, with
models made here from the dataclasses' own fields: each field's name, type,
default and ``metadata`` (pydantic's ``Field`` constraints such as ``ge``, ``le``,
``strict``, ``pattern``; ``check``, a function run after the type is checked, which
``config_check.from_values`` runs too; ``validate``, one run by pydantic alone,
given its ``ValidationInfo``; ``items``, one run on each value of a table) become a pydantic field, so the error types,
locations and messages are those of a model written by hand, and there is one
place where a field is defined. Imported only to validate a file.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from types import UnionType
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from sponsordesk.model.base import Record
from sponsordesk.model.program import Program
from sponsordesk.model.settings import Settings

STRICT = ConfigDict(extra="forbid", validate_assignment=True)
"""settings.toml: an unknown key is a typo to report."""

RECORD = Record.model_config
"""A program file, as every record a person may edit (model/base.py ``Record``): unknown keys are let be."""


def _type_of(hint: Any, config: str) -> Any:
    """A field's type with each dataclass in it replaced by its pydantic model."""
    if dataclasses.is_dataclass(hint):
        return model_of(hint, config)
    args = typing.get_args(hint)
    if not args:
        return hint
    origin = typing.get_origin(hint)
    inner = tuple(_type_of(arg, config) for arg in args)
    if origin is UnionType or origin is typing.Union:
        return typing.Union[inner]
    return origin[inner if len(inner) > 1 else inner[0]]


@cache
def model_of(cls: type, config: str = "strict") -> type[BaseModel]:
    """The pydantic model that validates a file of ``cls`` (a dataclass), field for field; ``config``: "strict"
    (``STRICT``) or "record" (``RECORD``), for it and every dataclass in its fields."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        constraints = dict(f.metadata)
        items = constraints.pop("items", None)
        after = [found for found in (constraints.pop("validate", None), constraints.pop("check", None)) if found]
        kind = _type_of(hints[f.name], config)
        if items is not None:  # each value of a table, so a problem is named by its key ("variables.foo")
            key, value = typing.get_args(kind)
            kind = dict[key, Annotated[value, AfterValidator(items)]]  # type: ignore[valid-type]
        for check in after:
            kind = Annotated[kind, AfterValidator(check)]
        if f.default is not dataclasses.MISSING:
            default = Field(default=f.default, **constraints)
        elif f.default_factory is not dataclasses.MISSING:
            factory = f.default_factory
            nested = dataclasses.is_dataclass(hints[f.name])
            default = Field(default_factory=_type_of(hints[f.name], config) if nested else factory, **constraints)
        else:
            default = Field(**constraints)
        fields[f.name] = (kind, default)
    return create_model(cls.__name__, __config__=_CONFIGS[config], __doc__=cls.__doc__, **fields)


_CONFIGS = {"strict": STRICT, "record": RECORD}


def settings_model() -> type[BaseModel]:
    return model_of(Settings)


def program_model() -> type[BaseModel]:
    return model_of(Program, "record")


@cache
def _hints(cls: type) -> dict[str, Any]:
    # resolved once per class: ``get_type_hints`` compiles every (string) annotation again on each call, and
    # ``plain`` runs once per nested value (a shipped program's 12 steps): 9 of the 14 ms of reading them
    return typing.get_type_hints(cls)


def plain(cls: type, model: BaseModel) -> Any:
    """The dataclass ``cls`` holding a validated model's values (the unknown keys it let be are left out)."""
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        values[f.name] = _plain_value(hints[f.name], getattr(model, f.name))
    return cls(**values)


def _plain_value(hint: Any, value: Any) -> Any:
    if dataclasses.is_dataclass(hint):
        return plain(hint, value)
    if typing.get_origin(hint) is list and dataclasses.is_dataclass(typing.get_args(hint)[0]):
        return [plain(typing.get_args(hint)[0], item) for item in value]
    if isinstance(value, (list, dict)):
        return type(value)(value)
    return value

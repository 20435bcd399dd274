"""Read models: the frozen dataclasses the services hand out, filled from a row."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def view_of(cls: type[T], row: Any, **computed: Any) -> T:
    """The dataclass `cls` filled from the row's attributes of the same names; `computed` gives the fields that are
    not plain columns (parsed JSON, split lists)."""
    return cls(**{f.name: computed[f.name] if f.name in computed else getattr(row, f.name) for f in fields(cls)})

"""Human labels for stored codes (statuses, kinds, events, ...), translated at the moment they are shown.

The tables are data (labels.toml: context -> table -> code -> English); `labels.order_status(code)` and the like
look a code up in the table of that name, translated in the table's context. An unknown code shows as itself.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from importlib import resources

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


@functools.cache
def tables() -> dict[str, tuple[str, dict[str, str]]]:
    """{table: (translation context, {code: English})}, read once from labels.toml."""
    data = _toml("labels.toml")
    return {table: (context, entries) for context, group in data.items() for table, entries in group.items()}


def label(table: str, code: str | None) -> str:
    """The code's label from the table, in the user's language ("" for no code, the code itself if unknown)."""
    if code is None:
        return ""
    context, entries = tables()[table]
    text = entries.get(code)
    return QCoreApplication.translate(context, text) if text else code


def __getattr__(name: str) -> Callable[[str | None], str]:
    """`labels.<table>(code)` for every table of labels.toml."""
    if name in tables():
        return functools.partial(label, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rejection(rejected) -> str:
    """A rejected import line's reason in the user's language (the service's English as the fallback)."""
    if rejected.code not in tables()["rejection"][1]:
        return rejected.reason
    arg = label("separator_name", rejected.arg) if rejected.arg in tables()["separator_name"][1] else rejected.arg
    return label("rejection", rejected.code).replace("%1", arg)


@functools.cache
def _colours() -> dict[str, dict[str, list[str]]]:
    """Chip colours, [background, text] by kind and code, read once from colours.toml."""
    return _toml("colours.toml")


def _toml(name: str) -> dict:
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def chip_colours(kind: str, code: str) -> tuple[QColor, QColor]:
    colours = _colours()[kind]
    bg, fg = colours.get(code, colours["*"])
    return QColor(bg), QColor(fg)

"""Timers the way every screen makes them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def timer(parent: QObject, ms: int, slot: Callable, *, single_shot: bool = False) -> QTimer:
    """A timer owned by `parent` that calls `slot` every `ms` (once per start() with single_shot); not started."""
    t = QTimer(parent)
    t.setSingleShot(single_shot)
    t.setInterval(ms)
    t.timeout.connect(slot)
    return t

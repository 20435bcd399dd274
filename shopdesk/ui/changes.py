"""Follows the outbox from the DB thread and tells views which entities moved."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from shopdesk.services.changefeed import ChangeReader
from shopdesk.ui.ops import Ops

POLL_MS = 300


class ChangeWatcher(QObject):
    """Emits `changed({topic: {entity ids}})` after any commit, from this process or another."""

    changed = Signal(object)

    def __init__(self, ops: Ops, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._reader: ChangeReader | None = None
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    async def start(self) -> None:
        self._reader = await self._ops.call(ChangeReader, self._ops.shop.db.engine)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._reader is not None:
            reader, self._reader = self._reader, None
            self._ops.fire(reader.close)

    @asyncSlot()
    async def poll(self) -> None:
        if self._polling or self._reader is None:
            return
        self._polling = True
        try:
            rows = await self._ops.call(self._reader.poll)
        finally:
            self._polling = False
        if rows:
            grouped: dict[str, set[int]] = defaultdict(set)
            for row in rows:
                grouped[row.topic].add(row.entity_id)
            self.changed.emit(dict(grouped))

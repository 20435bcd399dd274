"""Follows the outbox from the DB thread and tells views which entities moved."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from shopdesk.services.common.outbox import ChangeReader
from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer

POLL_MS = 250  # other processes and desktops: PRAGMA data_version is cheap when nothing moved
SOON_MS = 15  # this process wrote (the storefront API, a dialog): look almost at once, bursts coalesce


class ChangeWatcher(QObject):
    """Emits `changed({topic: {entity ids}})` after any commit, from this process or another."""

    changed = Signal(object)

    def __init__(self, ops: Ops, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._reader: ChangeReader | None = None
        self._polling = False
        self._again = False
        self._timer = timer(self, POLL_MS, self.poll)
        self._soon = timer(self, SOON_MS, self.poll, single_shot=True)
        ops.wrote.connect(self._soon_poll)

    def _soon_poll(self) -> None:
        if self._reader is not None and not self._soon.isActive():
            self._soon.start()

    async def start(self) -> None:
        self._reader = await self._ops.call(ChangeReader, self._ops.shop.db.engine)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._soon.stop()
        if self._reader is not None:
            reader, self._reader = self._reader, None
            self._ops.fire(reader.close)

    @asyncSlot()
    async def poll(self) -> None:
        if self._reader is None:
            return
        if self._polling:
            self._again = True  # a commit may have landed after the running poll read: look once more
            return
        self._polling = True
        try:
            rows = await self._ops.call(self._reader.poll)
        finally:
            self._polling = False
        if self._again:
            self._again = False
            self._soon_poll()
        if rows:
            grouped: dict[str, set[int]] = defaultdict(set)
            for row in rows:
                grouped[row.topic].add(row.entity_id)
            self.changed.emit(dict(grouped))

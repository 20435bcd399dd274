"""Follows the outbox from the reader thread and tells views which entities moved."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from shopdesk.services.common.errors import ServerUnreachable
from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer

if TYPE_CHECKING:  # imported by start(): the window is built before the database layer is imported
    from shopdesk.services.common.outbox import ChangeReader, Wakeup

POLL_MS = 250  # other processes and desktops: PRAGMA data_version is cheap when nothing moved
SOON_MS = 15  # this process wrote (the storefront API, a dialog): look almost at once, bursts coalesce
LISTEN_S = 1.0  # PostgreSQL: the listening thread looks at its stop flag this often


class ChangeWatcher(QObject):
    """Emits `changed({topic: {entity ids}})` after any commit, from this process or another."""

    changed = Signal(object)
    _woken = Signal()  # from the listening thread (PostgreSQL): a commit's NOTIFY arrived

    def __init__(self, ops: Ops, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._reader: ChangeReader | None = None
        self._polling = False
        self._again = False
        self._timer = timer(self, POLL_MS, self.poll)
        self._soon = timer(self, SOON_MS, self.poll, single_shot=True)
        ops.wrote.connect(self._soon_poll)
        self._woken.connect(self._soon_poll)
        self._stopping = threading.Event()

    def _soon_poll(self) -> None:
        if self._reader is not None and not self._soon.isActive():
            self._soon.start()

    async def start(self) -> None:
        from shopdesk.services.common.outbox import ChangeReader, Wakeup

        db = self._ops.shop.db
        # The reader (it keeps the last id it saw) lives on the reader thread alone: made, polled and closed there,
        # on a connection of the read engine, so a poll never waits behind a write and the views' follow-up
        # reads, queued after it on the same thread, see at least what it saw.
        self._reader = await self._ops.call_reader(ChangeReader, db.read_engine)
        self._timer.start()
        wakeup = Wakeup(db.engine)
        if wakeup.wakes:  # another desktop's commit wakes this one at once, not at the next poll
            threading.Thread(target=self._listen, args=(wakeup,), name="shopdesk-listen", daemon=True).start()

    def _listen(self, wakeup: Wakeup) -> None:
        try:
            while not self._stopping.is_set():
                if wakeup.wait(LISTEN_S) and not self._stopping.is_set():
                    self._woken.emit()
        finally:
            wakeup.close()

    def stop(self) -> None:
        self._stopping.set()
        self._timer.stop()
        self._soon.stop()
        if self._reader is not None:
            reader, self._reader = self._reader, None
            self._ops.fire_reader(reader.close)

    @asyncSlot()
    async def poll(self) -> None:
        if self._reader is None:
            return
        if self._polling:
            self._again = True  # a commit may have landed after the running poll read: look once more
            return
        self._polling = True
        try:
            rows = await self._ops.call_reader(self._reader.poll)
        except ServerUnreachable:
            rows = []  # the window says "reconnecting…" (Ops saw it); the next poll tries again, from the same id
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

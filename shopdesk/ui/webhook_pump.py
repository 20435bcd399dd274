"""The desktop's webhook sender: every few seconds a look at the outbox (a read), and when something is due the
sender posts it from the event loop (services/maintenance/webhook_sender); the window never waits for it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from qasync import asyncSlot

from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer

if TYPE_CHECKING:
    from shopdesk.services.maintenance.webhook_sender import FlushResult

PUMP_MS = 15_000
log = logging.getLogger(__name__)


class WebhookPump(QObject):
    def __init__(self, ops: Ops, parent: QObject | None = None, *, every_ms: int = PUMP_MS):
        super().__init__(parent)
        self._ops = ops
        self._busy = False
        self._anomalies = None  # start() makes it, with the services imported
        self.timer = timer(self, every_ms, self.pump)
        self.last: FlushResult | None = None

    def start(self) -> None:
        from shopdesk.services.maintenance import webhook_sender

        if self._anomalies is None:
            self._anomalies = webhook_sender.AnomalyWatch(self._ops.write, self._ops.read)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @asyncSlot()
    async def pump(self) -> None:
        from shopdesk.services.maintenance import webhook_sender

        if self._busy or self._ops.shop is None or not self._ops.connected or self._anomalies is None:
            return
        self._busy = True
        try:
            self.last = await webhook_sender.flush(self._ops.write, read=self._ops.read)
            await self._anomalies()
        except Exception:  # the rows stay in the outbox; the next round tries again
            log.exception("webhook sender: this round failed")
        finally:
            self._busy = False

"""The desktop's side of the AI track: the model learns again in the background, and on the owner's "Retrain now".

A retrain is three steps so the desk never waits on it: the training data is one read, the fit runs in a thread
of its own (never the writer or the reader thread: a fit takes seconds), the model is kept in one short write.
In the background it runs when cases people confirmed reach the setting `ai.retrain_every` since the last model,
looked at a little after the change feed names cases; whichever desktop stores first wins, the others' models
are dropped (`suggestions.store_due`)."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from shopdesk.services.common.errors import ServerUnreachable, ShopError
from shopdesk.ui.backups import in_thread
from shopdesk.ui.ops import Ops

CHECK_DELAY_MS = 20_000  # after cases change: a look at whether a retrain is due (a burst makes one look)
log = logging.getLogger(__name__)


class AiTrack(QObject):
    retrained = Signal(object)  # suggestions.RetrainResult: a model this desktop trained was kept
    busy_changed = Signal(bool)  # a retrain runs on this desktop

    def __init__(self, ops: Ops, parent: QObject | None = None, *, delay_ms: int = CHECK_DELAY_MS):
        super().__init__(parent)
        self._ops = ops
        self.busy = False
        self.started = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(delay_ms)
        self._later.timeout.connect(self.check)

    def start(self) -> None:
        """The window is live (it warmed the model up on a thread of its own): look whether a retrain is due."""
        self.started = True
        self.check()

    def stop(self) -> None:
        self.started = False
        self._later.stop()

    def case_changed(self) -> None:
        """The change feed named cases: look (once, a little later) whether enough were confirmed."""
        if self.started and not self._later.isActive():
            self._later.start()

    @asyncSlot()
    async def check(self) -> None:
        await self.check_now()

    async def check_now(self):
        """Retrain in the background if it is due; the kept model's RetrainResult, else None."""
        from shopdesk.services.desk import suggestions

        if self.busy or not self.started or self._ops.shop is None or not self._ops.connected:
            return None
        try:
            if not await self._ops.read(suggestions.needs_retrain):
                return None
            return await self._retrain(suggestions.store_due)
        except (ShopError, ServerUnreachable) as exc:  # too few reasons, the server gone: the next look tries again
            log.info("AI track: no background retrain now (%s)", exc)
            return None

    async def retrain_now(self):
        """The owner's Retrain now: refused before seconds of training for anyone without desk.settings."""
        from shopdesk.services.desk import suggestions

        await self._ops.read(suggestions.may_retrain)
        shop = self._ops.shop
        return await self._retrain(lambda session, trained: suggestions.store(session, trained, actor=shop.actor))

    async def _retrain(self, keep):
        from shopdesk.services.desk import suggestions

        if self.busy:
            return None
        self._set_busy(True)
        try:
            data = await self._ops.read(suggestions.training_data)
            trained = await in_thread(suggestions.fit, data)
            if not self._alive():
                return None  # the window closed during the fit: nothing is written
            done = await self._ops.write(keep, trained)
        finally:
            self._set_busy(False)
        if done is not None and self._alive():
            self.retrained.emit(done)
        return done

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and self.started

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if shiboken6.isValid(self):  # a fit outlives the window that started it
            self.busy_changed.emit(busy)

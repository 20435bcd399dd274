"""Who else is here, on screen: this desktop's heartbeat (with the case it has open), the count of desktops online
in the status bar, and "小李 is viewing" on a case another desktop has open."""

from __future__ import annotations

import socket

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel
from qasync import asyncSlot

from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer


class Presence(QObject):
    def __init__(self, ops: Ops, window, parent: QObject | None = None):
        super().__init__(parent)
        self._ops, self._window = ops, window
        self.desktop_id: str | None = None
        self.label = QLabel(objectName="presenceLabel")
        self.timer = timer(self, 0, self.beat)  # its beat is set by start(), with the services imported

    async def start(self) -> None:
        from shopdesk.services.staff import presence, wraps

        shop = self._ops.shop
        self.timer.setInterval(int(presence.BEAT.total_seconds() * 1000))
        self.desktop_id = await self._ops.call(wraps.device_id, shop.config.data_dir, create=True)
        self.timer.start()
        await self.beat()

    def stop(self) -> None:
        self.timer.stop()

    def case_open(self) -> tuple[int | None, str | None]:
        """The case this desktop has open, and whether someone is writing on it (a dialog of the case open)."""
        page = self._window.aftersales_page
        view = page.case_view
        if self._window.stack.currentWidget() is not page or view.case_id is None:
            return None, None
        editing = any(d.isVisible() for d in view.findChildren(QDialog)) or any(
            d.isVisible() for d in page.findChildren(QDialog)
        )
        return view.case_id, "editing" if editing else "viewing"

    @asyncSlot()
    async def beat(self) -> None:
        from shopdesk.services.staff import presence

        shop = self._ops.shop
        if shop is None or self.desktop_id is None:
            return
        case_id, mode = self.case_open()
        await self._ops.attempt(
            self._ops.write(
                presence.beat, self.desktop_id, shop.actor, host=socket.gethostname(), case_id=case_id, mode=mode
            ),
            self._window.state_label.setText,
        )

    async def leave(self) -> None:
        from shopdesk.services.staff import presence

        if self._ops.shop is not None and self.desktop_id is not None:
            await self._ops.write(presence.leave, self.desktop_id)

    @asyncSlot()
    async def refresh(self) -> None:
        """After a heartbeat anywhere: the status bar's count, and who else has the open case."""
        from shopdesk.services.staff import presence

        if self._ops.shop is None:
            return
        desktops = await self._ops.read(presence.online)
        self.label.setText(self.tr("Desktops online: %1").replace("%1", str(len(desktops))) if desktops else "")
        self.label.setToolTip("\n".join(f"{d.shown} @ {d.host}" for d in desktops))
        view = self._window.aftersales_page.case_view
        view.show_others(
            [
                (self.tr("%1 is editing") if d.case_mode == "editing" else self.tr("%1 is viewing")).replace(
                    "%1", d.shown
                )
                for d in presence.others_on(desktops, view.case_id, besides=self.desktop_id)
            ]
        )

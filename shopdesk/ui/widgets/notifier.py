"""System notifications (tray balloons) with a record of what was shown, for tests and for the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon


class Notifier(QObject):
    shown = Signal(str, str)  # title, text

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.history: list[tuple[str, str]] = []
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip("ShopDesk")
            self._tray.show()

    def notify(self, title: str, text: str) -> None:
        self.history.append((title, text))
        if self._tray is not None:
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.shown.emit(title, text)

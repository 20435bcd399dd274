"""The notification centre: every alert of the window (breaches, new paid orders, orders waiting for keys, stock
alerts, anomalies) is kept here with its time and where it leads; the bell in the status bar shows them. A tray
balloon is an extra where the system has a tray; with none, the bell (and its optional sound) still reaches the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

KEEP = 200  # notifications kept in the centre (the oldest go first)


@dataclass
class Note:
    at: datetime
    kind: str  # breach, paid, waiting, low_stock, anomaly, info
    title: str
    text: str
    where: str | None = None  # MainWindow.go_to's page: orders, desk, inventory, today
    what: dict = field(default_factory=dict)
    read: bool = False


class Notifier(QObject):
    shown = Signal(str, str)  # title, text
    changed = Signal()  # a note arrived or was read: the bell counts again

    def __init__(self, parent: QObject | None = None, *, tray: bool | None = None):
        super().__init__(parent)
        self.history: list[tuple[str, str]] = []
        self.notes: list[Note] = []  # newest first
        self.sound = False  # the bell's setting (persisted by the bell)
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray:
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip("ShopDesk")
            self._tray.show()

    @property
    def has_tray(self) -> bool:
        return self._tray is not None

    @property
    def unread(self) -> int:
        return sum(1 for n in self.notes if not n.read)

    def notify(
        self, title: str, text: str, *, kind: str = "info", where: str | None = None, what: dict | None = None
    ) -> Note:
        note = Note(datetime.now(), kind, title, text, where, dict(what or {}))
        self.history.append((title, text))
        self.notes.insert(0, note)
        del self.notes[KEEP:]
        if self._tray is not None:
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        if self.sound:
            QApplication.beep()
        self.shown.emit(title, text)
        self.changed.emit()
        return note

    def mark_read(self, note: Note) -> None:
        if not note.read:
            note.read = True
            self.changed.emit()

    def mark_all_read(self) -> None:
        if any(not n.read for n in self.notes):
            for n in self.notes:
                n.read = True
            self.changed.emit()

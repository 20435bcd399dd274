"""The bell in the status bar: the count of unread notifications and, on a click, their list (time, text); a click
on one opens the page it is about. "Mark all read" and the sound toggle (kept in the window's settings) sit on top.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.ui import icons
from shopdesk.ui.widgets.notifier import Note, Notifier

SOUND_KEY = "notifications/sound"


class BellPopup(QFrame):
    opened = Signal(object)  # the Note clicked

    def __init__(self, notifier: Notifier, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("bellPopup")
        self.notifier = notifier
        self._settings = settings
        self.setMinimumSize(380, 300)
        title = QLabel(self.tr("Notifications"), objectName="sectionTitle")
        self.read_all = QPushButton(self.tr("Mark all read"), objectName="markAllRead")
        self.read_all.clicked.connect(notifier.mark_all_read)
        self.sound = QCheckBox(self.tr("Sound"), objectName="bellSound")
        self.sound.setToolTip(self.tr("Play a sound when a notification arrives"))
        self.sound.setChecked(notifier.sound)
        self.sound.toggled.connect(self._sound_toggled)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.sound)
        top.addWidget(self.read_all)
        self.list = QListWidget(objectName="bellList")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._clicked)
        self.empty = QLabel(self.tr("Nothing new. Breaches, paid orders and stock alerts appear here."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        notifier.changed.connect(self._changed)
        self.fill()

    def _changed(self) -> None:
        """The list is rebuilt while it is open; a closed one is filled when it opens (a flash sale notifies many
        times a second, and rebuilding a hidden list of 200 notes each time stalled the window)."""
        if self.isVisible():
            self.fill()
        else:
            self.read_all.setEnabled(self.notifier.unread > 0)

    def _sound_toggled(self, on: bool) -> None:
        self.notifier.sound = on
        self._settings.setValue(SOUND_KEY, on)

    def fill(self) -> None:
        self.list.clear()
        for note in self.notifier.notes:
            when = note.at.strftime("%H:%M")
            item = QListWidgetItem(icons.icon(note.kind), f"{when}  {note.title}\n{note.text}")
            item.setData(Qt.ItemDataRole.UserRole, note)
            if not note.read:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            if note.where:
                item.setToolTip(self.tr("Click to open"))
            self.list.addItem(item)
        self.list.setVisible(bool(self.notifier.notes))
        self.empty.setVisible(not self.notifier.notes)
        self.read_all.setEnabled(self.notifier.unread > 0)

    def _clicked(self, item: QListWidgetItem) -> None:
        note: Note = item.data(Qt.ItemDataRole.UserRole)
        self.notifier.mark_read(note)
        self.hide()
        self.opened.emit(note)


class Bell(QToolButton):
    """The status bar's bell with a red count of unread notifications."""

    opened = Signal(object)  # a Note clicked in the list

    def __init__(self, notifier: Notifier, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bell")
        self.notifier = notifier
        notifier.sound = settings.value(SOUND_KEY, False, type=bool)
        self.badge = QLabel(self, objectName="bellBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.popup = BellPopup(notifier, settings, self)
        self.popup.opened.connect(self.opened)
        self.clicked.connect(self.show_list)
        notifier.changed.connect(self.update_count)
        self.refresh_icon()
        self.update_count()

    def refresh_icon(self) -> None:
        self.setIcon(icons.icon("bell_unread" if self.notifier.unread else "bell"))

    @property
    def count(self) -> int:
        return self.notifier.unread

    def update_count(self) -> None:
        n = self.notifier.unread
        self.badge.setText(str(n) if n < 100 else "99+")
        self.badge.setVisible(n > 0)
        self.badge.adjustSize()
        self.badge.move(max(0, self.width() - self.badge.width()), 0)
        self.setText("" if icons.available() else self.tr("Notifications"))
        self.setToolTip(self.tr("Notifications: %1 unread").replace("%1", str(n)))
        self.refresh_icon()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.badge.move(max(0, self.width() - self.badge.width()), 0)

    def show_list(self) -> None:
        self.popup.fill()
        self.popup.adjustSize()
        size = self.popup.sizeHint().expandedTo(self.popup.minimumSize())
        corner = self.mapToGlobal(QPoint(self.width(), 0))
        self.popup.setGeometry(corner.x() - size.width(), corner.y() - size.height() - 4, size.width(), size.height())
        self.popup.show()

"""Small widgets shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHeaderView, QLabel, QSizePolicy, QTableView, QWidget
from qasync import asyncSlot


def stretch_column(view: QTableView, column: int) -> None:
    """Give the spare width to one column (usually the name) instead of the last one."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def make_table(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


def date_range_edits(first: QDate, last: QDate, changed, names: tuple[str, str]) -> tuple[QDateEdit, QDateEdit]:
    """A from and a to date box (calendar popup, yyyy-MM-dd); `changed()` is called when either moves."""
    edits = []
    for day, name in zip((first, last), names, strict=True):
        edit = QDateEdit(day, objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: changed())
        edits.append(edit)
    return edits[0], edits[1]


def wrapped_label(text: str = "", parent: QWidget | None = None, **properties) -> QLabel:
    """A label whose text wraps to the width it is given (notes, hints, messages)."""
    label = QLabel(text, parent, **properties)
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line that never breaks a word: too long for its width, it ends in "…" and the whole text is in the
    tooltip (a header: "#12 · 202611300001 · Customer with a long name"). full_text() is what was set."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **properties):
        super().__init__("", parent, **properties)
        self._full = ""
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # a style sheet or font change: measure again
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 0))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def page_title(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    return label


class ErrorLabel(QLabel):
    """Inline error text in a dialog: what is wrong and how to fix it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class LivePage:
    """Mixed into a page with an async `load()`: it loads again when the change feed names one of its `topics`."""

    topics: tuple[str, ...] = ()  # change-feed topics that mean the page's rows moved

    def on_changes(self, changes: dict) -> None:
        if any(topic in changes for topic in self.topics):
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

"""Small widgets shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHeaderView, QLabel, QTableView, QWidget
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

"""A page that lists plain rows from one read, with a title, a toolbar and dialogs that refresh it when they close."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from shopdesk.ui.models.rows import Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import LivePage, make_table, page_title


class ListPage(LivePage, QWidget):
    """Subclasses pass their columns and toolbar widgets, and implement `rows()` (the read) and `topics`."""

    def __init__(self, ops: Ops, columns: Sequence[Column], table_name: str, parent=None):
        super().__init__(parent)
        self._ops = ops
        self.model = RowsModel(columns, self)
        self.table = make_table(self)
        self.table.setObjectName(table_name)
        self.table.setModel(self.model)
        self.title = page_title("")  # worded by the subclass (tr needs the object built)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.title)
        self.bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table)

    def tool(self, widget: QWidget) -> QWidget:
        self.bar.addWidget(widget)
        return widget

    def button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        return self.tool(button)

    async def rows(self) -> list:
        raise NotImplementedError

    async def load(self) -> None:
        self.model.set_rows(await self.rows())
        self.loaded()

    def loaded(self) -> None:
        """After the rows arrived (size the columns, ...)."""

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a dialog window-modal, without a nested event loop; the list is read again when it closes."""
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

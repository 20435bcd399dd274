"""Customers: list, search, create, edit, top up."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.money import customers
from shopdesk.ui.dialogs.customer import CustomerDialog, TopUpDialog
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, page_title


class CustomersPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.model = RowsModel(
            [
                Column(lambda: self.tr("ID"), lambda c: str(c.id), RIGHT),
                Column(lambda: self.tr("Name"), lambda c: c.name),
                Column(lambda: self.tr("Contact"), lambda c: c.contact),
                Column(lambda: self.tr("Wallet"), lambda c: format_yuan(c.balance_fen), RIGHT),
                Column(lambda: self.tr("Notes"), lambda c: c.notes.replace("\n", " ")),
            ],
            self,
        )
        self.table = make_table(self)
        self.table.setObjectName("customersTable")
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.search = QLineEdit(objectName="customerSearch")
        self.search.setPlaceholderText(self.tr("Search name or contact"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.new_button = QPushButton(self.tr("New customer…"), objectName="newCustomer")
        self.new_button.clicked.connect(self.create)
        self.edit_button = QPushButton(self.tr("Edit…"), objectName="editCustomer")
        self.edit_button.clicked.connect(self.edit_selected)
        self.topup_button = QPushButton(self.tr("Top up…"), objectName="topUp")
        self.topup_button.clicked.connect(self.top_up_selected)

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Customers")))
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.topup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def on_changes(self, changes: dict) -> None:
        if "customer" in changes:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        rows = await self._ops.read(customers.list_customers, self.search.text())
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def _selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def create(self) -> None:
        dialog = CustomerDialog(self._ops, parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

    def edit_selected(self) -> None:
        customer = self._selected()
        if customer is not None:
            dialog = CustomerDialog(self._ops, customer, parent=self)
            dialog.finished.connect(lambda _r: self.refresh())
            dialog.open()

    def top_up_selected(self) -> None:
        customer = self._selected()
        if customer is not None:
            dialog = TopUpDialog(self._ops, customer, parent=self)
            dialog.finished.connect(lambda _r: self.refresh())
            dialog.open()

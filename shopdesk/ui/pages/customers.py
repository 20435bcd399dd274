"""Customers: list, search, create, edit, top up."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.money import customers
from shopdesk.ui.dialogs.customer import CustomerDialog, TopUpDialog
from shopdesk.ui.models.rows import RIGHT, Column
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.list_page import ListPage


class CustomersPage(ListPage):
    topics = ("customer",)

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        columns = [
            Column(lambda: self.tr("ID"), lambda c: str(c.id), RIGHT),
            Column(lambda: self.tr("Name"), lambda c: c.name),
            Column(lambda: self.tr("Contact"), lambda c: c.contact),
            Column(lambda: self.tr("Wallet"), lambda c: format_yuan(c.balance_fen), RIGHT),
            Column(lambda: self.tr("Notes"), lambda c: c.notes.replace("\n", " ")),
        ]
        super().__init__(ops, columns, "customersTable", parent)
        self.title.setText(self.tr("Customers"))
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.search = self.tool(QLineEdit(objectName="customerSearch"))
        self.search.setPlaceholderText(self.tr("Search name or contact"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.new_button = self.button(self.tr("New customer…"), "newCustomer", self.create)
        self.edit_button = self.button(self.tr("Edit…"), "editCustomer", self.edit_selected)
        self.topup_button = self.button(self.tr("Top up…"), "topUp", self.top_up_selected)

    async def rows(self) -> list:
        return await self._ops.read(customers.list_customers, self.search.text())

    def loaded(self) -> None:
        self.table.resizeColumnsToContents()

    @asyncSlot()
    async def show_customer(self, customer_id: int) -> None:
        """Select this customer (an order's "Open the customer"); the search is cleared so the row is listed."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        await self.load()
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == customer_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def create(self) -> None:
        self.open_dialog(CustomerDialog(self._ops, parent=self))

    def edit_selected(self) -> None:
        customer = self.selected()
        if customer is not None:
            self.open_dialog(CustomerDialog(self._ops, customer, parent=self))

    def top_up_selected(self) -> None:
        customer = self.selected()
        if customer is not None:
            self.open_dialog(TopUpDialog(self._ops, customer, parent=self))

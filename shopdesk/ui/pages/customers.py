"""Customers as people: the list (search by name or contact fragment), and for the selected one the wallet history,
orders, cases and credit profile; create, edit, top up, merge two customers (owner) and block or unblock."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import credit, workspace
from shopdesk.services.money import customers
from shopdesk.ui.dialogs.customer import CustomerDialog, TopUpDialog
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.rows import RIGHT, Column
from shopdesk.ui.ops import Ops
from shopdesk.ui.pages.customer_detail import CustomerDetail
from shopdesk.ui.widgets.common import wrapped_label
from shopdesk.ui.widgets.form_dialog import FormDialog
from shopdesk.ui.widgets.list_page import ListPage
from shopdesk.ui.widgets.prompts import ask, ask_text


class CustomersPage(ListPage):
    topics = ("customer", "order", "case")
    order_requested = Signal(str)  # an order number to open on the Orders page

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        columns = [
            Column(lambda: self.tr("ID"), lambda c: str(c.id), RIGHT),
            Column(lambda: self.tr("Name"), lambda c: c.name + (" ⛔" if getattr(c, "blocked", False) else "")),
            Column(lambda: self.tr("Wallet"), lambda c: format_yuan(c.balance_fen), RIGHT),
            Column(lambda: self.tr("Orders"), lambda c: str(c.order_count), RIGHT),
            Column(lambda: self.tr("Contact"), lambda c: c.contact),
        ]
        super().__init__(ops, columns, "customersTable", parent)
        self.title.setText(self.tr("Customers"))
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.search = self.tool(QLineEdit(objectName="customerSearch"))
        self.search.setPlaceholderText(self.tr("Search name or contact"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.new_button = self.button(self.tr("New customer…"), "newCustomer", self.create)
        self.edit_button = self.button(self.tr("Edit…"), "editCustomer", self.edit_selected)
        self.topup_button = self.button(self.tr("Top up…"), "topUp", self.top_up_selected)
        self.merge_button = self.button(self.tr("Merge into…"), "mergeCustomer", self.merge_selected)
        self.merge_button.setToolTip(self.tr("Move this customer's orders, cases and wallet to another customer"))
        self.block_button = self.button(self.tr("Block…"), "blockCustomer", self.toggle_block)
        self.empty_label = wrapped_label(objectName="customersEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.detail = CustomerDetail(self)
        self.detail.order_requested.connect(self.order_requested)
        # the table and its empty state on the left, the selected customer on the right
        layout = self.layout()
        layout.removeWidget(self.table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="customersSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_selected())
        self._shown: int | None = None
        self._update_buttons()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    async def rows(self) -> list:
        return await self._ops.read(customers.list_customers, self.search.text())

    def loaded(self) -> None:
        self.table.resizeColumnsToContents()
        text = self.search.text().strip()
        empty = self.model.rowCount() == 0
        if text:
            self.empty_label.setText(self.tr("No customer's name or contact contains “%1”.").replace("%1", text))
        else:
            self.empty_label.setText(self.tr("No customers yet. Orders from the storefront add them."))
        self.empty_label.setVisible(empty)
        # the detail follows the selection: the same customer again if still listed, else nothing
        row = self._row_of(self._shown) if self._shown is not None else None
        if row is None:
            self.table.clearSelection()
            self._shown = None
            self.detail.show_bundle(None)
            self._update_buttons()
        else:
            self.table.selectRow(row)
            self.show_selected(force=True)

    def _row_of(self, customer_id: int) -> int | None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == customer_id:
                return row
        return None

    @asyncSlot()
    async def show_selected(self, force: bool = False) -> None:
        customer = self.selected()
        if customer is None:
            self._shown = None
            self.detail.show_bundle(None)
            self._update_buttons()
            return
        if customer.id == self._shown and not force and self.detail.bundle is not None:
            return
        self._shown = customer.id
        bundle = await self._ops.attempt(self._ops.read(workspace.load_customer, customer.id))
        if bundle is FAILED or self._shown != customer.id:
            return
        self.detail.show_bundle(bundle)
        self._update_buttons()

    def _update_buttons(self) -> None:
        b = self.detail.bundle
        chosen = self.selected() is not None
        for button in (self.edit_button, self.topup_button, self.merge_button, self.block_button):
            button.setEnabled(chosen)
        blocked = b is not None and getattr(b.customer, "blocked", False)
        self.block_button.setText(self.tr("Unblock") if blocked else self.tr("Block…"))

    @asyncSlot()
    async def show_customer(self, customer_id: int) -> None:
        """Select this customer (an order's "Open the customer"); the search is cleared so the row is listed."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self._shown = customer_id
        await self.load()
        row = self._row_of(customer_id)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))

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

    def merge_selected(self) -> None:
        customer = self.selected()
        if customer is not None:
            others = [c for c in self.model.rows() if c.id != customer.id]
            self.open_dialog(MergeDialog(self._ops, customer, others, parent=self))

    @asyncSlot()
    async def toggle_block(self) -> None:
        b = self.detail.bundle
        if b is None:
            return
        c = b.customer
        actor = self._ops.shop.actor
        if getattr(c, "blocked", False):
            question = self.tr("Let the storefront take orders from %1 again?").replace("%1", c.name)
            if not await ask(self, self.tr("Unblock customer"), question):
                return
            call = self._ops.write(credit.unblock, c.id, actor=actor)
        else:
            reason = await ask_text(
                self,
                self.tr("Block customer"),
                self.tr(
                    "Why is %1 blocked? (the desk sees this; the storefront only hears that orders are refused)"
                ).replace("%1", c.name),
            )
            if reason is None:
                return
            call = self._ops.write(credit.block, c.id, reason, actor=actor)
        if await self._ops.attempt(call) is not FAILED:
            self.refresh()


class MergeDialog(FormDialog):
    """Merge the selected customer into another: orders, cases and the wallet move in one transaction."""

    def __init__(self, ops: Ops, source, others: list, parent=None):
        super().__init__(ops, parent, save_button=False)
        self.setWindowTitle(self.tr("Merge customers"))
        self.setMinimumWidth(460)
        self._source = source
        self.target = QComboBox(objectName="mergeTarget")
        self.target.addItem(self.tr("Choose the customer to keep…"), None)
        # the same contact first: the likeliest duplicate
        ranked = sorted(others, key=lambda c: (c.contact != source.contact, c.name != source.name, c.id))
        for c in ranked:
            self.target.addItem(f"#{c.id} {c.name} · {c.contact or '—'} · ¥{format_yuan(c.balance_fen)}", c.id)
        explain = wrapped_label(
            self.tr(
                "%1's orders, cases and wallet balance (¥%2) move to the customer you keep, in one step that is "
                "recorded in the audit trail; %1 is then hidden from the list. This cannot be undone."
            )
            .replace("%1", source.name)
            .replace("%2", format_yuan(source.balance_fen))
        )
        self.rows(
            (self.tr("Merge"), QLabel(f"#{source.id} {source.name} · {source.contact or '—'}")),
            (self.tr("Into"), self.target),
            ("", explain),
        )

    async def submit(self):
        return await self._ops.write(
            merge_and_refresh, self._source.id, self.target.currentData(), self._ops.shop.actor
        )


def merge_and_refresh(session, from_id: int, into_id: int | None, actor: str):
    """The merge and the survivor's credit level, in one transaction (as `shopdesk customer merge` does)."""
    survivor = customers.merge(session, from_id, into_id, actor=actor)
    credit.refresh(session, survivor.id)
    return survivor

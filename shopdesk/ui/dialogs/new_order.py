"""A sale over the counter: customer, one or more lines, and how it is paid, written in one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductView
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.money import format_yuan
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders.detail import OrderView
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.form_dialog import FormDialog

METHODS = ("unpaid", "wallet", "cash", "external")


def place_order(
    session,
    customer_id: int,
    lines: Sequence[tuple[str, int]],
    *,
    method: str,
    trade_no: str,
    actor: str,
) -> OrderView:
    """Create the order and take the payment in one transaction: a refused payment leaves no order behind."""
    view = orders.create_order(session, customer_id, lines, actor=actor, source="desk")
    if method == "unpaid":
        return view
    if method == "cash":
        trade_no = f"cash-{view.number}"
    return orders.pay_order(session, view.id, method=method, trade_no=trade_no or None, actor=actor).order


def _choices(session) -> tuple[list, list[ProductView]]:
    return customers.list_customers(session), catalog.list_products(session, include_inactive=False)


class OrderLineRow(QWidget):
    def __init__(self, products: list[ProductView], parent=None):
        super().__init__(parent)
        self.product = QComboBox(objectName="lineProduct")
        for p in products:
            self.product.addItem(f"{p.sku} · {p.name} · ¥{format_yuan(p.price_fen)}", p.sku)
            self.product.setItemData(self.product.count() - 1, p.price_fen, Qt.ItemDataRole.UserRole + 1)
        self.quantity = QLineEdit("1", objectName="lineQuantity")
        self.quantity.setFixedWidth(60)
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remove = QToolButton(objectName="removeLine")
        self.remove.setText("×")
        self.remove.setToolTip(self.tr("Remove this line"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.product, 1)
        row.addWidget(QLabel("×"))
        row.addWidget(self.quantity)
        row.addWidget(self.remove)

    def price_fen(self) -> int:
        return self.product.currentData(Qt.ItemDataRole.UserRole + 1) or 0


class NewOrderDialog(FormDialog):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, parent, width=520)
        self._products: list[ProductView] = []
        self.setWindowTitle(self.tr("New order"))
        self.customer = QComboBox(objectName="customer")
        self.customer.setEditable(True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.customer.lineEdit().setPlaceholderText(self.tr("Type a name or contact"))
        self.balance = QLabel(objectName="walletBalance")
        self.lines_box = QVBoxLayout()
        self.lines_box.setContentsMargins(0, 0, 0, 0)
        self.lines: list[OrderLineRow] = []
        self.add_line_button = QPushButton(self.tr("Add line"), objectName="addLine")
        self.add_line_button.clicked.connect(self.add_line)
        self.total = QLabel(objectName="orderTotal")
        self.method = QComboBox(objectName="paymentMethod")
        for code, text in zip(
            METHODS,
            (self.tr("Unpaid"), self.tr("Wallet"), self.tr("Cash"), self.tr("External (gateway)")),
            strict=True,
        ):
            self.method.addItem(text, code)
        self.trade_no = QLineEdit(objectName="tradeNo")
        self.trade_no.setPlaceholderText(self.tr("The gateway's trade number"))
        lines_widget = QWidget()
        lines_layout = QVBoxLayout(lines_widget)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addLayout(self.lines_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_line_button)
        add_row.addStretch(1)
        add_row.addWidget(self.total)
        lines_layout.addLayout(add_row)
        self.rows(
            (self.tr("Customer"), self.customer),
            ("", self.balance),
            (self.tr("Items"), lines_widget),
            (self.tr("Payment"), self.method),
            (self.tr("Trade number"), self.trade_no),
        )
        self.customer.editTextChanged.connect(lambda _t: self._show_balance())
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self._method_changed()

    async def load(self) -> None:
        people, self._products = await self._ops.read(_choices)
        self.customer.clear()
        for c in people:
            label = f"{c.name} · {c.contact}" if c.contact else c.name
            self.customer.addItem(label, c.id)
            self.customer.setItemData(self.customer.count() - 1, c.balance_fen, Qt.ItemDataRole.UserRole + 1)
        completer = QCompleter(self.customer.model(), self.customer)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.customer.setCompleter(completer)
        self.customer.setCurrentIndex(-1)
        self.customer.setEditText("")
        if not self.lines:
            self.add_line()

    def add_line(self) -> OrderLineRow:
        row = OrderLineRow(self._products, self)
        row.remove.clicked.connect(lambda: self._remove_line(row))
        row.product.currentIndexChanged.connect(lambda _i: self._show_total())
        row.quantity.textChanged.connect(lambda _t: self._show_total())
        self.lines.append(row)
        self.lines_box.addWidget(row)
        self._show_total()
        return row

    def _remove_line(self, row: OrderLineRow) -> None:
        if len(self.lines) > 1:
            self.lines.remove(row)
            row.deleteLater()
            self._show_total()

    def _show_total(self) -> None:
        total = 0
        for row in self.lines:
            qty = row.quantity.text().strip()
            total += row.price_fen() * int(qty) if qty.isdigit() else 0
        self.total.setText(self.tr("Total: ¥%1").replace("%1", format_yuan(total)))

    def _show_balance(self) -> None:
        row = self._customer_row()
        balance = self.customer.itemData(row, Qt.ItemDataRole.UserRole + 1) if row >= 0 else None
        text = "" if balance is None else self.tr("Wallet balance: ¥%1").replace("%1", format_yuan(balance))
        self.balance.setText(text)

    def _method_changed(self) -> None:
        external = self.method.currentData() == "external"
        self.trade_no.setEnabled(external)
        if not external:
            self.trade_no.clear()

    def _customer_row(self) -> int:
        """The list entry the typed text names (the type-ahead fills in the whole entry), or -1."""
        return self.customer.findText(self.customer.currentText().strip(), Qt.MatchFlag.MatchFixedString)

    def _customer_id(self) -> int | None:
        row = self._customer_row()
        return self.customer.itemData(row) if row >= 0 else None

    @property
    def created(self) -> OrderView | None:
        return self.saved

    def _lines(self) -> list[tuple[str, int]]:
        lines = []
        for n, row in enumerate(self.lines, start=1):
            qty = row.quantity.text().strip()
            if not qty.isdigit():
                raise InvalidInput(
                    self.tr("Line %1: the quantity must be a whole number, not “%2”.")
                    .replace("%1", str(n))
                    .replace("%2", qty)
                )
            if row.product.currentData() is None:
                raise InvalidInput(self.tr("Line %1: pick a product.").replace("%1", str(n)))
            lines.append((row.product.currentData(), int(qty)))
        return lines

    async def submit(self) -> OrderView:
        customer_id = self._customer_id()
        if customer_id is None:
            raise InvalidInput(self.tr("Pick the customer from the list (type part of the name to search)."))
        lines = self._lines()
        method = self.method.currentData()
        trade_no = self.trade_no.text().strip()
        if method == "external" and not trade_no:
            raise InvalidInput(self.tr("An external payment needs the gateway's trade number."))
        return await self._ops.write(
            place_order, customer_id, lines, method=method, trade_no=trade_no, actor=self._ops.shop.actor
        )

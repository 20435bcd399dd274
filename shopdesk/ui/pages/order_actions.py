"""What can be done with the order on show: open a case, refund, resend or copy the delivery message, reveal its
keys, open its customer. The same actions are the detail's buttons and the board's right-click menu; each is
enabled by the order's state and the user's permissions, and the services check the permission again."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import access
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.desk import reasons as reason_service
from shopdesk.services.desk.cases import open_by_number
from shopdesk.services.money.refunds import DESTINATIONS
from shopdesk.services.orders import actions, message, reconcile
from shopdesk.services.orders.detail import OrderView
from shopdesk.ui import icons, labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.dialogs import OpenCaseDialog, SubmitDialog
from shopdesk.ui.errors import FAILED, describe
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import wrapped_label
from shopdesk.ui.widgets.prompts import ask

PERMISSIONS = ("cases.handle", "money.refund", "orders.sell", "keys.reveal")
CLOSED = ("closed", "cancelled")


class RefundDialog(SubmitDialog):
    """How much of what the order was paid goes back, and where to; OK is the confirmation."""

    def __init__(self, submit, view: OrderView, parent: QWidget | None = None):
        super().__init__(submit, parent)
        self.setObjectName("orderRefundDialog")
        self.setWindowTitle(self.tr("Refund order %1").replace("%1", view.number))
        self.setMinimumWidth(420)
        left = view.paid_fen - view.refunded_fen
        self.amount = QLineEdit(objectName="refundAmount")
        self.amount.setPlaceholderText("0.00")
        self.destination = QComboBox(objectName="refundDestination")
        for code in DESTINATIONS:
            self.destination.addItem(desk.refund_to(code), code)
        note = self.tr(
            "Paid ¥%1, refunded ¥%2, ¥%3 left. The order stays as it is: to refund all of it and take the keys "
            "back, open a case and resolve it as cancelled."
        )
        self.form.addRow(
            wrapped_label(
                note.replace("%1", format_yuan(view.paid_fen))
                .replace("%2", format_yuan(view.refunded_fen))
                .replace("%3", format_yuan(left))
            )
        )
        self.form.addRow(self.tr("Amount (yuan)"), self.amount)
        self.form.addRow(self.tr("Refund to"), self.destination)

    def values(self) -> dict:
        return {"amount": self.amount.text(), "destination": self.destination.currentData()}


class ConfirmPaymentDialog(SubmitDialog):
    """补单: the gateway's trade number, the amount (the amount due, prefilled) and the method of a payment whose
    callback never came; it is recorded exactly as the callback would have been."""

    METHODS = ("alipay", "wechat", "bank", "cash", "external")

    def __init__(self, submit, view: OrderView, parent: QWidget | None = None):
        super().__init__(submit, parent)
        self.setObjectName("confirmPaymentDialog")
        self.setWindowTitle(self.tr("Confirm payment of %1").replace("%1", view.number))
        self.setMinimumWidth(420)
        self.trade_no = QLineEdit(objectName="confirmTradeNo")
        self.trade_no.setPlaceholderText(self.tr("as the gateway shows it"))
        self.amount = QLineEdit(format_yuan(view.total_fen - view.paid_fen), objectName="confirmAmount")
        self.method = QComboBox(objectName="confirmMethod")
        for code in self.METHODS:
            self.method.addItem(labels.payment_method(code), code)
        self.form.addRow(
            wrapped_label(
                self.tr(
                    "The customer paid but the shop never heard (掉单). Check the payment in the gateway's records, "
                    "then enter it here: the same trade number twice is one payment."
                )
            )
        )
        self.form.addRow(self.tr("Trade number"), self.trade_no)
        self.form.addRow(self.tr("Amount (yuan)"), self.amount)
        self.form.addRow(self.tr("Method"), self.method)

    def values(self) -> dict:
        return {"trade_no": self.trade_no.text(), "amount": self.amount.text(), "method": self.method.currentData()}


class OrderActions(QWidget):
    """The buttons; `menu()` gives the same actions as a context menu."""

    customer_requested = Signal(int)  # customer id: show them on the Customers page
    case_requested = Signal(int)  # case id: show it on the desk

    def __init__(self, ops: Ops, detail, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._detail = detail
        self.view: OrderView | None = None
        self._may: dict[str, bool] = {}
        self.message = QLabel(objectName="orderActionMessage")
        self.open_case = self._action(self.tr("Open a case…"), "actionOpenCase", self.open_case_dialog, "case")
        self.refund = self._action(self.tr("Refund…"), "actionRefund", self.refund_dialog, "refund")
        self.resend = self._action(self.tr("Resend delivery"), "actionResend", self.resend_delivery, "send")
        self.resend.setToolTip(self.tr("Send the delivery message to the storefront again (recorded)."))
        self.copy = self._action(self.tr("Copy delivery message"), "actionCopyMessage", self.copy_message, "copy")
        self.copy.setToolTip(self.tr("Copies the keys with the product's message, for QQ/WeChat (an audited reveal)."))
        self.reveal = self._action(self.tr("Reveal keys"), "actionReveal", self.reveal_keys, "reveal")
        self.reveal.setToolTip(self.tr("Shows the order's secrets; each reveal is recorded in the audit trail."))
        self.customer = self._action(self.tr("Open the customer"), "actionCustomer", self.open_customer, "customer")
        self.confirm = self._action(
            self.tr("Confirm payment…"), "actionConfirmPayment", self.confirm_dialog, "payments"
        )
        self.confirm.setToolTip(self.tr("Record a payment whose callback never came (补单), as the callback would."))
        self.all = (self.open_case, self.refund, self.resend, self.copy, self.reveal, self.customer, self.confirm)
        # rows of two: with their icons the actions do not fit the detail's width in one row (nor three in English)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, act in enumerate(self.all):
            button = QToolButton(objectName=act.objectName() + "Button")
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, i // 2, i % 2)
        self.message.setWordWrap(True)
        grid.addWidget(self.message, 0, 2, 4, 1)
        grid.setColumnStretch(2, 1)
        self.set_view(None)

    def _action(self, text: str, name: str, slot, glyph: str) -> QAction:
        act = QAction(icons.icon(glyph), text, self)
        act.setObjectName(name)
        act.setProperty("iconName", glyph)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    async def load_permissions(self) -> None:
        who = self._ops.shop.identity if self._ops.shop is not None else None
        if who is None:
            self._may = dict.fromkeys(PERMISSIONS, True)
        else:
            self._may = {p: await self._ops.read(access.allowed, who.role, p) for p in PERMISSIONS}
        self.set_view(self.view)

    def may(self, permission: str) -> bool:
        return self._may.get(permission, True)

    def set_view(self, view: OrderView | None) -> None:
        """Enable what this order, in its state, allows this user."""
        if view is None or self.view is None or view.id != self.view.id:
            self.message.setText("")
        self.view = view
        has_keys = bool(view and view.delivered_keys)
        self.open_case.setEnabled(bool(view) and view.status not in CLOSED and self.may("cases.handle"))
        self.refund.setEnabled(bool(view) and view.paid_fen > view.refunded_fen and self.may("money.refund"))
        self.resend.setEnabled(has_keys and view.status in actions.DELIVERED and self.may("orders.sell"))
        self.copy.setEnabled(has_keys and self.may("keys.reveal"))
        self.reveal.setEnabled(has_keys and self.may("keys.reveal"))
        self.customer.setEnabled(view is not None)
        pending = bool(view) and view.status == "pending_payment" and view.payment_status == "unpaid"
        self.confirm.setEnabled(pending and self.may("orders.sell"))

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("orderMenu")
        for i, act in enumerate(self.all):
            if i in (2, 5, 6):
                menu.addSeparator()
            menu.addAction(act)
        return menu

    def popup(self, parent: QWidget, at: QPoint) -> QMenu:
        menu = self.menu(parent)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(at)
        return menu

    def _show(self, text: str) -> None:
        self.message.setText(text)

    # --- the actions --------------------------------------------------------------------------------
    @asyncSlot()
    async def open_case_dialog(self) -> OpenCaseDialog | None:
        view = self.view
        if view is None:
            return None
        known = {r.code: r for r in await self._ops.read(reason_service.reasons)}

        async def submit(values: dict) -> str | None:
            problems: list[str] = []
            call = self._ops.write(
                open_by_number,
                view.number,
                values["reason_code"],
                priority=values["priority"],
                note=values["note"],
                actor=self._ops.shop.actor,
            )
            opened = await self._ops.attempt(call, problems.append)
            if opened is FAILED:
                return problems[0]
            self._show(self.tr("Case #%1 opened.").replace("%1", str(opened.id)))
            self._offer_desk(opened.id)
            return None

        dialog = OpenCaseDialog(submit, known, parent=self.window())
        dialog.setObjectName("orderOpenCaseDialog")
        dialog.order.setText(view.number)
        dialog.order.setReadOnly(True)
        dialog.open()
        self.case_dialog = dialog
        return dialog

    @asyncSlot()
    async def _offer_desk(self, case_id: int) -> None:
        text = self.tr("Case #%1 is open. Go to the desk to work on it?").replace("%1", str(case_id))
        if await ask(self.window(), self.tr("Case opened"), text):
            self.case_requested.emit(case_id)

    def refund_dialog(self) -> RefundDialog | None:
        view = self.view
        if view is None:
            return None

        async def submit(values: dict) -> str | None:
            problems: list[str] = []
            try:
                amount = parse_yuan(values["amount"], field=self.tr("Amount"))
            except Exception as bad:  # noqa: BLE001 (a ShopError: the same sentence the service would say)
                return str(getattr(bad, "message", bad))
            if not await self._ops.confirmed(self, self.tr("refund")):
                return self.tr("Not refunded: the passphrase was not confirmed.")
            call = self._ops.write(
                actions.refund_order,
                view.id,
                amount,
                destination=values["destination"],
                actor=self._ops.shop.actor,
                request_id=request,
            )
            done = await self._ops.attempt(call, problems.append)
            if done is FAILED:
                return problems[0]
            text = self.tr("¥%1 refunded (%2).").replace("%1", format_yuan(amount))
            self._show(text.replace("%2", desk.refund_to(values["destination"])))
            await self._detail.load()
            return None

        request = uuid.uuid4().hex  # one dialog, one refund: a second OK after a lost answer moves nothing
        dialog = RefundDialog(submit, view, parent=self.window())
        dialog.open()
        self.refund_window = dialog
        return dialog

    @asyncSlot()
    async def resend_delivery(self) -> None:
        view = self.view
        if view is None:
            return
        self.resend.setEnabled(False)  # one click, one resend
        try:
            call = self._ops.write(
                actions.resend_delivery, view.id, actor=self._ops.shop.actor, request_id=uuid.uuid4().hex
            )
            if await self._ops.attempt(call, self._show) is FAILED:
                return
            self._show(self.tr("Delivery of %1 sent again.").replace("%1", view.number))
        finally:
            self.set_view(self.view)

    @asyncSlot()
    async def copy_message(self) -> None:
        view = self.view
        if view is None:
            return
        if not await self._ops.confirmed(self, self.tr("copy the keys")):
            return
        call = self._ops.write(
            message.delivery_message, view.id, desk.ui_lang(), self._ops.shop.actor, vault=self._ops.shop.vault
        )
        text = await self._ops.attempt(call, self._show)
        if text is FAILED:
            return
        QGuiApplication.clipboard().setText(text)
        self._show(self.tr("Delivery message copied: paste it into the chat."))

    def reveal_keys(self) -> None:
        if self.view is not None:
            self._detail.reveal_all()

    def confirm_dialog(self) -> ConfirmPaymentDialog | None:
        view = self.view
        if view is None:
            return None

        async def submit(values: dict) -> str | None:
            problems: list[str] = []
            try:
                amount = parse_yuan(values["amount"], field=self.tr("Amount"))
            except Exception as bad:  # noqa: BLE001 (a ShopError: the same sentence the service would say)
                return str(getattr(bad, "message", bad))
            call = self._ops.write(
                reconcile.confirm_payment,
                view.id,
                trade_no=values["trade_no"],
                amount_fen=amount,
                method=values["method"],
                actor=self._ops.shop.actor,
            )
            done = await self._ops.attempt(call, problems.append)
            if done is FAILED:
                return problems[0]
            if done.refused is not None:
                self._show(self.tr("The order could not take it: %1").replace("%1", describe(done.refused)))
            elif done.replayed:
                self._show(self.tr("That payment was already recorded; nothing changed."))
            else:
                self._show(self.tr("Payment recorded: %1.").replace("%1", labels.order_status(done.order.status)))
            await self._detail.load()
            return None

        dialog = ConfirmPaymentDialog(submit, view, parent=self.window())
        dialog.open()
        self.confirm_window = dialog
        return dialog

    def open_customer(self) -> None:
        if self.view is not None:
            self.customer_requested.emit(self.view.customer_id)

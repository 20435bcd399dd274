"""Create or edit a customer; top up a wallet."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.money import customers
from shopdesk.services.money.customers import CustomerView
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.form_dialog import FormDialog


class CustomerDialog(FormDialog):
    def __init__(self, ops: Ops, customer: CustomerView | None = None, parent=None):
        super().__init__(ops, parent)
        self.setWindowTitle(self.tr("New customer") if customer is None else self.tr("Edit customer"))
        self._customer = customer
        self.saved: CustomerView | None = None
        self.name = QLineEdit(objectName="name")
        self.contact = QLineEdit(objectName="contact")
        self.contact.setPlaceholderText(self.tr("WeChat, QQ, phone or e-mail"))
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(70)
        self.rows((self.tr("Name"), self.name), (self.tr("Contact"), self.contact), (self.tr("Notes"), self.notes))
        if customer is not None:
            self.name.setText(customer.name)
            self.contact.setText(customer.contact)
            self.notes.setPlainText(customer.notes)

    def submit(self):
        args = (self.name.text(), self.contact.text(), self.notes.toPlainText())
        if self._customer is None:
            return self._ops.write(customers.add_customer, *args)
        return self._ops.write(customers.edit_customer, self._customer.id, *args)


class TopUpDialog(FormDialog):
    """Credit money paid in. The idempotency key is fixed when the dialog opens: a double click credits once."""

    def __init__(self, ops: Ops, customer: CustomerView, parent=None):
        super().__init__(ops, parent, save_button=False)
        self.setWindowTitle(self.tr("Top up wallet"))
        self._customer = customer
        self._key = f"desk-topup-{uuid.uuid4()}"
        self.amount = QLineEdit(objectName="amount")
        self.amount.setPlaceholderText("100.00")
        self.memo = QLineEdit(objectName="memo")
        self.memo.setPlaceholderText(self.tr("e.g. bank transfer 11-22"))
        self.rows(
            (self.tr("Customer"), QLabel(customer.name)),
            (self.tr("Balance"), QLabel(format_yuan(customer.balance_fen))),
            (self.tr("Amount (yuan)"), self.amount),
            (self.tr("Memo"), self.memo),
        )

    async def submit(self):
        amount = parse_yuan(self.amount.text(), field=self.tr("Amount"))
        return await self._ops.write(
            customers.topup,
            self._customer.id,
            amount,
            idempotency_key=self._key,
            actor=self._ops.shop.actor,
            memo=self.memo.text(),
        )

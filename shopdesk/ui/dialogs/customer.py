"""Create or edit a customer; top up a wallet."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.money import customers
from shopdesk.services.money.customers import CustomerView
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel


class CustomerDialog(QDialog):
    def __init__(self, ops: Ops, customer: CustomerView | None = None, parent=None):
        super().__init__(parent)
        self._ops = ops
        self._customer = customer
        self.saved: CustomerView | None = None
        self.setWindowTitle(self.tr("New customer") if customer is None else self.tr("Edit customer"))
        self.setMinimumWidth(380)
        self.name = QLineEdit(objectName="name")
        self.contact = QLineEdit(objectName="contact")
        self.contact.setPlaceholderText(self.tr("WeChat, QQ, phone or e-mail"))
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(70)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Notes"), self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if customer is not None:
            self.name.setText(customer.name)
            self.contact.setText(customer.contact)
            self.notes.setPlainText(customer.notes)

    @asyncSlot()
    async def save(self) -> None:
        self.buttons.setEnabled(False)
        args = (self.name.text(), self.contact.text(), self.notes.toPlainText())
        if self._customer is None:
            call = self._ops.write(customers.add_customer, *args)
        else:
            call = self._ops.write(customers.edit_customer, self._customer.id, *args)
        try:
            saved = await self._ops.attempt(call, self.error.show_error)
        finally:
            self.buttons.setEnabled(True)
        if saved is FAILED:
            return
        self.saved = saved
        self.accept()


class TopUpDialog(QDialog):
    """Credit money paid in. The idempotency key is fixed when the dialog opens: a double click credits once."""

    def __init__(self, ops: Ops, customer: CustomerView, parent=None):
        super().__init__(parent)
        self._ops = ops
        self._customer = customer
        self._key = f"desk-topup-{uuid.uuid4()}"
        self.setWindowTitle(self.tr("Top up wallet"))
        self.amount = QLineEdit(objectName="amount")
        self.amount.setPlaceholderText("100.00")
        self.memo = QLineEdit(objectName="memo")
        self.memo.setPlaceholderText(self.tr("e.g. bank transfer 11-22"))
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Customer"), QLabel(customer.name))
        form.addRow(self.tr("Balance"), QLabel(format_yuan(customer.balance_fen)))
        form.addRow(self.tr("Amount (yuan)"), self.amount)
        form.addRow(self.tr("Memo"), self.memo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @asyncSlot()
    async def save(self) -> None:
        self.buttons.setEnabled(False)

        async def top_up():
            amount = parse_yuan(self.amount.text(), field=self.tr("Amount"))
            return await self._ops.write(
                customers.topup,
                self._customer.id,
                amount,
                idempotency_key=self._key,
                actor=self._ops.shop.actor,
                memo=self.memo.text(),
            )

        try:
            done = await self._ops.attempt(top_up(), self.error.show_error)
        finally:
            self.buttons.setEnabled(True)
        if done is FAILED:
            return
        self.accept()

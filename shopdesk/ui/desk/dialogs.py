"""Small dialogs of the case view. Each collects input and hands it to `submit`, which does the write and
returns an error to show here (the dialog stays open) or None (done; a conflict is shown by the case view)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from shopdesk.services.common.errors import ShopError
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.ui import labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.widgets.common import wrapped_label
from shopdesk.ui.widgets.form_dialog import FormDialog

Submit = Callable[[dict], Awaitable[str | None]]


class SubmitDialog(FormDialog):
    def __init__(self, submit: Submit, parent: QWidget | None = None):
        super().__init__(None, parent, save_button=False)
        self._submit = submit

    def values(self) -> dict:
        raise NotImplementedError

    async def submit(self):
        problem = await self._submit(self.values())
        if problem:
            raise Problem(problem)
        return True


class Problem(ShopError):
    """What `submit` said went wrong, already in the user's words."""


class TextDialog(SubmitDialog):
    """One piece of text: a note (several lines) or a name (one line, with names to pick from)."""

    def __init__(
        self,
        submit: Submit,
        title: str,
        label: str,
        *,
        multiline: bool = False,
        choices: list[str] | None = None,
        people: list[tuple[str, str]] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(submit, parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        if multiline:
            self.text = QPlainTextEdit(objectName="text")
            self.text.setFixedHeight(90)
        else:
            self.text = QComboBox(objectName="text")
            self.text.setEditable(not people)
            self.text.addItems(choices or [])
            for shown, name in people or []:  # a user to pick, shown by their display name
                self.text.addItem(shown if shown == name else f"{shown} ({name})", name)
        self.form.addRow(label, self.text)

    def set_text(self, text: str) -> None:
        if isinstance(self.text, QPlainTextEdit):
            self.text.setPlainText(text)
        elif not self.text.isEditable():
            self.text.setCurrentIndex(max(0, self.text.findData(text)))
        else:
            self.text.setEditText(text)

    def values(self) -> dict:
        if isinstance(self.text, QPlainTextEdit):
            return {"text": self.text.toPlainText()}
        if not self.text.isEditable():
            return {"text": self.text.currentData()}
        return {"text": self.text.currentText()}


def fill_reasons(combo: QComboBox, reasons: dict, current: str | None = None) -> None:
    """Active reasons grouped by class, labelled in the UI's language."""
    combo.clear()
    for r in reasons.values():
        if r.active:
            combo.addItem(f"{labels.resp_class(r.resp_class)} · {desk.reason_label(reasons, r.code)}", r.code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))


class ReasonDialog(SubmitDialog):
    def __init__(self, submit: Submit, reasons: dict, current: str, parent: QWidget | None = None):
        super().__init__(submit, parent)
        self.setWindowTitle(self.tr("Correct the reason"))
        self.setMinimumWidth(420)
        self.reason = QComboBox(objectName="reason")
        fill_reasons(self.reason, reasons, current)
        self.note = QLineEdit(objectName="note")
        self.note.setPlaceholderText(self.tr("Why the reason changes (kept in the timeline)"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Note"), self.note)

    def values(self) -> dict:
        return {"reason_code": self.reason.currentData(), "note": self.note.text()}


class OpenCaseDialog(SubmitDialog):
    """Open a case on an order by its number (a cancellation request that came by chat or phone). Paste the
    customer's words and leave the reason to the AI track, or pick the reason (the words are read beside it)."""

    def __init__(self, submit: Submit, reasons: dict, parent: QWidget | None = None):
        super().__init__(submit, parent)
        self.setWindowTitle(self.tr("Open a case"))
        self.setMinimumWidth(480)
        self.order = QLineEdit(objectName="orderNumber")
        self.order.setPlaceholderText(self.tr("Order number, e.g. SD20260101000042"))
        self.words = QPlainTextEdit(objectName="customerWords")
        self.words.setPlaceholderText(self.tr("Paste what the customer wrote, e.g. 拍错了，我要的是100面值的"))
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(78)
        self.reason = QComboBox(objectName="reason")
        fill_reasons(self.reason, reasons)
        self.reason.insertItem(0, self.tr("Read from the customer's words (AI track)"), None)
        self.reason.setCurrentIndex(0)
        self.reason.setToolTip(
            self.tr("The model suggests the reason; when it is not sure, the case waits for a person to pick one.")
        )
        self.priority = QComboBox(objectName="priority")
        for code in ("normal", "high"):
            self.priority.addItem(desk.priority(code), code)
        self.note = QLineEdit(objectName="note")
        self.note.setPlaceholderText(self.tr("A note for the desk (optional)"))
        self.form.addRow(self.tr("Order"), self.order)
        self.form.addRow(self.tr("Customer's words"), self.words)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Priority"), self.priority)
        self.form.addRow(self.tr("Note"), self.note)

    def values(self) -> dict:
        words = self.words.toPlainText().strip()
        return {
            "number": self.order.text().strip(),
            "reason_code": self.reason.currentData(),
            "priority": self.priority.currentData(),
            "note": self.note.text(),
            "text": words or None,
        }


class ResolveDialog(SubmitDialog):
    """The outcome; for a cancellation where the money goes (all or part) and any compensation; for a rejection
    the reason the customer is told. Remembers the case version it was opened on."""

    def __init__(self, submit: Submit, bundle, parent: QWidget | None = None):
        super().__init__(submit, parent)
        self.version = bundle.case.version
        order = bundle.order
        self._refundable = order.paid_fen - order.refunded_fen
        self.setWindowTitle(self.tr("Resolve case #%1").replace("%1", str(bundle.case.id)))
        self.setMinimumWidth(480)
        self.outcome = QComboBox(objectName="outcome")
        for code in ("cancelled", "retained", "replaced", "rejected"):
            self.outcome.addItem(desk.outcome(code), code)
        self.hint = wrapped_label(objectName="retentionHint")
        self.hint.setStyleSheet("color: #8a5a00;")
        made = {o.kind for o in bundle.offers}
        pending = [s for s in bundle.suggestions if s.kind not in made]
        if pending and not bundle.offers:
            kinds = " / ".join(desk.offer_kind(s.kind) for s in pending)
            self.hint.setText(
                self.tr("Before cancelling, try to keep the customer: %1 (Offers tab).").replace("%1", kinds)
            )
        self.refund = QComboBox(objectName="refundTo")
        for code in ("wallet", "external"):
            self.refund.addItem(desk.refund_to(code), code)
        by_wallet = any(p.method == "wallet" for p in order.payments)
        self.refund.setCurrentIndex(0 if by_wallet or not order.payments else 1)
        self.partial = QCheckBox(self.tr("Refund only part"), objectName="partial")
        self.amount = QLineEdit(objectName="refundAmount")
        self.amount.setPlaceholderText(format_yuan(self._refundable))
        self.amount.setEnabled(False)
        self.partial.toggled.connect(self.amount.setEnabled)
        self.compensation = QLineEdit(objectName="compensation")
        self.compensation.setPlaceholderText("0.00")
        self.rejection = QLineEdit(objectName="rejectionReason")
        self.rejection.setPlaceholderText(self.tr("In words the customer can be told"))
        self.note = QLineEdit(objectName="note")
        self.refundable = QLabel(
            self.tr("Paid ¥%1, refunded so far ¥%2: up to ¥%3 can go back.")
            .replace("%1", format_yuan(order.paid_fen))
            .replace("%2", format_yuan(order.refunded_fen))
            .replace("%3", format_yuan(self._refundable))
        )
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.form.addRow(self.hint)
        self.form.addRow(self.refundable)
        self.form.addRow(self.tr("Refund to"), self.refund)
        self.form.addRow(self.partial, self.amount)
        self._compensation_label = QLabel(self.tr("Compensation (yuan)"))
        self.form.addRow(self._compensation_label, self.compensation)
        self.form.addRow(self.tr("Why rejected"), self.rejection)
        self.form.addRow(self.tr("Note"), self.note)
        fault = bundle.case.resp_class != "customer"
        self.compensation.setEnabled(fault)
        if not fault:
            self.compensation.setToolTip(self.tr("Compensation is for merchant or system fault."))
        self.outcome.currentIndexChanged.connect(lambda _i: self._follow_outcome())
        self._follow_outcome()

    def _follow_outcome(self) -> None:
        code = self.outcome.currentData()
        cancelling = code == "cancelled"
        for w in (self.refund, self.partial, self.amount, self.refundable, self.compensation):
            self.form.setRowVisible(w, cancelling)
        self.form.setRowVisible(self.hint, cancelling and bool(self.hint.text()))
        self.form.setRowVisible(self.rejection, code == "rejected")

    def values(self) -> dict:
        code = self.outcome.currentData()
        out = {"outcome": code, "note": self.note.text().strip(), "version": self.version}
        if code == "cancelled":
            out["refund"] = self.refund.currentData()
            if self.partial.isChecked():
                out["refund_fen"] = parse_yuan(self.amount.text(), field=self.tr("Refund"), allow_zero=True)
            text = self.compensation.text().strip()
            if text and self.compensation.isEnabled():
                out["compensation_fen"] = parse_yuan(text, field=self.tr("Compensation"), allow_zero=True)
        elif code == "rejected":
            out["rejection_reason"] = self.rejection.text()
        return out

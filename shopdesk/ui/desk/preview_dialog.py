"""Before a cancellation is applied: what it will do, in words (keys and where each goes, the refund and to
where, coupons given back, compensation, the credit effect), with Apply and Cancel. Opened with open(); the
case view awaits its answer. `summary` words the same plan once it has been applied."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from shopdesk.services.common.money import format_yuan
from shopdesk.ui import labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.widgets.common import wrapped_label


def key_line(k) -> str:
    shown = " ".join(part for part in (k.card_no, k.secret) if part)
    return (
        QCoreApplication.translate("ResolvePreview", "Key %1 (%2, order line %3) → %4")
        .replace("%1", shown or f"#{k.key_id}")
        .replace("%2", k.product or k.sku)
        .replace("%3", str(k.line_id))
        .replace("%4", labels.rollback_policy(k.policy))
    )


def plan_lines(plan) -> list[str]:
    """The plan item by item, in the user's language."""
    out: list[str] = []
    if plan.close_unpaid:
        out.append(
            QCoreApplication.translate("ResolvePreview", "The unpaid order is closed: nothing was delivered or paid.")
        )
    out += [key_line(k) for k in plan.keys]
    if not plan.close_unpaid and not plan.keys:
        out.append(QCoreApplication.translate("ResolvePreview", "No key to recall."))
    if plan.refund_fen:
        out.append(
            QCoreApplication.translate("ResolvePreview", "Refund ¥%1 to %2")
            .replace("%1", format_yuan(plan.refund_fen))
            .replace("%2", desk.refund_to(plan.refund_to))
        )
    elif not plan.close_unpaid:
        out.append(QCoreApplication.translate("ResolvePreview", "No refund."))
    out += [
        QCoreApplication.translate("ResolvePreview", "Coupon %1 (¥%2) is given back")
        .replace("%1", c.code)
        .replace("%2", format_yuan(c.discount_fen))
        for c in plan.coupons
    ]
    if plan.compensation_fen:
        out.append(
            QCoreApplication.translate("ResolvePreview", "Compensation ¥%1 to the wallet").replace(
                "%1", format_yuan(plan.compensation_fen)
            )
        )
    if plan.credit_before and plan.credit_after and plan.credit_before != plan.credit_after:
        out.append(
            QCoreApplication.translate("ResolvePreview", "The customer's credit level goes from %1 to %2")
            .replace("%1", desk.risk(plan.credit_before))
            .replace("%2", desk.risk(plan.credit_after))
        )
    elif plan.credit_after:
        out.append(
            QCoreApplication.translate("ResolvePreview", "The customer's credit level stays %1").replace(
                "%1", desk.risk(plan.credit_after)
            )
        )
    return out


def summary(plan) -> str:
    """One message after the cancellation went through: what was recalled, refunded and restored."""
    recalled = QCoreApplication.translate("ResolvePreview", "%n key(s) recalled", "", len(plan.keys))
    parts = [QCoreApplication.translate("ResolvePreview", "Cancelled: %1").replace("%1", recalled)]
    if plan.refund_fen:
        parts.append(
            QCoreApplication.translate("ResolvePreview", "¥%1 refunded to %2")
            .replace("%1", format_yuan(plan.refund_fen))
            .replace("%2", desk.refund_to(plan.refund_to))
        )
    if plan.coupons:
        parts.append(QCoreApplication.translate("ResolvePreview", "%n coupon(s) restored", "", len(plan.coupons)))
    if plan.compensation_fen:
        parts.append(
            QCoreApplication.translate("ResolvePreview", "¥%1 compensation").replace(
                "%1", format_yuan(plan.compensation_fen)
            )
        )
    return QCoreApplication.translate("ResolvePreview", "; ").join(parts) if len(parts) > 1 else parts[0]


class ResolvePreviewDialog(QDialog):
    """The plan, and Apply / Cancel. `answer()` awaits the choice (True: apply)."""

    def __init__(self, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("resolvePreview")
        self.setWindowTitle(
            QCoreApplication.translate("ResolvePreview", "Cancel order %1?").replace("%1", plan.order_number)
        )
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                QCoreApplication.translate("ResolvePreview", "Applying this cancellation will:"),
                objectName="previewHead",
            )
        )
        self.items = QListWidget(objectName="previewItems")
        self.items.addItems(plan_lines(plan))
        self.items.setMinimumHeight(160)
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.items)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate("ResolvePreview", "Nothing has been changed yet."), objectName="previewFoot"
            )
        )
        self.buttons = QDialogButtonBox(objectName="previewButtons")
        self.apply_button = self.buttons.addButton(
            QCoreApplication.translate("ResolvePreview", "Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("applyButton")
        self.cancel_button = self.buttons.addButton(
            QCoreApplication.translate("ResolvePreview", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._answer: asyncio.Future | None = None
        self.finished.connect(self._finished)

    def answer(self) -> asyncio.Future:
        """Open the dialog (non-blocking) and return a future that says whether to apply."""
        self._answer = asyncio.get_event_loop().create_future()
        self.open()
        return self._answer

    def _finished(self, result: int) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_result(result == QDialog.DialogCode.Accepted)

"""Payments (收款核对): the inbox of money needing a decision — deliver, refunded at the gateway, dismiss — and
reconciling a gateway's statement (Alipay, WeChat Pay or a plain CSV) with the shop's payments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import payment_inbox
from shopdesk.services.orders import reconcile
from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.rows import RIGHT, Column
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import stretch_column, wrapped_label
from shopdesk.ui.widgets.list_page import ListPage
from shopdesk.ui.widgets.prompts import ask_open_file, ask_text

GROUPS = ("missing_in_shop", "missing_in_statement", "amount_mismatch")


class PaymentsPage(ListPage):
    topics = ("payment_issue", "order")

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        columns = [
            Column(lambda: self.tr("Received"), lambda r: r.received_at.astimezone().strftime("%m-%d %H:%M")),
            Column(lambda: self.tr("What"), lambda r: labels.inbox_kind(r.kind)),
            Column(lambda: self.tr("Order"), lambda r: r.order_number or "—"),
            Column(lambda: self.tr("Customer"), lambda r: r.customer_name or "—"),
            Column(lambda: self.tr("Trade number"), lambda r: r.trade_no),
            Column(lambda: self.tr("Method"), lambda r: labels.payment_method(r.method)),
            Column(lambda: self.tr("Amount"), lambda r: format_yuan(r.amount_fen), RIGHT),
        ]
        super().__init__(ops, columns, "paymentInbox", parent)
        self.title.setText(self.tr("Payment inbox"))
        stretch_column(self.table, 4)
        self.deliver_button = self.button(self.tr("Deliver"), "inboxDeliver", self.deliver)
        self.deliver_button.setToolTip(
            self.tr(
                "The order takes the money and is delivered from stock; without stock the money goes to the "
                "customer's wallet and a case is opened."
            )
        )
        self.refund_button = self.button(self.tr("Refunded at the gateway…"), "inboxRefund", self.refund)
        self.dismiss_button = self.button(self.tr("Dismiss…"), "inboxDismiss", self.dismiss)
        self.reconcile_button = self.button(self.tr("Reconcile a statement…"), "reconcileStatement", self.pick_file)
        self.summary = QLabel(objectName="inboxSummary")
        self.message = wrapped_label(objectName="inboxMessage")
        intro = wrapped_label(
            self.tr(
                "Money the gateway took that no order kept: paid after the order closed, or paid twice. "
                "Decide each one; every decision is recorded."
            )
        )
        layout = self.layout()
        layout.insertWidget(1, intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        self.reconcile_dialog: ReconcileDialog | None = None

    async def rows(self) -> list:
        return await self._ops.read(payment_inbox.inbox)

    def loaded(self) -> None:
        rows = self.model.rows() if hasattr(self.model, "rows") else []
        total = sum(r.amount_fen for r in rows)
        text = self.tr("%n payment(s) waiting for a decision, ¥%1", "", len(rows)).replace("%1", format_yuan(total))
        self.summary.setText(text)
        for column in (0, 1, 2, 3, 5, 6):
            self.table.resizeColumnToContents(column)

    async def _act(self, action: str, note: str = "", item=None) -> None:
        item = item or self.selected()  # the item picked before a question was asked: a reload meanwhile may reselect
        if item is None:
            self.message.setText(self.tr("Pick a payment first."))
            return
        call = self._ops.write(payment_inbox.act, item.id, action, actor=self._ops.shop.actor, note=note)
        done = await self._ops.attempt(call, self.message.setText)
        if done is FAILED:
            return
        text = self.tr("Payment %1: %2").replace("%1", item.trade_no).replace("%2", labels.inbox_outcome(done.outcome))
        if done.case_id:
            text += " " + self.tr("(case #%1)").replace("%1", str(done.case_id))
        self.message.setText(text)
        await self.load()

    @asyncSlot()
    async def deliver(self) -> None:
        await self._act("deliver")

    @asyncSlot()
    async def refund(self) -> None:
        item = self.selected()
        if item is None:
            self.message.setText(self.tr("Pick a payment first."))
            return
        note = await ask_text(
            self, self.tr("Refunded at the gateway"), self.tr("The refund's reference at the gateway (optional):")
        )
        if note is not None:
            await self._act("refund", note, item)

    @asyncSlot()
    async def dismiss(self) -> None:
        item = self.selected()
        if item is None:
            self.message.setText(self.tr("Pick a payment first."))
            return
        note = await ask_text(self, self.tr("Dismiss the payment"), self.tr("Why is it dismissed? (kept in the trail)"))
        if note is not None:
            await self._act("dismiss", note, item)

    @asyncSlot()
    async def pick_file(self) -> None:
        path = await ask_open_file(
            self, self.tr("Reconcile a statement"), self.tr("Statements (*.csv *.txt);;All files (*)")
        )
        if path:
            await self.reconcile_path(path)

    async def reconcile_path(self, path: str) -> ReconcileDialog | None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.message.setText(self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", exc.strerror or ""))
            return None
        result = await self._ops.attempt(self._ops.read(reconcile.reconcile_file, data), self.message.setText)
        if result is FAILED:
            return None
        dialog = ReconcileDialog(self._ops, data, result, Path(path).name, parent=self.window())
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        self.reconcile_dialog = dialog
        return dialog


class ReconcileDialog(QDialog):
    """The statement's four groups; Apply records the payments missing in the shop for their orders."""

    def __init__(self, ops: Ops, data: bytes, result, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reconcileDialog")
        self._ops, self._data = ops, data
        self.setWindowTitle(self.tr("Reconcile %1").replace("%1", name))
        self.setMinimumSize(760, 460)
        self.summary = wrapped_label(objectName="reconcileSummary")
        self.tabs = QTabWidget(objectName="reconcileGroups")
        self.trees: dict[str, QTreeWidget] = {}
        for group in GROUPS:
            tree = QTreeWidget(objectName=f"group_{group}")
            tree.setRootIsDecorated(False)
            self.trees[group] = tree
            self.tabs.addTab(tree, "")
        self.message = wrapped_label(objectName="reconcileMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setObjectName("reconcileApply")
        self.apply_button.setToolTip(self.tr("Record each payment missing in the shop for its order (once)."))
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.show_result(result)

    def show_result(self, result) -> None:
        self.result = result
        counts = {g: len(getattr(result, g)) for g in GROUPS}
        text = self.tr("%1 matched, %2 missing in the shop, %3 missing in the statement, %4 with another amount.")
        for i, n in enumerate((result.matched, *counts.values()), start=1):
            text = text.replace(f"%{i}", str(n))
        self.summary.setText(text)
        for i, group in enumerate(GROUPS):
            self.tabs.setTabText(i, f"{labels.statement_group(group)} ({counts[group]})")
        outcome = {a["trade_no"]: a for a in result.applied or ()}
        self._fill(
            "missing_in_shop",
            [self.tr("Trade number"), self.tr("Amount"), self.tr("Time"), self.tr("Order"), self.tr("Result")],
            [
                (
                    e["trade_no"],
                    e["amount"],
                    e["time"][:19].replace("T", " "),
                    e["order"] or self.tr("not found: %1").replace("%1", e["order_ref"] or "—"),
                    labels.apply_result(outcome[e["trade_no"]]["result"]) if e["trade_no"] in outcome else "",
                )
                for e in result.missing_in_shop
            ],
        )
        self._fill(
            "missing_in_statement",
            [self.tr("Trade number"), self.tr("Amount"), self.tr("Time"), self.tr("Order")],
            [
                (e["trade_no"], e["amount"], e["time"][:19].replace("T", " "), e["order"])
                for e in result.missing_in_statement
            ],
        )
        self._fill(
            "amount_mismatch",
            [self.tr("Trade number"), self.tr("Statement"), self.tr("Shop"), self.tr("Order")],
            [(e["trade_no"], e["amount"], e["recorded"], e["order"] or "") for e in result.amount_mismatch],
        )
        self.apply_button.setEnabled(result.applied is None and any(e["order_id"] for e in result.missing_in_shop))

    def _fill(self, group: str, headers: list[str], rows: list[tuple]) -> None:
        tree = self.trees[group]
        tree.clear()
        tree.setHeaderLabels(headers)
        for row in rows:
            tree.addTopLevelItem(QTreeWidgetItem([str(c) for c in row]))
        for column in range(len(headers)):
            tree.resizeColumnToContents(column)

    @asyncSlot()
    async def apply(self) -> None:
        self.apply_button.setEnabled(False)
        call = self._ops.write(reconcile.reconcile_file, self._data, apply=True, actor=self._ops.shop.actor)
        result = await self._ops.attempt(call, self.message.setText)
        if result is FAILED:
            self.apply_button.setEnabled(True)
            return
        self.show_result(result)
        recorded = sum(1 for a in result.applied if a["result"] == "recorded")
        self.message.setText(self.tr("%n payment(s) recorded.", "", recorded))

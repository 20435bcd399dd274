"""The queue of payments flagged for refund (money a closed or already-paid order could not keep), with its total."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.orders import flagged
from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, wrapped_label
from shopdesk.ui.widgets.order_detail import payment_method
from shopdesk.ui.widgets.prompts import ask_text


class FlaggedPaymentsPanel(QWidget):
    counted = Signal(int, int)  # flagged payments, their total in fen: the tab title shows both
    order_picked = Signal(int)

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.model = RowsModel(
            [
                Column(lambda: self.tr("Received"), lambda r: r.received_at.astimezone().strftime("%m-%d %H:%M")),
                Column(lambda: self.tr("Order"), lambda r: r.order_number or "—"),
                Column(lambda: self.tr("Customer"), lambda r: r.customer_name or "—"),
                Column(lambda: self.tr("Trade number"), lambda r: r.trade_no),
                Column(lambda: self.tr("Method"), lambda r: payment_method(r.method)),
                Column(lambda: self.tr("Amount"), lambda r: format_yuan(r.amount_fen), RIGHT),
                Column(lambda: self.tr("Why"), lambda r: labels.flag_reason(r.reason)),
            ],
            self,
        )
        self.table = make_table(self)
        self.table.setObjectName("flaggedPayments")
        self.table.setModel(self.model)
        for column, width in enumerate((100, 150, 90, 170, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.total_label = QLabel(objectName="flaggedTotal")
        self.message = wrapped_label(objectName="flaggedMessage")
        self.refunded_button = QPushButton(self.tr("Refunded at the gateway…"), objectName="flagRefunded")
        self.refunded_button.setToolTip(
            self.tr("Record that this money was given back at the payment gateway; it leaves the queue, audited.")
        )
        self.refunded_button.clicked.connect(self.mark_refunded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        intro = wrapped_label(
            self.tr(
                "Money the gateway took for an order that could not keep it (closed, or paid twice). "
                "Refund it at the gateway, then mark it here."
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.total_label)
        row.addWidget(self.message, 1)
        row.addWidget(self.refunded_button)
        layout.addLayout(row)

    async def load(self) -> None:
        queue = await self._ops.read(flagged.flagged_queue)
        self.model.set_rows(queue.rows)
        self.total_label.setText(
            self.tr("%n flagged, total ¥%1", "", len(queue.rows)).replace("%1", format_yuan(queue.total_fen))
        )
        self.counted.emit(len(queue.rows), queue.total_fen)

    def _picked(self, current, _previous) -> None:
        if current.isValid():
            row = self.model.row_at(current.row())
            if row.order_id is not None:
                self.order_picked.emit(row.order_id)

    @asyncSlot()
    async def mark_refunded(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText(self.tr("Pick a flagged payment first."))
            return
        row = self.model.row_at(index.row())
        question = self.tr("Refund of ¥%1 (trade %2) made at the gateway? Add a note (the refund's reference):")
        note = await ask_text(
            self,
            self.tr("Refunded at the gateway"),
            question.replace("%1", format_yuan(row.amount_fen)).replace("%2", row.trade_no),
        )
        if note is None:
            return
        call = self._ops.write(flagged.mark_refunded, row.id, actor=self._ops.shop.actor, note=note)
        if await self._ops.attempt(call, self.message.setText) is FAILED:
            return
        self.message.setText(self.tr("Trade %1 marked refunded.").replace("%1", row.trade_no))
        await self.load()

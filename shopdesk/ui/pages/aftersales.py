"""After-sales desk: the queue of open cases, nearest deadline first."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.cases import list_cases
from shopdesk.ui import labels
from shopdesk.ui.models.rows import Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, page_title


def _due(when) -> str:
    return when.astimezone().strftime("%m-%d %H:%M") if when else "—"


class AfterSalesPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.model = RowsModel(
            [
                Column(lambda: self.tr("Case"), lambda c: f"#{c.id}"),
                Column(lambda: self.tr("Order"), lambda c: c.order_number),
                Column(lambda: self.tr("Customer"), lambda c: c.customer_name),
                Column(lambda: self.tr("Responsibility"), lambda c: labels.resp_class(c.resp_class)),
                Column(lambda: self.tr("Reason"), lambda c: c.reason_code),
                Column(lambda: self.tr("Status"), lambda c: c.status),
                Column(lambda: self.tr("First response due"), lambda c: _due(c.first_response_due)),
                Column(lambda: self.tr("Resolution due"), lambda c: _due(c.resolution_due)),
            ],
            self,
        )
        self.table = make_table(self)
        self.table.setObjectName("casesTable")
        self.table.setModel(self.model)
        self.empty = QLabel(self.tr("No open after-sales cases. Cancellation requests will queue here."))
        self.empty.setObjectName("emptyState")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.table)
        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("After-sales desk")))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self._stack)

    def on_changes(self, changes: dict) -> None:
        if "case" in changes:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        rows = await self._ops.read(list_cases)
        self.model.set_rows(rows)
        self._stack.setCurrentWidget(self.table if rows else self.empty)

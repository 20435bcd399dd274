"""Inventory: stock per product and status, with the low-stock products marked."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services import catalog
from shopdesk.services.views import stock_summary
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, page_title, stretch_column

STATUSES = ("available", "reserved", "delivered", "recalled", "void", "expired")


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    kind: str
    threshold: int
    counts: dict

    @property
    def low(self) -> bool:
        # A reusable product sells its one secret forever: it is never "low".
        return self.kind != "reusable" and self.counts.get("available", 0) < self.threshold


def _load(session) -> list[StockRow]:
    counts = stock_summary(session)
    return [
        StockRow(p.sku, p.name, p.kind, p.low_stock_threshold, counts.get(p.id, {}))
        for p in catalog.list_products(session, include_inactive=False)
    ]


class InventoryPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        red = QColor("#a61b1b")
        pink = QColor("#fff0f0")
        headers = {
            "available": lambda: self.tr("Available"),
            "reserved": lambda: self.tr("Reserved"),
            "delivered": lambda: self.tr("Delivered"),
            "recalled": lambda: self.tr("Recalled"),
            "void": lambda: self.tr("Void"),
            "expired": lambda: self.tr("Expired"),
        }
        columns = [
            Column(lambda: self.tr("SKU"), lambda r: r.sku, background=lambda r: pink if r.low else None),
            Column(lambda: self.tr("Product"), lambda r: r.name, background=lambda r: pink if r.low else None),
        ]
        for status in STATUSES:
            columns.append(
                Column(
                    headers[status],
                    lambda r, s=status: str(r.counts.get(s, 0)),
                    RIGHT,
                    foreground=(lambda r: red if r.low else None) if status == "available" else None,
                    background=lambda r: pink if r.low else None,
                )
            )
        self.model = RowsModel(columns, self)
        self.table = make_table(self)
        self.table.setObjectName("stockTable")
        self.table.setModel(self.model)
        stretch_column(self.table, 1)
        self.summary = QLabel(objectName="stockSummary")
        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Inventory")))
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def low_count(self) -> int:
        return sum(1 for r in self.model.rows() if r.low)

    def on_changes(self, changes: dict) -> None:
        if "stock" in changes or "product" in changes:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        rows = await self._ops.read(_load)
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        total = sum(r.counts.get("available", 0) for r in rows)
        self.summary.setText(
            self.tr("%n key(s) available", "", total)
            + " · "
            + self.tr("%n product(s) low on stock", "", self.low_count())
        )

"""Products: list, create, edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common.money import format_yuan
from shopdesk.ui import labels
from shopdesk.ui.dialogs.product import ProductDialog
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import make_table, page_title, stretch_column


class ProductsPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        low = QColor("#a61b1b")
        self.model = RowsModel(
            [
                Column(lambda: self.tr("SKU"), lambda p: p.sku),
                Column(lambda: self.tr("Name"), lambda p: p.name),
                Column(lambda: self.tr("Category"), lambda p: p.category),
                Column(lambda: self.tr("Kind"), lambda p: labels.product_kind(p.kind)),
                Column(lambda: self.tr("Price"), lambda p: format_yuan(p.price_fen), RIGHT),
                Column(lambda: self.tr("Face value"), lambda p: format_yuan(p.face_value_fen), RIGHT),
                Column(
                    lambda: self.tr("Available"),
                    lambda p: str(p.available),
                    RIGHT,
                    foreground=lambda p: low if p.kind != "reusable" and p.available < p.low_stock_threshold else None,
                ),
                Column(lambda: self.tr("On sale"), lambda p: self.tr("Yes") if p.active else self.tr("No")),
            ],
            self,
        )
        self.table = make_table(self)
        self.table.setObjectName("productsTable")
        self.table.setModel(self.model)
        stretch_column(self.table, 1)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button = QPushButton(self.tr("New product…"), objectName="newProduct")
        self.new_button.clicked.connect(self.create)
        self.edit_button = QPushButton(self.tr("Edit…"), objectName="editProduct")
        self.edit_button.clicked.connect(self.edit_selected)

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Products")))
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def on_changes(self, changes: dict) -> None:
        if "product" in changes or "stock" in changes:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        rows = await self._ops.read(catalog.list_products)
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)

    def _selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def create(self) -> None:
        dialog = ProductDialog(self._ops, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

    def edit_selected(self) -> None:
        product = self._selected()
        if product is None:
            return
        dialog = ProductDialog(self._ops, product, parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

"""Products: list, create, edit."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import settings
from shopdesk.services.common.money import format_yuan
from shopdesk.ui import labels
from shopdesk.ui.dialogs.product import ProductDialog
from shopdesk.ui.models.rows import RIGHT, Column
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import stretch_column
from shopdesk.ui.widgets.list_page import ListPage


class ProductsPage(ListPage):
    topics = ("product", "stock", "setting")

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        low = QColor("#a61b1b")
        columns = [
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
        ]
        super().__init__(ops, columns, "productsTable", parent)
        self.title.setText(self.tr("Products"))
        stretch_column(self.table, 1)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button = self.button(self.tr("New product…"), "newProduct", self.create)
        self.edit_button = self.button(self.tr("Edit…"), "editProduct", self.edit_selected)
        self.low_default = settings.REGISTRY["stock.low_threshold"].default  # read again with the rows

    async def rows(self) -> list:
        self.low_default = await self._ops.read(settings.value, "stock.low_threshold")
        return await self._ops.read(catalog.list_products)

    def loaded(self) -> None:
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)  # the kind, worded ("Card number + secret"), never cut

    def create(self) -> None:
        self.open_dialog(ProductDialog(self._ops, parent=self, low_default=self.low_default))

    def edit_selected(self) -> None:
        product = self.selected()
        if product is not None:
            self.open_dialog(ProductDialog(self._ops, product, parent=self))

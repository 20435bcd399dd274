"""Create or edit a product."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import KINDS, ROLLBACK_POLICIES, ProductInput, ProductView
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel


class ProductDialog(QDialog):
    def __init__(self, ops: Ops, product: ProductView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._product = product
        self.saved: ProductView | None = None
        self.setWindowTitle(self.tr("New product") if product is None else self.tr("Edit product"))
        self.setMinimumWidth(420)

        self.sku = QLineEdit(objectName="sku")
        self.sku.setPlaceholderText(self.tr("e.g. QQB-100"))
        self.name = QLineEdit(objectName="name")
        self.category = QLineEdit(objectName="category")
        self.kind = QComboBox(objectName="kind")
        for code in KINDS:
            self.kind.addItem(labels.product_kind(code), code)
        self.price = QLineEdit(objectName="price")
        self.price.setPlaceholderText("0.00")
        self.face_value = QLineEdit(objectName="faceValue")
        self.face_value.setPlaceholderText("0.00")
        self.rollback = QComboBox(objectName="rollbackPolicy")
        for code in ROLLBACK_POLICIES:
            self.rollback.addItem(labels.rollback_policy(code), code)
        self.rollback.setCurrentIndex(ROLLBACK_POLICIES.index("verify"))
        self.threshold = QSpinBox(objectName="lowStock")
        self.threshold.setRange(0, 1_000_000)
        self.threshold.setValue(20)
        self.active = QCheckBox(self.tr("On sale"), objectName="active")
        self.active.setChecked(True)
        self.error = ErrorLabel(self)

        form = QFormLayout()
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Delivery kind"), self.kind)
        form.addRow(self.tr("Price (yuan)"), self.price)
        form.addRow(self.tr("Face value (yuan)"), self.face_value)
        form.addRow(self.tr("On cancellation, keys go"), self.rollback)
        form.addRow(self.tr("Low-stock alert below"), self.threshold)
        form.addRow("", self.active)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if product is not None:
            self.sku.setText(product.sku)
            self.name.setText(product.name)
            self.category.setText(product.category)
            self.kind.setCurrentIndex(KINDS.index(product.kind))
            self.price.setText(format_yuan(product.price_fen))
            self.face_value.setText(format_yuan(product.face_value_fen))
            self.rollback.setCurrentIndex(ROLLBACK_POLICIES.index(product.rollback_policy))
            self.threshold.setValue(product.low_stock_threshold)
            self.active.setChecked(product.active)

    def _input(self) -> ProductInput:
        return ProductInput(
            sku=self.sku.text(),
            name=self.name.text(),
            category=self.category.text(),
            kind=self.kind.currentData(),
            price_fen=parse_yuan(self.price.text() or "0", field=self.tr("Price"), allow_zero=True),
            face_value_fen=parse_yuan(self.face_value.text() or "0", field=self.tr("Face value"), allow_zero=True),
            rollback_policy=self.rollback.currentData(),
            low_stock_threshold=self.threshold.value(),
            active=self.active.isChecked(),
        )

    @asyncSlot()
    async def save(self) -> None:
        self.buttons.setEnabled(False)

        async def save():
            data = self._input()
            if self._product is None:
                return await self._ops.write(catalog.add_product, data)
            return await self._ops.write(catalog.edit_product, self._product.id, data)

        try:
            saved = await self._ops.attempt(save(), self.error.show_error)
        finally:
            self.buttons.setEnabled(True)
        if saved is FAILED:
            return
        self.saved = saved
        self.accept()

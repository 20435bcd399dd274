"""Create or edit a product."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import KINDS, ROLLBACK_POLICIES, ProductInput, ProductView
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.ui import labels
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.form_dialog import FormDialog


class ProductDialog(FormDialog):
    def __init__(
        self, ops: Ops, product: ProductView | None = None, parent: QWidget | None = None, *, low_default: int = 20
    ):
        super().__init__(ops, parent, width=420)
        self._product = product
        self.saved: ProductView | None = None
        self.setWindowTitle(self.tr("New product") if product is None else self.tr("Edit product"))

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
        self.threshold.setValue(low_default)  # a new product: the shop's default (Settings → Orders and stock)
        self.template = QPlainTextEdit(objectName="deliveryTemplate")
        self.template.setPlaceholderText(
            self.tr("Empty: the default message. Placeholders: {order} {product} {count} {keys}")
        )
        self.template.setToolTip(
            self.tr(
                "The message copied from an order for QQ/WeChat: {order} is the order number, {product} the "
                "product's name, {count} how many keys, {keys} one line per key with its card number and secret."
            )
        )
        self.template.setFixedHeight(90)
        self.active = QCheckBox(self.tr("On sale"), objectName="active")
        self.active.setChecked(True)
        self.rows(
            (self.tr("SKU"), self.sku),
            (self.tr("Name"), self.name),
            (self.tr("Category"), self.category),
            (self.tr("Delivery kind"), self.kind),
            (self.tr("Price (yuan)"), self.price),
            (self.tr("Face value (yuan)"), self.face_value),
            (self.tr("On cancellation, keys go"), self.rollback),
            (self.tr("Low-stock alert below"), self.threshold),
            (self.tr("Delivery message"), self.template),
            ("", self.active),
        )

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
            self.template.setPlainText(product.delivery_template)

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
            delivery_template=self.template.toPlainText(),
        )

    async def submit(self):
        data = self._input()
        if self._product is None:
            return await self._ops.write(catalog.add_product, data)
        return await self._ops.write(catalog.edit_product, self._product.id, data)

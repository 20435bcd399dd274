"""Inventory: stock per product on the left, every key on the right (a million scroll like a hundred)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.catalog import products as catalog
from shopdesk.services.inventory import keys, secrets
from shopdesk.services.inventory import stock as stock_service
from shopdesk.services.inventory.browse import KeyFilter
from shopdesk.services.inventory.stock import StockAlert, stock_summary
from shopdesk.ui import icons, labels
from shopdesk.ui.dialogs.import_keys import ImportKeysDialog
from shopdesk.ui.dialogs.key_detail import KeyDetailDialog
from shopdesk.ui.errors import FAILED
from shopdesk.ui.models.keys import KeysModel
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import fit_columns, make_table, page_title, stretch_column
from shopdesk.ui.widgets.prompts import ask_save_file, ask_text

STATUSES = keys.STATUSES


@dataclass(frozen=True)
class StockRow:
    product_id: int
    sku: str
    name: str
    kind: str
    threshold: int
    counts: dict

    @property
    def low(self) -> bool:
        # A reusable product sells its one secret forever: it is never "low".
        return self.kind != "reusable" and self.counts.get("available", 0) < self.threshold


def _load(session) -> tuple[list[StockRow], list[StockAlert]]:
    counts = stock_summary(session)
    rows = [
        StockRow(p.id, p.sku, p.name, p.kind, p.low_stock_threshold, counts.get(p.id, {}))
        for p in catalog.list_products(session, include_inactive=False)
    ]
    rows.sort(key=lambda r: not r.low)  # the products running low first, the rest as the catalogue lists them
    return rows, stock_service.alerts(session)


class InventoryPage(QWidget):
    alerts_changed = Signal(object)  # list[StockAlert]

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._loading = False
        self._load_again = False
        red, pink = QColor("#a61b1b"), QColor("#fff0f0")
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
        for status in ("available", "reserved", "delivered", "recalled", "void", "expired"):
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
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._product_clicked(cur.row()))

        # key browser
        self.keys_model = KeysModel(ops, self)
        self.keys_table = make_table(self)
        self.keys_table.setObjectName("keysTable")
        self.keys_table.setModel(self.keys_model)
        self.keys_table.setSortingEnabled(True)
        self.keys_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.keys_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        widths = (70, 100, 150, 100, 80, 140, 90, 150)  # fixed: sizing to contents would read every row
        fit_columns(self.keys_table, widths, lambda: {4: [labels.key_status(c) for c in STATUSES]})
        self.keys_table.doubleClicked.connect(lambda index: self.open_key(index.row()))
        self.product_filter = QComboBox(objectName="productFilter")
        self.product_filter.addItem(self.tr("All products"), None)
        self.status_filter = QComboBox(objectName="keyStatusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code in STATUSES:
            self.status_filter.addItem(labels.key_status(code), code)
        self.expiry_filter = QComboBox(objectName="expiryFilter")
        for days, text in (
            (None, self.tr("Any expiry")),
            (7, self.tr("Expiring in 7 days")),
            (30, self.tr("Expiring in 30 days")),
        ):
            self.expiry_filter.addItem(text, days)
        self.batch_filter = QLineEdit(objectName="batchFilter")
        self.batch_filter.setPlaceholderText(self.tr("Batch #"))
        self.batch_filter.setFixedWidth(80)
        self.search_kind = QComboBox(objectName="searchKind")
        self.search_kind.addItem(self.tr("Card number"), "card_no")
        self.search_kind.addItem(self.tr("Secret"), "secret")
        self.search = QLineEdit(objectName="keySearch")
        self.search.setPlaceholderText(self.tr("Search (exact)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="keyCount")
        for combo in (self.product_filter, self.status_filter, self.expiry_filter, self.search_kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search.returnPressed.connect(self.apply_filter)
        self.batch_filter.returnPressed.connect(self.apply_filter)
        self.search.textChanged.connect(lambda text: self.apply_filter() if not text else None)

        self.details_button = QPushButton(self.tr("Details…"), objectName="keyDetails")
        icons.decorate(self.details_button, "details")
        self.details_button.clicked.connect(lambda: self.open_key(self.keys_table.currentIndex().row()))
        self.void_button = QPushButton(self.tr("Void…"), objectName="voidKeys")
        icons.decorate(self.void_button, "void")
        self.void_button.clicked.connect(self.void_selected)
        self.recover_button = QPushButton(self.tr("Undo void"), objectName="recoverKeys")
        icons.decorate(self.recover_button, "undo")
        self.recover_button.clicked.connect(self.recover_selected)
        self.import_button = QPushButton(self.tr("Import keys…"), objectName="importKeys")
        icons.decorate(self.import_button, "import")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(self.tr("Export…"), objectName="exportKeys")
        icons.decorate(self.export_button, "export")
        self.export_button.clicked.connect(self.export_filtered)
        self.alert_label = QLabel(objectName="alertLabel")
        self.message = QLabel(objectName="pageMessage")

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Inventory")))
        bar.addWidget(self.alert_label)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        filters = QHBoxLayout()
        for w in (self.product_filter, self.status_filter, self.expiry_filter, self.batch_filter, self.search_kind):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.message, 1)
        for w in (self.details_button, self.void_button, self.recover_button):
            actions.addWidget(w)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.keys_table, 1)
        right_layout.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.keys_model.modelReset.connect(self._show_count)

    # --- loading --------------------------------------------------------------------------------
    def low_count(self) -> int:
        return sum(1 for r in self.model.rows() if r.low)

    def on_changes(self, changes: dict) -> None:
        if "stock" in changes or "product" in changes:
            self.refresh()
        if "key" in changes:
            self._refresh_keys(changes["key"])

    @asyncSlot()
    async def refresh(self) -> None:
        # On a big shop a load keeps the one DB thread busy for a good part of a second, and the change feed
        # asks again every 300 ms while orders flow: at most one more load waits behind the running one.
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        try:
            while True:
                self._load_again = False
                await self.load()
                if not self._load_again:
                    break
        finally:
            self._loading = False

    async def load(self) -> None:
        # The keys first: their first screen is what the page is for, while the stock counts and alerts read
        # every key's status and expiry.
        await self.keys_model.reload(self._filter())
        rows, alerts = await self._ops.read(_load)
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        self._fill_product_filter(rows)
        self.show_alerts(alerts)
        if self._filter() != self.keys_model.filter:  # the product filtered on is gone
            await self.keys_model.reload(self._filter())

    @asyncSlot()
    async def _refresh_keys(self, ids) -> None:
        await self.keys_model.refresh_rows(set(ids))

    def _fill_product_filter(self, rows: list[StockRow]) -> None:
        current = self.product_filter.currentData()
        self.product_filter.blockSignals(True)
        self.product_filter.clear()
        self.product_filter.addItem(self.tr("All products"), None)
        for r in rows:
            self.product_filter.addItem(f"{r.sku} · {r.name}", r.product_id)
        self.product_filter.setCurrentIndex(max(0, self.product_filter.findData(current)))
        self.product_filter.blockSignals(False)

    def show_alerts(self, alerts: list[StockAlert]) -> None:
        low = sum(1 for a in alerts if a.kind == "low_stock")
        expiring = sum(1 for a in alerts if a.kind == "expiring")
        damaged = sum(a.expiring for a in alerts if a.kind == "damaged")
        parts = []
        if low:
            parts.append(self.tr("%n product(s) low on stock", "", low))
        if expiring:
            parts.append(self.tr("%n product(s) with keys expiring soon", "", expiring))
        if damaged:
            parts.append(self.tr("%n damaged key(s) taken out of sale", "", damaged))
        self.alert_label.setText(("⚠ " + " · ".join(parts)) if parts else "")
        self.alert_label.setStyleSheet("color: #a61b1b;" if parts else "")
        self.alerts_changed.emit(alerts)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n key(s)", "", self.keys_model.rowCount()))

    # --- filters ----------------------------------------------------------------------------------
    def _filter(self) -> KeyFilter:
        f = self.keys_model.filter
        text = self.search.text().strip()
        batch = self.batch_filter.text().strip()
        return KeyFilter(
            product_id=self.product_filter.currentData(),
            status=self.status_filter.currentData(),
            batch_id=int(batch) if batch.isdigit() else None,
            expires_within_days=self.expiry_filter.currentData(),
            card_no=text if text and self.search_kind.currentData() == "card_no" else None,
            secret_hash=self._ops.shop.vault.hash(text)
            if text and self.search_kind.currentData() == "secret"
            else None,
            sort=f.sort,
            descending=f.descending,
        )

    @asyncSlot()
    async def apply_filter(self) -> None:
        self.message.setText("")
        await self.keys_model.reload(self._filter())

    def focus_search(self) -> None:
        """Ctrl+F: the key search box, its text selected."""
        self.search.setFocus()
        self.search.selectAll()

    def export_table(self) -> None:
        """File → Export…: the keys the filters show (as the Export… button)."""
        self.export_filtered()

    def show_product(self, product_id: int, batch_id: int | None = None) -> None:
        """The keys of one product (and batch), whatever their status (a Today row or an alert)."""
        for w in (self.product_filter, self.status_filter, self.expiry_filter):
            w.blockSignals(True)
        self.product_filter.setCurrentIndex(max(0, self.product_filter.findData(product_id)))
        self.status_filter.setCurrentIndex(0)
        self.expiry_filter.setCurrentIndex(0)
        for w in (self.product_filter, self.status_filter, self.expiry_filter):
            w.blockSignals(False)
        self.batch_filter.setText(str(batch_id) if batch_id else "")
        self.apply_filter()

    def _product_clicked(self, row: int) -> None:
        if row >= 0:
            self.product_filter.setCurrentIndex(max(0, self.product_filter.findData(self.model.row_at(row).product_id)))

    # --- actions ------------------------------------------------------------------------------------
    def _selected_ids(self) -> list[int]:
        rows = {i.row() for i in self.keys_table.selectionModel().selectedRows()}
        return [self.keys_model.key_id(r) for r in sorted(rows)]

    @asyncSlot()
    async def open_key(self, row: int) -> None:
        if row < 0:
            return
        dialog = KeyDetailDialog(self._ops, self.keys_model.key_id(row), self)
        await dialog.load()
        dialog.open()

    @asyncSlot()
    async def open_import(self) -> None:
        sku = None
        if self.product_filter.currentData() is not None:
            sku = self.product_filter.currentText().split(" · ", 1)[0]
        dialog = ImportKeysDialog(self._ops, self, sku=sku)
        await dialog.load_products()
        dialog.open()

    @asyncSlot()
    async def void_selected(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        reason = await ask_text(self, self.tr("Void keys"), self.tr("Why are these %n key(s) voided?", "", len(ids)))
        if reason is None:
            return
        await self._act(stock_service.void_keys, ids, actor=self._ops.shop.actor, reason=reason)

    @asyncSlot()
    async def recover_selected(self) -> None:
        ids = self._selected_ids()
        if ids:
            await self._act(stock_service.recover_voided, ids, actor=self._ops.shop.actor)

    async def _act(self, fn, *args, **kwargs) -> None:
        n = await self._ops.attempt(self._ops.write(fn, *args, **kwargs), self.message.setText)
        if n is FAILED:
            return
        self.message.setText(self.tr("%n key(s) changed.", "", n))

    @asyncSlot()
    async def export_filtered(self) -> None:
        if not await self._ops.confirmed(self, self.tr("export keys")):
            return
        name = await ask_save_file(self, self.tr("Export keys"), "keys.csv", self.tr("CSV (*.csv);;Text (*.txt)"))
        if not name:
            return
        f = self._filter()
        statuses = [f.status] if f.status else ["available"]
        # Its own transactions: "export started" commits before the first secret is written.
        call = self._ops.call(
            secrets.export_to_path,
            self._ops.shop.db,
            self._ops.shop.vault,
            name,
            actor=self._ops.shop.actor,
            product_id=f.product_id,
            statuses=statuses,
        )
        result = await self._ops.attempt(call, self.message.setText)
        if result is FAILED:
            return
        self.message.setText(self.tr("Exported %n key(s); the export is in the audit trail.", "", result.count))

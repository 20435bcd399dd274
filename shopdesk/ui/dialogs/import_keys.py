"""Import a supplier's keys: choose file or paste, preview the counts and rejected lines, then import."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common.errors import ShopError
from shopdesk.services.common.money import parse_yuan
from shopdesk.services.inventory.importing import Cancelled, ImportOptions, ImportReport, import_keys
from shopdesk.ui import labels
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label
from shopdesk.ui.widgets.prompts import ask_open_file

MAX_FILE_BYTES = 512 * 1024 * 1024


class _Progress(QObject):
    """Carries progress from the DB thread to the GUI thread (a queued signal), and the cancel request back."""

    moved = Signal(int, int)

    def __init__(self):
        super().__init__()
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> bool:
        self.moved.emit(done, total)
        return not self.cancel.is_set()


class ImportKeysDialog(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None = None, *, sku: str | None = None):
        super().__init__(parent)
        self._ops = ops
        self._preselect = sku
        self._data: bytes | None = None
        self.report: ImportReport | None = None
        self.result_report: ImportReport | None = None
        self._progress: _Progress | None = None
        self.setWindowTitle(self.tr("Import keys"))
        self.resize(720, 620)

        # source
        self.tabs = QTabWidget(objectName="sourceTabs")
        file_tab = QWidget()
        self.path = QLineEdit(objectName="path")
        self.path.setPlaceholderText(self.tr("A .txt or .csv file from the supplier"))
        self.browse = QPushButton(self.tr("Choose…"), objectName="browse")
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout(file_tab)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.paste = QPlainTextEdit(objectName="paste")
        self.paste.setPlaceholderText(
            self.tr("One key per line, or card number and secret separated by a space, tab, comma, |, ---- or :")
        )
        self.paste.setFixedHeight(90)
        self.tabs.addTab(file_tab, self.tr("File"))
        self.tabs.addTab(self.paste, self.tr("Paste"))
        self.tabs.setMaximumHeight(140)

        # batch
        self.product = QComboBox(objectName="product")
        self.supplier = QLineEdit(objectName="supplier")
        self.cost = QLineEdit(objectName="cost")
        self.cost.setPlaceholderText("0.00")
        self.has_expiry = QCheckBox(self.tr("Keys expire after"), objectName="hasExpiry")
        self.expiry = QDateEdit(objectName="expiry")
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.expiry.setDate(QDate.currentDate().addYears(1))
        self.expiry.setEnabled(False)
        self.has_expiry.toggled.connect(self.expiry.setEnabled)
        self.note = QLineEdit(objectName="note")
        self.fmt = QComboBox(objectName="format")
        for code, label in (
            ("auto", self.tr("Detect")),
            ("lines", self.tr("One secret per line")),
            ("pairs", self.tr("Card number + secret")),
        ):
            self.fmt.addItem(label, code)
        self.sep = QComboBox(objectName="separator")
        for code, label in (
            (None, self.tr("Detect")),
            (",", self.tr("Comma")),
            ("\t", self.tr("Tab")),
            (" ", self.tr("Space")),
            ("|", "|"),
            ("----", "----"),
            (":", ":"),
        ):
            self.sep.addItem(label, code)
        self.encoding = QComboBox(objectName="encoding")
        for code, label in (
            ("auto", self.tr("Detect")),
            ("utf-8", "UTF-8"),
            ("gbk", "GBK / GB18030"),
            ("utf-16", "UTF-16"),
        ):
            self.encoding.addItem(label, code)
        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.has_expiry)
        expiry_row.addWidget(self.expiry, 1)
        form = QFormLayout()
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Unit cost (yuan)"), self.cost)
        form.addRow(self.tr("Expiry"), expiry_row)
        form.addRow(self.tr("Note"), self.note)
        settings_row = QHBoxLayout()
        settings_row.addWidget(QLabel(self.tr("Format")))
        settings_row.addWidget(self.fmt)
        settings_row.addWidget(QLabel(self.tr("Separator")))
        settings_row.addWidget(self.sep)
        settings_row.addWidget(QLabel(self.tr("Encoding")))
        settings_row.addWidget(self.encoding)
        settings_row.addStretch(1)

        # preview
        self.summary = wrapped_label(objectName="summary")
        self.rejected = QTableWidget(0, 2, objectName="rejected")
        self.rejected.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Why it was rejected")])
        self.rejected.horizontalHeader().setStretchLastSection(True)
        self.rejected.verticalHeader().setVisible(False)
        self.rejected.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.bar = QProgressBar(objectName="progress")
        self.bar.hide()
        self.error = ErrorLabel(self)

        self.preview_button = QPushButton(self.tr("Preview"), objectName="previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton(self.tr("Import"), objectName="importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button = QPushButton(self.tr("Cancel import"), objectName="cancelImport")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(form)
        layout.addLayout(settings_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.cancel_button)
        layout.addLayout(bar_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for widget in (self.path, self.supplier, self.cost, self.note):
            widget.textChanged.connect(self._stale)
        self.paste.textChanged.connect(self._stale)
        for combo in (self.product, self.fmt, self.sep, self.encoding):
            combo.currentIndexChanged.connect(self._stale)
        self.product.currentIndexChanged.connect(self._product_chosen)
        self.has_expiry.toggled.connect(self._stale)
        self.expiry.dateChanged.connect(self._stale)
        self.tabs.currentChanged.connect(self._stale)

    async def load_products(self) -> None:
        products = await self._ops.read(catalog.list_products, include_inactive=False)
        self.product.clear()
        for p in products:
            self.product.addItem(f"{p.sku} · {p.name}", p.sku)
        # The merchant names the product: none is chosen unless the Inventory page is filtered to one.
        self.product.setPlaceholderText(self.tr("Choose a product…"))
        self.product.setCurrentIndex(self.product.findData(self._preselect) if self._preselect else -1)
        self._product_chosen()

    def _product_chosen(self, *_args) -> None:
        chosen = self.product.currentData() is not None
        self.preview_button.setEnabled(chosen)
        if not chosen:
            self.import_button.setEnabled(False)

    @asyncSlot()
    async def choose_file(self) -> None:
        name = await ask_open_file(
            self, self.tr("Choose the key file"), self.tr("Key files (*.txt *.csv);;All files (*)")
        )
        if name:
            self.path.setText(name)

    def _stale(self, *_args) -> None:
        self.report = None
        self.import_button.setEnabled(False)

    def _options(self) -> ImportOptions:
        expires = None
        if self.has_expiry.isChecked():
            day = self.expiry.date().toPython()
            expires = datetime.combine(day + timedelta(days=1), time()).astimezone().astimezone(UTC)
        return ImportOptions(
            sku=self.product.currentData() or "",
            supplier=self.supplier.text(),
            unit_cost_fen=parse_yuan(self.cost.text() or "0", field=self.tr("Unit cost"), allow_zero=True),
            expires_at=expires,
            note=self.note.text(),
            fmt=self.fmt.currentData(),
            sep=self.sep.currentData(),
            encoding=self.encoding.currentData(),
        )

    async def _source(self) -> bytes:
        if self.tabs.currentIndex() == 1:
            return self.paste.toPlainText().encode("utf-8")
        name = self.path.text().strip()
        if not name:
            raise ShopError(self.tr("Choose a file, or paste the keys."))
        return await self._ops.call(_read_file, name)

    @asyncSlot()
    async def preview(self) -> None:
        self.error.show_error("")

        async def dry_run() -> ImportReport:
            options = self._options()
            self._data = await self._source()
            return await self._ops.read(
                import_keys, self._ops.shop.vault, self._data, options, actor=self._ops.shop.actor, dry_run=True
            )

        report = await self._ops.attempt(dry_run(), self.error.show_error)
        if report is FAILED:
            return
        self.report = report
        self._show(report)
        self.import_button.setEnabled(report.accepted > 0)

    def _show(self, report: ImportReport) -> None:
        sep = {",": self.tr("comma"), "\t": self.tr("tab"), " ": self.tr("space")}.get(
            report.separator or "", report.separator or ""
        )
        parts = [
            self.tr("<b>%1</b> key(s) to import").replace("%1", f"{report.accepted:,}"),
            self.tr("%1 repeated in the file").replace("%1", f"{report.duplicates_in_file:,}"),
            self.tr("%1 already in the shop").replace("%1", f"{report.duplicates_in_db:,}"),
            self.tr("%1 rejected").replace("%1", f"{len(report.invalid):,}"),
        ]
        how = self.tr("Read as %1").replace("%1", report.encoding.upper())
        if report.separator:
            how += ", " + self.tr("card number and secret separated by %1").replace("%1", repr(sep))
        else:
            how += ", " + self.tr("one secret per line")
        if report.header_skipped:
            how += ", " + self.tr("header line skipped")
        text = " · ".join(parts) + "<br>" + how
        if report.normalised:
            text += "<br>" + self.tr(
                "%1 secret(s) contained full-width or invisible characters and were normalised (lines %2)."
            ).replace("%1", str(len(report.normalised))).replace("%2", ", ".join(map(str, report.normalised[:15])))
        self.summary.setText(text)
        self.rejected.setRowCount(min(len(report.invalid), 5000))
        for i, rejected in enumerate(report.invalid[:5000]):
            self.rejected.setItem(i, 0, QTableWidgetItem(str(rejected.line)))
            self.rejected.setItem(i, 1, QTableWidgetItem(labels.rejection(rejected)))

    @asyncSlot()
    async def run_import(self) -> None:
        if self.report is None or self._data is None:
            return
        self._progress = _Progress()
        self._progress.moved.connect(self._on_progress)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)

        async def write() -> ImportReport | None:
            options = self._options()
            try:
                return await self._ops.write(
                    import_keys,
                    self._ops.shop.vault,
                    self._data,
                    options,
                    actor=self._ops.shop.actor,
                    progress=self._progress,
                )
            except Cancelled:
                return None

        try:
            report = await self._ops.attempt(write(), self.error.show_error)
        finally:
            self.bar.hide()
            self.cancel_button.hide()
            self.preview_button.setEnabled(self.product.currentData() is not None)
        if report is FAILED:
            return
        if report is None:
            self.summary.setText(self.tr("Import cancelled. Nothing was written."))
            return
        self.result_report = report
        self.summary.setText(
            self.tr("Imported %1 key(s) as batch #%2.")
            .replace("%1", f"{report.accepted:,}")
            .replace("%2", str(report.batch_id))
            + (
                " " + self.tr("%1 waiting order(s) were filled.").replace("%1", str(len(report.filled_orders)))
                if report.filled_orders
                else ""
            )
        )
        self.report = None

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def cancel_import(self) -> None:
        if self._progress is not None:
            self._progress.cancel.set()

    def reject(self) -> None:
        self.cancel_import()
        super().reject()


def _read_file(name: str) -> bytes:
    path = Path(name)
    if not path.is_file():
        raise ShopError(f"{name}: no such file.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ShopError(f"{name} is larger than 512 MB; split it into smaller files.")
    return path.read_bytes()

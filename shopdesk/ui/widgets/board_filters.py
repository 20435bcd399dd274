"""The board's filter bar: status, product, source, date range and a search box (Enter, or a pause in typing)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from shopdesk.services.common import clock
from shopdesk.services.orders.board import SOURCES, BoardFilter
from shopdesk.services.orders.state import STATUSES as ORDER_STATUSES
from shopdesk.ui import labels
from shopdesk.ui.timers import timer
from shopdesk.ui.widgets.common import date_range_edits

SEARCH_PAUSE_MS = 400
PRESETS = ("any", "today", "7d", "30d", "range")


_zone: tzinfo | None = None  # the shop's time zone (None: the system's), set once the shop is open


def use_zone(zone: tzinfo | None) -> None:
    """Dates on the board are the shop's local dates, as on the Today page and in the reports."""
    global _zone
    _zone = zone


def _local_midnight(d: QDate) -> datetime:
    if _zone is not None:
        return datetime(d.year(), d.month(), d.day(), tzinfo=_zone)
    return datetime(d.year(), d.month(), d.day()).astimezone()  # naive means local time here


class BoardFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for code in ORDER_STATUSES:
            self.status.addItem(labels.order_status(code), code)
        self.product = QComboBox(objectName="productFilter")
        self.product.addItem(self.tr("All products"), None)
        self.product.setMinimumContentsLength(10)
        self.product.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source = QComboBox(objectName="sourceFilter")
        self.source.addItem(self.tr("All sources"), None)
        for code in SOURCES:
            self.source.addItem(labels.source(code), code)
        self.dates = QComboBox(objectName="dateFilter")
        for code, text in zip(
            PRESETS,
            (self.tr("Any time"), self.tr("Today"), self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Dates…")),
            strict=True,
        ):
            self.dates.addItem(text, code)
        today = _today()
        self.date_from, self.date_to = date_range_edits(
            today.addDays(-6), today, self._dates_edited, ("dateFrom", "dateTo")
        )
        self.to_label = QLabel(self.tr("to"))
        self.search = QLineEdit(objectName="orderSearch")
        self.search.setPlaceholderText(self.tr("Order number, customer or trade number"))
        self.search.setClearButtonEnabled(True)
        self._pause = timer(self, SEARCH_PAUSE_MS, self.changed, single_shot=True)

        for combo in (self.status, self.product, self.source):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.dates.currentIndexChanged.connect(lambda _i: self._preset_changed())
        self.search.returnPressed.connect(self._search_now)
        self.search.textChanged.connect(lambda _t: self._pause.start())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.status, self.product, self.source, self.dates, self.date_from, self.to_label, self.date_to):
            row.addWidget(w)
        row.addWidget(self.search, 1)
        self._preset_changed(emit=False)

    def _search_now(self) -> None:
        self._pause.stop()
        self.changed.emit()

    def _preset_changed(self, emit: bool = True) -> None:
        custom = self.dates.currentData() == "range"
        for w in (self.date_from, self.to_label, self.date_to):
            w.setVisible(custom)
        if emit:
            self.changed.emit()

    def _dates_edited(self) -> None:
        if self.dates.currentData() == "range":
            self.changed.emit()

    def set_products(self, products) -> None:
        """Products as (id, sku, name); keeps the current choice when it still exists."""
        current = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(self.tr("All products"), None)
        for product_id, sku, name in products:
            self.product.addItem(f"{sku} · {name}", product_id)
        self.product.setCurrentIndex(max(0, self.product.findData(current)))
        self.product.blockSignals(False)

    def show(self, status: str | None, day: date | None, product_id: int | None = None) -> None:
        """Set the filters at once (a Today tile's orders): one `changed`, not one per box."""
        widgets = (self.status, self.product, self.source, self.dates, self.date_from, self.date_to, self.search)
        for w in widgets:
            w.blockSignals(True)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.product.setCurrentIndex(max(0, self.product.findData(product_id)))
        self.source.setCurrentIndex(0)
        self.search.clear()
        if day is None:
            self.dates.setCurrentIndex(self.dates.findData("any"))
        else:
            self.dates.setCurrentIndex(self.dates.findData("range"))
            self.date_from.setDate(QDate(day.year, day.month, day.day))
            self.date_to.setDate(QDate(day.year, day.month, day.day))
        for w in widgets:
            w.blockSignals(False)
        self._preset_changed(emit=False)
        self._pause.stop()
        self.changed.emit()

    def show_search(self, text: str) -> None:
        """Every order, any time, searched for `text` (an order number picked elsewhere)."""
        self.show(None, None)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._search_now()

    def filter(self) -> BoardFilter:
        created_from = created_to = None
        preset = self.dates.currentData()
        if preset in ("today", "7d", "30d"):
            days_back = {"today": 0, "7d": 6, "30d": 29}[preset]
            created_from = _local_midnight(_today().addDays(-days_back))
        elif preset == "range":
            start, end = sorted((self.date_from.date(), self.date_to.date()), key=lambda d: d.toJulianDay())
            created_from = _local_midnight(start)
            created_to = _local_midnight(end) + timedelta(days=1)
        return BoardFilter(
            status=self.status.currentData(),
            product_id=self.product.currentData(),
            source=self.source.currentData(),
            created_from=created_from,
            created_to=created_to,
            search=self.search.text().strip(),
        )


def _today() -> QDate:
    now = clock.now().astimezone(_zone)  # the shop's clock (tests move it), in the shop's local time
    return QDate(now.year, now.month, now.day)

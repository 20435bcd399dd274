"""Today: the page the owner opens first. The day's sales, orders, refunds, cancellations and gross profit beside
yesterday and the same weekday last week; the hourly sales line; the desk; stock running out; the anomaly alerts.

Live: an order, case or stock change anywhere (the storefront, another desktop) reloads the figures within a
second (at most one reload in flight, one more queued). Every tile opens the board, the desk or the inventory,
filtered to what it counts.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.numbers import days
from shopdesk.services.numbers import today as figures
from shopdesk.ui import numbers_text as words
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer
from shopdesk.ui.widgets.chart_colours import BLUE, GREY
from shopdesk.ui.widgets.chart_later import LaterLineChart
from shopdesk.ui.widgets.common import make_table, page_title

RELOAD_MS = 250  # changes arriving together reload once

STYLE = """
QFrame#tile { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame#tile:hover { border-color: palette(highlight); }
QLabel#tileTitle { color: #5b6472; }
QLabel#tileValue { font-size: 22px; font-weight: 600; }
QLabel#tileDetail { color: #6b7280; }
QLabel#tileValue[alarm="true"] { color: #c0392b; }
"""


ALERTS_EVERY_S = 60  # the alerts weigh weeks of history: at most once a minute while orders stream in


def _load(session, day: date | None, with_alerts: bool):
    tz = days.shop_zone(session)
    return str(tz), figures.today(session, day, tz=tz, with_alerts=with_alerts)


class Tile(QFrame):
    """A figure with its comparisons; a click opens what it counts."""

    clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="tile")
        self.setProperty("tile", name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(objectName="tileTitle")
        self.value = QLabel("–", objectName="tileValue")
        self.detail = QLabel(objectName="tileDetail")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_value(self, title: str, value: str, detail: str = "", *, alarm: bool = False, tip: str = "") -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.value.setProperty("alarm", alarm)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class TodayPage(QWidget):
    # ("orders", {"status": ..., "day": date}), ("desk", {"scope": ...}), ("inventory", {"product_id": ...})
    navigate = Signal(str, object)
    alerts_found = Signal(object)  # tuple[Alert]: the window notifies each new one once

    topics = ("order", "case", "stock", "product", "setting", "alert")

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.view: figures.TodayView | None = None
        self.zone = ""
        self._loading = False
        self._again = False
        self._stopped = False
        self._alerts_at: float | None = None  # when the alerts were last read (time.monotonic)
        self._alerts: tuple = ()
        self.setStyleSheet(STYLE)
        self.title = page_title(self.tr("Today"))
        self.subtitle = QLabel(objectName="todayDate")
        self.tiles: dict[str, Tile] = {}
        money = QGridLayout()
        money.setSpacing(10)
        names = ("sales", "paid_orders", "average", "refunds", "cancelled", "profit")
        for i, name in enumerate(names):
            self.tiles[name] = Tile(name)
            money.addWidget(self.tiles[name], 0, i)
        desk_row = QGridLayout()
        desk_row.setSpacing(10)
        for i, name in enumerate(("open_cases", "breached", "first_response", "awaiting_stock")):
            self.tiles[name] = Tile(name)
            desk_row.addWidget(self.tiles[name], 0, i)
        self.tiles["sales"].clicked.connect(lambda: self._to_orders(None))
        self.tiles["paid_orders"].clicked.connect(lambda: self._to_orders(None))
        self.tiles["average"].clicked.connect(lambda: self._to_orders(None))
        self.tiles["refunds"].clicked.connect(lambda: self._to_orders("cancelled"))
        self.tiles["cancelled"].clicked.connect(lambda: self._to_orders("cancelled"))
        self.tiles["profit"].clicked.connect(lambda: self._to_orders(None))
        self.tiles["open_cases"].clicked.connect(lambda: self.navigate.emit("desk", {"scope": "open"}))
        self.tiles["breached"].clicked.connect(lambda: self.navigate.emit("desk", {"scope": "breached"}))
        self.tiles["first_response"].clicked.connect(lambda: self.navigate.emit("desk", {"scope": "all"}))
        self.tiles["awaiting_stock"].clicked.connect(lambda: self._to_orders("awaiting_stock", any_day=True))

        self.hourly = LaterLineChart(self, height=170)  # pyqtgraph: once the figures have painted
        self.hourly.setObjectName("hourlySales")
        self.stock_model = RowsModel(
            [
                Column(lambda: self.tr("Product"), lambda r: f"{r.sku} · {r.name}", elide=True),
                Column(lambda: self.tr("In stock"), lambda r: str(r.available), RIGHT),
                Column(lambda: self.tr("Alert below"), lambda r: str(r.threshold), RIGHT),
                Column(lambda: self.tr("Expiring in 7 days"), lambda r: str(r.expiring) if r.expiring else "", RIGHT),
                Column(lambda: self.tr("Sold, last 7 days"), lambda r: str(r.sold_7d), RIGHT),
                Column(lambda: self.tr("Days left"), lambda r: words.days_left(r.days_left), RIGHT),
            ],
            self,
        )
        self.stock_table = make_table(self)
        self.stock_table.setObjectName("todayStock")
        self.stock_table.setModel(self.stock_model)
        self.stock_table.setMinimumHeight(140)
        header = self.stock_table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.stock_model.columnCount()):  # the figures whole; the product name takes the rest
            mode = QHeaderView.ResizeMode.Stretch if column == 0 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.stock_table.activated.connect(self._stock_picked)
        self.alert_list = QListWidget(objectName="todayAlerts")
        self.alert_list.setWordWrap(True)
        self.alert_list.setMinimumHeight(90)
        self.alert_list.itemActivated.connect(self._alert_picked)
        self.alert_list.itemClicked.connect(self._alert_picked)

        self.stock_title = QLabel(self.tr("Running out"), objectName="sectionTitle")
        self.alerts_title = QLabel(self.tr("Alerts"), objectName="sectionTitle")
        self.hourly_title = QLabel(self.tr("Sales by hour"), objectName="sectionTitle")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.subtitle)
        head.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(head)
        layout.addLayout(money)
        layout.addWidget(self.hourly_title)
        layout.addWidget(self.hourly)
        layout.addLayout(desk_row)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.stock_title)
        left.addWidget(self.stock_table, 1)
        right.addWidget(self.alerts_title)
        right.addWidget(self.alert_list, 1)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        layout.addLayout(lists, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._reload = timer(self, RELOAD_MS, self.refresh, single_shot=True)

    # --- loading ---------------------------------------------------------------------------------------
    def on_changes(self, changes: dict) -> None:
        if any(topic in changes for topic in self.topics):
            self._reload.start()

    @asyncSlot()
    async def refresh(self) -> None:
        # A lost server is the status bar's to say (once); a reload it interrupts runs again when it is back.
        await self._ops.attempt(self.load())

    def stop(self) -> None:
        """The window closes: no more reloads (one in flight shows nothing)."""
        self._stopped = True
        self._reload.stop()

    async def load(self) -> None:
        if self._stopped:
            return
        if self._loading:
            self._again = True  # one more read once this one is in
            return
        self._loading = True
        try:
            now = time.monotonic()
            with_alerts = self._alerts_at is None or now - self._alerts_at >= ALERTS_EVERY_S
            zone, view = await self._ops.read(_load, None, with_alerts)
            if self._stopped:
                return
            if with_alerts:
                self._alerts_at, self._alerts = now, view.alerts
            else:
                view = dataclasses.replace(view, alerts=self._alerts)
            self.zone, self.view = zone, view
            self.show_view(view)
        finally:
            self._loading = False
        if self._again:
            self._again = False
            await self.load()

    def show_view(self, v: figures.TodayView) -> None:
        d, y, w = v.day, v.yesterday, v.last_week
        self.subtitle.setText(words.day_heading(d.date, self.zone))

        def compare(now, then_y, then_w, text) -> str:
            return words.compared(text(then_y), text(then_w), w.date, arrow=words.arrow(now, then_y))

        yuan = lambda fen: "¥" + format_yuan(fen) if fen is not None else "–"  # noqa: E731
        self.tiles["sales"].show_value(
            self.tr("Sales"), yuan(d.sales_fen), compare(d.sales_fen, y.sales_fen, w.sales_fen, yuan)
        )
        self.tiles["paid_orders"].show_value(
            self.tr("Paid orders"),
            str(d.paid_orders),
            compare(d.paid_orders, y.paid_orders, w.paid_orders, str),
            tip=self.tr("Orders created today that were paid, whatever happened next. %1 closed unpaid.").replace(
                "%1", str(d.closed_unpaid)
            ),
        )
        self.tiles["average"].show_value(
            self.tr("Average order"), yuan(d.average_fen), compare(d.average_fen, y.average_fen, w.average_fen, yuan)
        )
        self.tiles["refunds"].show_value(
            self.tr("Refunds"), yuan(d.refunds_fen), compare(d.refunds_fen, y.refunds_fen, w.refunds_fen, yuan)
        )
        cancelled = lambda f: f"{f.cancelled} · {words.percent(f.cancellation_rate)}"  # noqa: E731
        self.tiles["cancelled"].show_value(
            self.tr("Cancellations"),
            cancelled(d),
            words.compared(
                cancelled(y), cancelled(w), w.date, arrow=words.arrow(d.cancellation_rate, y.cancellation_rate)
            ),
            alarm=any(a.kind == "product_cancellations" for a in v.alerts),
            tip=self.tr("Paid orders of today cancelled since, and their share of today's paid orders."),
        )
        self.tiles["profit"].show_value(
            self.tr("Gross profit"),
            yuan(d.gross_profit_fen),
            compare(d.gross_profit_fen, y.gross_profit_fen, w.gross_profit_fen, yuan),
            tip=self.tr("Sales minus refunds minus what the delivered keys cost (their batch's unit cost)."),
        )
        desk = v.desk
        self.tiles["open_cases"].show_value(self.tr("Open cases"), str(desk.open_cases))
        self.tiles["breached"].show_value(
            self.tr("Breached cases"), str(desk.breached_cases), alarm=desk.breached_cases > 0
        )
        decided = desk.first_response_met + desk.first_response_missed
        self.tiles["first_response"].show_value(
            self.tr("First response on time today"),
            words.percent(desk.first_response_rate),
            self.tr("%1 of %2 cases").replace("%1", str(desk.first_response_met)).replace("%2", str(decided))
            if decided
            else "",
            alarm=desk.first_response_rate is not None and desk.first_response_rate < 0.9,
        )
        self.tiles["awaiting_stock"].show_value(
            self.tr("Waiting for keys"), str(v.awaiting_stock), alarm=v.awaiting_stock > 0
        )
        self.hourly.set_series(
            [f"{h:02d}" for h in range(24)],
            [
                (self.tr("Today"), [fen / 100 for fen in v.hourly_sales_fen], BLUE),
                (words.weekday_last_week(w.date), [fen / 100 for fen in v.hourly_sales_last_week_fen], GREY),
            ],
        )
        self.stock_model.set_rows(list(v.stock))
        self.stock_title.setText(self.tr("Running out (%1)").replace("%1", str(len(v.stock))))
        self.alert_list.clear()
        for alert in v.alerts:
            item = QListWidgetItem(words.alert(alert), self.alert_list)
            item.setData(Qt.ItemDataRole.UserRole, alert)
        if not v.alerts:
            QListWidgetItem(self.tr("Nothing out of the ordinary today."), self.alert_list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.alerts_title.setText(self.tr("Alerts (%1)").replace("%1", str(len(v.alerts))))
        self.alerts_found.emit(v.alerts)

    # --- going from a figure to its rows -----------------------------------------------------------------
    def _to_orders(self, status: str | None, *, any_day: bool = False) -> None:
        day = None if any_day or self.view is None else self.view.day.date
        self.navigate.emit("orders", {"status": status, "day": day})

    def _stock_picked(self, index) -> None:
        row = self.stock_model.row_at(index.row())
        self.navigate.emit("inventory", {"product_id": row.product_id})

    def _alert_picked(self, item: QListWidgetItem) -> None:
        alert = item.data(Qt.ItemDataRole.UserRole)
        if alert is None:
            return
        if alert.kind == "product_cancellations":
            self.navigate.emit("orders", {"status": "cancelled", "day": alert.date, "product_id": alert.product_id})
        else:
            self.navigate.emit("inventory", {"product_id": alert.product_id, "batch_id": alert.batch_id})

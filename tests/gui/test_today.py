"""The Today page and the Analytics page through their real widgets, offscreen: tiles that move by themselves when
the storefront's payment arrives, tiles that open the filtered board and desk, charts over their tables, export."""

from __future__ import annotations

import csv
import gc

import pytest
from PySide6.QtCore import Qt

from shopdesk.services.common import clock
from shopdesk.services.numbers import days
from tests.gui.conftest import run_until
from tests.gui.test_orders_board import add_product, api_call


@pytest.fixture(autouse=True)
def _collect_closed_loop():
    yield
    gc.collect()  # see tests/gui/test_orders_board.py: collect qasync's timers on the GUI thread


def storefront_sale(loop, window, n: int) -> str:
    """The storefront creates order WEB-n (two QQB-10 at 9.80) and its payment arrives; the order's status after."""
    order = {"external_id": f"WEB-{n}", "customer": {"name": "李娜", "contact": "qq:5551"}}
    status, body = api_call(loop, window, "/v1/orders", order | {"lines": [{"sku": "QQB-10", "quantity": 2}]})
    assert status == 201, body
    status, paid = api_call(
        loop, window, f"/v1/orders/{body['id']}/payments", {"trade_no": f"GW-{n}", "amount": "19.60"}
    )
    assert status == 200, paid
    return paid["status"]


def tile(window, name: str) -> str:
    return window.today_page.tiles[name].value.text()


def test_the_today_tiles_move_by_themselves_when_the_storefront_is_paid(window, loop, ops, qtbot):
    assert window.stack.currentWidget() is window.today_page  # the first page of the window
    add_product(loop, ops, "QQB-10", keys=3)
    run_until(loop, lambda: tile(window, "sales") == "¥0.00", what="today's empty figures")
    assert tile(window, "paid_orders") == "0"
    assert tile(window, "awaiting_stock") == "0"

    assert storefront_sale(loop, window, 1) == "delivered"
    run_until(loop, lambda: tile(window, "sales") == "¥19.60", what="the sales tile to move")
    assert tile(window, "paid_orders") == "1"
    assert tile(window, "average") == "¥19.60"
    assert tile(window, "profit") == "¥19.60"  # keys of no cost
    assert (
        window.today_page.view.hourly_sales_fen[clock.now().astimezone(days.zone(window.today_page.zone)).hour] == 1960
    )

    # A paid order with no key left waits: the tile says so and opens the board's waiting orders.
    assert storefront_sale(loop, window, 2) == "awaiting_stock"
    run_until(loop, lambda: tile(window, "awaiting_stock") == "1", what="the waiting-for-keys tile")
    assert tile(window, "paid_orders") == "2"
    assert window.today_page.stock_model.rowCount() == 1  # QQB-10 is out of keys: it is running out
    qtbot.mouseClick(window.today_page.tiles["awaiting_stock"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.orders_page
    bar = window.orders_page.filters
    assert bar.status.currentData() == "awaiting_stock" and bar.dates.currentData() == "any"
    run_until(loop, lambda: window.orders_page.model.rowCount() == 1, what="the board filtered to the waiting order")


def test_the_cancellations_tile_opens_today_cancelled_orders_and_the_desk_tiles_open_the_queue(window, loop, qtbot):
    run_until(loop, lambda: window.today_page.view is not None, what="today's figures")
    qtbot.mouseClick(window.today_page.tiles["cancelled"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.orders_page
    f = window.orders_page.filters.filter()
    assert f.status == "cancelled"
    today = window.today_page.view.day.date
    assert f.created_from.astimezone(days.zone(window.today_page.zone)).date() == today
    assert (f.created_to - f.created_from).total_seconds() in (23 * 3600, 24 * 3600, 25 * 3600)
    window.nav.setCurrentRow(0)
    qtbot.mouseClick(window.today_page.tiles["breached"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.aftersales_page
    assert window.aftersales_page.queue_filter().scope == "breached"


def test_analytics_loads_when_shown_and_exports_a_table(window, loop, ops, tmp_path):
    page = window.analytics_page
    assert page.data is None  # hidden: it read nothing yet
    window.nav.setCurrentRow([p for _t, p in window.pages].index(page))
    run_until(loop, lambda: page.data is not None, what="the analytics figures")
    day_section = page.sections["day"]
    assert day_section.model.rowCount() == 30  # every date of the last 30 days, sales or none
    assert page.sections["hour_of_week"].model.rowCount() == 7 * 24
    assert page.heatmap.rowCount() == 7 and page.heatmap.columnCount() == 24
    target = tmp_path / "rate.csv"
    loop.run_until_complete(day_section.write_to(str(target)))
    with target.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["key", "paid_orders", "cancelled", "cancellation_rate"]
    assert len(rows) == 31
    bad = tmp_path / "rate.txt"
    loop.run_until_complete(day_section.write_to(str(bad)))
    assert "exports are .csv or .xlsx" in day_section.message.text()
    assert not bad.exists()

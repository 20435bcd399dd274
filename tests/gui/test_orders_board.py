"""The live order board through its real widgets, offscreen: orders arriving through the storefront API and
from another connection, filters, the waiting queue and its refunds, over-the-counter sales, the order
detail's audited reveal, and tray notifications."""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit, clock
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders import state
from shopdesk.services.orders.detail import load_order_view
from shopdesk.services.storefront import intake, signing
from shopdesk.ui.dialogs.new_order import NewOrderDialog
from shopdesk.ui.models.orders import PLACEHOLDER, STATUS_ROLE
from tests.gui.conftest import drain, run_until, typed_into

STATUS, TOTAL, TRADE = 4, 6, 8


@pytest.fixture(autouse=True)
def _board_on_screen(request):
    """These tests watch the board: it is on screen (the window opens on Today)."""
    if "window" in request.fixturenames:
        window = request.getfixturevalue("window")
        window.nav.setCurrentRow(window.stack.indexOf(window.orders_page))


@pytest.fixture(autouse=True)
def _collect_closed_loop():
    """Set up before `loop`, so this runs after the loop is closed: collect it here, on the GUI thread.

    qasync's timer object lives on in a reference cycle with timers still registered (aiohttp leaves
    keep-alive callbacks behind); collected later by a GC pass that happens to run on the DB thread, Qt
    warns that timers cannot be stopped from another thread."""
    yield
    gc.collect()


# --- helpers ----------------------------------------------------------------------------------------------


def add_product(loop, ops, sku: str, *, price_fen: int = 980, keys: int = 0) -> int:
    view = loop.run_until_complete(
        ops.write(catalog.add_product, ProductInput(sku=sku, name=f"{sku} 点卡", price_fen=price_fen, kind="secret"))
    )
    if keys:
        secrets = [(None, f"{sku}-SECRET-{i:04d}") for i in range(keys)]
        loop.run_until_complete(ops.write(inventory.add_keys, ops.shop.vault, view.id, secrets, actor="test"))
    return view.id


def add_customer(loop, ops, name: str, contact: str = "", *, wallet_fen: int = 0) -> int:
    c = loop.run_until_complete(ops.write(customers.add_customer, name, contact))
    if wallet_fen:
        loop.run_until_complete(
            ops.write(customers.topup, c.id, wallet_fen, idempotency_key=f"test-{c.id}", actor="test")
        )
    return c.id


def create(loop, ops, customer_id: int, lines, **kwargs):
    return loop.run_until_complete(ops.write(orders.create_order, customer_id, lines, actor="test", **kwargs))


def pay(loop, ops, order_id: int, trade_no: str):
    return loop.run_until_complete(
        ops.write(orders.pay_order, order_id, method="alipay", trade_no=trade_no, actor="test")
    ).order


def api_call(loop, window, path: str, body: dict) -> tuple[int, dict]:
    """A signed POST to the window's storefront API, sent from another thread as a storefront would."""
    secret = loop.run_until_complete(window.ops.write(intake.api_secret))
    raw = json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{window.api_port}{path}",
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json",
            **signing.signed_headers(secret, "POST", path, raw, key=f"gui-{uuid.uuid4().hex}"),
        },
    )

    def send() -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    return loop.run_until_complete(asyncio.to_thread(send))


def shown(page) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def wait_for_rows(loop, page, expected: list[str], what: str, **filters) -> None:
    def settled() -> bool:
        f = page.model.filter
        return all(getattr(f, k) == v for k, v in filters.items()) and shown(page) == expected

    run_until(loop, settled, what=what)
    assert page.count_label.text() == f"{len(expected)} order(s)"


def answer(loop, page, yes: bool) -> None:
    """Answer the confirmation box the page opened, with its real button."""
    run_until(
        loop,
        lambda: (
            page.findChild(QMessageBox, "confirmBox") is not None
            and page.findChild(QMessageBox, "confirmBox").isVisible()
        ),
        what="the confirmation question",
    )
    box = page.findChild(QMessageBox, "confirmBox")
    box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()
    run_until(loop, lambda: page.findChild(QMessageBox, "confirmBox") is None, what="the question to close")


def paid_notes(window) -> list[tuple[str, str]]:
    return [n for n in window.notifier.history if n[0] == "New paid order"]


# --- live ---------------------------------------------------------------------------------------------------


def test_an_api_order_appears_by_itself_and_its_payment_changes_and_flashes_the_row(window, loop, ops, qtmodeltester):
    page = window.orders_page
    model = page.model
    qtmodeltester.check(model, force_py=True)  # and keeps checking every insert from here on
    add_product(loop, ops, "QQB-10", keys=3)

    status, body = api_call(
        loop,
        window,
        "/v1/orders",
        {
            "external_id": "WEB-1001",
            "customer": {"name": "李娜", "contact": "qq:5551"},
            "lines": [{"sku": "QQB-10", "quantity": 2}],
        },
    )
    assert status == 201, body
    order_id, number = body["id"], body["number"]
    run_until(loop, lambda: model.rowCount() == 1, what="the storefront's order on the board")
    assert model.order_id(0) == order_id
    assert [model.index(0, c).data() for c in (0, 2, 3, STATUS, 5, TOTAL, 7, TRADE)] == [
        number,
        "李娜",
        "QQB-10 ×2",
        "Awaiting payment",
        "Unpaid",
        "19.60",
        "Storefront",
        "",
    ]
    assert model.index(0, STATUS).data(STATUS_ROLE) == "pending_payment"
    assert page.count_label.text() == "1 order(s)"
    run_until(loop, lambda: not model.flashing(order_id), what="the new row's flash to end")
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None

    status, body = api_call(
        loop, window, f"/v1/orders/{order_id}/payments", {"trade_no": "GW-88001", "amount": "19.60"}
    )
    assert status == 200 and body["status"] == "delivered", body
    run_until(loop, lambda: model.index(0, STATUS).data() == "Delivered", what="the status to change")
    assert model.flashing(order_id)
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 5).data() == "Paid"
    assert model.index(0, TRADE).data() == "GW-88001"
    run_until(loop, lambda: not model.flashing(order_id), what="the flash to fade")
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.rowCount() == 1
    assert paid_notes(window) == [("New paid order", f"{number} · 李娜 · ¥19.60")]


def test_orders_from_another_connection_appear_on_top_without_moving_the_reader(window, loop, ops, shop):
    page = window.orders_page
    model = page.model
    add_product(loop, ops, "CM-100", price_fen=9880)
    who = add_customer(loop, ops, "王芳")
    made = [create(loop, ops, who, [("CM-100", 1)]) for _ in range(80)]
    run_until(loop, lambda: model.rowCount() == 80, what="eighty orders")
    page.table.scrollTo(model.index(40, 0), page.table.ScrollHint.PositionAtTop)
    run_until(loop, lambda: page.table.rowAt(0) == 40, what="the view to scroll")
    reading = model.order_id(40)
    assert reading == made[39].id

    with shop.db.write() as s:  # a second ShopApp on the same data dir: another process, as far as we know
        newest = orders.create_order(s, who, [("CM-100", 1)], actor="cli")
    run_until(loop, lambda: model.rowCount() == 81, what="the other connection's order")
    assert model.order_id(0) == newest.id
    page.table.viewport().repaint()
    assert model.order_id(page.table.rowAt(0)) == reading, "the row being read stays in place"
    assert page.table.verticalScrollBar().value() > 0

    page.table.scrollToTop()
    run_until(loop, lambda: page.table.verticalScrollBar().value() == 0, what="back at the top")
    with shop.db.write() as s:
        newer = orders.create_order(s, who, [("CM-100", 2)], actor="cli")
    run_until(loop, lambda: model.rowCount() == 82, what="one more")
    assert page.table.rowAt(0) == 0 and model.order_id(0) == newer.id, "at the top, new orders show at once"


# --- filters ------------------------------------------------------------------------------------------------


def test_filters_and_search_narrow_the_board(window, loop, qtbot, ops):
    page = window.orders_page
    bar = page.filters
    now = clock.now()
    clock.freeze(now)
    qq = add_product(loop, ops, "QQB-50", price_fen=4900, keys=10)
    jd = add_product(loop, ops, "JD-E-100", price_fen=9800, keys=10)
    li = add_customer(loop, ops, "李娜", "wx:lina")
    zhang = add_customer(loop, ops, "张伟", "qq:10086")
    clock.freeze(now - timedelta(days=40))
    old = create(loop, ops, li, [("QQB-50", 1)])
    pay(loop, ops, old.id, "T-OLD-1")
    clock.freeze(now - timedelta(days=3))
    web = create(loop, ops, zhang, [("JD-E-100", 1)], source="api", external_id="WEB-7")
    pay(loop, ops, web.id, "T-WEB-7")
    clock.freeze(now)
    mixed = create(loop, ops, li, [("QQB-50", 1), ("JD-E-100", 2)])
    unpaid = create(loop, ops, zhang, [("QQB-50", 3)])
    everything = [unpaid.number, mixed.number, web.number, old.number]
    run_until(loop, lambda: shown(page) == everything, what="all four orders")
    assert page.model.index(1, 3).data() == "QQB-50 ×1, JD-E-100 ×2"

    bar.status.setCurrentIndex(bar.status.findData("pending_payment"))
    wait_for_rows(loop, page, [unpaid.number, mixed.number], "the unpaid orders", status="pending_payment")
    pay(loop, ops, mixed.id, "T-MIXED")  # paid while the filter shows unpaid orders: it leaves the board
    run_until(loop, lambda: shown(page) == [unpaid.number], what="the paid order to leave the unpaid view")
    bar.status.setCurrentIndex(bar.status.findData("delivered"))
    wait_for_rows(loop, page, [mixed.number, web.number, old.number], "the delivered orders", status="delivered")
    bar.status.setCurrentIndex(0)
    wait_for_rows(loop, page, everything, "every status", status=None)

    bar.product.setCurrentIndex(bar.product.findData(jd))
    wait_for_rows(loop, page, [mixed.number, web.number], "orders with JD-E-100", product_id=jd)
    bar.product.setCurrentIndex(bar.product.findData(qq))
    wait_for_rows(loop, page, [unpaid.number, mixed.number, old.number], "orders with QQB-50", product_id=qq)
    bar.product.setCurrentIndex(0)

    bar.source.setCurrentIndex(bar.source.findData("api"))
    wait_for_rows(loop, page, [web.number], "the storefront's order", source="api", product_id=None)
    assert page.model.index(0, 7).data() == "Storefront"
    bar.source.setCurrentIndex(bar.source.findData("desk"))
    wait_for_rows(loop, page, [unpaid.number, mixed.number, old.number], "desk orders", source="desk")
    bar.source.setCurrentIndex(0)

    bar.dates.setCurrentIndex(bar.dates.findData("today"))
    wait_for_rows(loop, page, [unpaid.number, mixed.number], "today's orders", source=None)
    bar.dates.setCurrentIndex(bar.dates.findData("7d"))
    wait_for_rows(loop, page, [unpaid.number, mixed.number, web.number], "the last 7 days' orders")
    assert not bar.date_from.isVisible()
    bar.dates.setCurrentIndex(bar.dates.findData("range"))
    assert bar.date_from.isVisible() and bar.date_to.isVisible()
    day = bar.date_to.date()
    bar.date_from.setDate(day.addDays(-45))
    bar.date_to.setDate(day.addDays(-30))
    wait_for_rows(loop, page, [old.number], "the order from 40 days ago")
    bar.dates.setCurrentIndex(bar.dates.findData("any"))
    wait_for_rows(loop, page, everything, "any time again", created_from=None, created_to=None)

    qtbot.keyClicks(bar.search, "T-WEB-7")
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    wait_for_rows(loop, page, [web.number], "the order paid with trade number T-WEB-7", search="T-WEB-7")
    assert page.model.index(0, TRADE).data() == "T-WEB-7"
    bar.search.clear()
    bar.search.insert("李娜")  # Chinese arrives as an input method commits it; a pause in typing applies it
    wait_for_rows(loop, page, [mixed.number, old.number], "李娜's orders", search="李娜")
    bar.search.setText("qq:10086")
    wait_for_rows(loop, page, [unpaid.number, web.number], "orders by contact", search="qq:10086")
    bar.search.setText(old.number)
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    wait_for_rows(loop, page, [old.number], "the order by its number", search=old.number)
    bar.search.setText("WEB-7")
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    wait_for_rows(loop, page, [web.number], "the order by its storefront id", search="WEB-7")
    bar.status.setCurrentIndex(bar.status.findData("closed"))
    wait_for_rows(loop, page, [], "no closed order with that id", status="closed")


# --- waiting queue --------------------------------------------------------------------------------------------


def test_waiting_queue_lists_oldest_first_and_refunds_through_its_buttons(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "STEAM-200", price_fen=20600)  # no keys: every paid order waits
    li = add_customer(loop, ops, "李娜")
    wang = add_customer(loop, ops, "王芳")
    start = clock.now()
    clock.freeze(start)
    later = create(loop, ops, li, [("STEAM-200", 1)])
    earlier = create(loop, ops, wang, [("STEAM-200", 1)])
    pay(loop, ops, earlier.id, "T-EARLY")
    clock.freeze(start + timedelta(minutes=2))
    assert pay(loop, ops, later.id, "T-LATE").status == "awaiting_stock"
    queue = page.queue_model
    run_until(loop, lambda: queue.rowCount() == 2, what="both orders in the queue")
    assert [queue.index(r, 0).data() for r in range(2)] == [earlier.number, later.number], "oldest payment first"
    assert [queue.index(r, 3).data() for r in range(2)] == ["王芳", "李娜"]
    assert queue.index(0, 2).data() == "2 minute(s)"  # a duration in words (zh_CN "2 分")
    assert page.tabs.tabText(1) == "Paid, waiting for keys (2)"
    page.tabs.setCurrentIndex(1)

    page.refund_wallet_button.click()  # nothing picked yet
    run_until(loop, lambda: page.queue_message.text() == "Pick an order in the queue first.", what="the hint")
    page.queue.selectRow(0)
    run_until(loop, lambda: page.detail.order_id == earlier.id, what="the detail of the picked order")
    page.refund_wallet_button.click()
    answer(loop, page, yes=True)
    run_until(loop, lambda: queue.rowCount() == 1, what="the refunded order to leave the queue")
    assert page.queue_message.text() == f"Order {earlier.number} refunded and cancelled."
    view = loop.run_until_complete(ops.read(load_order_view, earlier.id))
    assert (view.status, view.payment_status, view.refunded_fen) == ("cancelled", "refunded", 20600)
    assert loop.run_until_complete(ops.read(customers.get_customer, wang)).balance_fen == 20600
    assert page.tabs.tabText(1) == "Paid, waiting for keys (1)"
    run_until(loop, lambda: "Cancelled" in shown_statuses(page), what="the board to show the cancellation")

    page.queue.selectRow(0)
    page.refund_external_button.click()
    answer(loop, page, yes=False)  # "No" changes nothing
    drain(loop)
    assert loop.run_until_complete(ops.read(load_order_view, later.id)).status == "awaiting_stock"
    assert queue.rowCount() == 1
    page.refund_external_button.click()
    answer(loop, page, yes=True)
    run_until(loop, lambda: queue.rowCount() == 0, what="the queue to empty")
    view = loop.run_until_complete(ops.read(load_order_view, later.id))
    assert (view.status, view.payment_status) == ("cancelled", "refunded")
    assert loop.run_until_complete(ops.read(customers.get_customer, li)).balance_fen == 0, "refunded at the gateway"
    assert page.tabs.tabText(1) == "Paid, waiting for keys (0)"


def shown_statuses(page) -> list[str]:
    return [page.model.index(r, STATUS).data() for r in range(page.model.rowCount())]


# --- over the counter -----------------------------------------------------------------------------------------


def open_dialog(window, loop, qtbot) -> NewOrderDialog:
    page = window.orders_page
    before = set(page.findChildren(NewOrderDialog))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    run_until(
        loop,
        lambda: any(d.isVisible() for d in set(page.findChildren(NewOrderDialog)) - before),
        what="the new-order dialog",
    )
    (dialog,) = set(page.findChildren(NewOrderDialog)) - before
    return dialog


def save(loop, dialog: NewOrderDialog) -> None:
    before = dialog.error.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    run_until(
        loop,
        lambda: not dialog.isVisible() or (dialog.error.isVisible() and dialog.error.text() != before),
        what="the dialog to close or say what is wrong",
    )


def order_count(loop, ops) -> int:
    return sum(loop.run_until_complete(ops.read(state.count_by_status)).values())


# The type-ahead list is a popup; the offscreen platform cannot raise it or grab the keyboard for it.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_new_order_dialog_sells_over_the_counter_and_refuses_bad_input_inline(window, loop, qtbot, ops):
    page = window.orders_page
    add_product(loop, ops, "QQB-10", price_fen=980, keys=5)
    add_product(loop, ops, "CM-100", price_fen=9880, keys=5)
    add_customer(loop, ops, "张伟", "wx:zw")
    wang = add_customer(loop, ops, "王芳", "qq:1034", wallet_fen=5000)

    dialog = open_dialog(window, loop, qtbot)
    dialog.customer.lineEdit().insert("王芳 · qq:1034")  # what picking from the type-ahead list leaves
    assert dialog.balance.text() == "Wallet balance: ¥50.00"
    line = dialog.lines[0]
    line.product.setCurrentIndex(line.product.findData("QQB-10"))
    line.quantity.setText("")
    qtbot.keyClicks(line.quantity, "two")
    save(loop, dialog)
    assert dialog.isVisible()
    assert dialog.error.text() == "Line 1: the quantity must be a whole number, not “two”."
    line.quantity.setText("0")
    save(loop, dialog)
    assert "quantity must be a whole number from 1 to 10000, got 0" in dialog.error.text()

    line.quantity.setText("1")
    second = dialog.add_line()
    second.product.setCurrentIndex(second.product.findData("CM-100"))
    assert dialog.total.text() == "Total: ¥108.60"
    dialog.method.setCurrentIndex(dialog.method.findData("wallet"))
    save(loop, dialog)  # ¥108.60 from a wallet holding ¥50.00
    assert dialog.isVisible()
    assert "wallet" in dialog.error.text().lower() and "50.00" in dialog.error.text(), dialog.error.text()
    assert order_count(loop, ops) == 0, "a refused payment leaves no order behind"
    assert loop.run_until_complete(ops.read(customers.get_customer, wang)).balance_fen == 5000

    second.remove.click()
    line.quantity.setText("3")
    save(loop, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    made = dialog.created
    assert (made.status, made.payment_status, made.total_fen, made.source) == ("delivered", "paid", 2940, "desk")
    assert [(p.method, p.trade_no) for p in made.payments] == [("wallet", f"wallet-{made.number}")]
    assert loop.run_until_complete(ops.read(customers.get_customer, wang)).balance_fen == 5000 - 2940
    run_until(loop, lambda: shown(page) == [made.number], what="the desk order on the board")
    run_until(loop, lambda: page.detail.order_id == made.id and page.detail.keys.rowCount() == 3, what="its keys")

    external = open_dialog(window, loop, qtbot)
    external.customer.setCurrentIndex(external.customer.findData(wang))
    row = external.lines[0]
    row.product.setCurrentIndex(row.product.findData("CM-100"))
    external.method.setCurrentIndex(external.method.findData("external"))
    save(loop, external)
    assert external.error.text() == "An external payment needs the gateway's trade number."
    qtbot.keyClicks(external.trade_no, "GW-777001")
    save(loop, external)
    assert not external.isVisible(), external.error.text()
    assert [(p.method, p.trade_no, p.amount_fen) for p in external.created.payments] == [
        ("external", "GW-777001", 9880)
    ]
    run_until(loop, lambda: shown(page) == [external.created.number, made.number], what="both desk orders")

    unknown = open_dialog(window, loop, qtbot)
    unknown.customer.lineEdit().insert("nobody")
    save(loop, unknown)
    assert unknown.error.text() == "Pick the customer from the list (type part of the name to search)."
    unknown.reject()
    assert order_count(loop, ops) == 2


# --- detail ----------------------------------------------------------------------------------------------------


def test_order_detail_shows_lines_payments_timeline_and_reveal_is_audited(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "WY-50", price_fen=4850, keys=2)
    who = add_customer(loop, ops, "陈静")
    order = create(loop, ops, who, [("WY-50", 2)])
    pay(loop, ops, order.id, "T-DETAIL-1")
    run_until(loop, lambda: page.model.index(0, STATUS).data() == "Delivered", what="the delivered order")
    page.table.selectRow(0)
    detail = page.detail
    run_until(loop, lambda: detail.view is not None and detail.keys.rowCount() == 2, what="the detail")
    assert order.number in detail.heading.text() and "Delivered" in detail.heading.text()
    summary = detail.summary.text()
    for text in ("陈静", "¥97.00", "WY-50", "×2", "delivered 2/2", "T-DETAIL-1", "Alipay"):
        assert text in summary, text
    assert [detail.keys.item(r, 2).text() for r in range(2)] == ["••••0000", "••••0001"]
    assert "SECRET" not in summary
    whats = [detail.timeline.item(r, 1).text() for r in range(detail.timeline.rowCount())]
    assert whats == ["Created", "Paid", "Delivered"]
    assert loop.run_until_complete(ops.read(audit.recent, action="key.reveal")) == []

    key_id = detail.view.delivered_keys[1].id
    detail.reveal_button(key_id).click()
    run_until(loop, lambda: detail.keys.item(1, 2).text() == "WY-50-SECRET-0001", what="the revealed secret")
    assert detail.keys.item(0, 2).text() == "••••0000", "only the key asked for"
    assert not detail.reveal_button(key_id).isEnabled()
    (event,) = loop.run_until_complete(ops.read(audit.recent, action="key.reveal"))
    assert (event.actor, event.subject) == (ops.shop.actor, f"key:{key_id}")

    page.table.clearSelection()
    loop.run_until_complete(ops.write(orders.complete_order, order.id, actor="test"))
    run_until(loop, lambda: "Completed" in detail.heading.text(), what="the detail to follow the change")
    assert detail.keys.item(1, 2).text() == "WY-50-SECRET-0001"


# --- notifications ---------------------------------------------------------------------------------------------


def test_one_notification_per_new_paid_order_and_one_per_long_wait(window, loop, ops):
    start = clock.now()
    clock.freeze(start)
    add_product(loop, ops, "QQB-10", keys=1)
    add_product(loop, ops, "EMPTY-1")
    who = add_customer(loop, ops, "刘洋")
    first = create(loop, ops, who, [("QQB-10", 1)])
    waiting = create(loop, ops, who, [("EMPTY-1", 1)])
    page = window.orders_page
    run_until(loop, lambda: page.model.rowCount() == 2, what="both orders")
    assert paid_notes(window) == [], "an unpaid order is no news"

    pay(loop, ops, first.id, "T-N-1")
    pay(loop, ops, waiting.id, "T-N-2")
    run_until(loop, lambda: len(paid_notes(window)) == 2, what="two notifications")
    loop.run_until_complete(ops.write(orders.complete_order, first.id, actor="test"))  # changes again, no news
    run_until(loop, lambda: page.model.index(1, STATUS).data() == "Completed", what="the completed order")
    drain(loop)
    assert paid_notes(window) == [
        ("New paid order", f"{first.number} · 刘洋 · ¥9.80"),
        ("New paid order", f"{waiting.number} · 刘洋 · ¥9.80"),
    ]

    def waits() -> list:
        return [n for n in window.notifier.history if n[0] == "Order waiting for keys"]

    clock.advance(timedelta(minutes=9))
    window.sweeper.timeout.emit()
    drain(loop)
    assert waits() == [], "nine minutes is not long yet"
    clock.advance(timedelta(minutes=2))
    window.sweeper.timeout.emit()
    run_until(loop, lambda: len(waits()) == 1, what="the long-wait notification")
    assert waits() == [
        (
            "Order waiting for keys",
            f"{waiting.number} (EMPTY-1 ×1) has waited 11 minutes for keys: add stock or refund it.",
        )
    ]
    assert page.queue_model.index(0, 2).data() == "11 minute(s)"
    for _ in range(3):
        clock.advance(timedelta(minutes=5))
        window.sweeper.timeout.emit()
        drain(loop)
    assert len(waits()) == 1, "once per order"
    assert len(paid_notes(window)) == 2


def test_placeholder_rows_fill_in_when_scrolled_to(window, loop, ops, monkeypatch):
    from shopdesk.ui.models import orders as orders_model

    monkeypatch.setattr(orders_model, "BLOCK", 20)
    page = window.orders_page
    add_product(loop, ops, "R-1")
    who = add_customer(loop, ops, "孙悦")
    made = [create(loop, ops, who, [("R-1", 1)]) for _ in range(120)]
    run_until(loop, lambda: page.model.rowCount() == 120, what="the orders")
    drain(loop)
    window.watcher.poll()  # the change feed is read to the end: nothing arrives after the reload below
    drain(loop)
    page.apply_filter()  # a fresh load with the small block
    drain(loop)
    assert page.model.index(119, 0).data() == PLACEHOLDER
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    run_until(loop, lambda: page.model.index(119, 0).data() == made[0].number, what="the bottom rows")


def test_the_first_screen_shows_before_the_rest_of_the_ids_arrive(window, loop, ops, shop, monkeypatch):
    """HEAD ids come with the first screen, the rest in a second query: held here while another connection
    pays an order below the first screen and adds a new one."""
    from shopdesk.services.orders import board
    from shopdesk.ui.models import orders as orders_model

    monkeypatch.setattr(orders_model, "HEAD", 5)
    page = window.orders_page
    model = page.model
    add_product(loop, ops, "R-1")
    who = add_customer(loop, ops, "周杰")
    made = [create(loop, ops, who, [("R-1", 1)]) for _ in range(20)]
    run_until(loop, lambda: model.rowCount() == 20, what="the orders")
    drain(loop)

    gate = threading.Event()
    real = board.order_ids

    def held(session, f, **kwargs):
        if kwargs.get("before") is not None:
            gate.wait(timeout=10)
        return real(session, f, **kwargs)

    monkeypatch.setattr(board, "order_ids", held)
    page.filters.status.setCurrentIndex(page.filters.status.findData("pending_payment"))
    run_until(loop, lambda: model.filter.status == "pending_payment" and model.loading, what="the first screen")
    assert shown(page) == [o.number for o in reversed(made[-5:])]
    assert page.count_label.text() == "counting…"
    with shop.db.write() as s:  # the change feed's poll waits behind the held query on the DB thread
        orders.pay_order(s, made[2].id, method="alipay", trade_no="T-BELOW", actor="cli")
        newest = orders.create_order(s, who, [("R-1", 1)], actor="cli")
    gate.set()
    expected = [newest.number] + [o.number for o in reversed(made) if o.id != made[2].id]
    run_until(loop, lambda: shown(page) == expected, what="every id, the paid one gone, the new one on top")
    assert not model.loading
    assert page.count_label.text() == "20 order(s)"


def test_typing_in_the_board_reads_no_rows_off_screen(window, loop, qtbot, ops, monkeypatch):
    from shopdesk.services.orders import board
    from shopdesk.ui.models import orders as orders_model

    monkeypatch.setattr(orders_model, "BLOCK", 10)
    page = window.orders_page
    add_product(loop, ops, "T-1")
    who = add_customer(loop, ops, "吴婷")
    for _ in range(100):
        create(loop, ops, who, [("T-1", 1)])
    run_until(loop, lambda: page.model.rowCount() == 100, what="the orders")
    drain(loop)
    window.watcher.poll()  # the change feed is read to the end (it caches the rows of orders that moved)
    drain(loop)
    page.apply_filter()  # a fresh load: only the first block is cached
    drain(loop)
    assert page.model.index(99, 0).data() == PLACEHOLDER
    drain(loop)
    # The view's type-ahead would match every row's text, asking for all of them (a million on a big shop).
    assert typed_into(loop, qtbot, monkeypatch, page.table, board, "order_rows") == []

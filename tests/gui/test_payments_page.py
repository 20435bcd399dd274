"""The Payments page (收款核对): the inbox lists money needing a decision and one click decides it; a statement
reconciles into its groups and Apply records what the shop missed; 补单 from the order's actions."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QInputDialog

from shopdesk.services.common import audit, clock
from shopdesk.services.desk import payment_inbox
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders.detail import load_order_view
from tests.gui.conftest import run_until
from tests.gui.test_flagged_payments import late_payment
from tests.gui.test_orders_board import (
    _collect_closed_loop,  # noqa: F401 (the board's fixture)
    add_customer,
    add_product,
    create,
    pay,
    shown,
)
from tests.helpers import statements as files


def _closed_and_paid_late(loop, ops, trade="ALI-LATE-9"):
    add_product(loop, ops, "QQB-10", keys=3)
    cid = add_customer(loop, ops, "马超", "wx:machao")
    order = create(loop, ops, cid, [("QQB-10", 1)])
    loop.run_until_complete(ops.write(orders.close_order, order.id, actor="test", reason="customer cancelled"))
    late_payment(loop, ops, order.id, trade)
    return order


def _open_page(window):
    window.nav.setCurrentRow(window.stack.indexOf(window.payments_page))
    return window.payments_page


def test_the_inbox_lists_the_late_payment_and_deliver_takes_it_out(window, loop, ops):
    order = _closed_and_paid_late(loop, ops)
    page = _open_page(window)

    run_until(loop, lambda: page.model.rowCount() == 1, what="the late payment in the inbox")
    assert [page.model.index(0, c).data() for c in (1, 2, 4, 5, 6)] == [
        "Paid after the order closed",
        order.number,
        "ALI-LATE-9",
        "Alipay",
        "9.80",
    ]
    assert page.summary.text() == "1 payment(s) waiting for a decision, ¥9.80"
    page.table.selectRow(0)
    page.deliver_button.click()

    run_until(loop, lambda: page.model.rowCount() == 0, what="the delivered payment to leave")
    assert "Delivered" in page.message.text()
    assert loop.run_until_complete(ops.read(load_order_view, order.id)).status == "delivered"


def test_dismiss_asks_for_the_note_and_records_it(window, loop, ops):
    _closed_and_paid_late(loop, ops)
    page = _open_page(window)
    run_until(loop, lambda: page.model.rowCount() == 1, what="the inbox row")
    page.table.selectRow(0)
    page.dismiss_button.click()
    run_until(loop, lambda: page.findChild(QInputDialog, "askText") is not None, what="the note dialog")
    box = page.findChild(QInputDialog, "askText")
    box.setTextValue("我们自己的测试付款")
    box.accept()
    run_until(loop, lambda: page.model.rowCount() == 0, what="the dismissed row to leave")
    events = loop.run_until_complete(ops.read(audit.recent, action="payment.dismissed"))
    assert [e.detail["note"] for e in events] == ["我们自己的测试付款"]


def test_a_statement_shows_its_groups_and_apply_records_the_missing_payment(window, loop, ops, tmp_path):
    add_product(loop, ops, "QQB-10", keys=3)
    cid = add_customer(loop, ops, "陈静")
    paid = create(loop, ops, cid, [("QQB-10", 1)])
    pay(loop, ops, paid.id, "AP-PAID")
    lost = create(loop, ops, cid, [("QQB-10", 1)])  # the gateway took it, the callback never came
    bj = ZoneInfo("Asia/Shanghai")

    def at(minutes):
        return (clock.now() + timedelta(minutes=minutes)).astimezone(bj).strftime("%Y-%m-%d %H:%M:%S")

    path = tmp_path / "alipay.csv"
    path.write_bytes(
        files.alipay(
            [
                ("AP-PAID", "9.90", at(-5), paid.number),  # another amount than the shop recorded
                ("AP-LOST", "9.80", at(-3), lost.number),
                ("AP-NONE", "9.80", at(5), "SD-NOWHERE"),
            ]
        )
    )
    page = _open_page(window)

    dialog = loop.run_until_complete(page.reconcile_path(str(path)))

    assert dialog is not None and dialog.isVisible()
    assert [dialog.tabs.tabText(i) for i in range(3)] == [
        "Missing in the shop (2)",
        "Missing in the statement (0)",
        "Amount differs (1)",
    ]
    assert (
        dialog.summary.text() == "0 matched, 2 missing in the shop, 0 missing in the statement, 1 with another amount."
    )
    missing = dialog.trees["missing_in_shop"]
    assert [missing.topLevelItem(i).text(0) for i in range(2)] == ["AP-LOST", "AP-NONE"]
    assert missing.topLevelItem(1).text(3) == "not found: SD-NOWHERE"
    assert dialog.apply_button.isEnabled()

    dialog.apply_button.click()
    run_until(loop, lambda: dialog.message.text() == "1 payment(s) recorded.", what="the apply")
    assert missing.topLevelItem(0).text(4) == "Recorded" and missing.topLevelItem(1).text(4) == "Order not found"
    assert not dialog.apply_button.isEnabled()
    assert loop.run_until_complete(ops.read(load_order_view, lost.id)).status == "delivered"
    dialog.close()


def test_confirm_payment_from_the_order_records_it_as_the_callback_would(window, loop, ops):
    window.nav.setCurrentRow(window.stack.indexOf(window.orders_page))
    page = window.orders_page
    add_product(loop, ops, "QQB-10", keys=2)
    cid = add_customer(loop, ops, "马超", "qq:10086")
    unpaid = create(loop, ops, cid, [("QQB-10", 1)])
    run_until(loop, lambda: shown(page) == [unpaid.number], what="the order")
    page.table.selectRow(0)
    run_until(loop, lambda: page.actions.confirm.isEnabled(), what="the confirm action")

    page.actions.confirm.trigger()
    dialog = page.actions.confirm_window
    assert dialog.amount.text() == "9.80"  # the amount due, prefilled
    dialog.trade_no.setText("2026120222001411111111")
    dialog.method.setCurrentIndex(dialog.method.findData("wechat"))
    dialog.buttons.accepted.emit()

    run_until(loop, lambda: not dialog.isVisible(), what="the dialog to close")
    view = loop.run_until_complete(ops.read(load_order_view, unpaid.id))
    assert view.status == "delivered" and [p.trade_no for p in view.payments] == ["2026120222001411111111"]
    assert view.payments[0].method == "wechat"
    assert loop.run_until_complete(ops.read(payment_inbox.inbox)) == []


def test_reconcile_asks_for_the_file_without_blocking_and_a_bad_file_is_said_on_the_page(window, loop, ops, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    page = _open_page(window)
    page.reconcile_button.click()
    run_until(loop, lambda: page.findChild(QFileDialog, "askOpenFile") is not None, what="the file dialog")
    dialog = page.findChild(QFileDialog, "askOpenFile")
    assert dialog.isVisible() and dialog.isModal()  # opened with open(): this loop keeps running meanwhile
    dialog.reject()
    run_until(loop, lambda: page.findChild(QFileDialog, "askOpenFile") is None, what="the dialog to go")
    assert page.reconcile_dialog is None

    bad = tmp_path / "wechat.csv"
    bad.write_bytes(files.wechat([("WX-1", "9.80", "2026-12-01 10:00:00", "SD1")]).decode("utf-8-sig").encode("gbk"))
    assert loop.run_until_complete(page.reconcile_path(str(bad))) is None
    assert page.message.text().startswith("Line 1 is not UTF-8 text")

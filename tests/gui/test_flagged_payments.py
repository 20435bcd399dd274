"""The Orders page shows money flagged for refund, with its total, live; marking one refunded is audited."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from shopdesk.services.common import audit
from shopdesk.services.common.errors import PaymentRefused
from shopdesk.services.orders import flagged
from shopdesk.services.orders import flagged as flagged_payments
from shopdesk.services.orders import selling as orders
from tests.gui.conftest import run_until
from tests.gui.test_orders_board import add_customer, add_product, create


def late_payment(loop, ops, order_id: int, trade_no: str) -> None:
    """A gateway payment for a closed order, as the storefront API records it: refused, and flagged."""

    def go(session):
        try:
            orders.pay_order(session, order_id, method="alipay", trade_no=trade_no, actor="storefront")
        except PaymentRefused as refused:
            flagged.flag_unmatched_payment(session, refused, actor="storefront")

    loop.run_until_complete(ops.write(go))


def test_the_flagged_queue_shows_its_total_and_a_refund_takes_a_row_out(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "QQB-10", keys=4)
    cid = add_customer(loop, ops, "马超", "wx:machao")
    closed = [create(loop, ops, cid, [("QQB-10", 1)]).id for _ in range(2)]
    for order_id in closed:
        loop.run_until_complete(ops.write(orders.close_order, order_id, actor="test", reason="customer cancelled"))
    assert page.tabs.tabText(2) == "Flagged for refund (0)"

    late_payment(loop, ops, closed[0], "ALI-LATE-1")
    late_payment(loop, ops, closed[1], "ALI-LATE-2")

    run_until(loop, lambda: page.flagged.model.rowCount() == 2, what="the flagged payments on the page")
    assert page.tabs.tabText(2) == "Flagged for refund (2) · ¥19.60"
    assert page.flagged.total_label.text() == "2 flagged, total ¥19.60"
    assert [page.flagged.model.index(0, c).data() for c in (3, 4, 5, 6)] == [
        "ALI-LATE-1",
        "Alipay",
        "9.80",
        "Order closed",
    ]

    page.tabs.setCurrentIndex(2)
    page.flagged.table.selectRow(0)
    page.flagged.refunded_button.click()
    run_until(loop, lambda: page.flagged.findChild(QInputDialog, "askText") is not None, what="the note dialog")
    box = page.flagged.findChild(QInputDialog, "askText")
    box.setTextValue("支付宝退款 2026120100001")
    box.accept()
    run_until(loop, lambda: page.flagged.model.rowCount() == 1, what="the refunded row to leave")
    assert page.tabs.tabText(2) == "Flagged for refund (1) · ¥9.80"
    events = loop.run_until_complete(ops.read(audit.recent, action="payment.flag_refunded"))
    assert [(e.detail["trade_no"], e.detail["note"]) for e in events] == [("ALI-LATE-1", "支付宝退款 2026120100001")]
    queue = loop.run_until_complete(ops.read(flagged_payments.flagged_queue))
    assert [r.trade_no for r in queue.rows] == ["ALI-LATE-2"] and queue.total_fen == 980

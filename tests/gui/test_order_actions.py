"""Actions on a selected order through the real widgets: the detail's buttons and the board's right-click menu
(enabled per state), copy to the clipboard on the record, refund from the detail, search that finds a fragment
and says what found nothing, and the detail that follows the selection."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from shopdesk.services.common import audit
from tests.gui.conftest import run_until
from tests.gui.test_orders_board import _collect_closed_loop, add_customer, add_product, create, pay, shown

__all__ = ["_collect_closed_loop"]

STATUS = 4


@pytest.fixture(autouse=True)
def _board_on_screen(window):
    window.nav.setCurrentRow(window.stack.indexOf(window.orders_page))


def enabled(page) -> dict[str, bool]:
    return {a.objectName(): a.isEnabled() for a in page.actions.all}


def test_the_menu_offers_what_the_orders_state_allows(window, loop, ops, monkeypatch):
    popped = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, at: popped.append(at))  # offscreen cannot grab the keyboard
    page = window.orders_page
    add_product(loop, ops, "QQB-10", keys=2)  # the unpaid order holds one
    who = add_customer(loop, ops, "马超", "qq:10086")
    unpaid = create(loop, ops, who, [("QQB-10", 1)])
    done = create(loop, ops, who, [("QQB-10", 1)])
    pay(loop, ops, done.id, "T-ACT-1")
    run_until(loop, lambda: shown(page) == [done.number, unpaid.number], what="both orders")

    page.table.selectRow(1)  # the unpaid one
    run_until(loop, lambda: page.detail.view is not None and page.detail.view.id == unpaid.id, what="its detail")
    assert enabled(page) == {
        "actionOpenCase": True,
        "actionRefund": False,
        "actionResend": False,
        "actionCopyMessage": False,
        "actionReveal": False,
        "actionCustomer": True,
        "actionConfirmPayment": True,  # 补单: only for an unpaid order
    }
    rect = page.table.visualRect(page.model.index(0, 0))
    page.table.customContextMenuRequested.emit(rect.center())
    run_until(loop, lambda: page.detail.view.id == done.id and isinstance(getattr(page, "menu", None), QMenu))
    menu = page.menu
    assert popped, "the menu pops up where the click was"
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == [a.objectName() for a in page.actions.all]
    assert {a.objectName(): a.isEnabled() for a in menu.actions() if not a.isSeparator()} == dict.fromkeys(
        names, True
    ) | {"actionConfirmPayment": False}
    menu.close()


def test_copy_puts_the_message_on_the_clipboard_and_on_the_record(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "WY-50", keys=2)
    who = add_customer(loop, ops, "陈静")
    order = create(loop, ops, who, [("WY-50", 2)])
    pay(loop, ops, order.id, "T-COPY-1")
    run_until(loop, lambda: page.model.rowCount() == 1 and page.model.index(0, STATUS).data() == "Delivered")
    page.table.selectRow(0)
    run_until(loop, lambda: page.actions.copy.isEnabled(), what="the copy action")
    QGuiApplication.clipboard().setText("")

    page.actions.copy.trigger()

    run_until(loop, lambda: "WY-50-SECRET-0001" in QGuiApplication.clipboard().text(), what="the clipboard")
    text = QGuiApplication.clipboard().text()
    assert order.number in text and "WY-50-SECRET-0000" in text
    assert len(loop.run_until_complete(ops.read(audit.recent, action="key.reveal"))) == 2
    assert len(loop.run_until_complete(ops.read(audit.recent, action="order.message"))) == 1


def test_refund_from_the_detail(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "WY-50", price_fen=4850, keys=1)
    who = add_customer(loop, ops, "黄强")
    order = create(loop, ops, who, [("WY-50", 1)])
    pay(loop, ops, order.id, "T-REF-1")
    run_until(loop, lambda: page.model.rowCount() == 1 and page.model.index(0, STATUS).data() == "Delivered")
    page.table.selectRow(0)
    run_until(loop, lambda: page.actions.refund.isEnabled(), what="the refund action")

    page.actions.refund.trigger()
    dialog = page.actions.refund_window
    dialog.amount.setText("10.00")
    dialog.destination.setCurrentIndex(dialog.destination.findData("wallet"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    run_until(loop, lambda: page.detail.view.refunded_fen == 1000, what="the refund")
    assert "−¥10.00" in page.detail.summary.text()
    assert "10.00" in page.actions.message.text()


def test_search_finds_a_fragment_and_says_what_found_nothing(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "QQB-10")
    who = add_customer(loop, ops, "马超")
    order = create(loop, ops, who, [("QQB-10", 1)])
    other = create(loop, ops, who, [("QQB-10", 1)])
    run_until(loop, lambda: page.model.rowCount() == 2, what="the orders")
    fragment = order.number[-6:]  # "000001" of SD20261201000001

    page.filters.search.setText(fragment)
    page.filters.search.returnPressed.emit()
    run_until(loop, lambda: shown(page) == [order.number], what="the order by a fragment of its number")
    assert not page.empty_label.isVisible()

    page.filters.search.setText("000154")
    page.filters.search.returnPressed.emit()
    run_until(loop, lambda: page.model.rowCount() == 0 and not page.model.loading, what="nothing found")
    run_until(loop, lambda: page.empty_label.isVisible())
    assert page.empty_label.text() == "No order contains “000154”."
    assert other.number not in shown(page)


def test_the_detail_follows_the_selection_and_clears(window, loop, ops):
    page = window.orders_page
    add_product(loop, ops, "QQB-10")
    first = create(loop, ops, add_customer(loop, ops, "甲"), [("QQB-10", 1)])
    second = create(loop, ops, add_customer(loop, ops, "乙"), [("QQB-10", 1)])
    run_until(loop, lambda: shown(page) == [second.number, first.number], what="the orders")
    page.table.selectRow(0)
    run_until(loop, lambda: page.detail.view is not None and page.detail.view.id == second.id)
    page.table.selectRow(1)
    run_until(loop, lambda: page.detail.view is not None and page.detail.view.id == first.id, what="the next one")

    page.filters.search.setText("乙")  # the order on show is not listed any more
    page.filters.search.returnPressed.emit()
    run_until(loop, lambda: shown(page) == [second.number], what="the search")
    run_until(loop, lambda: page.detail.order_id != first.id, what="the detail to follow")
    assert page.detail.view is None or page.detail.view.id == second.id
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    run_until(loop, lambda: page.detail.view is None, what="the detail to clear")
    assert not page.actions.refund.isEnabled() and not page.actions.customer.isEnabled()

"""Resolving as cancelled shows the preview first (non-blocking): Cancel applies nothing and keeps the resolve
dialog open; Apply cancels the order and the case view says what was recalled and refunded."""

from __future__ import annotations

from sqlalchemy import func, select

from shopdesk.db.models import Refund
from shopdesk.services.desk import queue as case_queue
from shopdesk.services.money import ledger
from shopdesk.ui.desk.preview_dialog import ResolvePreviewDialog
from tests.gui.conftest import run_until
from tests.gui.test_desk import LEFT, delivered_order, desk_page, key_status, open_case, read, select_case


def open_preview(loop, qtbot, view):
    resolve = view.resolve()
    assert resolve.outcome.currentData() == "cancelled"
    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: view.preview is not None and view.preview.isVisible(), what="the preview")
    return resolve, view.preview


def test_cancel_in_the_preview_applies_nothing_then_apply_applies(window, loop, qtbot, ops):
    order = delivered_order(loop, ops, policy="verify")
    case_id = open_case(loop, ops, order, reason="key_invalid")
    page = desk_page(window)
    select_case(loop, page, case_id)
    view = page.case_view

    resolve, preview = open_preview(loop, qtbot, view)
    assert isinstance(preview, ResolvePreviewDialog)
    items = [preview.items.item(i).text() for i in range(preview.items.count())]
    assert any("Hold for checking" in t and order["sku"] in t for t in items), items
    assert any(t.startswith("Refund ¥20.00 to") for t in items), items
    qtbot.mouseClick(preview.cancel_button, LEFT)
    run_until(loop, lambda: not preview.isVisible(), what="the preview to close")
    run_until(loop, lambda: "Nothing was applied" in resolve.error.text(), what="the note in the resolve dialog")
    assert resolve.isVisible(), "the resolve dialog stays open to change the refund or try again"
    assert key_status(loop, ops, order["key_id"]) == "delivered"
    assert read(loop, ops, lambda s: s.execute(select(func.count()).select_from(Refund)).scalar_one()) == 0
    assert read(loop, ops, case_queue.get_case, case_id).status != "resolved"

    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: view.preview is not preview and view.preview.isVisible(), what="a fresh preview")
    qtbot.mouseClick(view.preview.apply_button, LEFT)
    run_until(loop, lambda: not resolve.isVisible(), what="the resolution")
    run_until(loop, lambda: view.message.property("kind") == "info", what="the summary")
    assert "1 key(s) recalled" in view.message.text() and "¥20.00 refunded" in view.message.text()
    assert key_status(loop, ops, order["key_id"]) == "recalled"
    assert read(loop, ops, case_queue.get_case, case_id).outcome == "cancelled"
    assert read(loop, ops, ledger.wallet_balance, order["customer_id"]) == 10_000


def test_swap_from_the_offer_panel_exchanges_the_keys(window, loop, qtbot, ops):
    from PySide6.QtCore import Qt

    first = delivered_order(loop, ops)
    other = delivered_order(loop, ops)  # a product of the same category, with keys in stock
    case_id = open_case(loop, ops, first, reason="wrong_item")
    page = desk_page(window)
    select_case(loop, page, case_id)
    view = page.case_view
    view.tabs.setCurrentWidget(view.offers_panel)
    offers = view.offers_panel
    kinds = [
        offers.suggestions.item(r, 0).data(Qt.ItemDataRole.UserRole).kind for r in range(offers.suggestions.rowCount())
    ]
    offers.suggestions.selectRow(kinds.index("swap"))
    assert offers.target.isVisibleTo(offers)
    offers.target.setCurrentIndex(offers.target.findData(other["sku"]))
    qtbot.mouseClick(offers.make_button, LEFT)
    run_until(loop, lambda: view.bundle is not None and len(view.bundle.offers) == 1, what="the offer")
    assert view.bundle.offers[0].detail["product"] == other["sku"]
    current = offers.suggestions.item(offers.suggestions.currentRow(), 0).data(Qt.ItemDataRole.UserRole)
    assert current.kind == "swap", "the proposed offer keeps its selection"
    qtbot.mouseClick(offers.accept_button, LEFT)
    run_until(loop, lambda: view.bundle.case.status == "resolved", what="the exchange")
    assert view.bundle.case.outcome == "replaced"
    assert key_status(loop, ops, first["key_id"]) == "available"
    assert read(loop, ops, ledger.wallet_balance, first["customer_id"]) == 8_000, "same price: nothing charged"

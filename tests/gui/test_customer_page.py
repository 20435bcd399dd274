"""The customer page through the real widgets: search by a fragment of a name or contact with an empty state that
says what was searched, a detail that follows the selection (and clears), the wallet history with every posting,
orders that open on the board, and merging and blocking from the page."""

from __future__ import annotations

from shopdesk.services.orders import selling as orders
from tests.gui.conftest import run_until
from tests.gui.test_orders_board import _collect_closed_loop, add_customer, add_product, create

__all__ = ["_collect_closed_loop"]


def listed(page) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def open_page(window, loop):
    page = window.customers_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    return page


def test_search_finds_fragments_and_says_what_found_nothing(window, loop, ops):
    add_customer(loop, ops, "马超", "qq:1008611")
    add_customer(loop, ops, "黄强", "huang@example.com")
    page = open_page(window, loop)
    run_until(loop, lambda: sorted(listed(page)) == sorted(["马超", "黄强"]), what="both customers")

    page.search.setText("0086")  # a fragment of the contact
    run_until(loop, lambda: listed(page) == ["马超"], what="the contact fragment")
    assert not page.empty_label.isVisible()
    page.search.setText("EXAMPLE")  # case does not matter in an e-mail
    run_until(loop, lambda: listed(page) == ["黄强"], what="the e-mail fragment")
    page.search.setText("赵云")
    run_until(loop, lambda: listed(page) == [], what="nothing")
    assert page.empty_label.isVisible() and "赵云" in page.empty_label.text()


def test_the_detail_follows_the_selection_and_shows_the_wallet_history(window, loop, ops):
    from shopdesk.services.money import customers

    add_product(loop, ops, "QQB-10", price_fen=980, keys=3)
    ma = add_customer(loop, ops, "马超", "qq:1008611", wallet_fen=5000)
    huang = add_customer(loop, ops, "黄强", "qq:2002")
    order = create(loop, ops, ma, [("QQB-10", 1)])
    loop.run_until_complete(ops.write(orders.pay_order, order.id, method="wallet", actor="test"))
    page = open_page(window, loop)
    run_until(loop, lambda: len(listed(page)) == 2, what="the list")
    assert page.detail.bundle is None and page.detail.empty.isVisible()

    page.table.selectRow(listed(page).index("马超"))
    run_until(loop, lambda: page.detail.bundle is not None and page.detail.bundle.customer.id == ma, what="马超")
    wallet = page.detail.wallet
    # newest first: the wallet payment, then the top-up
    assert wallet.rowCount() == 2
    assert wallet.item(0, 1).text() == "−¥9.80" and wallet.item(0, 3).text() == order.number
    assert wallet.item(1, 1).text() == "+¥50.00" and wallet.item(1, 3).text() == "—"
    assert page.detail.orders.rowCount() == 1 and page.detail.orders.item(0, 0).text() == order.number
    history = loop.run_until_complete(ops.read(customers.wallet_history, ma))
    assert [p.amount_fen for p in history] == [5000, -980]

    page.table.selectRow(listed(page).index("黄强"))
    run_until(loop, lambda: page.detail.bundle.customer.id == huang, what="黄强")
    assert page.detail.wallet.rowCount() == 0 and page.detail.orders.rowCount() == 0

    page.search.setText("马")  # 黄强 leaves the list: the detail clears rather than show someone not listed
    run_until(loop, lambda: listed(page) == ["马超"], what="only 马超")
    run_until(loop, lambda: page.detail.bundle is None, what="the detail cleared")

    # an order on the customer page opens on the board, searched for its number
    page.table.selectRow(0)
    run_until(loop, lambda: page.detail.bundle is not None and page.detail.orders.rowCount() == 1, what="orders")
    page.detail.orders.cellDoubleClicked.emit(0, 0)
    board = window.orders_page
    assert window.stack.currentWidget() is board
    run_until(loop, lambda: board.filters.search.text() == order.number, what="the board searched")


def test_the_owner_merges_a_duplicate_and_blocks_a_contact_from_the_page(window, loop, ops, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox

    from shopdesk.services.common import audit
    from shopdesk.services.money import customers
    from shopdesk.ui.pages import customers as page_module
    from shopdesk.ui.pages.customers import MergeDialog

    keep = add_customer(loop, ops, "马超", "qq:1008611", wallet_fen=1000)
    dup = add_customer(loop, ops, "马超 ", "qq:10086110", wallet_fen=2500)
    page = open_page(window, loop)
    run_until(loop, lambda: len(listed(page)) == 2, what="both")
    ids = [page.model.row_at(r).id for r in range(page.model.rowCount())]
    page.table.selectRow(ids.index(dup))
    run_until(loop, lambda: page.detail.bundle is not None and page.detail.bundle.customer.id == dup, what="dup")
    page.merge_button.click()
    dialog = page.findChildren(MergeDialog)[-1]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # nothing chosen yet: said inline, nothing written
    run_until(loop, lambda: dialog.error.text() != "", what="the inline refusal")
    assert dialog.isVisible()
    assert len(loop.run_until_complete(ops.read(customers.list_customers, ""))) == 2
    dialog.target.setCurrentIndex(dialog.target.findData(keep))
    ok.click()
    run_until(loop, lambda: listed(page) == ["马超"], what="the duplicate gone from the list")
    survivor = loop.run_until_complete(ops.read(customers.get_customer, keep))
    assert survivor.balance_fen == 3500
    assert loop.run_until_complete(ops.read(audit.recent, action="customer.merged"))

    # block with a reason; the page says so and the button turns into Unblock
    page.table.selectRow(0)
    run_until(loop, lambda: page.detail.bundle is not None and page.detail.bundle.customer.id == keep, what="keep")

    async def reason(*_a, **_k):
        return "恶意退款"

    monkeypatch.setattr(page_module, "ask_text", reason)
    page.block_button.click()
    run_until(loop, lambda: getattr(page.detail.bundle.customer, "blocked", False), what="blocked")
    assert "恶意退款" in page.detail.profile.text()
    assert page.block_button.text() != page.tr("Block…")

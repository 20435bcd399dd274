"""The header of a case at the default window size: a long English title stays on one line and, when it does not
fit, ends in "…" with the whole text in its tooltip; it never splits a word over two lines ("Custo-mer")."""

from __future__ import annotations

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.desk import cases
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from tests.gui.conftest import run_until

LONG_NAME = "Customer Services Department of the Northern Regional Wholesale Distribution Company Limited"


def _case_for_a_long_name(loop, ops) -> tuple[int, str]:
    def build(session):
        product = catalog.add_product(
            session, ProductInput(sku="HEAD-1", name="HEAD-1 card", price_fen=1000, kind="secret")
        )
        inventory.add_keys(session, ops.shop.vault, product.id, [(None, "HEAD-KEY-0001-ABCD")], actor="test")
        customer = customers.add_customer(session, LONG_NAME, "wx:long")
        customers.topup(session, customer.id, 5000, idempotency_key="head-topup", actor="test")
        order = orders.create_order(session, customer.id, [("HEAD-1", 1)], actor="test")
        orders.pay_order(session, order.id, method="wallet", actor="test")
        case = cases.open_case(session, order.id, reason_code="changed_mind", actor="storefront", run_rules=False)
        return case.id, order.number

    return loop.run_until_complete(ops.write(build))


def _words_fit(label) -> list[str]:
    """The words of a wrapped label wider than the label (Qt would have to break them inside)."""
    fm, room = label.fontMetrics(), label.contentsRect().width()
    return [w for w in label.text().split() if fm.horizontalAdvance(w) > room]


def test_a_long_case_title_at_1280x800_elides_on_one_line_and_never_breaks_a_word(window, loop, ops):
    window.resize(1280, 800)
    case_id, number = _case_for_a_long_name(loop, ops)
    window.nav.setCurrentRow(3)
    page = window.aftersales_page
    loop.run_until_complete(page.load())
    run_until(loop, lambda: page.model.row_of(case_id) >= 0, what="the case in the queue")
    page.table.selectRow(page.model.row_of(case_id))
    view = page.case_view
    run_until(loop, lambda: view.bundle is not None and view.bundle.case.id == case_id, what="the case")
    run_until(loop, lambda: view.title.isVisible() and view.title.width() > 50, what="the header laid out")
    title = view.title
    full = title.full_text()
    assert full == f"#{case_id} · {number} · {LONG_NAME}"
    assert not title.wordWrap()  # one line: no line break anywhere, so none inside a word
    shown = title.text()
    assert title.fontMetrics().horizontalAdvance(shown) <= title.contentsRect().width()
    assert shown.endswith("…") and full.startswith(shown[:-1]), shown  # too long at this width: elided
    assert title.toolTip() == full
    # the whole window still fits the screen: the long name did not push the header wider than the case view
    assert title.width() <= view.width() and window.width() == 1280
    assert _words_fit(view.info) == []

    # wide enough, the whole title shows and there is no tooltip
    title.resize(title.fontMetrics().horizontalAdvance(full) + 40, title.height())
    assert title.text() == full and title.toolTip() == ""

"""Every item model passes pytest-qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.ui.models import orders as orders_model
from shopdesk.ui.models.orders import PLACEHOLDER, STATUS_ROLE, BoardModel
from tests.gui.conftest import run_until


def test_board_model_fetches_rows_lazily_and_passes_the_model_tester(loop, ops, shop, monkeypatch, qtmodeltester):
    monkeypatch.setattr(orders_model, "BLOCK", 10)
    with shop.db.write() as s:
        catalog.add_product(s, ProductInput(sku="R-1", name="reusable", price_fen=100, kind="reusable"))
        c = customers.add_customer(s, "张伟")
        made = [orders.create_order(s, c.id, [("R-1", 1)], actor="test") for _ in range(57)]
    ops.attach(shop)
    model = BoardModel(ops)
    loop.run_until_complete(model.reload())
    assert model.rowCount() == 57
    assert [model.order_id(r) for r in range(57)] == [o.id for o in reversed(made)], "newest first"
    assert model.index(0, 0).data() == made[-1].number
    assert model.index(0, 4).data(STATUS_ROLE) == "pending_payment"
    assert model.index(56, 0).data() == PLACEHOLDER  # not fetched yet; asking for it queues its block
    assert model.index(56, 4).data(STATUS_ROLE) is None
    run_until(loop, lambda: model.index(56, 0).data() == made[0].number, what="the last row's block")
    assert model.index(56, 3).data() == "R-1 ×1"
    assert model.index(56, 6).data() == "1.00"
    assert model.index(3, 0).data(Qt.ItemDataRole.UserRole) == made[-4].id
    assert model.position(made[10].id) == 46 and model.position(10**9) is None
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Trade number"
    qtmodeltester.check(model, force_py=True)
    run_until(
        loop,
        lambda: [model.index(r, 0).data() for r in range(57)] == [o.number for o in reversed(made)],
        what="every row fetched",
    )
    ops.attach(None)


def test_pages_models_pass_the_model_tester(window, qtmodeltester):
    for row in range(len(window.pages)):
        page = window.page_at(row)  # every page, built now for those not visited yet
        if page is window.today_page:
            qtmodeltester.check(page.stock_model, force_py=True)
        elif page is window.analytics_page:
            for section in page.sections.values():
                qtmodeltester.check(section.model, force_py=True)
        elif page is window.settings_page:  # editors, Qt's own table of backups, and one model: the webhooks'
            qtmodeltester.check(page.webhooks.model, force_py=True)
        else:
            qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(window.orders_page.queue_model, force_py=True)

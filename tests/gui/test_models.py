"""Every item model passes pytest-qt's model tester."""

from __future__ import annotations

from shopdesk.services import catalog, customers, orders
from shopdesk.services.catalog import ProductInput
from shopdesk.ui.models import orders as orders_model
from shopdesk.ui.models.orders import OrdersModel
from tests.gui.conftest import run_until


def test_orders_model_pages_lazily_and_passes_the_model_tester(qtmodeltester, loop, ops, shop, monkeypatch):
    monkeypatch.setattr(orders_model, "PAGE", 10)
    with shop.db.write() as s:
        catalog.add_product(s, ProductInput(sku="R-1", name="reusable", price_fen=100, kind="reusable"))
        c = customers.add_customer(s, "张伟")
        for _ in range(25):
            orders.create_order(s, c.id, [("R-1", 1)], actor="test")
    ops.attach(shop)
    model = OrdersModel(ops)
    loop.run_until_complete(model.reload())
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    run_until(loop, lambda: model.rowCount() == 20, what="the second page")
    model.fetchMore()
    run_until(loop, lambda: model.rowCount() == 25, what="the last page")
    assert not model.canFetchMore()
    numbers = [model.index(r, 0).data() for r in range(25)]
    assert numbers == sorted(numbers, reverse=True)
    ops.attach(None)
    qtmodeltester.check(model, force_py=True)


def test_pages_models_pass_the_model_tester(window, qtmodeltester):
    for _title, page in window.pages:
        qtmodeltester.check(page.model, force_py=True)

"""Refunding a paid order that never got a key (the 'paid, waiting for keys' queue)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import Refund
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common.errors import Conflict
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers, ledger
from shopdesk.services.orders import board, delivery
from shopdesk.services.orders import selling as orders


@pytest.fixture
def waiting(shop):
    with shop.db.write() as s:
        catalog.add_product(s, ProductInput(sku="X-1", name="x", price_fen=1000, kind="secret"))
        customer = customers.add_customer(s, "甲")
        order = orders.create_order(s, customer.id, [("X-1", 2)], actor="t")
        paid = orders.pay_order(s, order.id, method="alipay", trade_no="T9", actor="t").order
    assert paid.status == "awaiting_stock"
    return order.id, customer.id


def test_waiting_orders_are_listed_oldest_first_and_found_by_trade_number(shop, waiting):
    order_id, _ = waiting
    with shop.db.read() as s:
        assert [r.id for r in board.waiting_for_stock(s)] == [order_id]
        assert list(board.order_ids(s, board.BoardFilter(search="T9"))) == [order_id]
        assert board.order_rows(s, [order_id])[order_id].items == "X-1 ×2"


def test_refund_to_wallet_cancels_the_order_once(shop, waiting):
    order_id, customer_id = waiting
    with shop.db.write() as s:
        view = delivery.refund_unfilled(s, order_id, destination="wallet", actor="t")
    assert (view.status, view.payment_status, view.refunded_fen) == ("cancelled", "refunded", 2000)
    with shop.db.write() as s:
        assert ledger.wallet_balance(s, customer_id) == 2000
        with pytest.raises(Conflict, match="cancelled"):
            delivery.refund_unfilled(s, order_id, destination="wallet", actor="t")
    with shop.db.read() as s:
        assert s.execute(select(func.count()).select_from(Refund)).scalar_one() == 1
        assert ledger.wallet_balance(s, customer_id) == 2000


def test_external_refund_moves_no_wallet_money(shop, waiting):
    order_id, customer_id = waiting
    with shop.db.write() as s:
        delivery.refund_unfilled(s, order_id, destination="external", actor="t")
        assert ledger.wallet_balance(s, customer_id) == 0
        assert ledger.balance(s, "refunds") == -2000


def test_partly_delivered_order_goes_to_the_desk(shop, waiting):
    order_id, _ = waiting
    with shop.db.write() as s:
        product = catalog.product_by_sku(s, "X-1")
        inventory.add_keys(s, shop.vault, product.id, [(None, "ONLY-ONE-KEY-1")], actor="t")
    with shop.db.write() as s, pytest.raises(Conflict, match="after-sales"):
        delivery.refund_unfilled(s, order_id, destination="wallet", actor="t")

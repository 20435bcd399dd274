"""Search that finds: any fragment of an order's number, storefront id or trade number, or of its customer's name or
contact; short fragments as prefixes; the user's text taken literally; the index kept in step by every write."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from shopdesk.db.models import Customer, Order
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.money import customers
from shopdesk.services.orders import board
from shopdesk.services.orders import selling as orders


def found(shop, fragment: str) -> set[int]:
    with shop.db.read() as s:
        ids = set(board.order_ids(s, board.BoardFilter(search=fragment)))
        assert board.count_orders(s, board.BoardFilter(search=fragment)) == len(ids)  # each order once
        return ids


@pytest.fixture
def shopful(shop):
    with shop.db.write() as s:
        catalog.add_product(s, ProductInput(sku="X-1", name="x", price_fen=1000, kind="secret"))
        ma = customers.add_customer(s, "马超", "qq:10086")
        huang = customers.add_customer(s, "黄强", "wx:huang_50%")
        first = orders.create_order(s, ma.id, [("X-1", 1)], actor="t", source="api", external_id="TB-778899")
        orders.pay_order(s, first.id, method="alipay", trade_no="2026120122334455", actor="t")
        second = orders.create_order(s, huang.id, [("X-1", 1)], actor="t")
    return {"ma": ma.id, "huang": huang.id, "first": first.id, "second": second.id}


def number_of(shop, order_id: int) -> str:
    with shop.db.read() as s:
        return s.get(Order, order_id).number


def test_every_fragment_kind_finds_its_order(shop, shopful):
    first, second = shopful["first"], shopful["second"]
    tail = number_of(shop, first)[-6:]  # "000154" of SD20261201000154
    assert found(shop, tail) == {first}
    assert found(shop, number_of(shop, second)) == {second}
    assert found(shop, "778899") == {first}  # storefront id, middle and end
    assert found(shop, "b-7788") == {first}  # any case
    assert found(shop, "22334") == {first}  # trade number
    assert found(shop, "10086") == {first}  # the customer's contact
    assert found(shop, "huang") == {second}
    assert found(shop, "no such thing") == set()


def test_short_fragments_are_prefixes(shop, shopful):
    first, second = shopful["first"], shopful["second"]
    assert found(shop, "马超") == {first}  # a two-character name
    assert found(shop, "马") == {first}
    assert found(shop, "超") == set()  # inside a name: not a prefix
    assert found(shop, "SD") == {first, second}
    assert found(shop, "TB") == {first}
    assert found(shop, "wx") == {second}


def test_the_users_text_is_literal(shop, shopful):
    second = shopful["second"]
    assert found(shop, "_50%") == {second}  # LIKE wildcards are the characters themselves
    assert found(shop, "%") == set()
    assert found(shop, "_") == set()
    assert found(shop, '"huang') == set()  # FTS syntax is text, not a query
    assert found(shop, "huang OR 马") == set()
    assert found(shop, "x*") == set()


def test_the_index_follows_every_write(shop, shopful):
    first, second = shopful["first"], shopful["second"]
    with shop.db.write() as s:
        customers.edit_customer(s, shopful["huang"], "黄小强", "tel:13900001111")
    assert found(shop, "huang") == set()
    assert found(shop, "小强") == set()  # two characters inside the name: not a prefix
    assert found(shop, "黄小强") == {second}
    assert found(shop, "0000111") == {second}
    with shop.db.write() as s:
        orders.pay_order(s, second, method="wechat", trade_no="WX-5566778", actor="t")
    assert found(shop, "5566778") == {second}
    with shop.db.write() as s:
        s.execute(update(Order).where(Order.id == first).values(external_id="JD-123456"))
    assert found(shop, "778899") == set()
    assert found(shop, "123456") == {first}
    with shop.db.write() as s:  # a merge moves orders to another customer: found by the new customer
        s.execute(update(Order).where(Order.id == first).values(customer_id=shopful["huang"]))
    assert found(shop, "0000111") == {first, second}
    assert found(shop, "10086") == set()
    with shop.db.write() as s:
        customer = customers.add_customer(s, "新客户", "qq:99887766")
        third = orders.create_order(s, customer.id, [("X-1", 1)], actor="t")
    assert found(shop, "9988776") == {third.id}


def test_search_narrows_with_the_other_filters(shop, shopful):
    with shop.db.read() as s:
        f = board.BoardFilter(search="SD", status="pending_payment")
        assert set(board.order_ids(s, f)) == {shopful["second"]}
        assert board.matching(s, board.BoardFilter(search="马超"), [shopful["first"], shopful["second"]]) == {
            shopful["first"]
        }


@pytest.mark.sqlite_only("the FTS5 trigram tables are SQLite's")
def test_sqlite_reads_the_trigram_index(shop, shopful):
    with shop.db.read() as s:
        plan = " ".join(
            str(r[-1])
            for r in s.execute(
                text("EXPLAIN QUERY PLAN SELECT rowid FROM order_search WHERE order_search MATCH '\"000\"'")
            )
        )
        assert "VIRTUAL TABLE INDEX" in plan
        assert s.execute(text("SELECT count(*) FROM customer_search")).scalar_one() == s.query(Customer).count()

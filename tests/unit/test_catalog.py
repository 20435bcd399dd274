"""Products: validation refuses bad input with a clear message and writes nothing."""

from __future__ import annotations

import pytest
from svc_support import add_product, refused, snapshot, stock

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import MAX_FEN


def add(app, **kw):
    data = {"sku": "SKU-1", "name": "Product", "price_fen": 100} | kw
    with app.db.write() as s:
        return catalog.add_product(s, ProductInput(**data))


def test_add_product_normalises_text(shop):
    view = add(shop, sku="  QQB-10 ", name="  Q币 10元 ", category=" 游戏点卡 ", price_fen=980)
    assert (view.sku, view.name, view.category, view.price_fen, view.available) == (
        "QQB-10",
        "Q币 10元",
        "游戏点卡",
        980,
        0,
    )


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"sku": "has space"}, "sku"),
        ({"sku": ""}, "sku"),
        ({"sku": "x" * 65}, "sku"),
        ({"name": "   "}, "name"),
        ({"name": "n" * 201}, "name"),
        ({"kind": "bundle"}, "kind"),
        ({"rollback_policy": "shred"}, "rollback_policy"),
        ({"price_fen": -1}, "price"),
        ({"face_value_fen": -1}, "price"),
        ({"low_stock_threshold": -1}, "low_stock_threshold"),
        # Used to be stored as REAL (9.5) or to crash with OverflowError.
        ({"price_fen": 9.5}, "price"),
        ({"price_fen": "980"}, "price"),
        ({"face_value_fen": 1.0}, "face_value"),
        ({"price_fen": MAX_FEN + 1}, "price"),
        ({"price_fen": 10**19}, "price"),
        ({"face_value_fen": 10**30}, "price"),
    ],
)
def test_bad_products_are_refused(shop, kw, field):
    before = snapshot(shop)
    with pytest.raises(InvalidInput) as info:
        add(shop, **kw)
    assert info.value.field == field
    assert snapshot(shop) == before


def test_largest_price_is_accepted(shop):
    assert add(shop, price_fen=MAX_FEN).price_fen == MAX_FEN


def test_sku_is_unique(shop):
    add(shop, sku="DUP-1")
    with refused(shop, Conflict, match="DUP-1"):
        add(shop, sku="DUP-1", name="Other")


def test_edit_product(shop):
    pid = add_product(shop, "E-1", price_fen=500)
    add_product(shop, "E-2")
    with shop.db.write() as s:
        view = catalog.edit_product(s, pid, ProductInput(sku="E-1b", name="Renamed", price_fen=600, kind="secret"))
    assert (view.sku, view.name, view.price_fen) == ("E-1b", "Renamed", 600)
    before = snapshot(shop)
    with pytest.raises(Conflict, match="E-2"), shop.db.write() as s:
        catalog.edit_product(s, pid, ProductInput(sku="E-2", name="Clash", price_fen=600, kind="secret"))
    with pytest.raises(NotFound), shop.db.write() as s:
        catalog.edit_product(s, 9999, ProductInput(sku="E-9", name="Nope", price_fen=1))
    assert snapshot(shop) == before


def test_kind_is_fixed_once_the_product_has_keys(shop):
    pid = add_product(shop, "K-1", kind="secret")
    with shop.db.write() as s:  # no keys yet: the kind may still change
        catalog.edit_product(s, pid, ProductInput(sku="K-1", name="K", price_fen=1, kind="code+secret"))
    stock(shop, pid, 2)
    with refused(shop, Conflict, match="kind"), shop.db.write() as s:
        catalog.edit_product(s, pid, ProductInput(sku="K-1", name="K", price_fen=1, kind="reusable"))
    with shop.db.read() as s:
        assert catalog.get_product(s, pid).available == 2

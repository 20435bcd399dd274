"""Swap offers: keys of another product for the order's keys in one transaction — old keys by the rollback's
policy, fresh keys delivered, the price difference through the ledger, a bonus credit, the case `replaced`;
refusals (no stock, short wallet, unknown product) write nothing, and a failure midway leaves nothing behind."""

from __future__ import annotations

import itertools

import pytest
from desk_support import T0, add_customer, add_product, delivered_ids, make_order, open_case, order_keys, wallet, write
from sqlalchemy import select
from svc_support import refused

from shopdesk.db.models import CardKey, JournalEntry, KeyEvent, OrderEvent, OrderLine
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.desk import exchange, retention
from shopdesk.services.desk.queue import get_case

_n = itertools.count(1)


def setup(shop, *, old_price=1000, new_price=1500, wallet_fen=10_000, new_keys=5, policy="restock", qty=2):
    clock.freeze(T0)
    n = next(_n)
    cust = add_customer(shop, f"周敏{n}", wallet_fen=wallet_fen)
    add_product(shop, f"OLD-{n}", keys=5, price_fen=old_price, policy=policy)
    new_id = add_product(shop, f"NEW-{n}", keys=new_keys, price_fen=new_price)
    oid = make_order(shop, cust, [(f"OLD-{n}", qty)])
    cid = open_case(shop, oid, "wrong_item", run_rules=False).id
    return cust, oid, cid, f"NEW-{n}", new_id


def offer(shop, cid, sku, amount_fen=0, kind="swap"):
    return write(shop, retention.make_offer, cid, kind, actor="staff-a", amount_fen=amount_fen, detail={"product": sku})


def accept(shop, offer_id):
    return write(shop, retention.answer_offer, offer_id, True, actor="staff-a")


def line_product(shop, oid):
    with shop.db.read() as s:
        return s.execute(select(OrderLine.product_id).where(OrderLine.order_id == oid)).scalar_one()


def test_swap_to_a_dearer_product_charges_the_wallet_and_resolves_replaced(shop):
    cust, oid, cid, sku, new_id = setup(shop)
    old = delivered_ids(shop, oid)
    o = offer(shop, cid, sku, amount_fen=200)
    assert o.detail == {"product": sku}
    accept(shop, o.id)
    with shop.db.read() as s:
        case = get_case(s, cid)
        assert (case.status, case.outcome) == ("resolved", "replaced")
        fresh = s.execute(select(CardKey.id, CardKey.product_id).where(CardKey.id.in_(delivered_ids(shop, oid))))
        assert {p for _, p in fresh} == {new_id}
        assert s.execute(select(CardKey.status).where(CardKey.id.in_(old))).scalars().all() == ["available"] * 2
        kinds = s.execute(select(JournalEntry.kind).where(JournalEntry.case_id == cid)).scalars().all()
        assert sorted(kinds) == ["compensation", "swap_charge"]
        assert "keys_swapped" in s.execute(select(OrderEvent.kind).where(OrderEvent.order_id == oid)).scalars().all()
        assert s.execute(select(KeyEvent.id).where(KeyEvent.case_id == cid, KeyEvent.kind == "restocked")).all()
    assert len(delivered_ids(shop, oid)) == 2 and line_product(shop, oid) == new_id
    assert wallet(shop, cust) == 10_000 - 1000 + 200  # 2 x 5.00 more, 2.00 bonus


def test_swap_to_a_cheaper_product_refunds_the_difference_to_the_wallet(shop):
    cust, oid, cid, sku, _ = setup(shop, old_price=1500, new_price=1000, wallet_fen=0, policy="verify")
    old = delivered_ids(shop, oid)
    accept(shop, offer(shop, cid, sku).id)
    assert wallet(shop, cust) == 1000
    assert {order_keys(shop, oid)[k] for k in old} == {"recalled"}


def test_refusals_write_nothing(shop):
    cust, oid, cid, sku, _ = setup(shop, new_keys=1)
    o = offer(shop, cid, sku)
    with refused(shop, Conflict, match="has 1 key"):
        accept(shop, o.id)
    cust, oid, cid, sku, _ = setup(shop, wallet_fen=500)
    o = offer(shop, cid, sku)
    with refused(shop, Conflict, match="wallet holds 5.00"):
        accept(shop, o.id)
    with refused(shop, InvalidInput, match="no product on sale with SKU NOPE"):
        offer(shop, cid, "NOPE")
    # A swap that names no product stays advisory (as the demo's history records them): accepted, it retains.
    bare = write(shop, retention.make_offer, cid, "swap", actor="staff-a")
    accept(shop, bare.id)
    assert write(shop, lambda s: get_case(s, cid)).outcome == "retained"


def test_a_failure_midway_leaves_nothing_changed(shop, monkeypatch):
    cust, oid, cid, sku, _ = setup(shop)
    o = offer(shop, cid, sku)

    def boom(*a, **kw):
        raise RuntimeError("power cut after the keys moved")

    monkeypatch.setattr(exchange.ledger, "post", boom)
    with refused(shop, RuntimeError):
        accept(shop, o.id)
    monkeypatch.undo()
    accept(shop, o.id)  # and then it goes through whole
    assert write(shop, lambda s: get_case(s, cid)).outcome == "replaced"


def test_alternative_with_a_chosen_product_exchanges_too(shop):
    cust, oid, cid, sku, new_id = setup(shop, new_price=1000)
    accept(shop, offer(shop, cid, sku, kind="alternative").id)
    assert line_product(shop, oid) == new_id and wallet(shop, cust) == 10_000


def test_a_viewer_may_not_swap_or_preview_and_staff_may(shop):
    from shopdesk.services.common.access import PermissionDenied
    from shopdesk.services.desk import resolve_plan
    from shopdesk.services.staff import users

    cust, oid, cid, sku, new_id = setup(shop)
    o = offer(shop, cid, sku)
    shop.protect("boss", "boss passphrase")
    for name, role in (("wang", "staff"), ("kan", "viewer")):
        with shop.db.write() as s:
            users.add_user(s, shop.wrapping_key, name, role, f"{name} passphrase", actor=shop.actor)
    shop.login("kan", "kan passphrase")
    with pytest.raises(PermissionDenied):
        accept(shop, o.id)
    with pytest.raises(PermissionDenied), shop.db.read() as s:
        resolve_plan.preview_resolution(s, cid, "cancelled")
    assert line_product(shop, oid) != new_id
    shop.login("wang", "wang passphrase")
    with shop.db.read() as s:
        assert resolve_plan.preview_resolution(s, cid, "cancelled").keys
    accept(shop, o.id)
    assert line_product(shop, oid) == new_id

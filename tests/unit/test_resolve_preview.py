"""The resolve preview: what it says a cancellation will do is what the rollback then does (keys and where
they go, refund and where to, coupons, compensation, credit level), and previewing writes nothing."""

from __future__ import annotations

import itertools

import pytest
from desk_support import T0, add_coupon_use, add_customer, add_product, coupon_state, make_order, open_case, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from svc_support import snapshot

from shopdesk.db.models import CardKey, Customer, Order
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.desk import cases, resolve_plan

_sku = itertools.count(1)


def preview(app, case_id, outcome="cancelled", **kw):
    with app.db.read() as s:
        return resolve_plan.preview_resolution(s, case_id, outcome, **kw)


def statuses(app, ids):
    with app.db.read() as s:
        return dict(s.execute(select(CardKey.id, CardKey.status).where(CardKey.id.in_(ids))).all())


def test_preview_names_each_key_with_its_policy_and_writes_nothing(shop):
    clock.freeze(T0)
    cust = add_customer(shop, "周敏")
    add_product(shop, "PV-R", keys=3, policy="restock")
    add_product(shop, "PV-V", keys=3, policy="void")
    oid = make_order(shop, cust, [("PV-R", 1), ("PV-V", 2)])
    coupon = add_coupon_use(shop, oid)
    cid = open_case(shop, oid, "key_invalid", run_rules=False).id
    before = snapshot(shop)
    plan = preview(shop, cid, compensation_fen=150)
    assert snapshot(shop) == before
    assert [(k.sku, k.policy, k.to) for k in plan.keys] == [
        ("PV-R", "restock", "available"),
        ("PV-V", "void", "void"),
        ("PV-V", "void", "void"),
    ]
    assert (plan.refund_fen, plan.refund_to, plan.compensation_fen) == (3000, "wallet", 150)
    assert [c.coupon_id for c in plan.coupons] == [coupon]

    result = write(shop, cases.resolve, cid, "cancelled", actor="staff-a", compensation_fen=150)
    assert result.outcome == "cancelled"
    assert statuses(shop, [k.key_id for k in plan.keys]) == {k.key_id: k.to for k in plan.keys}
    assert coupon_state(shop, coupon)[1][0] is not None


def test_preview_of_other_outcomes_and_bad_input(shop):
    clock.freeze(T0)
    cust = add_customer(shop)
    add_product(shop, "PV-O", keys=2)
    cid = open_case(shop, make_order(shop, cust, [("PV-O", 1)]), run_rules=False).id
    for outcome in ("retained", "replaced", "rejected"):
        plan = preview(shop, cid, outcome)
        assert (plan.keys, plan.refund_fen, plan.coupons, plan.rolls_back) == ((), 0, (), False)
    with pytest.raises(InvalidInput):
        preview(shop, cid, "exploded")
    with pytest.raises(InvalidInput):
        preview(shop, cid, refund_fen=999_999)
    write(shop, cases.resolve, cid, "rejected", actor="staff-a", rejection_reason="redeemed")
    with pytest.raises(Conflict):
        preview(shop, cid)


line = st.tuples(st.sampled_from(["restock", "verify", "void", "reusable"]), st.integers(1, 3), st.integers(0, 3))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(line, min_size=1, max_size=3),
    pay=st.sampled_from(["external", "wallet", None]),
    destination=st.sampled_from(["wallet", "external"]),
    partial=st.booleans(),
    coupon=st.booleans(),
    merchant=st.booleans(),
)
def test_preview_equals_what_the_rollback_does(shop, lines, pay, destination, partial, coupon, merchant):
    clock.freeze(T0)
    cust = add_customer(shop, wallet_fen=100_000)
    order_lines = []
    for policy, qty, stock in lines:
        sku = f"PP-{next(_sku)}"
        if policy == "reusable":
            add_product(shop, sku, keys=1, kind="reusable")
        else:
            add_product(shop, sku, keys=stock, policy=policy)
        order_lines.append((sku, qty))
    oid = make_order(shop, cust, order_lines, pay=pay)
    if coupon:
        add_coupon_use(shop, oid)
    cid = open_case(shop, oid, "key_invalid" if merchant else "changed_mind", run_rules=False).id
    with shop.db.read() as s:
        order = s.get(Order, oid)
        left = order.paid_fen - order.refunded_fen
    refund_fen = left // 2 if partial else None
    compensation = 100 if merchant else 0
    before = snapshot(shop)
    plan = preview(shop, cid, refund=destination, refund_fen=refund_fen, compensation_fen=compensation)
    assert snapshot(shop) == before

    result = write(
        shop,
        _resolve,
        cid,
        destination=destination,
        refund_fen=refund_fen,
        compensation_fen=compensation,
    )
    assert result.keys_recalled == plan.key_counts()
    assert (result.refunded_fen, result.destination) == (plan.refund_fen, plan.refund_to)
    assert (result.compensation_fen, result.coupons_restored) == (plan.compensation_fen, len(plan.coupons))
    assert statuses(shop, [k.key_id for k in plan.keys]) == {k.key_id: k.to for k in plan.keys}
    with shop.db.read() as s:
        assert s.get(Customer, cust).risk_level == plan.credit_after


def _resolve(session, cid, *, destination, refund_fen, compensation_fen):
    from shopdesk.services.desk import rollback

    cases.resolve(session, cid, "cancelled", actor="staff-a", refund=destination, refund_fen=refund_fen,
                  compensation_fen=compensation_fen)  # fmt: skip
    return rollback.rollback(session, cid, actor="staff-a")  # the replay: what the resolve did

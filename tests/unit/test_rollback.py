"""The rollback engine: keys per the product's policy, refunds (wallet, external, partial, never more than is
left), coupon uses restored, compensation for merchant or system fault, credit profile, events; one
transaction, idempotent by case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from desk_support import (
    T0,
    add_coupon_use,
    add_customer,
    add_product,
    balances,
    count,
    coupon_state,
    delivered_ids,
    make_order,
    open_case,
    order_keys,
    order_row,
    row,
    view,
    write,
)
from sqlalchemy import select
from svc_support import key_counts, refused, snapshot

from shopdesk.db.models import (
    CardKey,
    Change,
    Customer,
    JournalEntry,
    KeyEvent,
    OrderEvent,
    OrderLine,
    Payment,
    Refund,
)
from shopdesk.services.common import clock, notes
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import cases, retention, rollback
from shopdesk.services.inventory import stock as stock_service
from shopdesk.services.money import ledger
from shopdesk.services.orders import delivery as delivery_service
from shopdesk.services.orders import selling as orders


@pytest.fixture
def cust(shop):
    clock.freeze(T0)
    return add_customer(shop, "周敏")


def cancel(app, case_id, **kw):
    return write(app, cases.resolve, case_id, "cancelled", actor="staff-a", **kw)


def roll(app, case_id, **kw):
    return write(app, rollback.rollback, case_id, actor="staff-a", **kw)


def case_on(app, customer_id, lines, reason="key_used", *, pay="external"):
    oid = make_order(app, customer_id, lines, pay=pay)
    return oid, open_case(app, oid, reason, run_rules=False).id


# --- keys ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "status", "event"),
    [("restock", "available", "restocked"), ("verify", "recalled", "recalled"), ("void", "void", "void")],
)
def test_keys_follow_the_product_rollback_policy(shop, cust, policy, status, event):
    pid = add_product(shop, "POL-1", keys=5, policy=policy)
    oid, cid = case_on(shop, cust, [("POL-1", 3)])
    held = delivered_ids(shop, oid)
    result = roll(shop, cid)
    assert result.keys_recalled == {status: 3}
    assert (result.case_id, result.order_id, result.replayed) == (cid, oid, False)
    with shop.db.read() as s:
        got = s.execute(select(CardKey.id, CardKey.status, CardKey.order_line_id).where(CardKey.id.in_(held))).all()
        evs = s.execute(
            select(KeyEvent.key_id, KeyEvent.kind, KeyEvent.order_id, KeyEvent.case_id, KeyEvent.note).where(
                KeyEvent.case_id == cid
            )
        ).all()
        qty = s.execute(select(OrderLine.delivered_qty).where(OrderLine.order_id == oid)).scalar_one()
    assert {k: st for k, st, _ in got} == dict.fromkeys(held, status)
    # back in stock: free of the order; held for a check or voided: still points at the line it was sold on
    assert all((line is None) == (status == "available") for _, _, line in got)
    assert sorted(evs) == [(k, event, oid, cid, notes.coded("key.recalled", case=cid, policy=policy)) for k in held]
    assert qty == 0
    assert key_counts(shop, pid) == ({"available": 5} if policy == "restock" else {"available": 2, status: 3})
    assert order_row(shop, oid).status == "cancelled"


def test_each_line_follows_its_own_product(shop, cust):
    add_product(shop, "R-1", keys=2, policy="restock")
    add_product(shop, "V-1", keys=2, policy="void")
    oid, cid = case_on(shop, cust, [("R-1", 1), ("V-1", 2)])
    assert roll(shop, cid).keys_recalled == {"available": 1, "void": 2}
    assert sorted(order_keys(shop, oid).values()) == ["available", "void", "void"]


def test_a_reusable_secret_is_not_taken_back(shop, cust):
    pid = add_product(shop, "SHARED-1", keys=1, kind="reusable", price_fen=500)
    oid, cid = case_on(shop, cust, [("SHARED-1", 3)])
    result = roll(shop, cid)
    assert (result.keys_recalled, result.refunded_fen) == ({}, 1500)
    assert key_counts(shop, pid) == {"available": 1}


def test_recalled_keys_are_checked_unused_to_stock_used_to_void(shop, cust):
    pid = add_product(shop, "CHK-1", keys=2, policy="verify")
    oid, cid = case_on(shop, cust, [("CHK-1", 2)])
    unused, used = delivered_ids(shop, oid)
    cancel(shop, cid)
    assert write(shop, stock_service.check_recalled, unused, used=False, actor="owner") == "available"
    assert write(shop, stock_service.check_recalled, used, used=True, actor="owner") == "void"
    assert key_counts(shop, pid) == {"available": 1, "void": 1}
    assert row(shop, CardKey, unused).order_line_id is None
    with refused(shop, Conflict, match="not recalled"):
        write(shop, stock_service.check_recalled, unused, used=True, actor="owner")


def test_restocked_keys_fill_orders_waiting_for_stock(shop, cust):
    add_product(shop, "ONE-1", keys=1, policy="restock")
    first, cid = case_on(shop, cust, [("ONE-1", 1)])
    waiting = make_order(shop, add_customer(shop, "等货"), [("ONE-1", 1)])
    assert order_row(shop, waiting).status == "awaiting_stock"
    [key] = delivered_ids(shop, first)
    cancel(shop, cid)
    assert order_row(shop, waiting).status == "delivered"
    assert delivered_ids(shop, waiting) == [key]


# --- money -----------------------------------------------------------------------------------------------


def test_refund_to_the_wallet(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1250)
    oid, cid = case_on(shop, cust, [("M-1", 2)])
    money = balances(shop)
    result = roll(shop, cid, destination="wallet")
    assert (result.refunded_fen, result.destination) == (2500, "wallet")
    after = balances(shop)
    assert after[f"wallet:{cust}"] == 2500
    assert after["refunds"] == money["refunds"] - 2500
    assert after["clearing"] == money["clearing"] and after["revenue"] == money["revenue"]
    with shop.db.read() as s:
        entry = ledger.entry_by_key(s, f"rollback:case:{cid}:refund")
        refund = s.execute(select(Refund.__table__)).one()
        je = s.execute(select(JournalEntry.order_id, JournalEntry.case_id).where(JournalEntry.id == entry.entry_id))
        assert tuple(je.one()) == (oid, cid)
    assert (entry.kind, dict(entry.postings)) == ("refund", {f"wallet:{cust}": 2500, "refunds": -2500})
    assert (refund.order_id, refund.case_id, refund.destination, refund.amount_fen, refund.entry_id) == (
        oid,
        cid,
        "wallet",
        2500,
        entry.entry_id,
    )
    with shop.db.read() as s:
        assert refund.payment_id == s.execute(select(Payment.id).where(Payment.order_id == oid)).scalar_one()
    o = order_row(shop, oid)
    assert (o.status, o.payment_status, o.paid_fen, o.refunded_fen, o.closed_at) == (
        "cancelled",
        "refunded",
        2500,
        2500,
        T0,
    )


def test_refund_recorded_as_external(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1250)
    oid, cid = case_on(shop, cust, [("M-1", 1)])
    money = balances(shop)
    assert roll(shop, cid, destination="external").destination == "external"
    after = balances(shop)
    assert after["clearing"] == money["clearing"] + 1250  # the money went back out through the gateway
    assert after.get(f"wallet:{cust}", 0) == 0


def test_a_wallet_payment_refunded_to_the_wallet(shop):
    cust = add_customer(shop, "钱包", wallet_fen=5000)
    add_product(shop, "M-1", keys=3, price_fen=1250)
    oid, cid = case_on(shop, cust, [("M-1", 2)], pay="wallet")
    assert balances(shop)[f"wallet:{cust}"] == 2500
    cancel(shop, cid)
    assert balances(shop)[f"wallet:{cust}"] == 5000


def test_partial_refunds(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 3)])
    result = roll(shop, cid, refund_fen=1200)
    assert result.refunded_fen == 1200
    o = order_row(shop, oid)
    assert (o.status, o.payment_status, o.refunded_fen) == ("cancelled", "partially_refunded", 1200)
    assert balances(shop)[f"wallet:{cust}"] == 1200


def test_refund_nothing(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 1)])
    result = roll(shop, cid, refund_fen=0)
    assert (result.refunded_fen, result.destination, result.keys_recalled) == (0, None, {"recalled": 1})
    o = order_row(shop, oid)
    assert (o.status, o.payment_status, o.refunded_fen) == ("cancelled", "paid", 0)
    assert count(shop, Refund) == 0


def test_never_more_than_paid_minus_already_refunded(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 2)], "price_dropped")
    made = write(shop, retention.make_offer, cid, "price_protection", actor="staff-a", amount_fen=300)
    write(shop, retention.answer_offer, made.id, True, actor="staff-a")  # 3.00 back, order kept
    second = open_case(shop, oid, "changed_mind", run_rules=False).id
    before = snapshot(shop)
    for too_much in (1701, 2000, 2001):
        with pytest.raises(InvalidInput, match=r"at most 17\.00"):
            cancel(shop, second, refund_fen=too_much)
    assert snapshot(shop) == before
    v = cancel(shop, second, refund_fen=1700)
    assert v.outcome == "cancelled"
    o = order_row(shop, oid)
    assert (o.payment_status, o.refunded_fen) == ("refunded", 2000)
    assert balances(shop)[f"wallet:{cust}"] == 2000


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        ({"refund_fen": -1}, InvalidInput, "cannot be negative"),
        ({"compensation_fen": -5}, InvalidInput, "cannot be negative"),
        ({"destination": "cash"}, InvalidInput, "wallet or externally"),
        ({"refund_fen": 10**9}, InvalidInput, "Cannot refund"),
    ],
)
def test_bad_rollback_input_writes_nothing(shop, cust, kw, error, message):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    _, cid = case_on(shop, cust, [("M-1", 1)])
    before = snapshot(shop)
    with pytest.raises(error, match=message):
        roll(shop, cid, **kw)
    with pytest.raises(error, match=message):
        cancel(shop, cid, refund=kw.get("destination", "wallet"), **{k: v for k, v in kw.items() if k != "destination"})
    assert snapshot(shop) == before


@pytest.mark.parametrize("reason", ["key_used", "payment_glitch"])
def test_compensation_for_merchant_or_system_fault(shop, cust, reason):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 1)], reason)
    result = roll(shop, cid, compensation_fen=300)
    assert (result.refunded_fen, result.compensation_fen) == (1000, 300)
    assert balances(shop)[f"wallet:{cust}"] == 1300
    assert balances(shop)["compensation"] == -300
    with shop.db.read() as s:
        entry = ledger.entry_by_key(s, f"rollback:case:{cid}:compensation")
    assert (entry.kind, dict(entry.postings)) == ("compensation", {f"wallet:{cust}": 300, "compensation": -300})


def test_no_compensation_for_the_customer_own_reasons(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    _, cid = case_on(shop, cust, [("M-1", 1)], "changed_mind")
    with refused(shop, InvalidInput, match="Compensation is for merchant or system fault"):
        cancel(shop, cid, compensation_fen=100)


# --- coupons, credit, events --------------------------------------------------------------------------------


def test_coupon_use_is_restored_once(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 1)])
    first = add_coupon_use(shop, oid, value_fen=100)
    second = add_coupon_use(shop, oid, value_fen=200, used=3)
    clock.advance(timedelta(minutes=1))
    result = roll(shop, cid)
    assert result.coupons_restored == 2
    assert coupon_state(shop, first) == (0, [T0 + timedelta(minutes=1)])
    assert coupon_state(shop, second) == (2, [T0 + timedelta(minutes=1)])
    again = roll(shop, cid)
    assert (again.replayed, again.coupons_restored) == (True, 2)
    assert coupon_state(shop, second) == (2, [T0 + timedelta(minutes=1)])


def test_the_credit_profile_is_updated(shop, cust):
    add_product(shop, "M-1", keys=10, price_fen=1000)
    for expected in ("watch", "risky"):
        clock.advance(timedelta(hours=1))
        oid, cid = case_on(shop, cust, [("M-1", 1)], "changed_mind")  # after delivery: suspicious
        cancel(shop, cid)
        assert row(shop, Customer, cust).risk_level == expected


def test_every_step_writes_its_event(shop, cust):
    add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 2)])
    last_change = count(shop, Change)
    v = cancel(shop, cid, refund="external")
    assert (v.events[-1].kind, v.events[-1].note) == ("rolled_back", "keys: 2 recalled; refund 20.00 to external")
    with shop.db.read() as s:
        order_events = s.execute(
            select(OrderEvent.kind, OrderEvent.note).where(OrderEvent.order_id == oid).order_by(OrderEvent.id)
        ).all()
        topics = set(s.execute(select(Change.topic).where(Change.id > last_change)).scalars())
    assert order_events[-1] == ("cancelled", notes.coded("order.case_refund", case=cid, amount="20.00", to="external"))
    assert count(shop, KeyEvent, KeyEvent.case_id == cid) == 2
    assert count(shop, JournalEntry, JournalEntry.case_id == cid) == 1
    assert {"order", "case", "stock", "key", "customer"} <= topics


# --- unpaid, already cancelled, idempotent ------------------------------------------------------------------


def test_an_unpaid_order_is_closed_and_its_keys_released(shop, cust):
    pid = add_product(shop, "M-1", keys=3, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 2)], "changed_mind", pay=None)
    assert key_counts(shop, pid) == {"available": 1, "reserved": 2}
    result = roll(shop, cid)
    assert (result.refunded_fen, result.keys_recalled) == (0, {})
    o = order_row(shop, oid)
    assert (o.status, o.payment_status) == ("closed", "unpaid")
    assert key_counts(shop, pid) == {"available": 3}


def test_a_partly_delivered_order(shop, cust):
    pid = add_product(shop, "M-1", keys=2, price_fen=1000, policy="restock")
    oid, cid = case_on(shop, cust, [("M-1", 3)])
    assert order_row(shop, oid).status == "awaiting_stock"
    result = roll(shop, cid)
    assert (result.keys_recalled, result.refunded_fen) == ({"available": 2}, 3000)
    assert key_counts(shop, pid) == {"available": 2}


def test_a_completed_order_can_be_cancelled(shop, cust):
    add_product(shop, "M-1", keys=2, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 1)])
    write(shop, orders.complete_order, oid, actor="t")
    assert roll(shop, cid).refunded_fen == 1000
    assert order_row(shop, oid).status == "cancelled"


def test_cancelling_an_order_already_cancelled(shop, cust):
    add_product(shop, "M-1", keys=2, price_fen=1000)
    add_product(shop, "EMPTY-1", price_fen=1000)
    oid, cid = case_on(shop, cust, [("EMPTY-1", 1)], "out_of_stock")
    write(shop, delivery_service.refund_unfilled, oid, destination="wallet", actor="owner")  # cancelled by another path
    before = snapshot(shop)
    with pytest.raises(Conflict, match="already cancelled; there is nothing to roll back"):
        cancel(shop, cid)
    with pytest.raises(Conflict, match="already cancelled"):
        roll(shop, cid)
    assert snapshot(shop) == before


def test_running_it_twice_changes_nothing_the_second_time(shop, cust):
    add_product(shop, "M-1", keys=5, price_fen=1000, policy="restock")
    oid, cid = case_on(shop, cust, [("M-1", 3)], "key_used")
    add_coupon_use(shop, oid)
    first = roll(shop, cid, refund_fen=2500, compensation_fen=200, destination="external")
    before = snapshot(shop)
    for _ in range(3):
        again = roll(shop, cid, refund_fen=999, compensation_fen=1, destination="wallet")  # other input: same result
        assert again == rollback.RollbackResult(cid, oid, {"available": 3}, 2500, "external", 200, 1, replayed=True), (
            again
        )
    assert first == rollback.RollbackResult(cid, oid, {"available": 3}, 2500, "external", 200, 1)
    assert snapshot(shop) == before


def test_a_resolve_that_fails_in_the_rollback_leaves_the_case_open(shop, cust):
    add_product(shop, "M-1", keys=2, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 1)])
    with pytest.raises(InvalidInput):
        cancel(shop, cid, refund_fen=5000)
    v = view(shop, cid)
    assert (v.status, v.outcome, v.version) == ("new", None, 1)
    assert order_row(shop, oid).status == "delivered"


def test_unknown_case(shop):
    with pytest.raises(NotFound, match="No case 5"):
        roll(shop, 5)


def test_a_replay_reports_what_the_rollback_did_after_a_replacement_and_price_protection(shop, cust):
    """The case's own earlier key swaps and price protection are not part of the rollback's result."""
    add_product(shop, "M-1", keys=6, price_fen=1000)
    oid, cid = case_on(shop, cust, [("M-1", 2)], "price_dropped")
    made = write(shop, retention.make_offer, cid, "price_protection", actor="staff-a", amount_fen=300)
    write(shop, retention.answer_offer, made.id, True, actor="staff-a")
    write(shop, cases.reopen, cid, actor="staff-a")
    write(shop, cases.resolve, cid, "replaced", actor="staff-a")
    write(shop, cases.reopen, cid, actor="staff-a")
    first = roll(shop, cid)
    assert first == rollback.RollbackResult(cid, oid, {"recalled": 2}, 1700, "wallet", 0, 0)
    assert roll(shop, cid) == rollback.RollbackResult(cid, oid, {"recalled": 2}, 1700, "wallet", 0, 0, replayed=True)

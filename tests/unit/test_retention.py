"""Retention: offers suggested by reason, made and answered; money through the ledger (price protection,
compensation), coupons issued, accepted offers resolve as retained; re-order after a cancellation; templates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from desk_support import (
    T0,
    add_coupon_use,
    add_customer,
    add_product,
    balances,
    coupon_state,
    make_order,
    open_case,
    order_row,
    view,
    write,
)
from sqlalchemy import select
from svc_support import refused

from shopdesk.db.models import Coupon, JournalEntry, Posting, Refund
from shopdesk.db.models import RetentionOffer as OfferRow
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock, notes
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import cases, retention
from shopdesk.services.money import ledger
from shopdesk.services.orders import delivery as delivery_service
from shopdesk.services.orders import selling as orders


@pytest.fixture
def cust(shop):
    clock.freeze(T0)
    return add_customer(shop, "孙丽")


@pytest.fixture
def game(shop):
    """GAME-50 at 50.00 (10 keys) and two more products of its category."""
    pid = add_product(shop, "GAME-50", keys=10, price_fen=5000, category="steam")
    add_product(shop, "GAME-20", keys=3, price_fen=2000, category="steam")
    add_product(shop, "GAME-100", keys=3, price_fen=10000, category="steam")
    add_product(shop, "TEL-50", keys=3, price_fen=5000, category="phone")
    return pid


@pytest.fixture
def order(shop, cust, game):
    return make_order(shop, cust, [("GAME-50", 2)])  # 100.00, delivered


def set_price(app, sku, price_fen):
    with app.db.write() as s:
        p = catalog.product_by_sku(s, sku)
        catalog.edit_product(
            s,
            p.id,
            ProductInput(
                sku=p.sku, name=p.name, price_fen=price_fen, category=p.category, kind=p.kind, rollback_policy="verify"
            ),
        )


def offer(app, case_id, kind, amount_fen=0, **kw):
    return write(app, retention.make_offer, case_id, kind, actor="staff-a", amount_fen=amount_fen, **kw)


def answer(app, offer_id, accepted):
    return write(app, retention.answer_offer, offer_id, accepted, actor="staff-a")


# --- suggestions ---------------------------------------------------------------------------------------


def test_price_dropped_suggests_price_protection_and_a_coupon(shop, order):
    cid = open_case(shop, order, "price_dropped").id
    with shop.db.read() as s:
        assert [(x.kind, x.amount_fen) for x in retention.suggest(s, cid)] == [("keep_coupon", 300)]
    set_price(shop, "GAME-50", 4500)
    with shop.db.read() as s:
        got = retention.suggest(s, cid)
    assert [(x.kind, x.amount_fen) for x in got] == [("price_protection", 1000), ("keep_coupon", 300)]
    assert got[0].detail == {"note": "difference to today's price"}


def test_late_delivery_suggests_compensation(shop, order):
    cid = open_case(shop, order, "delivery_late").id
    with shop.db.read() as s:
        got = [(x.kind, x.amount_fen) for x in retention.suggest(s, cid)]
    assert got == [("compensation_credit", 500), ("compensation_coupon", 500)]


def test_small_orders_get_at_least_one_yuan(shop, cust, game):
    add_product(shop, "TINY-1", keys=1, price_fen=100)
    cid = open_case(shop, make_order(shop, cust, [("TINY-1", 1)]), "delivery_late").id
    with shop.db.read() as s:
        assert {x.amount_fen for x in retention.suggest(s, cid)} == {100}


def test_wrong_item_suggests_alternatives_of_the_same_category(shop, order):
    cid = open_case(shop, order, "wrong_item").id
    with shop.db.read() as s:
        got = retention.suggest(s, cid)
    assert [x.kind for x in got] == ["alternative", "swap"]
    assert got[0].detail == {"products": ["GAME-100", "GAME-20"]}


def test_no_offers_for_a_key_fault(shop, order):
    cid = open_case(shop, order, "key_used").id
    with shop.db.read() as s:
        assert retention.suggest(s, cid) == []


# --- making and answering --------------------------------------------------------------------------------


def test_an_offer_is_recorded_with_an_event(shop, order):
    cid = open_case(shop, order, "changed_mind").id
    made = offer(shop, cid, "alternative", detail={"products": ["GAME-20"], "note": "两张20元"})
    assert (made.case_id, made.kind, made.amount_fen, made.offered_by, made.offered_at, made.answer) == (
        cid,
        "alternative",
        0,
        "staff-a",
        T0,
        None,
    )
    assert made.detail == {"products": ["GAME-20"], "note": "两张20元"}
    assert (view(shop, cid).events[-1].kind, view(shop, cid).events[-1].note) == (
        "offer_made",
        notes.coded("case.offer", kind="alternative", amount="0.00"),
    )
    with shop.db.read() as s:
        assert retention.offers(s, cid) == [made]


@pytest.mark.parametrize(
    ("kind", "amount", "message"),
    [
        ("cashback", 100, "The offer is one of"),
        ("price_protection", 0, "needs an amount above 0"),
        ("compensation_credit", 0, "needs an amount above 0"),
        ("keep_coupon", 0, "needs an amount above 0"),
        ("alternative", -1, "needs an amount above 0"),
        ("price_protection", 10_001, "cannot give back 100.01"),
        ("price_protection", 10_000, "cannot give back"),  # all of it: that is a cancellation
    ],
)
def test_bad_offers_are_refused(shop, order, kind, amount, message):
    cid = open_case(shop, order, "price_dropped").id
    with refused(shop, InvalidInput, match=message):
        offer(shop, cid, kind, amount)


def test_no_offer_on_a_resolved_case(shop, order):
    cid = open_case(shop, order, "changed_mind").id
    write(shop, cases.resolve, cid, "retained", actor="staff-a")
    with pytest.raises(Conflict, match="offers are made on open cases"):
        offer(shop, cid, "keep_coupon", 300)
    with pytest.raises(NotFound, match="No case 99"):
        offer(shop, 99, "keep_coupon", 300)


def test_price_protection_goes_through_the_ledger_and_keeps_the_order(shop, cust, order):
    set_price(shop, "GAME-50", 4500)
    cid = open_case(shop, order, "price_dropped").id
    made = offer(shop, cid, "price_protection", 1000)
    money = balances(shop)
    got = answer(shop, made.id, True)
    assert got.answer == "accepted"
    after = balances(shop)
    assert after[f"wallet:{cust}"] == money.get(f"wallet:{cust}", 0) + 1000
    assert after["refunds"] == money["refunds"] - 1000
    with shop.db.read() as s:
        entry = ledger.entry_by_key(s, f"offer:{made.id}")
        refund = s.execute(select(Refund.case_id, Refund.destination, Refund.amount_fen, Refund.entry_id)).one()
    assert (entry.kind, dict(entry.postings)) == ("price_protection", {f"wallet:{cust}": 1000, "refunds": -1000})
    assert tuple(refund) == (cid, "wallet", 1000, entry.entry_id)
    o = order_row(shop, order)
    assert (o.status, o.payment_status, o.paid_fen, o.refunded_fen) == ("delivered", "partially_refunded", 10000, 1000)
    v = view(shop, cid)
    assert (v.status, v.outcome) == ("resolved", "retained")
    assert [e.kind for e in v.events] == ["opened", "offer_made", "offer_accepted", "taken", "resolved"]
    accepted = next(e for e in v.events if e.kind == "offer_accepted")
    assert accepted.note == "10.00 credited to the wallet; the order is kept"


def test_a_later_cancellation_refunds_only_what_is_left(shop, cust, order):
    cid = open_case(shop, order, "price_dropped").id
    answer(shop, offer(shop, cid, "price_protection", 1000).id, True)
    again = open_case(shop, order, "changed_mind").id
    write(shop, cases.resolve, again, "cancelled", actor="staff-a")
    o = order_row(shop, order)
    assert (o.status, o.payment_status, o.refunded_fen) == ("cancelled", "refunded", 10000)
    assert balances(shop)[f"wallet:{cust}"] == 10000


def test_compensation_credit(shop, cust, order):
    cid = open_case(shop, order, "delivery_late").id
    made = offer(shop, cid, "compensation_credit", 500)
    answer(shop, made.id, True)
    assert balances(shop)[f"wallet:{cust}"] == 500
    assert balances(shop)["compensation"] == -500
    with shop.db.read() as s:
        assert ledger.entry_by_key(s, f"offer:{made.id}").kind == "compensation"
    o = order_row(shop, order)
    assert (o.payment_status, o.refunded_fen) == ("paid", 0)  # compensation is not a refund
    assert view(shop, cid).outcome == "retained"


@pytest.mark.parametrize("kind", ["keep_coupon", "compensation_coupon"])
def test_a_coupon_is_issued_to_the_customer(shop, cust, order, kind):
    cid = open_case(shop, order, "delivery_late").id
    answer(shop, offer(shop, cid, kind, 300).id, True)
    with shop.db.read() as s:
        coupon = s.execute(select(Coupon.__table__)).one()
    assert (coupon.value_fen, coupon.max_uses, coupon.used_count, coupon.customer_id, coupon.active) == (
        300,
        1,
        0,
        cust,
        True,
    )
    assert coupon.expires_at == T0 + timedelta(days=30)
    assert coupon.code.startswith("SD-")
    note = next(e.note for e in view(shop, cid).events if e.kind == "offer_accepted")
    assert note == f"coupon {coupon.code} worth 3.00 issued (valid 30 days)"
    assert view(shop, cid).outcome == "retained"
    assert balances(shop).get(f"wallet:{cust}", 0) == 0


def test_declined_offers_leave_the_case_open(shop, order):
    cid = open_case(shop, order, "changed_mind").id
    made = offer(shop, cid, "keep_coupon", 300)
    got = answer(shop, made.id, False)
    assert got.answer == "declined"
    v = view(shop, cid)
    assert (v.status, v.events[-1].kind, v.events[-1].note) == (
        "new",
        "offer_declined",
        notes.coded("case.offer_kind", kind="keep_coupon"),
    )
    with refused(shop, Conflict, match="already answered"):
        answer(shop, made.id, True)
    with pytest.raises(NotFound, match="No offer 77"):
        answer(shop, 77, True)


def test_an_offer_accepted_after_the_case_was_resolved_moves_no_money(shop, order):
    cid = open_case(shop, order, "delivery_late").id
    made = offer(shop, cid, "compensation_credit", 500)
    write(shop, cases.resolve, cid, "rejected", actor="staff-a", rejection_reason="on time by our records")
    with refused(shop, Conflict):
        answer(shop, made.id, True)


def test_price_protection_on_an_order_refunded_meanwhile_is_refused(shop, cust, game):
    add_product(shop, "EMPTY-1", price_fen=3000)
    oid = make_order(shop, cust, [("EMPTY-1", 1)])  # waiting for stock
    cid = open_case(shop, oid, "price_dropped", run_rules=False).id
    made = offer(shop, cid, "price_protection", 500)
    write(shop, delivery_service.refund_unfilled, oid, destination="wallet", actor="owner")
    with refused(shop, Conflict, match="cannot give back"):
        answer(shop, made.id, True)


def test_alternative_accepted_resolves_as_retained(shop, order):
    cid = open_case(shop, order, "wrong_item").id
    made = offer(shop, cid, "alternative", detail={"products": ["GAME-20"]})
    with shop.db.read() as s:
        entries = len(s.execute(select(JournalEntry.id)).all())
    answer(shop, made.id, True)
    v = view(shop, cid)
    assert v.outcome == "retained"
    assert next(e.note for e in v.events if e.kind == "offer_accepted") == "alternative arranged by staff"
    with shop.db.read() as s:
        assert len(s.execute(select(JournalEntry.id)).all()) == entries
        assert s.execute(select(OfferRow.answer)).scalar_one() == "accepted"


# --- after a cancellation ---------------------------------------------------------------------------------


def test_after_a_cancellation_the_coupon_is_restored_and_reorder_works(shop, cust, game, order):
    coupon = add_coupon_use(shop, order, value_fen=500)
    cid = open_case(shop, order, "changed_mind").id
    with pytest.raises(Conflict, match="after a cancellation"):
        write(shop, retention.reorder, cid, actor="staff-a")
    write(shop, cases.resolve, cid, "cancelled", actor="staff-a")
    used, restored = coupon_state(shop, coupon)
    assert (used, restored) == (0, [T0])
    again = write(shop, retention.reorder, cid, actor="staff-a")
    assert (again.customer_id, again.status, again.total_fen) == (cust, "pending_payment", 10000)
    assert [(ln.sku, ln.quantity) for ln in again.lines] == [("GAME-50", 2)]
    write(shop, orders.pay_order, again.id, method="external", trade_no="RE-1", actor="t")
    assert order_row(shop, again.id).status == "delivered"


# --- templates ---------------------------------------------------------------------------------------------


def test_reply_templates_by_reason_and_language(shop):
    with shop.db.read() as s:
        zh = retention.templates(s, "price_dropped", "zh_CN")
        en = retention.templates(s, "delivery_late", "en")
        general = retention.templates(s, "key_used", "en")
    assert [t for t, _ in zh] == ["价格保护", "首次回复"]
    assert [t for t, _ in en] == ["Late delivery", "First reply"]
    assert [t for t, _ in general] == ["First reply"]
    body = dict(zh)["价格保护"]
    assert retention.render(body, customer="孙丽", order="SD2026030200001", amount_fen=1050) == (
        "孙丽 您好，订单 SD2026030200001 可为您退还差价 10.50 元到余额，订单保留，您看可以吗？"
    )


def test_render_does_not_expand_placeholders_inside_values(shop):
    got = retention.render("{customer}: {order} ({amount})", customer="{order}{amount}", order="SD1", amount_fen=5)
    assert got == "{order}{amount}: SD1 (0.05)"


def test_seeded_templates_cover_both_languages(shop):
    with shop.db.read() as s:
        for reason in (None, "price_dropped", "delivery_late", "key_invalid", "changed_mind"):
            assert len(retention.templates(s, reason, "zh_CN")) == len(retention.templates(s, reason, "en"))
        assert retention.templates(s, None, "fr") == []


def test_postings_of_an_accepted_offer_balance(shop, order):
    cid = open_case(shop, order, "delivery_late").id
    answer(shop, offer(shop, cid, "compensation_credit", 500).id, True)
    with shop.db.read() as s:
        sums = s.execute(select(Posting.entry_id, Posting.amount_fen)).all()
    totals: dict[int, int] = {}
    for entry, amount in sums:
        totals[entry] = totals.get(entry, 0) + amount
    assert set(totals.values()) == {0}

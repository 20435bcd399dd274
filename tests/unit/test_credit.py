"""Credit profile: cancellations over 30 and 90 days, likely mistakes vs suspicious ones, the risk level with
its reasons, the owner's override with a note, and risky customers' requests going to a person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from desk_support import T0, add_customer, add_product, make_order, open_case, row, view, write
from sqlalchemy import select
from svc_support import refused

from shopdesk.db.models import AuditEvent, Customer
from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.desk import cases, credit


@pytest.fixture
def cust(shop):
    clock.freeze(T0)
    add_product(shop, "CR-1", keys=50, price_fen=1000)
    add_product(shop, "NONE-1", price_fen=1000)  # never in stock
    return add_customer(shop, "吴刚")


def cancellation(app, customer_id, *, after: timedelta, sku="CR-1", pay="external", reason="changed_mind"):
    """An order made now, cancelled `after` later (resolved by the rule track or by staff)."""
    oid = make_order(app, customer_id, [(sku, 1)], pay=pay)
    clock.advance(after)
    opened = open_case(app, oid, reason)
    if opened.status != "resolved":
        write(app, cases.resolve, opened.id, "cancelled", actor="staff-a")
    assert view(app, opened.id).outcome == "cancelled"
    return oid


def profile(app, customer_id) -> credit.CreditProfile:
    with app.db.read() as s:
        return credit.profile(s, customer_id)


def test_a_new_customer_is_normal(shop, cust):
    p = profile(shop, cust)
    assert (p.cancellations_30d, p.cancellations_90d, p.mistakes_90d, p.suspicious_90d) == (0, 0, 0, 0)
    assert (p.level, p.reasons, p.overridden, p.note) == (
        "normal",
        ("0 cancellation(s) in 90 days, none suspicious",),
        False,
        "",
    )


def test_soon_after_ordering_and_before_delivery_is_a_likely_mistake(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=3), pay=None)  # unpaid, closed by the rule
    cancellation(shop, cust, after=timedelta(minutes=10), sku="NONE-1")  # paid, waiting for stock
    p = profile(shop, cust)
    assert (p.cancellations_30d, p.mistakes_90d, p.suspicious_90d, p.level) == (2, 2, 0, "normal")
    assert p.reasons == ("2 cancellation(s) in 90 days, none suspicious",)


def test_late_before_delivery_is_neither(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=10, seconds=1), pay=None)
    p = profile(shop, cust)
    assert (p.cancellations_90d, p.mistakes_90d, p.suspicious_90d) == (1, 0, 0)


def test_after_delivery_is_suspicious_and_repeated_is_risky(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=2))  # delivered at once: seen the key
    p = profile(shop, cust)
    assert (p.mistakes_90d, p.suspicious_90d, p.level) == (0, 1, "watch")
    assert p.reasons == ("1 cancellation(s) after delivery in 90 days",)
    assert row(shop, Customer, cust).risk_level == "watch"  # stored by the rollback
    cancellation(shop, cust, after=timedelta(days=2))
    p = profile(shop, cust)
    assert (p.suspicious_90d, p.level) == (2, "risky")
    assert row(shop, Customer, cust).risk_level == "risky"


def test_many_cancellations_in_thirty_days(shop, cust):
    for n in range(5):
        cancellation(shop, cust, after=timedelta(minutes=1), pay=None)
        p = profile(shop, cust)
        assert p.level == ("normal" if n < 2 else "watch" if n < 4 else "risky"), n
    assert p.reasons == ("5 cancellations in 30 days",)


def test_the_windows_are_30_and_90_days(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=1))  # suspicious
    clock.advance(timedelta(days=31))
    p = profile(shop, cust)
    assert (p.cancellations_30d, p.cancellations_90d, p.suspicious_90d, p.level) == (0, 1, 1, "watch")
    clock.advance(timedelta(days=60))
    p = profile(shop, cust)
    assert (p.cancellations_30d, p.cancellations_90d, p.suspicious_90d, p.level) == (0, 0, 0, "normal")


def test_only_cancellations_count(shop, cust):
    for outcome in ("retained", "rejected"):
        oid = make_order(shop, cust, [("CR-1", 1)])
        cid = open_case(shop, oid, "changed_mind").id
        write(shop, cases.resolve, cid, outcome, actor="staff-a", rejection_reason="no")
    assert profile(shop, cust).cancellations_90d == 0


def test_other_customers_do_not_count(shop, cust):
    other = add_customer(shop, "郑和")
    cancellation(shop, other, after=timedelta(minutes=1))
    assert profile(shop, cust).cancellations_90d == 0


def test_refresh_stores_the_computed_level(shop, cust):
    with shop.db.write() as s:
        s.execute(Customer.__table__.update().values(risk_level="risky"))
    assert write(shop, credit.refresh, cust) == "normal"
    assert row(shop, Customer, cust).risk_level == "normal"


# --- override ------------------------------------------------------------------------------------------


def test_the_owner_overrides_with_a_note(shop, cust):
    p = write(shop, credit.override, cust, "risky", note=" chargeback at the bank ", actor="owner")
    assert (p.level, p.overridden, p.note) == ("risky", True, "chargeback at the bank")
    assert p.reasons[-1] == "level set by the owner"
    c = row(shop, Customer, cust)
    assert (c.risk_level, c.risk_override, c.risk_note) == ("risky", True, "chargeback at the bank")
    with shop.db.read() as s:
        audit = s.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.subject)).all()[-1]
    assert tuple(audit) == ("owner", "customer.risk_override", f"customer:{cust}")
    # the computation no longer moves it, even as cancellations pile up or age
    cancellation(shop, cust, after=timedelta(minutes=1), pay=None)
    assert write(shop, credit.refresh, cust) == "risky"
    p = write(shop, credit.override, cust, "normal", note="known reseller", actor="owner")
    assert (p.level, row(shop, Customer, cust).risk_level) == ("normal", "normal")


def test_handing_the_level_back_to_the_computation(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=1))  # suspicious: watch
    write(shop, credit.override, cust, "normal", note="trusted", actor="owner")
    p = write(shop, credit.override, cust, None, note="", actor="owner")
    assert (p.level, p.overridden) == ("watch", False)
    assert row(shop, Customer, cust).risk_level == "watch"


@pytest.mark.parametrize(
    ("level", "note", "error", "message"),
    [
        ("banned", "x", InvalidInput, "Risk level is one of"),
        ("risky", "  ", InvalidInput, "Say why the level is set by hand"),
    ],
)
def test_bad_overrides_write_nothing(shop, cust, level, note, error, message):
    with refused(shop, error, match=message):
        write(shop, credit.override, cust, level, note=note, actor="owner")


def test_unknown_customer(shop):
    with pytest.raises(NotFound, match="No customer with id 404"):
        profile(shop, 404)
    with pytest.raises(NotFound, match="No customer with id 404"):
        write(shop, credit.override, 404, "risky", note="x", actor="owner")


def test_a_customer_who_became_risky_goes_to_a_person(shop, cust):
    cancellation(shop, cust, after=timedelta(minutes=1))
    cancellation(shop, cust, after=timedelta(minutes=1))
    assert row(shop, Customer, cust).risk_level == "risky"
    oid = make_order(shop, cust, [("CR-1", 1)], pay=None)  # would be closed by the unpaid rule
    opened = open_case(shop, oid, "changed_mind")
    assert opened.status == "new"
    assert [e.kind for e in view(shop, opened.id).events] == ["opened", "routed"]

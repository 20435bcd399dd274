"""Credit profile: how a customer's cancellations look, and the risk level the desk and the rules use.

Likely mistakes: cancelled before delivery, within 10 minutes of ordering. Suspicious: cancelled after the
keys were delivered (the customer has seen the secrets), more so when repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, bindparam, case, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Case, Customer, Order
from shopdesk.db.queries import driver, mirror
from shopdesk.services.common import access, audit, clock, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound

MISTAKE_WINDOW = timedelta(minutes=10)
LEVELS = ("normal", "watch", "risky")

# Every rollback refreshes the profile: Core statements, built once.
_customers, _cases, _orders = Customer.__table__, Case.__table__, Order.__table__
_CUSTOMER = select(
    _customers.c.risk_level,
    _customers.c.risk_override,
    _customers.c.risk_note,
    _customers.c.blocked_at,
    _customers.c.blocked_reason,
).where(_customers.c.id == bindparam("b_id"))
_CANCELLATIONS = (
    select(_cases.c.opened_at, _orders.c.created_at, _orders.c.delivered_at)
    .join(_orders, _orders.c.id == _cases.c.order_id)
    .where(
        _orders.c.customer_id == bindparam("b_customer"),
        _cases.c.outcome == "cancelled",
        _cases.c.opened_at >= bindparam("b_since"),
    )
)
# What the level needs, counted by the database in one row: (in 90 days, in 30 days, after delivery).
_LEVEL_COUNTS = (
    select(
        func.count(),
        func.coalesce(func.sum(case((_cases.c.opened_at >= bindparam("b_since30"), 1), else_=0)), 0),
        func.coalesce(
            func.sum(
                case(
                    (and_(_orders.c.delivered_at.is_not(None), _orders.c.delivered_at <= _cases.c.opened_at), 1),
                    else_=0,
                )
            ),
            0,
        ),
    )
    .select_from(_cases.join(_orders, _orders.c.id == _cases.c.order_id))
    .where(
        _orders.c.customer_id == bindparam("b_customer"),
        _cases.c.outcome == "cancelled",
        _cases.c.opened_at >= bindparam("b_since90"),
    )
)
# The computed level, stored unless the owner set one by hand (on the driver's cursor: every rollback runs it).
_SET_COMPUTED_LEVEL_SQL = "UPDATE customer SET risk_level = ? WHERE id = ? AND risk_override IS FALSE"


@dataclass(frozen=True)
class CreditProfile:
    customer_id: int
    cancellations_30d: int
    cancellations_90d: int
    mistakes_90d: int
    suspicious_90d: int
    level: str
    reasons: tuple[str, ...]  # in English, for the command line
    overridden: bool
    note: str
    reason_codes: tuple[tuple[str, int], ...] = ()  # (code, count): screens say them in their own language
    blocked: bool = False  # blacklisted: the storefront refuses the customer's new orders
    blocked_reason: str | None = None  # the owner's words, for the desk (never sent to the storefront)


# Why a level was given: code -> English wording ({n} is the count).
REASON_TEXT = {
    "after_delivery": "{n} cancellation(s) after delivery in 90 days",
    "many_in_30_days": "{n} cancellations in 30 days",
    "none_suspicious": "{n} cancellation(s) in 90 days, none suspicious",
    "set_by_owner": "level set by the owner",
}


def profile(session: Session, customer_id: int) -> CreditProfile:
    conn = session.connection()
    customer = conn.execute(_CUSTOMER, {"b_id": customer_id}).first()
    if customer is None:
        raise NotFound("customer.not_found", customer=customer_id)
    now = clock.now()
    rows = conn.execute(_CANCELLATIONS, {"b_customer": customer_id, "b_since": now - timedelta(days=90)}).all()
    c30 = sum(1 for opened, _, _ in rows if opened >= now - timedelta(days=30))
    mistakes = sum(
        1
        for opened, created, delivered in rows
        if (delivered is None or delivered > opened) and opened - created <= MISTAKE_WINDOW
    )
    suspicious = sum(1 for opened, _, delivered in rows if delivered is not None and delivered <= opened)
    level, codes = _assess(c30, len(rows), suspicious)
    overridden = bool(customer.risk_override)
    if overridden:
        level, codes = customer.risk_level, (*codes, ("set_by_owner", 0))
    reasons = tuple(REASON_TEXT[code].format(n=n) for code, n in codes)
    blocked = customer.blocked_at is not None
    return CreditProfile(
        customer_id,
        c30,
        len(rows),
        mistakes,
        suspicious,
        level,
        reasons,
        overridden,
        customer.risk_note,
        codes,
        blocked,
        customer.blocked_reason if blocked else None,
    )


def _assess(c30: int, c90: int, suspicious: int) -> tuple[str, tuple[tuple[str, int], ...]]:
    codes = []
    if suspicious:
        codes.append(("after_delivery", suspicious))
    if c30 >= 3:
        codes.append(("many_in_30_days", c30))
    if suspicious >= 2 or c30 >= 5:
        return "risky", tuple(codes)
    if suspicious == 1 or c30 >= 3:
        return "watch", tuple(codes)
    return "normal", tuple(codes) or (("none_suspicious", c90),)


def refresh(session: Session, customer_id: int) -> str:
    """Store the computed level (unless the owner set it by hand); returns the level in force.

    Every rollback calls this: the counts come back as one row and the level is written only where the owner
    has not set it (the same level `profile` computes)."""
    conn = session.connection()
    now = clock.now()
    ((c90, c30, suspicious),) = driver(session).rows(
        _LEVEL_COUNTS,
        {"b_customer": customer_id, "b_since30": now - timedelta(days=30), "b_since90": now - timedelta(days=90)},
    )
    level, _ = _assess(c30, c90, suspicious)
    if driver(session).run(_SET_COMPUTED_LEVEL_SQL, (level, customer_id)).rowcount == 1:
        mirror(session, Customer, customer_id, {"risk_level": level})
        outbox.emit(session, "customer", customer_id)
        return level
    customer = conn.execute(_CUSTOMER, {"b_id": customer_id}).first()
    if customer is None:
        raise NotFound("customer.not_found", customer=customer_id)
    return customer.risk_level  # set by the owner


def level_after_cancellation(session: Session, customer_id: int, opened_at, delivered_at) -> tuple[str, str]:
    """(level now, level once a case opened at `opened_at` on an order delivered at `delivered_at` ends
    cancelled): what `refresh` would store after the rollback, without writing."""
    conn = session.connection()
    customer = conn.execute(_CUSTOMER, {"b_id": customer_id}).first()
    if customer is None:
        raise NotFound("customer.not_found", customer=customer_id)
    if customer.risk_override:
        return customer.risk_level, customer.risk_level
    now = clock.now()
    ((c90, c30, suspicious),) = driver(session).rows(
        _LEVEL_COUNTS,
        {"b_customer": customer_id, "b_since30": now - timedelta(days=30), "b_since90": now - timedelta(days=90)},
    )
    before, _ = _assess(c30, c90, suspicious)
    if opened_at is not None and opened_at >= now - timedelta(days=90):
        c90 += 1
        c30 += opened_at >= now - timedelta(days=30)
        suspicious += delivered_at is not None and delivered_at <= opened_at
    after, _ = _assess(c30, c90, suspicious)
    return before, after


@access.needs("credit.override")
def override(session: Session, customer_id: int, level: str | None, *, note: str, actor: str) -> CreditProfile:
    """Set the risk level by hand (with a note), or hand it back to the computation with level=None."""
    if level is not None and level not in LEVELS:
        raise InvalidInput("credit.level_unknown", choices=", ".join(LEVELS))
    if level is not None and not note.strip():
        raise InvalidInput("credit.note_missing")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer.not_found", customer=customer_id)
    customer.risk_override = level is not None
    customer.risk_note = note.strip()
    if level is not None:
        customer.risk_level = level
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="customer.risk_override",
        subject=f"customer:{customer_id}",
        level=level,
        note=note.strip(),
    )
    refresh(session, customer_id)
    return profile(session, customer_id)


@access.needs("credit.override")
def block(session: Session, customer_id: int, reason: str, *, actor: str) -> CreditProfile:
    """Blacklist the customer: the storefront refuses new orders from the contact (payments and cancellations of
    orders there are still go through). The reason is for the desk; the storefront is told only `customer_blocked`."""
    if not reason or not reason.strip():
        raise InvalidInput("customer_block.reason_missing")
    customer = _unmerged(session, customer_id)
    customer.blocked_at, customer.blocked_reason, customer.blocked_by = clock.now(), reason.strip(), actor
    session.flush()
    audit.record(
        session, actor=actor, action="customer.blocked", subject=f"customer:{customer_id}", reason=reason.strip()
    )
    outbox.emit(session, "customer", customer_id)
    return profile(session, customer_id)


@access.needs("credit.override")
def unblock(session: Session, customer_id: int, *, actor: str) -> CreditProfile:
    """Take the customer off the blacklist: the storefront takes their orders again."""
    customer = _unmerged(session, customer_id)
    was = customer.blocked_reason
    customer.blocked_at = customer.blocked_reason = customer.blocked_by = None
    session.flush()
    audit.record(session, actor=actor, action="customer.unblocked", subject=f"customer:{customer_id}", was=was)
    outbox.emit(session, "customer", customer_id)
    return profile(session, customer_id)


def _unmerged(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer.not_found", customer=customer_id)
    if customer.merged_into_id is not None:
        raise Conflict("customer_block.merged", customer=customer_id, survivor=customer.merged_into_id)
    return customer

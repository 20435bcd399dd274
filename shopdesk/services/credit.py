"""Credit profile: how a customer's cancellations look, and the risk level the desk and the rules use.

Likely mistakes: cancelled before delivery, within 10 minutes of ordering. Suspicious: cancelled after the
keys were delivered (the customer has seen the secrets), more so when repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Case, Customer, Order
from shopdesk.services import audit, changefeed, clock
from shopdesk.services.errors import InvalidInput, NotFound

MISTAKE_WINDOW = timedelta(minutes=10)
LEVELS = ("normal", "watch", "risky")


@dataclass(frozen=True)
class CreditProfile:
    customer_id: int
    cancellations_30d: int
    cancellations_90d: int
    mistakes_90d: int
    suspicious_90d: int
    level: str
    reasons: tuple[str, ...]
    overridden: bool
    note: str


def profile(session: Session, customer_id: int) -> CreditProfile:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"No customer with id {customer_id}.", field="customer")
    now = clock.now()
    rows = session.execute(
        select(Case.opened_at, Order.created_at, Order.delivered_at)
        .join(Order, Order.id == Case.order_id)
        .where(
            Order.customer_id == customer_id, Case.outcome == "cancelled", Case.opened_at >= now - timedelta(days=90)
        )
    ).all()
    c30 = sum(1 for opened, _, _ in rows if opened >= now - timedelta(days=30))
    mistakes = sum(
        1
        for opened, created, delivered in rows
        if (delivered is None or delivered > opened) and opened - created <= MISTAKE_WINDOW
    )
    suspicious = sum(1 for opened, _, delivered in rows if delivered is not None and delivered <= opened)
    level, reasons = _assess(c30, len(rows), suspicious)
    if customer.risk_override:
        return CreditProfile(
            customer_id,
            c30,
            len(rows),
            mistakes,
            suspicious,
            customer.risk_level,
            (*reasons, "level set by the owner"),
            True,
            customer.risk_note,
        )
    return CreditProfile(customer_id, c30, len(rows), mistakes, suspicious, level, reasons, False, customer.risk_note)


def _assess(c30: int, c90: int, suspicious: int) -> tuple[str, tuple[str, ...]]:
    reasons = []
    if suspicious:
        reasons.append(f"{suspicious} cancellation(s) after delivery in 90 days")
    if c30 >= 3:
        reasons.append(f"{c30} cancellations in 30 days")
    if suspicious >= 2 or c30 >= 5:
        return "risky", tuple(reasons)
    if suspicious == 1 or c30 >= 3:
        return "watch", tuple(reasons)
    return "normal", tuple(reasons) or (f"{c90} cancellation(s) in 90 days, none suspicious",)


def refresh(session: Session, customer_id: int) -> str:
    """Store the computed level (unless the owner set it by hand); returns the level in force."""
    p = profile(session, customer_id)
    if not p.overridden:
        session.execute(
            update(Customer)
            .where(Customer.id == customer_id)
            .values(risk_level=p.level)
            .execution_options(synchronize_session=False)
        )
        changefeed.emit(session, "customer", customer_id)
    return p.level


def override(session: Session, customer_id: int, level: str | None, *, note: str, actor: str) -> CreditProfile:
    """Set the risk level by hand (with a note), or hand it back to the computation with level=None."""
    if level is not None and level not in LEVELS:
        raise InvalidInput(f"Risk level is one of {', '.join(LEVELS)}.", field="level")
    if level is not None and not note.strip():
        raise InvalidInput("Say why the level is set by hand.", field="note")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"No customer with id {customer_id}.", field="customer")
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

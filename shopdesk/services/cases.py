"""After-sales cases (tickets). This module holds the queue's read side; the desk's actions build on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, CaseEvent, Customer, Order
from shopdesk.services import changefeed, clock, settings
from shopdesk.services.errors import Conflict, InvalidInput, NotFound


@dataclass(frozen=True)
class CaseRow:
    id: int
    order_id: int
    order_number: str
    customer_name: str
    resp_class: str
    reason_code: str
    priority: str
    status: str
    assignee: str | None
    opened_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None


def list_cases(session: Session, *, open_only: bool = True, limit: int = 500) -> list[CaseRow]:
    """The queue: nearest deadline first."""
    query = (
        select(
            Case.id,
            Case.order_id,
            Order.number,
            Customer.name,
            Case.resp_class,
            Case.reason_code,
            Case.priority,
            Case.status,
            Case.assignee,
            Case.opened_at,
            Case.first_response_due,
            Case.resolution_due,
        )
        .join(Order, Order.id == Case.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .order_by(Case.resolution_due, Case.id)
        .limit(limit)
    )
    if open_only:
        query = query.where(Case.status.in_(CASE_OPEN_STATUSES))
    return [CaseRow(*r) for r in session.execute(query)]


# The reason taxonomy as shipped; the desk makes it editable.
REASONS: dict[str, str] = {
    "wrong_item": "customer",
    "wrong_quantity": "customer",
    "changed_mind": "customer",
    "price_dropped": "customer",
    "paid_twice": "customer",
    "delivery_worry": "customer",
    "key_invalid": "merchant",
    "key_used": "merchant",
    "delivery_late": "merchant",
    "out_of_stock": "merchant",
    "description_wrong": "merchant",
    "payment_glitch": "system",
    "status_unsynced": "system",
    "duplicate_order": "system",
}


@dataclass(frozen=True)
class OpenedCase:
    id: int
    order_id: int
    resp_class: str
    reason_code: str
    status: str
    first_response_due: datetime
    resolution_due: datetime


def open_case(
    session: Session,
    order_id: int,
    *,
    reason_code: str,
    actor: str,
    note: str = "",
    resp_class: str | None = None,
    priority: str = "normal",
) -> OpenedCase:
    """Open a cancellation / after-sales case on an order, with its SOP deadlines stored."""
    if reason_code not in REASONS:
        raise InvalidInput(
            f"Reason {reason_code!r} is unknown; use one of {', '.join(sorted(REASONS))}.", field="reason_code"
        )
    resp_class = resp_class or REASONS[reason_code]
    if resp_class not in ("customer", "merchant", "system"):
        raise InvalidInput("The responsibility class is customer, merchant or system.", field="class")
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    taken = session.execute(
        select(Case.id).where(Case.order_id == order_id, Case.status.in_(CASE_OPEN_STATUSES))
    ).scalar_one_or_none()
    if taken is not None:
        raise Conflict(f"Order {order.number} already has open case {taken}; add to that case instead.", field="order")
    now = clock.now()
    first = settings.get_int(session, "sop.first_response_minutes", 5)
    resolve = settings.get_int(session, "sop.resolution_minutes", 30)
    case = Case(
        order_id=order_id,
        resp_class=resp_class,
        reason_code=reason_code,
        priority=priority,
        status="new",
        opened_at=now,
        first_response_due=now + timedelta(minutes=first),
        resolution_due=now + timedelta(minutes=resolve),
    )
    session.add(case)
    session.flush()
    session.add(CaseEvent(case_id=case.id, kind="opened", actor=actor, to_status="new", at=now, note=note))
    session.flush()
    changefeed.emit(session, "case", case.id)
    changefeed.emit(session, "order", order_id)
    return OpenedCase(case.id, order_id, resp_class, reason_code, "new", case.first_response_due, case.resolution_due)

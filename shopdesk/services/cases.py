"""After-sales cases (tickets). This module holds the queue's read side; the desk's actions build on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, Customer, Order


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

"""Reading the desk: one case with its timeline and SOP clock, the queue (nearest deadline first), and the
customer's history beside a case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, CaseEvent, Customer, Order, SopPolicy
from shopdesk.db.queries import driver
from shopdesk.services.common import clock
from shopdesk.services.common.errors import NotFound
from shopdesk.services.desk import calendar, credit, sop, suggestions
from shopdesk.services.orders.board import BoardFilter, order_ids, order_rows

_cases, _case_events = Case.__table__, CaseEvent.__table__
_orders, _customers = Order.__table__, Customer.__table__
_policies = SopPolicy.__table__


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
    customer_id: int = 0
    first_responded_at: datetime | None = None
    paused_since: datetime | None = None
    outcome: str | None = None
    closed_until: datetime | None = None  # the case's business calendar is closed until then: its clock stands still


@dataclass(frozen=True)
class CaseEventView:
    at: datetime
    kind: str
    actor: str
    rule: str | None
    from_status: str | None
    to_status: str | None
    note: str


@dataclass(frozen=True)
class CaseView:
    id: int
    order_id: int
    order_number: str
    customer_id: int
    customer_name: str
    resp_class: str
    reason_code: str
    priority: str
    status: str
    outcome: str | None
    assignee: str | None
    opened_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    first_responded_at: datetime | None
    resolved_at: datetime | None
    rejection_reason: str
    version: int
    clock: sop.ClockState
    events: tuple[CaseEventView, ...]
    paused_since: datetime | None = None
    closed_until: datetime | None = None  # the case's business calendar is closed until then: its clock stands still
    # what the AI track read in the customer's words (None when the case had no text to read)
    suggestion: suggestions.SuggestionView | None = None


_CASE_WITH_ORDER = (
    select(
        _cases,
        _orders.c.number.label("order_number"),
        _customers.c.id.label("customer_id"),
        _customers.c.name.label("customer_name"),
        _policies.c.calendar_id.label("calendar_id"),  # a clock that counts open hours only (None: calendar time)
    )
    .join(_orders, _orders.c.id == _cases.c.order_id)
    .join(_customers, _customers.c.id == _orders.c.customer_id)
    .outerjoin(_policies, _policies.c.id == _cases.c.policy_id)
    .where(_cases.c.id == bindparam("b_id"))
)
_EVENTS_OF_CASE = (
    select(
        _case_events.c.at,
        _case_events.c.kind,
        _case_events.c.actor,
        _case_events.c.rule,
        _case_events.c.from_status,
        _case_events.c.to_status,
        _case_events.c.note,
    )
    .where(_case_events.c.case_id == bindparam("b_case"))
    .order_by(_case_events.c.id)
)


def get_case(session: Session, case_id: int) -> CaseView:
    db = driver(session)
    found = db.rows(_CASE_WITH_ORDER, {"b_id": case_id})
    if not found:
        raise NotFound("case.not_found", case=case_id)
    c = found[0]
    events = tuple(CaseEventView(*e) for e in db.rows(_EVENTS_OF_CASE, {"b_case": case_id}))
    return CaseView(
        c.id,
        c.order_id,
        c.order_number,
        c.customer_id,
        c.customer_name,
        c.resp_class,
        c.reason_code,
        c.priority,
        c.status,
        c.outcome,
        c.assignee,
        c.opened_at,
        c.first_response_due,
        c.resolution_due,
        c.first_responded_at,
        c.resolved_at,
        c.rejection_reason,
        c.version,
        sop.clock_state(c),
        events,
        c.paused_since,
        None if c.calendar_id is None else calendar.closed_until(session, [c.policy_id], clock.now()).get(c.policy_id),
        suggestions.of_case(session, case_id),
    )


def list_cases(
    session: Session,
    *,
    open_only: bool = True,
    assignee: str | None = None,
    unassigned: bool = False,
    resp_class: str | None = None,
    reason_code: str | None = None,
    customer_id: int | None = None,
    breached: bool = False,
    limit: int = 500,
) -> list[CaseRow]:
    """The queue, nearest deadline first."""
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
            Customer.id,
            Case.first_responded_at,
            Case.paused_since,
            Case.outcome,
            Case.policy_id,
        )
        .join(Order, Order.id == Case.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        # The next deadline: the first response until it is made, then the resolution (paused cases are
        # re-sorted below); ordering by it in SQL keeps the most urgent cases inside the limit.
        .order_by(
            sql_case((Case.first_responded_at.is_(None), Case.first_response_due), else_=Case.resolution_due),
            Case.id,
        )
        .limit(limit)
    )
    if open_only:
        query = query.where(Case.status.in_(CASE_OPEN_STATUSES))
    if assignee:
        query = query.where(Case.assignee == assignee)
    if unassigned:
        query = query.where(Case.assignee.is_(None))
    if resp_class:
        query = query.where(Case.resp_class == resp_class)
    if reason_code:
        query = query.where(Case.reason_code == reason_code)
    if breached:
        query = query.where(Case.first_response_breached_at.is_not(None) | Case.resolution_breached_at.is_not(None))
    if customer_id is not None:
        query = query.where(Order.customer_id == customer_id)
    found = session.execute(query).all()
    now = clock.now()
    closed = calendar.closed_until(session, {r.policy_id for r in found if r.status in CASE_OPEN_STATUSES}, now)
    rows = [CaseRow(*r[:-1], closed_until=closed.get(r.policy_id)) for r in found]
    return sorted(rows, key=lambda r: _next_due(r, now))


def _next_due(row: CaseRow, now: datetime) -> datetime:
    if row.first_responded_at is None and row.first_response_due is not None:
        return row.first_response_due
    due = row.resolution_due or now
    return due + (now - row.paused_since) if row.paused_since else due


def customer_history(session: Session, customer_id: int, *, limit: int = 20) -> dict:
    """What the desk shows beside a case: the customer's recent orders and past cases, the credit profile, and
    whether the customer is blacklisted (with the owner's reason)."""
    ids = order_ids(session, BoardFilter(customer_id=customer_id))[:limit]
    rows = order_rows(session, ids.tolist())
    profile = credit.profile(session, customer_id)
    return {
        "orders": [rows[i] for i in ids if i in rows],
        "cases": list_cases(session, open_only=False, customer_id=customer_id, limit=limit),
        "credit": profile,
        "blocked": profile.blocked,
        "blocked_reason": profile.blocked_reason,
    }

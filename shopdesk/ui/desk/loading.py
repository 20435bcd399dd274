"""What the desk reads, in one snapshot each, on the DB thread: the queue, and everything beside one case."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Case
from shopdesk.services.common import clock
from shopdesk.services.desk import cases, reasons, retention, sop
from shopdesk.services.desk import queue as case_queue
from shopdesk.services.money import ledger
from shopdesk.services.orders.detail import OrderView, load_order_view

SCOPES = ("open", "mine", "unassigned", "breached", "all")


@dataclass(frozen=True)
class QueueFilter:
    scope: str = "open"
    actor: str = ""
    resp_class: str | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class CaseBundle:
    case: case_queue.CaseView
    paused_since: object  # datetime | None: the clock of a paused case moves its deadline while it waits
    order: OrderView
    history: dict  # case_queue.customer_history: orders, cases, credit
    offers: list
    suggestions: list
    templates: list[tuple[str, str]]
    wallet_fen: int
    staff: list[str]


def load_queue(session: Session, f: QueueFilter) -> tuple[list[case_queue.CaseRow], dict]:
    rows = case_queue.list_cases(
        session,
        open_only=f.scope != "all",
        assignee=f.actor if f.scope == "mine" else None,
        unassigned=f.scope == "unassigned",
        resp_class=f.resp_class,
        reason_code=f.reason_code,
    )
    if f.scope == "breached":
        now = clock.now()
        rows = [r for r in rows if sop.clock_state(r, now).colour == "red"]
    return rows, load_reasons(session)


def load_reasons(session: Session) -> dict:
    return {r.code: r for r in reasons.reasons(session, include_inactive=True)}


def load_case(session: Session, case_id: int, lang: str) -> CaseBundle:
    view = case_queue.get_case(session, case_id)
    paused_since = session.execute(select(Case.paused_since).where(Case.id == case_id)).scalar_one()
    staff = sorted(
        {a for a in session.execute(select(Case.assignee).where(Case.assignee.is_not(None)).distinct()).scalars()}
    )
    open_case = view.status in ("new", "in_progress", "waiting_customer")
    return CaseBundle(
        view,
        paused_since,
        load_order_view(session, view.order_id),
        case_queue.customer_history(session, view.customer_id),
        retention.offers(session, case_id),
        retention.suggest(session, case_id) if open_case else [],
        retention.templates(session, view.reason_code, lang),
        ledger.wallet_balance(session, view.customer_id),
        staff,
    )


@dataclass(frozen=True)
class ClockInput:
    """The stored fields sop.clock_state reads, for a case loaded into the case view."""

    status: str
    opened_at: object
    first_response_due: object
    resolution_due: object
    first_responded_at: object
    paused_since: object


def clock_input(bundle: CaseBundle) -> ClockInput:
    c = bundle.case
    return ClockInput(
        c.status, c.opened_at, c.first_response_due, c.resolution_due, c.first_responded_at, bundle.paused_since
    )


def open_by_number(
    session: Session, number: str, reason_code: str, *, priority: str, note: str, actor: str
) -> cases.OpenedCase:
    """Open a case on the order with this number (the rule track runs, as for a storefront request)."""
    from shopdesk.services.common.errors import NotFound
    from shopdesk.services.orders.board import BoardFilter, order_ids, order_rows

    rows = order_rows(session, order_ids(session, BoardFilter(search=number.strip()))[:50].tolist())
    match = [r.id for r in rows.values() if r.number == number.strip()]
    if not match:
        raise NotFound(f"No order numbered {number.strip()!r}.", field="order")
    return cases.open_case(session, match[0], reason_code=reason_code, actor=actor, note=note, priority=priority)

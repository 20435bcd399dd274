"""The desk's workspace as the screen reads it, in one snapshot each: the queue with its reasons, and everything
beside one case (its order, the customer's history, offers, reply templates, the wallet, the staff)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case
from shopdesk.services.common import clock
from shopdesk.services.desk import reasons, retention, sop
from shopdesk.services.desk.queue import CaseRow, CaseView, customer_history, get_case, list_cases
from shopdesk.services.money import customers, ledger
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
    case: CaseView
    paused_since: object  # datetime | None: the clock of a paused case moves its deadline while it waits
    order: OrderView
    history: dict  # customer_history: orders, cases, credit
    offers: list
    suggestions: list
    templates: list[tuple[str, str]]
    wallet_fen: int
    staff: list[str]


def load_queue(session: Session, f: QueueFilter) -> tuple[list[CaseRow], dict]:
    rows = list_cases(
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
    view = get_case(session, case_id)
    paused_since = view.paused_since
    staff = sorted(
        {a for a in session.execute(select(Case.assignee).where(Case.assignee.is_not(None)).distinct()).scalars()}
    )
    open_case = view.status in CASE_OPEN_STATUSES
    return CaseBundle(
        view,
        paused_since,
        load_order_view(session, view.order_id),
        customer_history(session, view.customer_id),
        retention.offers(session, case_id),
        retention.suggest(session, case_id) if open_case else [],
        retention.templates(session, view.reason_code, lang),
        ledger.wallet_balance(session, view.customer_id),
        staff,
    )


@dataclass(frozen=True)
class CustomerBundle:
    """What the customer page shows for one customer: the person, every wallet posting, orders, cases, credit."""

    customer: object  # customers.CustomerView
    postings: tuple  # customers.WalletPosting, oldest first
    orders: tuple
    cases: tuple
    credit: object  # credit.CreditProfile
    reasons: dict


def load_customer(session: Session, customer_id: int, *, limit: int = 200) -> CustomerBundle:
    """One read for the customer page (the desk's history of the customer, with the whole wallet)."""
    person = customers.get_customer(session, customer_id)
    history = customer_history(session, customer_id, limit=limit)
    return CustomerBundle(
        person,
        tuple(customers.wallet_history(session, customer_id)),
        tuple(history["orders"]),
        tuple(history["cases"]),
        history["credit"],
        load_reasons(session),
    )

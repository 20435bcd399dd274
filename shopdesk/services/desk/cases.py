"""After-sales cases: open, work (take, wait on the customer, resume), resolve with an outcome, close,
reopen within 7 days. Every change is a case event; each write is guarded by the case's version, so when
two staff act on one case at once, one wins and the other is told."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from shopdesk.db.models import (
    CASE_OPEN_STATUSES,
    CardKey,
    Case,
    CaseEvent,
    Change,
    Customer,
    KeyEvent,
    Order,
    OrderLine,
)
from shopdesk.services.common import clock, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import sop
from shopdesk.services.desk.reasons import REASONS, ReasonView, reasons, save_reason  # noqa: F401 (the desk's API)
from shopdesk.services.desk.reasons import active_reason as _reason
from shopdesk.services.orders import state

OUTCOMES = ("retained", "cancelled", "replaced", "rejected")
REOPEN_WINDOW = timedelta(days=7)


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


@dataclass(frozen=True)
class OpenedCase:
    id: int
    order_id: int
    resp_class: str
    reason_code: str
    status: str
    first_response_due: datetime
    resolution_due: datetime


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


# --- statements, built once ------------------------------------------------------------------------
# A cancellation (open, resolve, roll back) is a hot path: plain Core statements with bound parameters on the
# session's connection skip statement construction, cache-key generation and the ORM's identity bookkeeping.

_cases, _case_events = Case.__table__, CaseEvent.__table__
_orders, _customers = Order.__table__, Customer.__table__

_ORDER_AND_OPEN_CASE = select(
    _orders.c.id,
    _orders.c.number,
    _orders.c.status,
    select(_cases.c.id)
    .where(_cases.c.order_id == _orders.c.id, _cases.c.status.in_(CASE_OPEN_STATUSES))
    .limit(1)
    .scalar_subquery()
    .label("open_case"),
).where(_orders.c.id == bindparam("b_id"))
_INSERT_CASE = insert(_cases).returning(_cases.c.id)
_CASE = select(_cases).where(_cases.c.id == bindparam("b_id"))
_CASE_STATUS = select(_cases.c.status).where(_cases.c.id == bindparam("b_id"))
_INSERT_EVENT = insert(_case_events)
_INSERT_CHANGES = insert(Change.__table__)  # the outbox, as outbox.emit writes it; several topics at once
_CASE_WITH_ORDER = (
    select(
        _cases,
        _orders.c.number.label("order_number"),
        _customers.c.id.label("customer_id"),
        _customers.c.name.label("customer_name"),
    )
    .join(_orders, _orders.c.id == _cases.c.order_id)
    .join(_customers, _customers.c.id == _orders.c.customer_id)
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


@functools.cache
def _update_statement(columns: tuple[str, ...]):
    """UPDATE cases SET <columns>, version = version + 1 WHERE id = :b_id AND version = :b_version."""
    return (
        update(_cases)
        .where(_cases.c.id == bindparam("b_id"), _cases.c.version == bindparam("b_version"))
        .values(version=_cases.c.version + 1, **{column: bindparam(f"b_{column}") for column in columns})
    )


# --- opening ------------------------------------------------------------------------------------------


def open_case(
    session: Session,
    order_id: int,
    *,
    reason_code: str,
    actor: str,
    note: str = "",
    resp_class: str | None = None,
    priority: str = "normal",
    run_rules: bool = True,
) -> OpenedCase:
    """Open a case on an order, with its SOP deadlines stored; the rule track may settle it at once."""
    reason = _reason(session, reason_code)
    resp_class = resp_class or reason.resp_class
    if resp_class not in sop.CLASSES:
        raise InvalidInput("The responsibility class is customer, merchant or system.", field="class")
    if priority not in sop.PRIORITIES:
        raise InvalidInput("Priority is normal or high.", field="priority")
    conn = session.connection()
    order = conn.execute(_ORDER_AND_OPEN_CASE, {"b_id": order_id}).first()
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    if order.status in ("closed", "cancelled"):
        raise Conflict(
            f"Order {order.number} is {order.status}; there is nothing left to cancel or fix.", field="order"
        )
    if order.open_case is not None:
        raise Conflict(
            f"Order {order.number} already has open case {order.open_case}; add to that case instead.", field="order"
        )
    now = clock.now()
    policy = sop.policy_for(session, resp_class, priority)
    first_due, resolve_due = sop.deadlines(policy, now)
    case_id = conn.execute(
        _INSERT_CASE,
        {
            "order_id": order_id,
            "resp_class": resp_class,
            "reason_code": reason.code,
            "priority": priority,
            "status": "new",
            "opened_at": now,
            "first_response_due": first_due,
            "resolution_due": resolve_due,
            "policy_id": policy.id,
            "escalation_level": 0,
            "rejection_reason": "",
            "version": 1,
        },
    ).scalar_one()
    _event(session, case_id, "opened", actor, note=note, to_status="new")
    _emit(session, ("case", case_id), ("order", order_id))
    status = "new"
    if run_rules:
        from shopdesk.services.desk import rules  # the rule track acts through this module

        rules.run_rules(session, case_id, actor="rules")
        status = conn.execute(_CASE_STATUS, {"b_id": case_id}).scalar_one()
    return OpenedCase(case_id, order_id, resp_class, reason.code, status, first_due, resolve_due)


# --- working a case -------------------------------------------------------------------------------------


def take(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """A staff member takes the case: it is theirs, and the first response is made."""
    case = _load(session, case_id)
    if case.status not in ("new", "in_progress"):
        raise Conflict(f"Case {case_id} is {case.status}; only new or in-progress cases can be taken.", field="status")
    values = {"assignee": actor, "status": "in_progress"}
    if case.first_responded_at is None:
        values["first_responded_at"] = clock.now()
    _change(session, case, version, values, "taken", actor, note)
    return get_case(session, case_id)


def assign(session: Session, case_id: int, assignee: str, *, actor: str, version: int | None = None) -> CaseView:
    case = _load(session, case_id)
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict(f"Case {case_id} is {case.status}; reopen it to reassign.", field="status")
    if not assignee.strip():
        raise InvalidInput("Name the staff member to assign the case to.", field="assignee")
    _change(session, case, version, {"assignee": assignee.strip()}, "assigned", actor, assignee.strip())
    return get_case(session, case_id)


def wait_for_customer(
    session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = ""
) -> CaseView:
    """Waiting on the customer: the resolution clock pauses (when the policy says so)."""
    case = _load(session, case_id)
    if case.status != "in_progress":
        raise Conflict(f"Case {case_id} is {case.status}; take it first.", field="status")
    paused = "waiting_customer" in sop.policy_of(session, case).pause_states
    values = {"status": "waiting_customer", "paused_since": clock.now() if paused else None}
    _change(session, case, version, values, "waiting_customer", actor, note)
    return get_case(session, case_id)


def resume(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """The customer answered: back to work; a paused clock moves its deadline by the time it was paused."""
    case = _load(session, case_id)
    if case.status != "waiting_customer":
        raise Conflict(f"Case {case_id} is {case.status}, not waiting for the customer.", field="status")
    values: dict = {"status": "in_progress", "paused_since": None}
    if case.paused_since is not None and case.resolution_due is not None:
        values["resolution_due"] = case.resolution_due + (clock.now() - case.paused_since)
    _change(session, case, version, values, "resumed", actor, note)
    return get_case(session, case_id)


def add_note(session: Session, case_id: int, note: str, *, actor: str) -> CaseView:
    if not note.strip():
        raise InvalidInput("The note is empty.", field="note")
    _load(session, case_id)
    _event(session, case_id, "note", actor, note=note.strip())
    outbox.emit(session, "case", case_id)
    return get_case(session, case_id)


def correct_reason(
    session: Session, case_id: int, reason_code: str, *, actor: str, version: int | None = None, note: str = ""
) -> CaseView:
    """Fix the reason (and so the responsibility class); the old one stays in the trail."""
    case = _load(session, case_id)
    reason = _reason(session, reason_code)
    trail = f"{case.resp_class}/{case.reason_code} -> {reason.resp_class}/{reason.code}" + (f": {note}" if note else "")
    _change(
        session,
        case,
        version,
        {"reason_code": reason.code, "resp_class": reason.resp_class},
        "reason_corrected",
        actor,
        trail,
    )
    return get_case(session, case_id)


def resolve(
    session: Session,
    case_id: int,
    outcome: str,
    *,
    actor: str,
    version: int | None = None,
    note: str = "",
    refund: str = "wallet",
    refund_fen: int | None = None,
    compensation_fen: int = 0,
    rejection_reason: str = "",
    rule: str | None = None,
) -> CaseView:
    """End the case with an outcome. `cancelled` rolls the order back (one transaction, once); `replaced`
    swaps the delivered keys for fresh ones; `rejected` needs a reason the customer can be told."""
    if outcome not in OUTCOMES:
        raise InvalidInput(f"The outcome is one of {', '.join(OUTCOMES)}.", field="outcome")
    case = _load(session, case_id)
    if version is not None and version != case.version:
        raise Conflict(
            f"Case {case_id} was changed by someone else (it is now {case.status}"
            + (f", {case.outcome}" if case.outcome else "")
            + f", handled by {case.assignee or 'nobody'}). Reload it and try again.",
            field="version",
        )
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict(f"Case {case_id} is already {case.status} ({case.outcome}).", field="status")
    if not case.reason_code:
        raise InvalidInput("Set the reason before resolving the case.", field="reason_code")
    if outcome == "rejected" and not rejection_reason.strip():
        raise InvalidInput("Say why the request is rejected, in words the customer can be told.", field="reason")
    now = clock.now()
    # Claim the case first: if another desk resolves it at the same moment, this raises before any money moves.
    values = {
        "status": "resolved",
        "outcome": outcome,
        "resolved_at": now,
        "paused_since": None,
        "rejection_reason": rejection_reason.strip(),
    }
    taken = None
    if case.first_responded_at is None:
        values["first_responded_at"] = now
        taken = _event_row(case_id, "taken", actor, note="resolved straight from new")
    if case.assignee is None:
        values["assignee"] = actor
    _change(session, case, version, values, "resolved", actor, note or outcome, rule=rule, before=taken)
    if outcome == "cancelled":
        from shopdesk.services.desk import rollback

        result = rollback.rollback(
            session,
            case_id,
            actor=actor,
            destination=refund,
            refund_fen=refund_fen,
            compensation_fen=compensation_fen,
            _case=case,
        )
        _event(session, case_id, "rolled_back", actor, rule=rule, note=_summary(result))
    elif outcome == "replaced":
        replaced = replace_keys(session, case_id, actor=actor)
        _event(session, case_id, "keys_replaced", actor, rule=rule, note=f"{replaced} key(s) replaced")
    return get_case(session, case_id)


def close(session: Session, case_id: int, *, actor: str, version: int | None = None) -> CaseView:
    case = _load(session, case_id)
    if case.status != "resolved":
        raise Conflict(f"Case {case_id} is {case.status}; resolve it before closing.", field="status")
    _change(session, case, version, {"status": "closed", "closed_at": clock.now()}, "closed", actor, "")
    return get_case(session, case_id)


def reopen(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """Reopen within 7 days of the resolution (what was rolled back stays rolled back)."""
    case = _load(session, case_id)
    if case.status not in ("resolved", "closed"):
        raise Conflict(f"Case {case_id} is still open.", field="status")
    if case.resolved_at is None or clock.now() - case.resolved_at > REOPEN_WINDOW:
        raise Conflict(f"Case {case_id} was resolved more than 7 days ago; open a new case instead.", field="status")
    other = session.execute(
        select(Case.id).where(Case.order_id == case.order_id, Case.status.in_(CASE_OPEN_STATUSES), Case.id != case_id)
    ).scalar_one_or_none()
    if other is not None:
        raise Conflict(f"The order already has open case {other}.", field="status")
    # A reopened case gets a fresh resolution target from now (its first response was made long ago), so it is
    # not overdue the moment it reopens.
    policy = sop.policy_of(session, case)
    fresh_due = clock.now() + timedelta(minutes=policy.resolution_minutes)
    _change(
        session,
        case,
        version,
        {
            "status": "in_progress",
            "outcome": None,
            "resolved_at": None,
            "closed_at": None,
            "assignee": actor,
            "resolution_due": fresh_due,
            "resolution_breached_at": None,
            "paused_since": None,
        },
        "reopened",
        actor,
        note,
    )
    return get_case(session, case_id)


def replace_keys(session: Session, case_id: int, *, actor: str) -> int:
    """Recall every delivered key of the case's order and deliver a fresh one of the same product in its place."""
    case = _load(session, case_id)
    now = clock.now()
    held = session.execute(
        select(CardKey.id, CardKey.product_id, CardKey.order_line_id)
        .join(OrderLine, OrderLine.id == CardKey.order_line_id)
        .where(OrderLine.order_id == case.order_id, CardKey.status == "delivered")
    ).all()
    if not held:
        raise Conflict("The order has no delivered key to replace.", field="order")
    replaced = 0
    for old_id, product_id, line_id in held:
        fresh = session.execute(
            select(CardKey.id)
            .where(
                CardKey.product_id == product_id,
                CardKey.status == "available",
                (CardKey.expires_at.is_(None)) | (CardKey.expires_at > now),
            )
            .order_by(CardKey.id)
            .limit(1)
        ).scalar_one_or_none()
        if fresh is None:
            raise Conflict(
                "No key of that product is in stock to replace with; import keys or cancel instead.", field="stock"
            )
        moved = session.execute(
            update(CardKey)
            .where(CardKey.id == fresh, CardKey.status == "available")
            .values(status="delivered", order_line_id=line_id, status_changed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved != 1:
            raise Conflict("The replacement key was taken by another order; try again.", field="stock")
        session.execute(
            update(CardKey)
            .where(CardKey.id == old_id, CardKey.status == "delivered")
            .values(status="recalled", status_changed_at=now)
            .execution_options(synchronize_session=False)
        )
        session.add_all(
            [
                KeyEvent(
                    key_id=old_id,
                    kind="recalled",
                    actor=actor,
                    order_id=case.order_id,
                    case_id=case_id,
                    at=now,
                    note=f"replaced by key {fresh} (case {case_id})",
                ),
                KeyEvent(
                    key_id=fresh,
                    kind="delivered",
                    actor=actor,
                    order_id=case.order_id,
                    case_id=case_id,
                    at=now,
                    note=f"replaces key {old_id} (case {case_id})",
                ),
            ]
        )
        outbox.emit(session, "stock", product_id)
        replaced += 1
    session.flush()
    state.order_event(session, case.order_id, "keys_replaced", actor, f"case {case_id}: {replaced} key(s)")
    outbox.emit(session, "order", case.order_id)
    return replaced


# --- reading --------------------------------------------------------------------------------------------


def get_case(session: Session, case_id: int) -> CaseView:
    conn = session.connection()
    c = conn.execute(_CASE_WITH_ORDER, {"b_id": case_id}).first()
    if c is None:
        raise NotFound(f"No case {case_id}.", field="case")
    events = tuple(CaseEventView(*e) for e in conn.execute(_EVENTS_OF_CASE, {"b_case": case_id}))
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
    rows = [CaseRow(*r) for r in session.execute(query)]
    now = clock.now()
    return sorted(rows, key=lambda r: _next_due(r, now))


def _next_due(row: CaseRow, now: datetime) -> datetime:
    if row.first_responded_at is None and row.first_response_due is not None:
        return row.first_response_due
    due = row.resolution_due or now
    return due + (now - row.paused_since) if row.paused_since else due


def customer_history(session: Session, customer_id: int, *, limit: int = 20) -> dict:
    """What the desk shows beside a case: the customer's recent orders and past cases."""
    from shopdesk.services.desk import credit
    from shopdesk.services.orders.board import BoardFilter, order_ids, order_rows

    ids = order_ids(session, BoardFilter(customer_id=customer_id))[:limit]
    rows = order_rows(session, ids.tolist())
    return {
        "orders": [rows[i] for i in ids if i in rows],
        "cases": list_cases(session, open_only=False, customer_id=customer_id, limit=limit),
        "credit": credit.profile(session, customer_id),
    }


# --- internals ------------------------------------------------------------------------------------------


def _load(session: Session, case_id: int) -> SimpleNamespace:
    """The case's columns as they are in the database now (a plain object: no ORM copy to go stale)."""
    row = session.connection().execute(_CASE, {"b_id": case_id}).first()
    if row is None:
        raise NotFound(f"No case {case_id}.", field="case")
    return SimpleNamespace(**row._asdict())


def _change(
    session: Session,
    case: SimpleNamespace,
    version: int | None,
    values: dict,
    kind: str,
    actor: str,
    note: str,
    *,
    rule: str | None = None,
    before: dict | None = None,
) -> None:
    """Write `values` only if nobody changed the case since `version` was read (default: as loaded now).
    `before` is an event row to record just ahead of the change's own event."""
    expected = case.version if version is None else version
    params = {"b_id": case.id, "b_version": expected}
    params.update({f"b_{column}": value for column, value in values.items()})
    moved = session.connection().execute(_update_statement(tuple(sorted(values))), params).rowcount
    if moved != 1:
        now = _load(session, case.id)
        raise Conflict(
            f"Case {case.id} was changed by someone else (it is now {now.status}"
            + (f", {now.outcome}" if now.outcome else "")
            + f", handled by {now.assignee or 'nobody'}). "
            "Reload it and try again.",
            field="version",
        )
    row = _event_row(
        case.id, kind, actor, note=note, rule=rule, from_status=case.status, to_status=values.get("status", case.status)
    )
    session.connection().execute(_INSERT_EVENT, [before, row] if before else row)
    written = {**values, "version": expected + 1}
    for column, value in written.items():
        setattr(case, column, value)
    # Mirror the write into an ORM copy of the case this session may hold (the rule track loads one),
    # without marking it dirty.
    loaded = session.identity_map.get(session.identity_key(Case, case.id))
    if loaded is not None:
        for column, value in written.items():
            set_committed_value(loaded, column, value)
    outbox.emit(session, "case", case.id)


def _event(
    session: Session,
    case_id: int,
    kind: str,
    actor: str,
    *,
    note: str = "",
    rule: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
) -> None:
    session.connection().execute(
        _INSERT_EVENT,
        _event_row(case_id, kind, actor, note=note, rule=rule, from_status=from_status, to_status=to_status),
    )


def _emit(session: Session, *changes: tuple[str, int]) -> None:
    """Outbox rows (topic, entity id) in one statement."""
    at = clock.now()
    session.connection().execute(_INSERT_CHANGES, [{"topic": t, "entity_id": i, "at": at} for t, i in changes])


def _event_row(
    case_id: int,
    kind: str,
    actor: str,
    *,
    note: str = "",
    rule: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
) -> dict:
    return {
        "case_id": case_id,
        "kind": kind,
        "actor": actor,
        "rule": rule,
        "from_status": from_status,
        "to_status": to_status,
        "at": clock.now(),
        "note": note,
    }


def _summary(result) -> str:
    from shopdesk.services.common.money import format_yuan

    keys = ", ".join(f"{n} {status}" for status, n in result.keys_recalled.items()) or "no keys"
    parts = [
        f"keys: {keys}",
        f"refund {format_yuan(result.refunded_fen)}" + (f" to {result.destination}" if result.destination else ""),
    ]
    if result.compensation_fen:
        parts.append(f"compensation {format_yuan(result.compensation_fen)}")
    if result.coupons_restored:
        parts.append(f"{result.coupons_restored} coupon(s) restored")
    return "; ".join(parts)

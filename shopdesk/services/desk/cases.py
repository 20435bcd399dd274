"""After-sales cases: open, work (take, wait on the customer, resume), resolve with an outcome, close,
reopen within 7 days. Every change is a case event; each write is guarded by the case's version, so when
two staff act on one case at once, one wins and the other is told."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, Order, Reason
from shopdesk.db.queries import driver, mirror
from shopdesk.services.common import access, audit, clock, notes, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import events, replacement, rollback, rules, sop, suggestions
from shopdesk.services.desk.queue import CaseView, get_case
from shopdesk.services.desk.reasons import active_reason as _reason
from shopdesk.services.money import refunds
from shopdesk.services.orders.board import BoardFilter, order_ids, order_rows

OPEN_STATUSES = CASE_OPEN_STATUSES  # a case the desk still works on
OUTCOMES = ("retained", "cancelled", "replaced", "rejected")
REOPEN_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class OpenedCase:
    id: int
    order_id: int
    resp_class: str
    reason_code: str
    status: str
    first_response_due: datetime
    resolution_due: datetime
    suggestion: suggestions.Suggested | None = None  # what the AI track read in the customer's words
    suggested_applied: bool = False  # the case took the model's reason


# --- statements, built once ------------------------------------------------------------------------
# A cancellation (open, resolve, roll back) is a hot path: plain Core statements with bound parameters on the
# session's connection skip statement construction, cache-key generation and the ORM's identity bookkeeping.

_cases, _orders = Case.__table__, Order.__table__

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
_CASE = select(_cases).where(_cases.c.id == bindparam("b_id"))
_CASE_STATUS = select(_cases.c.status).where(_cases.c.id == bindparam("b_id"))


_CASE_COLUMNS = frozenset(_cases.c.keys())
# Opening and the guarded change run on the driver's cursor (db.queries.Driver): every cancellation does both.
_INSERT_CASE_SQL = (
    "INSERT INTO cases (order_id, resp_class, reason_code, priority, status, opened_at, first_response_due,"
    " resolution_due, policy_id, escalation_level, rejection_reason, version)"
    " VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, 0, '', 1) RETURNING id"
)
_ORDER_OF_CASE = "SELECT paid_fen, refunded_fen FROM orders WHERE id = ?"


@functools.cache
def _update_statement(columns: tuple[str, ...]) -> str:
    """UPDATE cases SET <columns>, version = version + 1 WHERE id = ? AND version = ? (parameters in that order)."""
    unknown = set(columns) - _CASE_COLUMNS
    if unknown:
        raise ValueError("not a column of cases: " + str(sorted(unknown)))
    sets = "".join(f"{column} = ?, " for column in columns)
    return f"UPDATE cases SET {sets}version = version + 1 WHERE id = ? AND version = ?"


# --- opening ------------------------------------------------------------------------------------------


@access.needs("cases.handle")
def open_case(
    session: Session,
    order_id: int,
    *,
    reason_code: str | None = None,
    actor: str,
    note: str = "",
    text: str | None = None,
    resp_class: str | None = None,
    priority: str = "normal",
    run_rules: bool = True,
) -> OpenedCase:
    """Open a case on an order, with its SOP deadlines stored; the rule track may settle it at once.

    With no reason code, the customer's words (`text`, else `note`) are read by the AI track: a suggestion at or
    above the threshold (setting ai.threshold) becomes the case's reason, marked as the model's; below it the case
    holds the placeholder reason and goes to a person with the three best suggestions stored. A reason code given
    with `text` wins; the model's reading is stored beside it, marked when it disagrees."""
    if reason_code is None:
        read_text = suggestions.check_text(text if text is not None else note)
    else:
        read_text = text if text is not None and text.strip() else None
    suggested = suggestions.suggest(session, read_text) if read_text is not None else None
    applied = False
    if reason_code is not None:
        reason = _reason(session, reason_code)
    elif suggested.confidence >= suggestions.threshold(session):
        reason, applied = _reason(session, suggested.reason_code), True
    else:
        reason = _placeholder(session)
    resp_class = resp_class or reason.resp_class
    if resp_class not in sop.CLASSES:
        raise InvalidInput("case.class_unknown")
    if priority not in sop.PRIORITIES:
        raise InvalidInput("case.priority_unknown")
    conn = session.connection()
    found = driver(session).rows(_ORDER_AND_OPEN_CASE, {"b_id": order_id})
    order = found[0] if found else None
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    if order.status in ("closed", "cancelled"):
        raise Conflict("order.closed/open_case", number=order.number, status=order.status)
    if order.open_case is not None:
        raise Conflict("case.already_open/open_case", number=order.number, case=order.open_case)
    now = clock.now()
    policy = sop.policy_for(session, resp_class, priority)
    first_due, resolve_due = sop.deadlines_for(session, policy, now)
    db = driver(session)
    row = (order_id, resp_class, reason.code, priority, db.at(now), db.bind(first_due), db.bind(resolve_due), policy.id)
    case_id = db.run(_INSERT_CASE_SQL, row).fetchall()[0][0]
    if not note and read_text is not None:  # words pasted at the desk: the timeline shows what the customer wrote
        note = notes.typed(suggested.text)
    events.record(session, case_id, "opened", actor, note=note, to_status="new")
    if suggested is not None:
        _record_suggestion(session, case_id, suggested, given=reason_code, applied=applied)
    outbox.emit_each(session, [("case", case_id), ("order", order_id)])
    status = "new"
    if run_rules:
        apply_rules(session, case_id, actor="rules")
        status = conn.execute(_CASE_STATUS, {"b_id": case_id}).scalar_one()
    return OpenedCase(case_id, order_id, resp_class, reason.code, status, first_due, resolve_due, suggested, applied)


def _placeholder(session: Session):
    row = session.execute(
        select(Reason.code, Reason.resp_class, Reason.active).where(Reason.code == suggestions.PLACEHOLDER)
    ).first()
    if row is None:  # the taxonomy lost its placeholder: a database from before migration 0017
        raise InvalidInput("ai.placeholder_missing")
    return row


def _record_suggestion(
    session: Session, case_id: int, suggested: suggestions.Suggested, *, given: str | None, applied: bool
) -> None:
    """The model's reading on the case: stored, on the timeline, and in the audit trail when the case took it."""
    disagrees = given is not None and given != suggested.reason_code
    suggestions.record(session, case_id, suggested, applied=applied, disagrees=disagrees)
    args = {"reason": suggested.reason_code, "confidence": f"{suggested.confidence:.2f}"}
    args["version"] = suggested.model_version
    if applied:
        note = notes.coded("ai.applied", **args)
    elif given is None:
        note = notes.coded("ai.below_threshold", **args)
    elif disagrees:
        note = notes.coded("ai.disagrees", given=given, **args)
    else:
        note = notes.coded("ai.agrees", **args)
    events.record(session, case_id, "reason_suggested", "model", note=note)
    if applied:
        audit.record(
            session,
            actor="model",
            action="ai.reason_applied",
            subject=f"case:{case_id}",
            reason=suggested.reason_code,
            confidence=suggested.confidence,
            model_version=suggested.model_version,
        )


def apply_rules(session: Session, case_id: int, *, actor: str = "rules") -> str | None:
    """Let the rule track settle the case (when it opens, or on an explicit re-run): the first matching active rule
    acts, at most once per case. Returns the rule's name, or None."""
    decision = rules.decide(session, case_id)
    if decision is None:
        return None
    if decision.action == "to_person":
        events.record(session, case_id, "routed", actor, rule=decision.rule, note=decision.note)
    elif decision.action == "close_unpaid":
        resolve(session, case_id, "cancelled", actor=actor, rule=decision.rule, note=notes.coded("case.closed_unpaid"))
    elif decision.action == "cancel_refund":
        resolve(
            session,
            case_id,
            "cancelled",
            actor=actor,
            rule=decision.rule,
            refund=decision.refund_to,
            note=notes.coded("case.cancel_refund", to=decision.refund_to),
        )
    elif decision.action == "replace_key":
        resolve(session, case_id, "replaced", actor=actor, rule=decision.rule, note=notes.coded("case.key_replaced"))
    outbox.emit(session, "case", case_id)
    return decision.rule


# --- working a case -------------------------------------------------------------------------------------


@access.needs("cases.handle")
def take(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """A staff member takes the case: it is theirs, and the first response is made."""
    case = _load(session, case_id)
    if case.status not in ("new", "in_progress"):
        raise Conflict("case.wrong_status/take", case=case_id, status=case.status)
    values = {"assignee": actor, "status": "in_progress"}
    if case.first_responded_at is None:
        values["first_responded_at"] = clock.now()
    _change(session, case, version, values, "taken", actor, note)
    return get_case(session, case_id)


@access.needs("cases.handle")
def assign(session: Session, case_id: int, assignee: str, *, actor: str, version: int | None = None) -> CaseView:
    case = _load(session, case_id)
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict("case.wrong_status/assign", case=case_id, status=case.status)
    if not assignee.strip():
        raise InvalidInput("case.assignee_missing")
    _change(session, case, version, {"assignee": assignee.strip()}, "assigned", actor, assignee.strip())
    return get_case(session, case_id)


@access.needs("cases.handle")
def wait_for_customer(
    session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = ""
) -> CaseView:
    """Waiting on the customer: the resolution clock pauses (when the policy says so)."""
    case = _load(session, case_id)
    if case.status != "in_progress":
        raise Conflict("case.wrong_status/wait_for_customer", case=case_id, status=case.status)
    paused = "waiting_customer" in sop.policy_of(session, case).pause_states
    values = {"status": "waiting_customer", "paused_since": clock.now() if paused else None}
    _change(session, case, version, values, "waiting_customer", actor, note)
    return get_case(session, case_id)


@access.needs("cases.handle")
def resume(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """The customer answered: back to work; a paused clock moves its deadline by the time it was paused."""
    case = _load(session, case_id)
    if case.status != "waiting_customer":
        raise Conflict("case.wrong_status/resume", case=case_id, status=case.status)
    values: dict = {"status": "in_progress", "paused_since": None}
    if case.paused_since is not None and case.resolution_due is not None:
        values["resolution_due"] = sop.resumed_due(session, case, clock.now())
    _change(session, case, version, values, "resumed", actor, note)
    return get_case(session, case_id)


@access.needs("cases.handle")
def add_note(session: Session, case_id: int, note: str, *, actor: str) -> CaseView:
    if not note.strip():
        raise InvalidInput("case.note_empty")
    _load(session, case_id)
    events.record(session, case_id, "note", actor, note=notes.typed(note.strip()))
    outbox.emit(session, "case", case_id)
    return get_case(session, case_id)


@access.needs("cases.handle")
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


@access.needs("cases.handle")
def accept_suggestion(
    session: Session, case_id: int, reason_code: str, *, actor: str, version: int | None = None
) -> CaseView:
    """One click on one of the model's suggestions: the case takes that reason, confirmed by a person (the
    training signal), with the model's reading in the trail."""
    case = _load(session, case_id)
    stored = suggestions.of_case(session, case_id)
    if stored is None or reason_code not in [code for code, _ in stored.best()]:
        raise InvalidInput("ai.not_suggested", reason=repr(reason_code), case=case_id)
    reason = _reason(session, reason_code)
    confidence = dict(stored.best())[reason_code]
    trail = notes.coded(
        "ai.accepted",
        before=f"{case.resp_class}/{case.reason_code}",
        reason=f"{reason.resp_class}/{reason.code}",
        confidence=f"{confidence:.2f}",
        version=stored.model_version,
    )
    _change(
        session,
        case,
        version,
        {"reason_code": reason.code, "resp_class": reason.resp_class},
        "suggestion_accepted",
        actor,
        trail,
    )
    return get_case(session, case_id)


@access.needs("cases.handle")
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
    keys_exchanged: bool = False,
) -> CaseView:
    """End the case with an outcome. `cancelled` rolls the order back (one transaction, once); `replaced`
    swaps the delivered keys for fresh ones; `rejected` needs a reason the customer can be told."""
    if outcome not in OUTCOMES:
        raise InvalidInput("case.outcome_unknown", choices=", ".join(OUTCOMES))
    case = _load(session, case_id)
    if version is not None and version != case.version:
        state = f"{case.status}, {case.outcome}" if case.outcome else case.status
        if case.assignee:
            raise Conflict("case.stale_version/assigned", case=case_id, state=state, assignee=case.assignee)
        raise Conflict("case.stale_version", case=case_id, state=state)
    if case.status not in CASE_OPEN_STATUSES:
        raise Conflict("case.already_resolved", case=case_id, status=case.status, outcome=case.outcome)
    if not case.reason_code or (case.reason_code == suggestions.PLACEHOLDER and rule is None):
        raise InvalidInput("case.reason_missing")  # a person picks the reason (one click on a suggestion) first
    if outcome == "rejected" and not rejection_reason.strip():
        raise InvalidInput("case.rejection_reason_missing")
    if outcome == "cancelled" and rule is None:  # a person gives money back: within their role's limit
        paid, refunded = _order_amounts(session, case.order_id)
        order = SimpleNamespace(paid_fen=paid, refunded_fen=refunded)
        amount = refunds.refundable(order) if refund_fen is None else refund_fen
        access.require_refund(session, case_id, amount + compensation_fen)
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
        taken = events.row(case_id, "taken", actor, note=notes.coded("case.from_new"))
    if case.assignee is None:
        values["assignee"] = actor
    _change(session, case, version, values, "resolved", actor, note or outcome, rule=rule, before=taken)
    if outcome == "cancelled":
        result = rollback.rollback(
            session,
            case_id,
            actor=actor,
            destination=refund,
            refund_fen=refund_fen,
            compensation_fen=compensation_fen,
            _case=case,
        )
        events.record(session, case_id, "rolled_back", actor, rule=rule, note=result.summary())
    elif outcome == "replaced" and not keys_exchanged:  # a swap already exchanged the keys
        replaced = replacement.replace_keys(session, case_id, case.order_id, actor=actor)
        events.record(
            session, case_id, "keys_replaced", actor, rule=rule, note=notes.coded("case.keys_replaced", keys=replaced)
        )
    return get_case(session, case_id)


@access.needs("cases.handle")
def close(session: Session, case_id: int, *, actor: str, version: int | None = None) -> CaseView:
    case = _load(session, case_id)
    if case.status != "resolved":
        raise Conflict("case.wrong_status/close", case=case_id, status=case.status)
    _change(session, case, version, {"status": "closed", "closed_at": clock.now()}, "closed", actor, "")
    return get_case(session, case_id)


@access.needs("cases.handle")
def reopen(session: Session, case_id: int, *, actor: str, version: int | None = None, note: str = "") -> CaseView:
    """Reopen within 7 days of the resolution (what was rolled back stays rolled back)."""
    case = _load(session, case_id)
    if case.status not in ("resolved", "closed"):
        raise Conflict("case.wrong_status/reopen", case=case_id)
    if case.resolved_at is None or clock.now() - case.resolved_at > REOPEN_WINDOW:
        raise Conflict("case.reopen_too_late", case=case_id)
    other = session.execute(
        select(Case.id).where(Case.order_id == case.order_id, Case.status.in_(CASE_OPEN_STATUSES), Case.id != case_id)
    ).scalar_one_or_none()
    if other is not None:
        raise Conflict("case.already_open/reopen", case=other)
    # A reopened case gets a fresh resolution target from now (its first response was made long ago), so it is
    # not overdue the moment it reopens.
    policy = sop.policy_of(session, case)
    fresh_due = sop.resolution_due_for(session, policy, clock.now())
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


# --- internals ------------------------------------------------------------------------------------------


def _order_amounts(session: Session, order_id: int) -> tuple[int, int]:
    """(paid, refunded) of the order, in fen."""
    row = driver(session).run(_ORDER_OF_CASE, (order_id,)).fetchone()
    if row is None:
        raise NotFound("order.not_found", order=order_id)
    return row


def _load(session: Session, case_id: int) -> SimpleNamespace:
    """The case's columns as they are in the database now (a plain object: no ORM copy to go stale)."""
    found = driver(session).rows(_CASE, {"b_id": case_id})
    if not found:
        raise NotFound("case.not_found", case=case_id)
    return SimpleNamespace(**found[0]._asdict())


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
    db = driver(session)
    columns = tuple(sorted(values))
    params = [db.bind(values[column]) for column in columns]
    params += (case.id, expected)
    moved = db.run(_update_statement(columns), params).rowcount
    if moved != 1:
        now = _load(session, case.id)
        state = f"{now.status}, {now.outcome}" if now.outcome else now.status
        if now.assignee:
            raise Conflict("case.stale_version/assigned", case=case.id, state=state, assignee=now.assignee)
        raise Conflict("case.stale_version", case=case.id, state=state)
    event = events.row(
        case.id, kind, actor, note=note, rule=rule, from_status=case.status, to_status=values.get("status", case.status)
    )
    events.write(session, [before, event] if before else [event])
    written = {**values, "version": expected + 1}
    for column, value in written.items():
        setattr(case, column, value)
    mirror(session, Case, case.id, written)
    outbox.emit(session, "case", case.id)


def open_by_number(
    session: Session,
    number: str,
    reason_code: str | None,
    *,
    priority: str,
    note: str,
    actor: str,
    text: str | None = None,
) -> OpenedCase:
    """Open a case on the order with this number (the rule track runs, as for a storefront request)."""
    rows = order_rows(session, order_ids(session, BoardFilter(search=number.strip()))[:50].tolist())
    match = [r.id for r in rows.values() if r.number == number.strip()]
    if not match:
        raise NotFound("order.not_found/open_by_number", number=repr(number.strip()))
    return open_case(session, match[0], reason_code=reason_code, actor=actor, note=note, text=text, priority=priority)

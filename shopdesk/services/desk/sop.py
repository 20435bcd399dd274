"""SOP clocks: targets per (class, priority), countdowns derived from stored deadlines, breaches recorded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import EllipsisType

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import MultipleResultsFound
from sqlalchemy.orm import Session

from shopdesk.db.models import CASE_OPEN_STATUSES, Case, Order, SopPolicy
from shopdesk.db.queries import driver
from shopdesk.services.common import access, audit, clock, notes, outbox, webhooks
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.common.views import view_of
from shopdesk.services.desk import calendar, events
from shopdesk.services.desk.hours import OpenHours

CLASSES = ("customer", "merchant", "system")
PRIORITIES = ("normal", "high")
PAUSABLE = ("waiting_customer",)
ESCALATION_ACTIONS = ("notify_owner", "raise_priority")
AMBER_SHARE = 0.2  # amber when less than 20% of the target is left


@dataclass(frozen=True)
class PolicyView:
    id: int
    resp_class: str
    priority: str
    first_response_minutes: int
    resolution_minutes: int
    pause_states: tuple[str, ...]
    escalation: tuple[dict, ...]
    calendar_id: int | None = None  # a business calendar: the targets count its open time only
    created_at: datetime | None = None


@dataclass(frozen=True)
class ClockState:
    """Where a case stands against its SOP at `now`."""

    target: str  # "first_response" | "resolution" | "none"
    due: datetime | None
    seconds_left: float | None  # negative once breached
    share_left: float | None  # of the target's length
    colour: str  # "green" | "amber" | "red" | "paused" | "done"


@dataclass(frozen=True)
class Breach:
    case_id: int
    order_number: str
    kind: str  # "first_response" | "resolution" | "double"
    actions: tuple[str, ...]


_policies = SopPolicy.__table__
_ACTIVE_POLICY = select(_policies).where(
    _policies.c.resp_class == bindparam("b_class"), _policies.c.priority == bindparam("b_priority"), _policies.c.active
)


def policy_for(session: Session, resp_class: str, priority: str) -> PolicyView:
    """The policy in force for new cases of this class and priority."""
    found = driver(session).rows(_ACTIVE_POLICY, {"b_class": resp_class, "b_priority": priority})
    if not found:
        raise NotFound("sop.policy_not_found", resp_class=resp_class, priority=priority)
    if len(found) > 1:
        raise MultipleResultsFound("more than one active SOP policy for one class and priority")  # a bug, not input
    return _view(found[0])


def policy_of(session: Session, case: Case) -> PolicyView:
    """The policy version the case opened under (a later edit applies to new cases only)."""
    row = session.get(SopPolicy, case.policy_id) if case.policy_id else None
    return _view(row) if row is not None else policy_for(session, case.resp_class, case.priority)


def policies(session: Session) -> list[PolicyView]:
    rows = session.execute(
        select(SopPolicy).where(SopPolicy.active.is_(True)).order_by(SopPolicy.resp_class, SopPolicy.priority)
    ).scalars()
    return [_view(r) for r in rows]


def versions(session: Session, resp_class: str, priority: str) -> list[PolicyView]:
    """Every version of one policy, oldest first (the one in force is the last)."""
    rows = session.execute(
        select(SopPolicy)
        .where(SopPolicy.resp_class == resp_class, SopPolicy.priority == priority)
        .order_by(SopPolicy.id)  # saved in this order (created_at follows clocks that may differ)
    ).scalars()
    return [_view(r) for r in rows]


@access.needs("desk.settings")
def save_policy(
    session: Session,
    resp_class: str,
    priority: str,
    *,
    first_response_minutes: int,
    resolution_minutes: int,
    pause_states: tuple[str, ...] = ("waiting_customer",),
    escalation: tuple[dict, ...] = (),
    calendar_name: str | None | EllipsisType = ...,
    actor: str,
) -> PolicyView:
    """Write a new version of a policy. Cases already open keep the deadlines and steps they started with.
    `calendar_name`: the business calendar its targets count in (None: round the clock; left out: as before)."""
    if resp_class not in CLASSES or priority not in PRIORITIES:
        raise InvalidInput("sop.policy_unknown", classes=", ".join(CLASSES), priorities=", ".join(PRIORITIES))
    if not (0 < first_response_minutes <= 7 * 24 * 60 and 0 < resolution_minutes <= 30 * 24 * 60):
        raise InvalidInput("sop.target_range")
    if first_response_minutes > resolution_minutes:
        raise InvalidInput("sop.target_order")
    bad = [s for s in pause_states if s not in PAUSABLE]
    if bad:
        raise InvalidInput("sop.pause_state_unknown", choices=", ".join(PAUSABLE))
    for step in escalation:
        if step.get("at") not in ("breach", "2x") or step.get("action") not in ESCALATION_ACTIONS:
            raise InvalidInput(
                "sop.escalation_invalid", shape="{at: breach|2x, action: " + "|".join(ESCALATION_ACTIONS) + "}"
            )
    if calendar_name is ...:
        current = session.execute(
            select(SopPolicy.calendar_id).where(
                SopPolicy.resp_class == resp_class, SopPolicy.priority == priority, SopPolicy.active.is_(True)
            )
        ).scalar()
        calendar_id = current
    else:
        calendar_id = calendar.calendar_id(session, calendar_name) if calendar_name else None
    session.execute(
        update(SopPolicy)
        .where(SopPolicy.resp_class == resp_class, SopPolicy.priority == priority, SopPolicy.active.is_(True))
        .values(active=False)
    )
    row = SopPolicy(
        resp_class=resp_class,
        priority=priority,
        first_response_minutes=first_response_minutes,
        resolution_minutes=resolution_minutes,
        pause_states=",".join(pause_states),
        escalation=json.dumps(list(escalation)),
        active=True,
        calendar_id=calendar_id,
        created_at=clock.now(),
        created_by=actor,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="sop.policy_saved",
        subject=f"{resp_class}/{priority}",
        first_response_minutes=first_response_minutes,
        resolution_minutes=resolution_minutes,
        calendar=calendar.name_of(session, calendar_id),
    )
    outbox.emit(session, "setting", row.id)
    return _view(row)


def clock_state(case: Case, now: datetime | None = None) -> ClockState:
    """The countdown for a case, from its stored deadlines (pauses push the resolution deadline)."""
    now = now or clock.now()
    if case.status not in CASE_OPEN_STATUSES:
        return ClockState("none", None, None, None, "done")
    if case.first_responded_at is None and case.first_response_due is not None:
        target, due, start = "first_response", case.first_response_due, case.opened_at
    else:
        target, due, start = "resolution", case.resolution_due, case.opened_at
    if due is None:
        return ClockState("none", None, None, None, "green")
    if case.paused_since is not None and target == "resolution":
        due = due + (now - case.paused_since)
        left = (due - now).total_seconds()
        return ClockState(target, due, left, _share(left, due, start), "paused")
    left = (due - now).total_seconds()
    share = _share(left, due, start)
    colour = "red" if left <= 0 else "amber" if share < AMBER_SHARE else "green"
    return ClockState(target, due, left, share, colour)


def _share(left: float, due: datetime, start: datetime) -> float:
    length = max((due - start).total_seconds(), 1.0)
    return left / length


def record_breaches(session: Session, *, actor: str = "system") -> list[Breach]:
    """Record every breach not yet recorded (each exactly once, even with several desktops) and apply the
    policy's escalation steps. Returns the new breaches, for the desks to notify."""
    now = clock.now()
    found: list[Breach] = []
    calendars = _CalendarCache(session)
    rows = session.execute(
        select(Case, Order.number).join(Order, Order.id == Case.order_id).where(Case.status.in_(CASE_OPEN_STATUSES))
    ).all()
    for case, number in rows:
        steps = _escalation(session, case)
        first_due = case.first_response_due
        late = case.first_responded_at is None and first_due is not None and first_due <= now
        if late and _mark(session, case, "first_response_breached_at", now):
            found.append(_breached(session, case, number, "first_response", steps, actor, now))
        due = case.resolution_due
        if due and case.paused_since is None and due <= now and _mark(session, case, "resolution_breached_at", now):
            found.append(_breached(session, case, number, "resolution", steps, actor, now))
        if due and case.paused_since is None and case.escalation_level < 2:
            double = _double(calendars.of_policy(case.policy_id), case.opened_at, due)
            if double <= now and _raise_level(session, case, 2):
                actions = tuple(s["action"] for s in steps if s.get("at") == "2x")
                if "raise_priority" in actions:
                    session.execute(update(Case).where(Case.id == case.id).values(priority="high"))
                events.record(session, case.id, "escalated", actor, at=now, note=notes.coded("case.escalated_twice"))
                outbox.emit(session, "case", case.id)
                _announce(session, case, number, "double", due, now)
                found.append(Breach(case.id, number, "double", actions))
    return found


def _double(hours: OpenHours | None, opened_at: datetime, due: datetime) -> datetime:
    """When twice the resolution target has passed (in open time, on a calendar)."""
    if hours is None:
        return opened_at + 2 * (due - opened_at)
    return hours.add(opened_at, 2 * hours.between(opened_at, due))


class _CalendarCache:
    """The calendar of each policy version, read once per sweep."""

    def __init__(self, session: Session):
        self.session = session
        self.by_policy: dict[int | None, OpenHours | None] = {None: None}
        self.hours: dict[int, OpenHours] | None = None

    def of_policy(self, policy_id: int | None) -> OpenHours | None:
        if policy_id not in self.by_policy:
            cid = self.session.execute(select(SopPolicy.calendar_id).where(SopPolicy.id == policy_id)).scalar()
            if cid is not None and self.hours is None:
                self.hours = calendar.all_hours(self.session)
            self.by_policy[policy_id] = (self.hours or {}).get(cid) if cid is not None else None
        return self.by_policy[policy_id]


def _escalation(session: Session, case: Case) -> list[dict]:
    policy = session.get(SopPolicy, case.policy_id) if case.policy_id else None
    return json.loads(policy.escalation) if policy else []


def _mark(session: Session, case: Case, column: str, now: datetime) -> bool:
    moved = session.execute(
        update(Case)
        .where(Case.id == case.id, getattr(Case, column).is_(None))
        .values({column: now})
        .execution_options(synchronize_session=False)
    ).rowcount
    return moved == 1


def _raise_level(session: Session, case: Case, level: int) -> bool:
    moved = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.escalation_level < level)
        .values(escalation_level=level)
        .execution_options(synchronize_session=False)
    ).rowcount
    return moved == 1


def _breached(session, case, number, kind, steps, actor, now) -> Breach:
    actions = tuple(s["action"] for s in steps if s.get("at") == "breach")
    events.record(session, case.id, "breach", actor, at=now, note=notes.coded("case.breach", kind=kind))
    outbox.emit(session, "case", case.id)
    due = case.first_response_due if kind == "first_response" else case.resolution_due
    _announce(session, case, number, kind, due, now)
    return Breach(case.id, number, kind, actions)


def _announce(session: Session, case: Case, number: str, kind: str, due: datetime | None, now: datetime) -> None:
    """The breach, off the desktop (the webhooks that want breaches), in the transaction that records it."""
    late = max(0, int((now - due).total_seconds() // 60)) if due is not None else 0
    webhooks.enqueue(
        session,
        "breach",
        case_id=case.id,
        order_number=number,
        kind=kind,
        resp_class=case.resp_class,
        reason_code=case.reason_code,
        priority=case.priority,
        minutes_late=late,
    )


def _view(row: SopPolicy) -> PolicyView:
    pause_states = tuple(s for s in row.pause_states.split(",") if s)
    return view_of(PolicyView, row, pause_states=pause_states, escalation=tuple(json.loads(row.escalation or "[]")))


def deadlines(policy: PolicyView, opened_at: datetime, hours: OpenHours | None = None) -> tuple[datetime, datetime]:
    """The first-response and resolution deadlines of a case opened at `opened_at`: round the clock, or counting
    only the open time of the policy's calendar (`hours`)."""
    first, resolution = timedelta(minutes=policy.first_response_minutes), timedelta(minutes=policy.resolution_minutes)
    if hours is None:
        return opened_at + first, opened_at + resolution
    return hours.add(opened_at, first), hours.add(opened_at, resolution)


def hours_of(session: Session, policy: PolicyView) -> OpenHours | None:
    return calendar.hours_for(session, policy.calendar_id)


def deadlines_for(session: Session, policy: PolicyView, opened_at: datetime) -> tuple[datetime, datetime]:
    return deadlines(policy, opened_at, hours_of(session, policy))


def resolution_due_for(session: Session, policy: PolicyView, start: datetime) -> datetime:
    """A fresh resolution target from `start` (a reopened case)."""
    return deadlines_for(session, policy, start)[1]


def resumed_due(session: Session, case: Case, now: datetime) -> datetime:
    """The resolution deadline after a pause from `case.paused_since` to `now`: moved by the time paused (open
    time only, on a calendar), so the open time left is what it was when the pause began."""
    hours = hours_of(session, policy_of(session, case))
    if hours is None:
        return case.resolution_due + (now - case.paused_since)
    return hours.add(case.resolution_due, hours.between(case.paused_since, now))

"""The rule track: ordered, editable rules (data) that settle standard cases the moment they open.

Conditions (all must hold; an absent key means "any"):
  order_status, payment_status, resp_class, reason_code, customer_risk: lists of allowed values
  delivered: true/false (something was delivered: a key, or a reusable secret)
  stock_available: true/false (enough unexpired available keys to replace what was delivered)
Actions: close_unpaid, cancel_refund, replace_key, to_person (stop: a person decides).
A rule acts at most once on a case, and only when the case opens (or on an explicit re-run), so rules can
never trigger each other in a loop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shopdesk.db.models import (
    CardKey,
    Case,
    CaseEvent,
    CaseSuggestion,
    Customer,
    KeyEvent,
    Order,
    OrderLine,
    Payment,
    Rule,
)
from shopdesk.services.common import access, audit, clock, notes, outbox
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.desk.suggestions import MONEY_CONFIDENCE, PLACEHOLDER

ACTIONS = ("close_unpaid", "cancel_refund", "replace_key", "to_person")
LIST_KEYS = ("order_status", "payment_status", "resp_class", "reason_code", "customer_risk")
BOOL_KEYS = ("delivered", "stock_available")


@dataclass(frozen=True)
class RuleView:
    id: int
    position: int
    name: str
    conditions: dict
    action: str
    active: bool


@dataclass(frozen=True)
class Facts:
    order_status: str
    payment_status: str
    resp_class: str
    reason_code: str
    customer_risk: str
    delivered: bool
    stock_available: bool
    reason_source: str = "given"  # "given" (a code came with the request or a person set it), "model", "pending"
    confidence: float | None = None  # the model's, when reason_source is "model" or "pending"


def list_rules(session: Session, *, include_inactive: bool = True) -> list[RuleView]:
    query = select(Rule).order_by(Rule.position, Rule.id)
    if not include_inactive:
        query = query.where(Rule.active.is_(True))
    return [_view(r) for r in session.execute(query).scalars()]


@access.needs("desk.settings")
def save_rule(
    session: Session,
    *,
    name: str,
    conditions: dict,
    action: str,
    position: int,
    active: bool = True,
    rule_id: int | None = None,
    actor: str,
) -> RuleView:
    validate(conditions, action)
    if not name.strip():
        raise InvalidInput("rule.name_missing")
    row = session.get(Rule, rule_id) if rule_id else Rule()
    if row is None:
        raise NotFound("rule.not_found", rule=rule_id)
    row.name, row.conditions, row.action = name.strip(), json.dumps(conditions, sort_keys=True), action
    row.position, row.active, row.updated_at = position, active, clock.now()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="rule.saved",
        subject=f"rule:{row.id}",
        name=row.name,
        action_taken=action,
        conditions=conditions,
    )
    outbox.emit(session, "setting", row.id)
    return _view(row)


def validate(conditions: dict, action: str) -> None:
    if action not in ACTIONS:
        raise InvalidInput("rule.action_unknown", choices=", ".join(ACTIONS))
    if not isinstance(conditions, dict):
        raise InvalidInput("rule.conditions_invalid")
    for key, value in conditions.items():
        if key in LIST_KEYS:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise InvalidInput("rule.condition_invalid/list", condition=key)
        elif key in BOOL_KEYS:
            if not isinstance(value, bool):
                raise InvalidInput("rule.condition_invalid/boolean", condition=key)
        else:
            raise InvalidInput("rule.condition_unknown", condition=repr(key), choices=", ".join(LIST_KEYS + BOOL_KEYS))


def facts(session: Session, case: int | Case) -> Facts:
    """What the rules look at, for a case (its id, or a row with one), as the order stands now."""
    case_id = case if isinstance(case, int) else case.id
    order = session.execute(
        select(Order.id, Order.status, Order.payment_status, Case.resp_class, Case.reason_code, Customer.risk_level)
        .join(Case, Case.order_id == Order.id)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Case.id == case_id)
    ).one()
    held = session.execute(
        select(CardKey.product_id, func.count())
        .join(OrderLine, OrderLine.id == CardKey.order_line_id)
        .where(OrderLine.order_id == order.id, CardKey.status == "delivered")
        .group_by(CardKey.product_id)
    ).all()
    # Reusable lines hold no key rows: their delivered_qty says whether the customer has the secret.
    delivered = (
        session.execute(
            select(func.coalesce(func.sum(OrderLine.delivered_qty), 0)).where(OrderLine.order_id == order.id)
        ).scalar_one()
        > 0
    )
    now = clock.now()
    # Only keys that can still be sold (not past their expiry) count, as replace_keys would take them.
    stock = (
        all(
            session.execute(
                select(func.count())
                .select_from(CardKey)
                .where(
                    CardKey.product_id == pid,
                    CardKey.status == "available",
                    CardKey.expires_at.is_(None) | (CardKey.expires_at > now),
                )
            ).scalar_one()
            >= n
            for pid, n in held
        )
        if held
        else False
    )
    source, confidence = _reason_source(session, case_id, order.reason_code)
    return Facts(
        order.status,
        order.payment_status,
        order.resp_class,
        order.reason_code,
        order.risk_level,
        delivered,
        stock,
        source,
        confidence,
    )


def _reason_source(session: Session, case_id: int, reason_code: str) -> tuple[str, float | None]:
    """Where the case's reason came from: the model (and how sure it was), nobody yet (the placeholder), or given."""
    suggestion = session.execute(
        select(CaseSuggestion.applied, CaseSuggestion.confidence, CaseSuggestion.reason_code).where(
            CaseSuggestion.case_id == case_id
        )
    ).first()
    if reason_code == PLACEHOLDER:
        return "pending", suggestion.confidence if suggestion else None
    if suggestion is None or not suggestion.applied or suggestion.reason_code != reason_code:
        return "given", None
    confirmed = session.execute(
        select(CaseEvent.id).where(
            CaseEvent.case_id == case_id, CaseEvent.kind.in_(("reason_corrected", "suggestion_accepted"))
        )
    ).first()
    return ("given", None) if confirmed else ("model", suggestion.confidence)


def matches(conditions: dict, f: Facts) -> bool:
    for key, value in conditions.items():
        actual = getattr(f, key)
        if key in LIST_KEYS and actual not in value:
            return False
        if key in BOOL_KEYS and actual != value:
            return False
    return True


@dataclass(frozen=True)
class Decision:
    """What the rule track would do with a case: the rule, its action, and for a refund where the money goes."""

    rule: str
    action: str
    refund_to: str = "wallet"
    note: str = ""


def decide(session: Session, case_id: int) -> Decision | None:
    """The first matching active rule for a new case, or None. A rule acts at most once on a case; once a rule
    handed the case to a person, no later rule may settle it behind their back; and a key is replaced by the
    rule track once per order (a second claim is routed to a person, with the earlier replacement noted)."""
    case = session.execute(select(Case.id, Case.status, Case.order_id).where(Case.id == case_id)).first()
    if case is None:
        raise NotFound("case.not_found", case=case_id)
    if case.status != "new":
        return None
    acted = session.execute(
        select(CaseEvent.kind, CaseEvent.rule).where(CaseEvent.case_id == case_id, CaseEvent.rule.is_not(None))
    ).all()
    if any(kind == "routed" for kind, _ in acted):
        return None
    already = {rule for _, rule in acted}
    f = facts(session, case_id)
    for rule in list_rules(session, include_inactive=False):
        if rule.name in already or not matches(rule.conditions, f):
            continue
        guarded = _model_guard(rule, f)
        if guarded is not None:
            return guarded
        if rule.action == "to_person":
            return Decision(rule.name, "to_person", note=notes.coded("case.person_decides"))
        if rule.action == "cancel_refund":
            return Decision(
                rule.name, "cancel_refund", "wallet" if _paid_by_wallet(session, case.order_id) else "external"
            )
        if rule.action == "replace_key":
            earlier = earlier_replacements(session, case.order_id)
            if earlier:
                return Decision(rule.name, "to_person", note=_replaced_note(earlier))
        return Decision(rule.name, rule.action)
    return None


def _model_guard(rule: RuleView, f: Facts) -> Decision | None:
    """A rule about to act on a reason nobody gave: with no reason yet (the model was unsure) a person reads the
    words; a rule that moves money acts on the model's reason only at MONEY_CONFIDENCE and for a customer whose
    credit is not risky."""
    if rule.action == "to_person" or f.reason_source == "given":
        return None
    confidence = f"{f.confidence:.2f}" if f.confidence is not None else "-"
    if f.reason_source == "pending":
        return Decision(rule.name, "to_person", note=notes.coded("ai.reason_unread", confidence=confidence))
    if rule.action == "cancel_refund" and (
        f.confidence is None or f.confidence < MONEY_CONFIDENCE or f.customer_risk == "risky"
    ):
        return Decision(
            rule.name,
            "to_person",
            note=notes.coded("ai.money_needs_person", confidence=confidence, risk=f.customer_risk),
        )
    return None


@dataclass(frozen=True)
class Replacement:
    case_id: int
    old_key_id: int
    new_key_id: int | None


# the recall note of a replaced key, coded (services/common/notes) or from before notes were coded
_REPLACED_BY = or_(
    KeyEvent.note.startswith(notes.coded("key.replaced_by")[:-1] + ","), KeyEvent.note.like("replaced by key %")
)


def earlier_replacements(session: Session, order_id: int) -> list[Replacement]:
    """Keys of this order already replaced after a claim (old key recalled, new key delivered, by a case)."""
    rows = session.execute(
        select(KeyEvent.case_id, KeyEvent.key_id, KeyEvent.note)
        .join(Case, Case.id == KeyEvent.case_id)
        .where(Case.order_id == order_id, KeyEvent.kind == "recalled", _REPLACED_BY)
        .order_by(KeyEvent.id)
    ).all()
    out = []
    for case_id, key_id, note in rows:
        coded = notes.parse(note)
        if coded is not None:
            new = coded.get("key")
        else:  # a note from before notes were coded: "replaced by key N (case M)"
            words = note.split()
            new = int(words[3]) if len(words) > 3 and words[3].isdigit() else None
        out.append(Replacement(case_id, key_id, new))
    return out


def _replaced_note(earlier: list[Replacement]) -> str:
    shown = ", ".join(
        f"case {r.case_id}: key {r.old_key_id} -> key {r.new_key_id}"
        if r.new_key_id
        else f"case {r.case_id}: key {r.old_key_id}"
        for r in earlier
    )
    return notes.coded("case.replaced_once", earlier=shown)


def preview(session: Session, conditions: dict, action: str, *, limit: int = 200) -> list[tuple[int, str]]:
    """Past cases this rule would have matched (judged on their orders as they stand now): [(case id, order no.)]."""
    validate(conditions, action)
    out = []
    for case_id, number in session.execute(
        select(Case.id, Order.number).join(Order, Order.id == Case.order_id).order_by(Case.id.desc()).limit(2000)
    ):
        if matches(conditions, facts(session, case_id)):
            out.append((case_id, number))
            if len(out) >= limit:
                break
    return out


def _paid_by_wallet(session: Session, order_id: int) -> bool:
    method = session.execute(select(Payment.method).where(Payment.order_id == order_id)).scalars().first()
    return method == "wallet"


def _view(row: Rule) -> RuleView:
    return RuleView(row.id, row.position, row.name, json.loads(row.conditions), row.action, row.active)

"""The rollback engine: when a case ends in cancellation, undo the order in one transaction, exactly once.

Keys are recalled per the product's policy (restock -> available, verify -> recalled awaiting a check,
void -> void); the payment is refunded to the wallet or recorded as an external refund (never more than
paid minus already refunded); coupon use is restored; compensation is posted for merchant or system
fault; the customer's credit profile is updated. Every step writes its event. Idempotent by case id.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Case, Coupon, CouponUse, KeyEvent, OrderLine, Refund
from shopdesk.db.queries import driver, mirror
from shopdesk.services.common import clock, notes, outbox
from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import credit, resolve_plan
from shopdesk.services.inventory import keys
from shopdesk.services.money import ledger, refunds
from shopdesk.services.orders import selling, state

RECALL_TO, KEY_EVENT = resolve_plan.RECALL_TO, resolve_plan.KEY_EVENT

# --- the hot path's statements, built once (Core, bound parameters, on the session's connection) ------------

_cases, _lines = Case.__table__, OrderLine.__table__
_coupons, _uses = Coupon.__table__, CouponUse.__table__

# On the driver's cursor (db.queries.Driver).
_CLEAR_LINE = "UPDATE order_line SET delivered_qty = 0 WHERE id = ?"
_RESTORE_USE = "UPDATE coupon_use SET restored_at = ? WHERE id = ?"
_GIVE_BACK_COUPON = "UPDATE coupon SET used_count = used_count - 1 WHERE id = ? AND used_count > 0"
_MARK_ROLLED_BACK = "UPDATE cases SET rolled_back_at = ? WHERE id = ?"


@dataclass(frozen=True)
class RollbackResult:
    case_id: int
    order_id: int
    keys_recalled: dict[str, int]  # new key status -> count
    refunded_fen: int
    destination: str | None
    compensation_fen: int
    coupons_restored: int
    replayed: bool = False

    def summary(self) -> str:
        """One line for the case's history: what went back where."""
        recalled = ", ".join(f"{n} {status}" for status, n in self.keys_recalled.items()) or "no keys"
        refund = f"refund {format_yuan(self.refunded_fen)}" + (f" to {self.destination}" if self.destination else "")
        parts = [f"keys: {recalled}", refund]
        if self.compensation_fen:
            parts.append(f"compensation {format_yuan(self.compensation_fen)}")
        if self.coupons_restored:
            parts.append(f"{self.coupons_restored} coupon(s) restored")
        return "; ".join(parts)


def rollback(
    session: Session,
    case_id: int,
    *,
    actor: str,
    destination: str = "wallet",
    refund_fen: int | None = None,
    compensation_fen: int = 0,
    _case=None,
) -> RollbackResult:
    """Cancel the case's order and undo its effects. Running it again for the case changes nothing.

    (`_case`: the case's columns as the caller read them in this transaction, to save reading them again.)"""
    case = _case if _case is not None and _case.id == case_id else resolve_plan.read_case(session, case_id)
    order = resolve_plan.read_order(session, case)
    if case.rolled_back_at is not None:
        return _replay(session, case, order)
    plan = resolve_plan.plan_rollback(
        session, case, order, destination=destination, refund_fen=refund_fen, compensation_fen=compensation_fen
    )
    return apply_plan(session, plan, case, order, actor=actor)


def apply_plan(session: Session, plan: resolve_plan.RollbackPlan, case, order, *, actor: str) -> RollbackResult:
    """Carry out a plan worked out in this transaction by `resolve_plan.plan_rollback`."""
    db = driver(session)
    case_id = case.id
    now = clock.now()
    if plan.close_unpaid:
        selling.close_order(session, order.id, actor=actor, reason=notes.coded("order.case_cancel", case=case_id))
        recalled: dict[str, int] = {}
    else:
        # Cancelled first: the keys recalled below go back on sale, and orders waiting for stock take them at once
        # (this order must not be one of them).
        current = state.OrderState(
            order.id, order.number, order.customer_id, order.status, order.payment_status, order.total_fen
        )
        state.transition(session, current, order.status, "cancelled", closed_at=now)
        recalled = _recall_keys(session, plan, order, case_id, actor)
        _refund(session, order, case_id, plan, actor)
        state.order_event(
            session,
            order.id,
            "cancelled",
            actor,
            notes.coded("order.case_refund", case=case_id, amount=format_yuan(plan.refund_fen), to=plan.destination),
        )
    restored = _restore_coupons(session, plan, now)
    compensation_fen = plan.compensation_fen
    if compensation_fen:
        ledger.post(
            session,
            kind="compensation",
            postings=[(ledger.wallet_code(order.customer_id), compensation_fen), ("compensation", -compensation_fen)],
            idempotency_key=f"rollback:case:{case_id}:compensation",
            actor=actor,
            order_id=order.id,
            case_id=case_id,
            memo=f"{case.resp_class} fault, case {case_id}",
        )
    db.run(_MARK_ROLLED_BACK, (db.at(now), case_id))
    mirror(session, Case, case_id, {"rolled_back_at": now})
    credit.refresh(session, order.customer_id)
    outbox.emit_each(session, [("order", order.id), ("case", case_id)])
    return RollbackResult(case_id, order.id, recalled, plan.refund_fen, plan.refund_to, compensation_fen, restored)


def _recall_keys(session: Session, plan, order, case_id: int, actor: str) -> dict[str, int]:
    """Every delivered key comes back per its product's policy; keys back on sale go first to orders waiting."""
    db = driver(session)
    counts: dict[str, int] = {}
    for line in plan.lines:
        moved = keys.transition(
            session,
            of_line=line.line_id,
            expected="delivered",
            to=line.to,
            actor=actor,
            line=None if line.to == "available" else keys.KEEP,  # a key back in stock is free of the order
            order_id=order.id,
            case_id=case_id,
            event=KEY_EVENT[line.to],
            note=notes.coded("key.recalled", case=case_id, policy=line.policy),
        )
        db.run(_CLEAR_LINE, (line.line_id,))
        if moved:
            counts[line.to] = counts.get(line.to, 0) + len(moved)
    return counts


def _refund(session, order, case_id, plan, actor) -> int:
    """Refund what the plan says; returns the amount refunded (fen)."""
    if plan.refund_fen == 0:
        return 0
    refunds.refund(
        session,
        order.id,
        plan.refund_fen,
        destination=plan.refund_to,
        actor=actor,
        idempotency_key=f"rollback:case:{case_id}:refund",
        case_id=case_id,
        memo=f"case {case_id}: order {order.number} refunded ({plan.refund_to})",
        _order=order,
    )
    return plan.refund_fen


def _restore_coupons(session: Session, plan, now) -> int:
    db = driver(session)
    for use in plan.coupons:
        db.run(_RESTORE_USE, (db.at(now), use.use_id))
        db.run(_GIVE_BACK_COUPON, (use.coupon_id,))
    return len(plan.coupons)


def _replay(session: Session, case, order) -> RollbackResult:
    # Only what the rollback itself wrote: the case may also carry a price-protection refund and key swaps.
    refund_entry = ledger.entry_by_key(session, f"rollback:case:{case.id}:refund")
    refunds = (
        session.execute(select(Refund).where(Refund.entry_id == refund_entry.entry_id)).scalars().all()
        if refund_entry
        else []
    )
    events = (
        session.execute(
            select(KeyEvent.kind).where(
                KeyEvent.case_id == case.id,
                or_(
                    KeyEvent.note.startswith(notes.coded("key.recalled", case=case.id)[:-1] + ","),
                    KeyEvent.note.startswith(f"recalled by case {case.id} ("),  # from before notes were coded
                ),
            )
        )
        .scalars()
        .all()
    )
    recalled: dict[str, int] = {}
    for kind in events:
        status = {event: status for status, event in KEY_EVENT.items()}.get(kind)
        if status:
            recalled[status] = recalled.get(status, 0) + 1
    comp = ledger.entry_by_key(session, f"rollback:case:{case.id}:compensation")
    compensation = sum(a for code, a in comp.postings if code.startswith("wallet:")) if comp else 0
    restored = len(
        session.execute(
            select(CouponUse.id).where(CouponUse.order_id == order.id, CouponUse.restored_at.is_not(None))
        ).all()
    )
    return RollbackResult(
        case.id,
        order.id,
        recalled,
        sum(r.amount_fen for r in refunds),
        refunds[0].destination if refunds else None,
        compensation,
        restored,
        replayed=True,
    )

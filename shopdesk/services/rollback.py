"""The rollback engine: when a case ends in cancellation, undo the order in one transaction, exactly once.

Keys are recalled per the product's policy (restock -> available, verify -> recalled awaiting a check,
void -> void); the payment is refunded to the wallet or recorded as an external refund (never more than
paid minus already refunded); coupon use is restored; compensation is posted for merchant or system
fault; the customer's credit profile is updated. Every step writes its event. Idempotent by case id.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Case, Coupon, CouponUse, KeyEvent, Order, OrderLine, Payment, Product, Refund
from shopdesk.services import changefeed, clock, credit, ledger, orders
from shopdesk.services.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.money import format_yuan

RECALL_TO = {"restock": "available", "verify": "recalled", "void": "void"}


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


def rollback(
    session: Session,
    case_id: int,
    *,
    actor: str,
    destination: str = "wallet",
    refund_fen: int | None = None,
    compensation_fen: int = 0,
) -> RollbackResult:
    """Cancel the case's order and undo its effects. Running it again for the case changes nothing."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"No case {case_id}.", field="case")
    order = session.get(Order, case.order_id)
    if order is None:
        raise NotFound(f"Case {case_id} points at an order that no longer exists.", field="order")
    if case.rolled_back_at is not None:
        return _replay(session, case, order)
    if destination not in ("wallet", "external"):
        raise InvalidInput("Refund to the customer's wallet or externally (at the gateway).", field="refund")
    if compensation_fen < 0 or (refund_fen is not None and refund_fen < 0):
        raise InvalidInput("Refund and compensation cannot be negative.", field="refund")
    if compensation_fen and case.resp_class == "customer":
        raise InvalidInput(
            "Compensation is for merchant or system fault; this case is the customer's.", field="compensation"
        )
    if order.status in ("cancelled", "closed"):
        raise Conflict(f"Order {order.number} is already {order.status}; there is nothing to roll back.", field="order")
    now = clock.now()

    if order.status == "pending_payment":
        orders.close_order(session, order.id, actor=actor, reason=f"cancelled by case {case_id}")
        recalled: dict[str, int] = {}
        refunded = 0
    else:
        restocked: set[int] = set()
        recalled = _recall_keys(session, order, case_id, actor, now, restocked)
        refunded = _refund(session, order, case_id, destination, refund_fen, actor, now)
        new_payment = order.payment_status
        if refunded:
            new_payment = "refunded" if order.refunded_fen + refunded == order.paid_fen else "partially_refunded"
        moved = session.execute(
            update(Order)
            .where(Order.id == order.id, Order.status == order.status)
            .values(
                status="cancelled",
                payment_status=new_payment,
                refunded_fen=Order.refunded_fen + refunded,
                closed_at=now,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved != 1:
            raise Conflict(f"Order {order.number} changed while it was being cancelled; try again.", field="order")
        session.refresh(order)
        orders.order_event(
            session, order.id, "cancelled", actor, f"case {case_id}: refunded {format_yuan(refunded)} ({destination})"
        )
        if restocked:  # keys back on sale go first to orders already paid and waiting (as everywhere else)
            orders.fill_awaiting(session, actor=actor, product_ids=sorted(restocked))
    restored = _restore_coupons(session, order.id, now)
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
    session.execute(
        update(Case).where(Case.id == case_id).values(rolled_back_at=now).execution_options(synchronize_session=False)
    )
    credit.refresh(session, order.customer_id)
    changefeed.emit(session, "order", order.id)
    changefeed.emit(session, "case", case_id)
    return RollbackResult(
        case_id, order.id, recalled, refunded, destination if refunded else None, compensation_fen, restored
    )


def _recall_keys(session: Session, order: Order, case_id: int, actor: str, now, restocked: set[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    lines = session.execute(
        select(OrderLine.id, OrderLine.delivered_qty, Product.id, Product.kind, Product.rollback_policy)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order.id)
    ).all()
    for line_id, delivered_qty, product_id, kind, policy in lines:
        if kind == "reusable" or not delivered_qty:
            continue  # a shared secret cannot be taken back from one buyer
        target = RECALL_TO[policy]
        moved = (
            session.execute(
                update(CardKey)
                .where(CardKey.order_line_id == line_id, CardKey.status == "delivered")
                .values(
                    status=target,
                    status_changed_at=now,
                    order_line_id=None if target == "available" else CardKey.order_line_id,
                )
                .returning(CardKey.id)
                .execution_options(synchronize_session=False)
            )
            .scalars()
            .all()
        )
        session.execute(
            update(OrderLine)
            .where(OrderLine.id == line_id)
            .values(delivered_qty=0)
            .execution_options(synchronize_session=False)
        )
        if moved:
            kind_of_event = {"available": "restocked", "recalled": "recalled", "void": "void"}[target]
            session.execute(
                insert(KeyEvent),
                [
                    {
                        "key_id": k,
                        "kind": kind_of_event,
                        "actor": actor,
                        "order_id": order.id,
                        "case_id": case_id,
                        "at": now,
                        "note": f"recalled by case {case_id} ({policy})",
                    }
                    for k in moved
                ],
            )
            counts[target] = counts.get(target, 0) + len(moved)
            if target == "available":
                restocked.add(product_id)
            changefeed.emit(session, "stock", product_id)
            changefeed.emit_many(session, "key", moved)
    return counts


def _refund(session, order: Order, case_id, destination, refund_fen, actor, now) -> int:
    refundable = order.paid_fen - order.refunded_fen
    amount = refundable if refund_fen is None else refund_fen
    if amount > refundable:
        raise InvalidInput(
            f"Cannot refund {format_yuan(amount)}: order {order.number} was paid {format_yuan(order.paid_fen)} "
            f"and {format_yuan(order.refunded_fen)} is already refunded, so at most {format_yuan(refundable)}.",
            field="refund",
        )
    if amount == 0:
        return 0
    target = ledger.wallet_code(order.customer_id) if destination == "wallet" else "clearing"
    entry = ledger.post(
        session,
        kind="refund",
        postings=[(target, amount), ("refunds", -amount)],
        idempotency_key=f"rollback:case:{case_id}:refund",
        actor=actor,
        order_id=order.id,
        case_id=case_id,
        memo=f"case {case_id}: order {order.number} refunded ({destination})",
    )
    payment_id = session.execute(select(Payment.id).where(Payment.order_id == order.id)).scalars().first()
    session.execute(
        insert(Refund).values(
            order_id=order.id,
            payment_id=payment_id,
            case_id=case_id,
            destination=destination,
            amount_fen=amount,
            entry_id=entry.entry_id,
            at=now,
        )
    )
    return amount


def _restore_coupons(session: Session, order_id: int, now) -> int:
    uses = (
        session.execute(select(CouponUse).where(CouponUse.order_id == order_id, CouponUse.restored_at.is_(None)))
        .scalars()
        .all()
    )
    for use in uses:
        use.restored_at = now
        session.execute(
            update(Coupon)
            .where(Coupon.id == use.coupon_id, Coupon.used_count > 0)
            .values(used_count=Coupon.used_count - 1)
            .execution_options(synchronize_session=False)
        )
    session.flush()
    return len(uses)


def _replay(session: Session, case: Case, order: Order) -> RollbackResult:
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
                KeyEvent.case_id == case.id, KeyEvent.note.startswith(f"recalled by case {case.id} (")
            )
        )
        .scalars()
        .all()
    )
    recalled: dict[str, int] = {}
    for kind in events:
        status = {"restocked": "available", "recalled": "recalled", "void": "void"}.get(kind)
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

"""Money a gateway took that no order could keep (the order was closed, or already paid): the queue of payments
flagged for refund, with its total, until someone records the refund made at the gateway."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, cast, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Customer, Order, UnmatchedPayment
from shopdesk.services.common import audit, clock, notes, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, PaymentRefused
from shopdesk.services.common.money import format_yuan
from shopdesk.services.orders.state import order_event


@dataclass(frozen=True)
class FlaggedPayment:
    id: int
    order_id: int | None
    order_number: str | None
    customer_name: str | None
    trade_no: str
    method: str
    amount_fen: int
    reason: str
    received_at: datetime


@dataclass(frozen=True)
class FlaggedQueue:
    rows: tuple[FlaggedPayment, ...]
    total_fen: int


def _rows():
    return (
        select(
            UnmatchedPayment.id,
            UnmatchedPayment.order_id,
            Order.number,
            Customer.name,
            UnmatchedPayment.trade_no,
            UnmatchedPayment.method,
            UnmatchedPayment.amount_fen,
            UnmatchedPayment.reason,
            UnmatchedPayment.received_at,
        )
        .outerjoin(Order, Order.id == UnmatchedPayment.order_id)
        .outerjoin(Customer, Customer.id == Order.customer_id)
    )


def flagged_queue(session: Session, *, limit: int = 500) -> FlaggedQueue:
    """The flagged payments still to be refunded, oldest first, and what they add up to."""
    open_ = UnmatchedPayment.resolved_at.is_(None)
    rows = session.execute(
        _rows().where(open_).order_by(UnmatchedPayment.received_at, UnmatchedPayment.id).limit(limit)
    ).all()
    total = session.execute(
        select(func.coalesce(cast(func.sum(UnmatchedPayment.amount_fen), BigInteger), 0)).where(open_)
    ).scalar_one()
    return FlaggedQueue(tuple(FlaggedPayment(*r) for r in rows), total)


def mark_refunded(session: Session, flag_id: int, *, actor: str, note: str = "") -> FlaggedPayment:
    """Record that the flagged money was refunded at the gateway: it leaves the queue, with a trail."""
    _close(session, flag_id, actor=actor, note=note, action="payment.flag_refunded", code="order.flag_refunded")
    return FlaggedPayment(*session.execute(_rows().where(UnmatchedPayment.id == flag_id)).one())


def dismiss(session: Session, flag_id: int, *, actor: str, note: str) -> None:
    """Keep the flagged money on purpose (a test payment, settled elsewhere): it leaves the queue, with the note
    saying why on the trail and the order's timeline."""
    _close(session, flag_id, actor=actor, note=note, action="payment.dismissed", code="order.payment_dismissed")


_ORDER_EVENT = {"order.flag_refunded": "flag_refunded", "order.payment_dismissed": "payment_dismissed"}


def _close(session: Session, flag_id: int, *, actor: str, note: str, action: str, code: str) -> None:
    """One flag decided: a guarded UPDATE (two desks deciding it at once: the second is refused), the audit row, the
    order's timeline event and the change feed."""
    row = session.get(UnmatchedPayment, flag_id)
    if row is None:
        raise NotFound("payment.flag_not_found", flag=flag_id)
    if len(note) > 1000:
        raise InvalidInput("payment.note_too_long")
    who = session.info.get("identity")
    moved = session.execute(
        update(UnmatchedPayment)
        .where(UnmatchedPayment.id == flag_id, UnmatchedPayment.resolved_at.is_(None))
        .values(
            resolved_at=clock.now(),
            resolved_by=who.name if who is not None and who.role != "system" else actor,
            note=(row.note + "\n" + note).strip() if note else row.note,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        raise Conflict("payment.flag_already_refunded", trade=row.trade_no)
    amount = format_yuan(row.amount_fen)
    audit.record(
        session,
        actor=actor,
        action=action,
        subject=f"unmatched_payment:{flag_id}",
        trade_no=row.trade_no,
        amount=amount,
        order=row.order_id,
        note=note,
    )
    if row.order_id is not None:
        order_event(
            session, row.order_id, _ORDER_EVENT[code], actor, notes.coded(code, trade_no=row.trade_no, amount=amount)
        )
        outbox.emit(session, "order", row.order_id)
    outbox.emit(session, "payment_issue", flag_id)


def flag_unmatched_payment(session: Session, refused: PaymentRefused, *, actor: str) -> int:
    """Record money a gateway took for an order that cannot keep it, so it is refunded rather than lost.

    Idempotent by trade number: a repeated callback does not flag twice. Returns the flag's id."""
    found = session.execute(
        select(UnmatchedPayment.id, UnmatchedPayment.order_id).where(UnmatchedPayment.trade_no == refused.trade_no)
    ).first()
    if found is not None:
        if found.order_id != refused.order_id:
            raise Conflict(
                "payment.trade_no_taken/flag_unmatched_payment",
                trade=refused.trade_no,
                flagged_order=found.order_id,
                order=refused.order_id,
            )
        return found.id
    flag_id = session.execute(
        insert(UnmatchedPayment)
        .values(
            order_id=refused.order_id,
            trade_no=refused.trade_no,
            method=refused.method,
            amount_fen=refused.amount_fen,
            reason=refused.reason,
            note=f"flagged by {actor}",
            received_at=clock.now(),
        )
        .returning(UnmatchedPayment.id)
    ).scalar_one()
    order_event(
        session,
        refused.order_id,
        "payment_refused",
        actor,
        notes.coded(
            "order.payment_flagged",
            method=refused.method,
            trade_no=refused.trade_no,
            amount=format_yuan(refused.amount_fen),
        ),
    )
    outbox.emit(session, "order", refused.order_id)
    outbox.emit(session, "payment_issue", flag_id)
    return flag_id

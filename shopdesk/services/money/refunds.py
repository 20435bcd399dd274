"""The one place money goes back to a customer: the ledger entry, the refund row and the order's refunded amount,
together, guarded and idempotent. Whatever asks for it — a cancellation, the waiting-for-keys queue, a price
protection — calls `refund`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Order, Payment, Refund
from shopdesk.db.queries import driver, mirror
from shopdesk.services.common import clock, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import format_yuan
from shopdesk.services.money import ledger

DESTINATIONS = ("wallet", "external")

_orders, _payments, _refunds = Order.__table__, Payment.__table__, Refund.__table__
_ORDER = select(
    _orders.c.id, _orders.c.number, _orders.c.customer_id, _orders.c.paid_fen, _orders.c.refunded_fen
).where(_orders.c.id == bindparam("b_id"))
# Every refund runs these, on the driver's cursor (db.queries.Driver).
_INSERT_REFUND = (
    "INSERT INTO refund (order_id, payment_id, case_id, destination, amount_fen, entry_id, at)"
    " VALUES (?, (SELECT id FROM payment WHERE order_id = ? ORDER BY id LIMIT 1), ?, ?, ?, ?, ?)"
)
# Guarded: refunds never pass what was paid, even when two desks refund the same order at once.
_ADD_REFUNDED = (
    "UPDATE orders SET refunded_fen = refunded_fen + ?,"
    " payment_status = CASE WHEN refunded_fen + ? = paid_fen THEN 'refunded' ELSE 'partially_refunded' END,"
    " updated_at = ? WHERE id = ? AND refunded_fen + ? <= paid_fen RETURNING refunded_fen, payment_status"
)


@dataclass(frozen=True)
class RefundResult:
    order_id: int
    amount_fen: int
    destination: str
    entry_id: int
    replayed: bool  # the same refund was already made: nothing moved now


def refundable(order) -> int:
    """What is left to give back of what the order was paid (fen)."""
    return order.paid_fen - order.refunded_fen


def check_refundable(order, amount_fen: int) -> None:
    """Refuse a refund of more than is left of the order's payment, saying how much that is."""
    if amount_fen > refundable(order):
        raise InvalidInput(
            "refund.too_much",
            amount=format_yuan(amount_fen),
            number=order.number,
            paid=format_yuan(order.paid_fen),
            refunded=format_yuan(order.refunded_fen),
            most=format_yuan(refundable(order)),
        )


def refund(
    session: Session,
    order_id: int,
    amount_fen: int,
    *,
    destination: str,
    actor: str,
    idempotency_key: str,
    case_id: int | None = None,
    kind: str = "refund",
    memo: str = "",
    _order=None,
) -> RefundResult:
    """Give `amount_fen` of what the order was paid back, to the customer's wallet (at once) or externally (the
    money went back at the gateway; this records it). The same idempotency key with the same input returns the
    first result and moves nothing. `kind` names the ledger entry (a refund, a price protection). (`_order`: the
    order's id, number, customer, paid and refunded amounts as the caller read them in this transaction.)"""
    if destination not in DESTINATIONS:
        raise InvalidInput("refund.destination")
    if amount_fen <= 0:
        raise InvalidInput("refund.not_positive")
    conn = session.connection()
    order = _order if _order is not None else conn.execute(_ORDER, {"b_id": order_id}).first()
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    target = ledger.wallet_code(order.customer_id) if destination == "wallet" else "clearing"
    if amount_fen > refundable(order) and ledger.entry_by_key(session, idempotency_key) is None:
        check_refundable(order, amount_fen)
    entry = ledger.post(
        session,
        kind=kind,
        postings=[(target, amount_fen), ("refunds", -amount_fen)],
        idempotency_key=idempotency_key,
        actor=actor,
        order_id=order_id,
        case_id=case_id,
        memo=memo or f"order {order.number} refunded ({destination})",
    )
    if entry.replayed:
        return RefundResult(order_id, amount_fen, destination, entry.entry_id, replayed=True)
    now = clock.now()
    db = driver(session)
    at = db.at(now)
    written = db.run(_ADD_REFUNDED, (amount_fen, amount_fen, at, order_id, amount_fen)).fetchall()
    if not written:
        raise Conflict("refund.stale", number=order.number)
    refunded, payment_status = written[0]
    mirror(session, Order, order_id, {"refunded_fen": refunded, "payment_status": payment_status, "updated_at": now})
    db.run(_INSERT_REFUND, (order_id, order_id, case_id, destination, amount_fen, entry.entry_id, at))
    outbox.emit(session, "order", order_id)
    return RefundResult(order_id, amount_fen, destination, entry.entry_id, replayed=False)

"""Actions on one order from the desk: resend the delivery message, refund part or all of what was paid.

Resending asks for the delivery to go out again: the order moves on the change feed (the outbox), which the
storefront's status reads and every desktop follow; the timeline and the trail record who asked. One click is one
resend, and one refund: the click's request id makes a repeat harmless."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shopdesk.services.common import access, audit, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.common.money import format_yuan
from shopdesk.services.money import refunds
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.orders.state import order_event

DELIVERED = ("delivered", "completed")  # an order with keys that may be handed over again


def resend_delivery(session: Session, order_id: int, *, actor: str, request_id: str) -> bool:
    """Ask for the delivery message to go out again; False when this request was already made (nothing new)."""
    access.require(session, "orders.sell", subject=f"order:{order_id}")
    view = load_order_view(session, order_id)
    if view.status not in DELIVERED or not view.delivered_keys:
        raise Conflict("order_message.not_delivered", number=view.number, status=view.status)
    subject = f"order:{order_id}"
    for event in audit.recent(session, action="order.delivery_resent", subject=subject, limit=50):
        if event.detail.get("request") == request_id:
            return False
    audit.record(session, actor=actor, action="order.delivery_resent", subject=subject, request=request_id)
    order_event(session, order_id, "delivery_resent", actor)
    outbox.emit(session, "order", order_id)
    return True


def refund_order(
    session: Session, order_id: int, amount_fen: int, *, destination: str, actor: str, request_id: str
) -> OrderView:
    """Give `amount_fen` of what the order was paid back, to the wallet or externally, within the user's permission
    and refund limit; the order stays as it is (a cancellation goes through the desk). Idempotent per request."""
    if destination not in refunds.DESTINATIONS:
        raise InvalidInput("refund.destination")
    if amount_fen <= 0:
        raise InvalidInput("refund.not_positive")
    access.require_refund(session, None, amount_fen)
    view = load_order_view(session, order_id)
    if view.paid_fen - view.refunded_fen <= 0:
        raise Conflict(
            "order_refund.not_paid",
            number=view.number,
            paid=format_yuan(view.paid_fen),
            refunded=format_yuan(view.refunded_fen),
        )
    left = view.paid_fen - view.refunded_fen
    if amount_fen >= left and view.status not in ("cancelled", "closed"):
        # All that is left, on an order that still holds its keys: that is a cancellation (keys recalled), the desk's
        raise InvalidInput(
            "order_refund.whole", number=view.number, left=format_yuan(left), most=format_yuan(max(0, left - 1))
        )
    result = refunds.refund(
        session,
        order_id,
        amount_fen,
        destination=destination,
        actor=actor,
        idempotency_key=f"refund:desk:{order_id}:{request_id}",
        memo=f"order {view.number} refunded ({destination}) from the desk",
    )
    if not result.replayed:
        order_event(session, order_id, "refunded", actor, f"{format_yuan(amount_fen)} to {destination}")
        audit.record(
            session,
            actor=actor,
            action="order.refund",
            subject=f"order:{order_id}",
            announce=False,
            amount=format_yuan(amount_fen),
            destination=destination,
        )
    return load_order_view(session, order_id)

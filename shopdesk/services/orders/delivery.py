"""Delivery: a paid order gets its keys at once (held keys first, then the stock pick); short stock leaves it
waiting for keys, filled oldest first as soon as keys arrive; an order that waits can be refunded instead."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Order, OrderLine, Product
from shopdesk.db.queries import driver
from shopdesk.services.common import clock, notes, outbox, webhooks
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import format_yuan
from shopdesk.services.inventory import keys
from shopdesk.services.money import refunds
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.orders.state import OrderState, order_event, order_state, transition

_lines = OrderLine.__table__
# Every payment runs these: written once, on the driver's cursor (db.queries.Driver).
_LINES_WITH_PRODUCTS = (
    "SELECT order_line.id, order_line.quantity, order_line.delivered_qty, product.id, product.kind"
    " FROM order_line JOIN product ON product.id = order_line.product_id"
    " WHERE order_line.order_id = ? ORDER BY order_line.id"
)
_SET_DELIVERED_QTY = "UPDATE order_line SET delivered_qty = ? WHERE id = ? AND delivered_qty = ?"


def deliver(session: Session, order_id: int, *, actor: str, _state: OrderState | None = None) -> int:
    """Hand over every key the order still lacks; returns how many were delivered now.

    Reserved keys become delivered first, then available ones are taken by guarded UPDATE. Short
    stock leaves the order in awaiting_stock, to be filled by `fill_awaiting`.
    """
    order = _state or order_state(session, order_id)
    if order is None or order.status not in ("paid", "awaiting_stock"):
        return 0
    delivered_now = 0
    complete = True
    db = driver(session)
    for line_id, quantity, delivered_qty, product_id, kind in db.run(_LINES_WITH_PRODUCTS, (order_id,)).fetchall():
        need = quantity - delivered_qty
        if need <= 0:
            continue
        if kind == "reusable":
            got = need if keys.reusable_secret(session, product_id, order_id, need, actor) else 0
        else:
            got = len(keys.deliver_reserved(session, line_id, order_id, actor))
            if got < need:
                got += len(keys.take(session, product_id, line_id, order_id, need - got, to="delivered", actor=actor))
        if got:
            db.run(_SET_DELIVERED_QTY, (delivered_qty + got, line_id, delivered_qty))
            delivered_now += got
        if delivered_qty + got < quantity:
            complete = False
    now = clock.now()
    if complete:
        transition(session, order, order.status, "delivered", delivered_at=now)
        order_event(session, order_id, "delivered", actor, notes.coded("order.keys", keys=delivered_now))
        _announce(session, order, "paid_order")
    elif order.status == "paid":
        transition(session, order, "paid", "awaiting_stock")
        order_event(session, order_id, "awaiting_stock", actor, notes.coded("order.keys_waiting", keys=delivered_now))
        _announce(session, order, "awaiting_stock")
    elif delivered_now:
        order_event(session, order_id, "partly_delivered", actor, notes.coded("order.more_keys", keys=delivered_now))
    if delivered_now or not complete:
        outbox.emit(session, "order", order_id)
    return delivered_now


_ITEMS = (
    select(Product.sku, Product.name, _lines.c.quantity, _lines.c.delivered_qty)
    .join(Product, Product.id == _lines.c.product_id)
    .where(_lines.c.order_id == bindparam("b_order"))
    .order_by(_lines.c.id)
)


def _announce(session: Session, order: OrderState, event: str) -> None:
    """A paid order delivered, or one left waiting for keys, off the desktop: the order's number, amount and
    products, never its keys (webhooks.enqueue refuses secrets)."""
    if not webhooks.wants(session, event):
        return
    items = [
        {"sku": sku, "name": name, "qty": qty, "delivered": done}
        for sku, name, qty, done in session.connection().execute(_ITEMS, {"b_order": order.id}).all()
    ]
    webhooks.enqueue(
        session, event, order_id=order.id, number=order.number, amount=format_yuan(order.total_fen), items=items
    )


def fill_awaiting_stock(session: Session, product_ids: Sequence[int], actor: str) -> list[int]:
    """Keys of these products came (back) on sale: the orders waiting for them take them first."""
    return fill_awaiting(session, actor=actor, product_ids=product_ids)


def fill_awaiting(session: Session, *, actor: str, product_ids: Sequence[int] | None = None) -> list[int]:
    """Deliver to orders waiting for stock, oldest payment first. Returns the orders that got keys."""
    query = select(Order.id).where(Order.status == "awaiting_stock").order_by(Order.paid_at, Order.id)
    if product_ids is not None:
        query = query.where(Order.id.in_(select(OrderLine.order_id).where(OrderLine.product_id.in_(list(product_ids)))))
    filled = []
    for order_id in session.execute(query).scalars().all():
        if deliver(session, order_id, actor=actor):
            filled.append(order_id)
    return filled


def refund_unfilled(session: Session, order_id: int, *, destination: str, actor: str) -> OrderView:
    """Give the money back for a paid order that got no key (it was waiting for stock) and cancel it.

    `destination` is "wallet" (credited at once) or "external" (the refund is made at the gateway and
    recorded here). Idempotent: the refund entry's key is derived from the order."""
    if destination not in ("wallet", "external"):
        raise InvalidInput("refund.destination", field="destination")
    order = order_state(session, order_id)
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    if order.status != "awaiting_stock":
        raise Conflict("order.wrong_status", number=order.number, status=order.status)
    delivered = session.execute(
        select(func.coalesce(func.sum(OrderLine.delivered_qty), 0)).where(OrderLine.order_id == order_id)
    ).scalar_one()
    if delivered:
        raise Conflict("order.keys_delivered", number=order.number, delivered=delivered)
    now = clock.now()
    transition(session, order, "awaiting_stock", "cancelled", closed_at=now)
    paid = session.execute(select(Order.paid_fen).where(Order.id == order_id)).scalar_one()
    refunds.refund(
        session,
        order_id,
        paid,
        destination=destination,
        actor=actor,
        idempotency_key=f"refund:order:{order_id}",
        memo=f"order {order.number} refunded ({destination}): no stock",
    )
    order_event(
        session,
        order_id,
        "refunded",
        actor,
        notes.coded("order.no_stock_refund", amount=format_yuan(paid), to=destination),
    )
    return load_order_view(session, order_id)

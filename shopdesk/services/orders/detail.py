"""Read models handed to the UI and the CLI: plain frozen dataclasses, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Customer, KeyEvent, Order, OrderEvent, OrderLine, Payment, Product, Refund
from shopdesk.services.common.errors import NotFound
from shopdesk.services.common.vault import mask


@dataclass(frozen=True)
class LineView:
    id: int
    product_id: int
    sku: str
    name: str
    quantity: int
    unit_price_fen: int
    delivered_qty: int


@dataclass(frozen=True)
class DeliveredKey:
    id: int
    line_id: int
    sku: str
    card_no: str | None
    masked_secret: str


@dataclass(frozen=True)
class PaymentView:
    method: str
    trade_no: str
    amount_fen: int
    at: datetime


@dataclass(frozen=True)
class RecalledKey:
    """A key the order was given and that was taken back (a cancellation): `went` is the key event that moved it
    (restocked: back on sale; recalled: held for a check; void)."""

    id: int
    sku: str
    card_no: str | None
    masked_secret: str
    went: str
    at: datetime


@dataclass(frozen=True)
class RefundView:
    destination: str  # wallet / external
    amount_fen: int  # positive: what went back
    at: datetime
    case_id: int | None


RECALL_EVENTS = ("restocked", "recalled", "void")


@dataclass(frozen=True)
class EventView:
    kind: str
    actor: str
    at: datetime
    note: str


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    customer_id: int
    customer_name: str
    source: str
    external_id: str | None
    status: str
    payment_status: str
    total_fen: int
    paid_fen: int
    refunded_fen: int
    created_at: datetime
    pay_deadline: datetime | None
    paid_at: datetime | None
    delivered_at: datetime | None
    closed_at: datetime | None
    lines: tuple[LineView, ...]
    delivered_keys: tuple[DeliveredKey, ...]
    payments: tuple[PaymentView, ...]
    events: tuple[EventView, ...] = ()
    recalled_keys: tuple[RecalledKey, ...] = ()
    refunds: tuple[RefundView, ...] = ()


def load_order_view(session: Session, order_id: int, *, with_events: bool = False) -> OrderView:
    row = session.execute(
        select(Order, Customer.name).join(Customer, Customer.id == Order.customer_id).where(Order.id == order_id)
    ).first()
    if row is None:
        raise NotFound("order.not_found/load_order_view", order=order_id)
    order, customer_name = row
    lines = tuple(
        LineView(line.id, p.id, p.sku, p.name, line.quantity, line.unit_price_fen, line.delivered_qty)
        for line, p in session.execute(
            select(OrderLine, Product)
            .join(Product, Product.id == OrderLine.product_id)
            .where(OrderLine.order_id == order_id)
            .order_by(OrderLine.id)
        )
    )
    sku_of = {line.id: line.sku for line in lines}
    keys = [
        DeliveredKey(k.id, k.order_line_id, sku_of[k.order_line_id], k.card_no, mask(k.secret_tail))
        for k in session.execute(
            select(CardKey)
            .where(CardKey.order_line_id.in_([line.id for line in lines]), CardKey.status == "delivered")
            .order_by(CardKey.id)
        ).scalars()
    ]
    reusable_lines = [line for line in lines if line.delivered_qty and not any(k.line_id == line.id for k in keys)]
    for line in reusable_lines:
        key = session.execute(
            select(CardKey)
            .join(KeyEvent, KeyEvent.key_id == CardKey.id)
            .where(KeyEvent.order_id == order_id, KeyEvent.kind == "delivered", CardKey.product_id == line.product_id)
            .limit(1)
        ).scalar_one_or_none()
        if key is not None:
            keys.append(DeliveredKey(key.id, line.id, line.sku, key.card_no, mask(key.secret_tail)))
    payments = tuple(
        PaymentView(p.method, p.trade_no, p.amount_fen, p.at)
        for p in session.execute(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id)).scalars()
    )
    delivered_ids = {k.id for k in keys}
    recalled: dict[int, RecalledKey] = {}
    for key, event in session.execute(
        select(CardKey, KeyEvent)
        .join(KeyEvent, KeyEvent.key_id == CardKey.id)
        .where(KeyEvent.order_id == order_id, KeyEvent.kind.in_(RECALL_EVENTS))
        .order_by(KeyEvent.id)
    ):
        if key.id in delivered_ids:
            continue  # given again since (a replacement): it is the order's now
        sku = next((ln.sku for ln in lines if ln.product_id == key.product_id), "")
        recalled[key.id] = RecalledKey(key.id, sku, key.card_no, mask(key.secret_tail), event.kind, event.at)
    refund_rows = tuple(
        RefundView(r.destination, r.amount_fen, r.at, r.case_id)
        for r in session.execute(select(Refund).where(Refund.order_id == order_id).order_by(Refund.id)).scalars()
    )
    events: tuple[EventView, ...] = ()
    if with_events:
        events = tuple(
            EventView(e.kind, e.actor, e.at, e.note)
            for e in session.execute(
                select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.id)
            ).scalars()
        )
    return OrderView(
        order.id,
        order.number,
        order.customer_id,
        customer_name,
        order.source,
        order.external_id,
        order.status,
        order.payment_status,
        order.total_fen,
        order.paid_fen,
        order.refunded_fen,
        order.created_at,
        order.pay_deadline,
        order.paid_at,
        order.delivered_at,
        order.closed_at,
        lines,
        tuple(keys),
        payments,
        events,
        tuple(recalled.values()),
        refund_rows,
    )

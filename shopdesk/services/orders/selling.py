"""Orders: create (reserving keys), pay, deliver atomically, wait for stock, close when unpaid.

Every status change is `UPDATE ... WHERE status = :expected` with the row count checked, inside the
transaction that writes it, so two desktops or two callbacks can never both win.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from shopdesk.db.models import (
    CardKey,
    Customer,
    KeyEvent,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Product,
    Refund,
    UnmatchedPayment,
)
from shopdesk.services.common import audit, clock, settings
from shopdesk.services.common import outbox as changefeed
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, PaymentRefused
from shopdesk.services.common.keystore import vault_of
from shopdesk.services.common.money import MAX_FEN, format_yuan
from shopdesk.services.money import ledger
from shopdesk.services.orders.detail import OrderView, load_order_view

MAX_QTY_PER_LINE = 10_000
MAX_LINES = 100
PAYABLE_METHODS = ("wallet", "external", "alipay", "wechat", "bank", "cash")


@dataclass(frozen=True)
class PayResult:
    order: OrderView
    replayed: bool


@dataclass(frozen=True)
class PaymentOutcome:
    """What a payment did, without the full order view (the hot path's result)."""

    order_id: int
    status: str
    payment_status: str
    delivered: int
    replayed: bool


# --- the hot path's statements, built once -------------------------------------------------------
# Delivery runs for every order: these are plain Core statements on the tables with bound parameters,
# so each call skips statement construction, cache-key generation and the ORM's bulk-DML layer.

_orders, _lines, _keys = Order.__table__, OrderLine.__table__, CardKey.__table__
_payments, _customers = Payment.__table__, Customer.__table__

_CUSTOMER_EXISTS = select(_customers.c.id).where(_customers.c.id == bindparam("b_id"))
_PRODUCT_BY_SKU = select(Product).where(Product.sku == bindparam("b_sku"))
_INSERT_ORDER = insert(_orders).returning(_orders.c.id)
_SET_ORDER_NUMBER = update(_orders).where(_orders.c.id == bindparam("b_id")).values(number=bindparam("b_number"))
_INSERT_LINE = insert(_lines).returning(_lines.c.id)
_PAYMENT_BY_TRADE_NO = select(_payments.c.order_id, _payments.c.amount_fen).where(
    _payments.c.trade_no == bindparam("b_trade_no")
)
_INSERT_PAYMENT = insert(_payments)
_LINES_WITH_PRODUCTS = (
    select(_lines.c.id, _lines.c.quantity, _lines.c.delivered_qty, Product.id.label("product_id"), Product.kind)
    .join(Product, Product.id == OrderLine.product_id)
    .where(OrderLine.order_id == bindparam("b_order"))
    .order_by(OrderLine.id)
)
_SET_DELIVERED_QTY = (
    update(_lines)
    .where(_lines.c.id == bindparam("b_id"), _lines.c.delivered_qty == bindparam("b_was"))
    .values(delivered_qty=bindparam("b_now"))
)
# A key past its expiry is never sold, even before the hourly sweep marks it expired.
_AVAILABLE_KEYS = (
    select(_keys.c.id, _keys.c.secret_enc, _keys.c.secret_hash, _keys.c.product_id)
    .where(
        _keys.c.product_id == bindparam("b_product"),
        _keys.c.status == "available",
        or_(_keys.c.expires_at.is_(None), _keys.c.expires_at > bindparam("b_now")),
    )
    .order_by(_keys.c.id)
    .limit(bindparam("b_limit"))
)
_HELD_KEYS = select(_keys.c.id, _keys.c.secret_enc, _keys.c.secret_hash, _keys.c.product_id).where(
    _keys.c.order_line_id == bindparam("b_line"), _keys.c.status == "reserved"
)
_MOVE_KEYS = (
    update(_keys)
    .where(_keys.c.id.in_(bindparam("b_ids", expanding=True)), _keys.c.status == bindparam("b_expected"))
    .values(status=bindparam("b_new"), order_line_id=bindparam("b_line"), status_changed_at=bindparam("b_at"))
    .returning(_keys.c.id)
)
_MOVE_KEYS_OF_PRODUCT = _MOVE_KEYS.where(_keys.c.product_id == bindparam("b_product"))
_INSERT_KEY_EVENTS = insert(KeyEvent.__table__)
_INSERT_ORDER_EVENT = insert(OrderEvent.__table__)


_ORDER_STATE = select(
    _orders.c.id,
    _orders.c.number,
    _orders.c.customer_id,
    _orders.c.status,
    _orders.c.payment_status,
    _orders.c.total_fen,
).where(_orders.c.id == bindparam("b_id"))


@dataclass
class _OrderState:
    """The columns the payment path needs, read with one Core query (no ORM identity bookkeeping)."""

    id: int
    number: str
    customer_id: int
    status: str
    payment_status: str
    total_fen: int


def _order_state(session: Session, order_id: int) -> _OrderState | None:
    row = session.connection().execute(_ORDER_STATE, {"b_id": order_id}).first()
    return _OrderState(*row) if row else None


@functools.cache
def _transition_statement(columns: tuple[str, ...]):
    return (
        update(_orders)
        .where(_orders.c.id == bindparam("b_id"), _orders.c.status == bindparam("b_expected"))
        .values(
            status=bindparam("b_new"),
            updated_at=bindparam("b_at"),
            **{column: bindparam(f"b_{column}") for column in columns},
        )
    )


def create_order(
    session: Session,
    customer_id: int,
    lines: Sequence[tuple[str, int]],
    *,
    actor: str,
    source: str = "desk",
    external_id: str | None = None,
    note: str = "",
) -> OrderView:
    """A new unpaid order; its keys are held until payment or until the unpaid timeout closes it."""
    if session.connection().execute(_CUSTOMER_EXISTS, {"b_id": customer_id}).first() is None:
        raise NotFound(f"No customer with id {customer_id}. `shopdesk customer add` creates one.", field="customer")
    if not lines:
        raise InvalidInput("An order needs at least one line (a SKU and a quantity).", field="lines")
    if len(lines) > MAX_LINES:
        raise InvalidInput(f"An order has at most {MAX_LINES} lines.", field="lines")
    resolved: list[tuple[Product, int]] = []
    for n, (sku, qty) in enumerate(lines, start=1):
        if isinstance(qty, bool) or not isinstance(qty, int) or not 1 <= qty <= MAX_QTY_PER_LINE:
            raise InvalidInput(
                f"Line {n} ({sku}): quantity must be a whole number from 1 to {MAX_QTY_PER_LINE}, got {qty!r}.",
                field="quantity",
            )
        product = session.execute(_PRODUCT_BY_SKU, {"b_sku": str(sku).strip()}).scalar_one_or_none()
        if product is None:
            raise NotFound(f"Line {n}: unknown SKU {sku!r}. `shopdesk product list` shows the SKUs.", field="sku")
        if not product.active:
            raise Conflict(f"Line {n}: {product.sku} is not on sale (inactive).", field="sku")
        resolved.append((product, qty))
    if external_id is not None:
        taken = session.execute(
            select(Order.id).where(Order.source == source, Order.external_id == external_id)
        ).scalar_one_or_none()
        if taken is not None:
            raise Conflict(f"Order {external_id} from {source} already exists (id {taken}).", field="external_id")

    now = clock.now()
    timeout = settings.get_int(session, "orders.pay_timeout_minutes", 15)
    total = sum(p.price_fen * q for p, q in resolved)
    if total > MAX_FEN:
        raise InvalidInput(f"The order's total {format_yuan(total)} is too large; split it.", field="lines")
    order_id = session.execute(
        _INSERT_ORDER,
        {
            "number": f"tmp-{uuid.uuid4().hex}",
            "customer_id": customer_id,
            "source": source,
            "external_id": external_id,
            "status": "pending_payment",
            "payment_status": "unpaid",
            "total_fen": total,
            "paid_fen": 0,
            "refunded_fen": 0,
            "note": note,
            "created_at": now,
            "pay_deadline": now + timedelta(minutes=timeout),
            "updated_at": now,
        },
    ).scalar_one()
    session.connection().execute(_SET_ORDER_NUMBER, {"b_id": order_id, "b_number": f"SD{now:%Y%m%d}{order_id:06d}"})
    for product, qty in resolved:
        line_id = session.execute(
            _INSERT_LINE,
            {
                "order_id": order_id,
                "product_id": product.id,
                "quantity": qty,
                "unit_price_fen": product.price_fen,
                "delivered_qty": 0,
            },
        ).scalar_one()
        if product.kind != "reusable":
            _take_keys(session, product.id, line_id, order_id, qty, to_status="reserved", actor=actor)
    _event(session, order_id, "created", actor, f"total {format_yuan(total)}")
    changefeed.emit(session, "order", order_id)
    changefeed.emit_many(session, "stock", (p.id for p, _ in resolved))
    return load_order_view(session, order_id)


def pay_order(
    session: Session,
    order_id: int,
    *,
    method: str,
    actor: str,
    trade_no: str | None = None,
    amount_fen: int | None = None,
) -> PayResult:
    """Record the payment and deliver at once, then return the order as it now stands.

    A repeated callback (same trade number) changes nothing and returns the order with replayed=True.
    """
    outcome = record_payment(session, order_id, method=method, actor=actor, trade_no=trade_no, amount_fen=amount_fen)
    return PayResult(load_order_view(session, order_id), replayed=outcome.replayed)


def record_payment(
    session: Session,
    order_id: int,
    *,
    method: str,
    actor: str,
    trade_no: str | None = None,
    amount_fen: int | None = None,
) -> PaymentOutcome:
    """The payment transaction itself: guarded transition, ledger entry, payment row, delivery."""
    if method not in PAYABLE_METHODS:
        raise InvalidInput(f"Payment method {method!r} is unknown; use one of {', '.join(PAYABLE_METHODS)}.")
    order = _order_state(session, order_id)
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    if method == "wallet":
        trade_no = trade_no or f"wallet-{order.number}"
    elif not trade_no or not trade_no.strip():
        raise InvalidInput("An external payment needs the gateway's trade number (--trade-no).", field="trade_no")
    trade_no = trade_no.strip()
    check_trade_no(trade_no)

    prior = session.connection().execute(_PAYMENT_BY_TRADE_NO, {"b_trade_no": trade_no}).first()
    if prior is not None:
        if prior.order_id != order_id:
            raise Conflict(
                f"Trade number {trade_no} already paid order {prior.order_id}, not order {order_id}. "
                "Check the callback: each gateway trade number pays one order.",
                field="trade_no",
            )
        if amount_fen is not None and amount_fen != prior.amount_fen:
            raise Conflict(
                f"Trade number {trade_no} was recorded for {format_yuan(prior.amount_fen)}, "
                f"not {format_yuan(amount_fen)}.",
                field="amount",
            )
        return PaymentOutcome(order_id, order.status, order.payment_status, 0, replayed=True)

    amount = order.total_fen if amount_fen is None else amount_fen
    if order.payment_status != "unpaid" or order.status != "pending_payment":
        _refuse_payment(session, order, method=method, trade_no=trade_no, amount=amount)
    if amount != order.total_fen:
        raise InvalidInput(
            f"Payment of {format_yuan(amount)} does not match order {order.number}'s total "
            f"{format_yuan(order.total_fen)}.",
            field="amount",
        )

    now = clock.now()
    _transition(session, order, "pending_payment", "paid", payment_status="paid", paid_fen=amount, paid_at=now)
    source = ledger.wallet_code(order.customer_id) if method == "wallet" else "clearing"
    entry = ledger.post(
        session,
        kind="sale",
        postings=[(source, -amount), ("revenue", amount)],
        idempotency_key=f"payment:{trade_no}",
        actor=actor,
        order_id=order_id,
        memo=f"order {order.number} paid by {method}",
    )
    session.execute(
        _INSERT_PAYMENT,
        {
            "order_id": order_id,
            "method": method,
            "trade_no": trade_no,
            "amount_fen": amount,
            "entry_id": entry.entry_id,
            "at": now,
        },
    )
    _event(session, order_id, "paid", actor, f"{method} {trade_no} {format_yuan(amount)}")
    delivered = deliver(session, order_id, actor=actor, _state=order)
    return PaymentOutcome(order_id, order.status, order.payment_status, delivered, replayed=False)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def check_trade_no(trade_no: str) -> None:
    """A gateway trade number is printable text of at most 100 characters (it is shown, exported and matched)."""
    if len(trade_no) > 100:
        raise InvalidInput("The trade number is longer than 100 characters.", field="trade_no")
    if _CONTROL.search(trade_no):
        raise InvalidInput(
            "The trade number holds control or invisible characters; send it as the gateway printed it.",
            field="trade_no",
        )


def _refuse_payment(session: Session, order: _OrderState, *, method: str, trade_no: str, amount: int) -> None:
    """A payment the order cannot take: already paid, or closed. Gateway money of the order's exact total is real
    money the customer paid (twice, or late) and is flagged for refund; any other amount is refused outright, so
    nobody can fill the refund queue with made-up payments."""
    if method == "wallet":
        raise Conflict(
            f"Order {order.number} is {order.status}/{order.payment_status} and cannot take a wallet payment.",
            field="order",
        )
    if amount != order.total_fen:
        raise InvalidInput(
            f"Payment of {format_yuan(amount)} for order {order.number} was refused: the order is "
            f"{order.status}, and a payment for it is only recorded (for a refund) when it is the order's total "
            f"{format_yuan(order.total_fen)}. Nothing was written.",
            field="amount",
        )
    if order.payment_status != "unpaid":
        taken = session.execute(select(Payment.trade_no).where(Payment.order_id == order.id)).scalars().first()
        raise PaymentRefused(
            f"Order {order.number} is already paid (trade number {taken}); the second payment {trade_no} is flagged "
            "for refund. Refund it at the gateway.",
            order_id=order.id,
            trade_no=trade_no,
            method=method,
            amount_fen=amount,
            reason="already paid",
            field="trade_no",
        )
    raise PaymentRefused(
        f"Order {order.number} is {order.status} and cannot take a payment. Refund trade {trade_no} at the gateway, "
        "or create a new order. The payment is flagged for refund.",
        order_id=order.id,
        trade_no=trade_no,
        method=method,
        amount_fen=amount,
        reason=f"order {order.status}",
    )


def flag_unmatched_payment(session: Session, refused: PaymentRefused, *, actor: str) -> int:
    """Record money a gateway took for an order that cannot keep it, so it is refunded rather than lost.

    Idempotent by trade number: a repeated callback does not flag twice. Returns the flag's id."""
    found = session.execute(
        select(UnmatchedPayment.id, UnmatchedPayment.order_id).where(UnmatchedPayment.trade_no == refused.trade_no)
    ).first()
    if found is not None:
        if found.order_id != refused.order_id:
            raise Conflict(
                f"Trade number {refused.trade_no} is already flagged for order {found.order_id}, not order "
                f"{refused.order_id}: each gateway trade number belongs to one order.",
                field="trade_no",
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
    _event(
        session,
        refused.order_id,
        "payment_refused",
        actor,
        f"{refused.method} {refused.trade_no} {format_yuan(refused.amount_fen)}: flagged for refund",
    )
    changefeed.emit(session, "order", refused.order_id)
    changefeed.emit(session, "payment_issue", flag_id)
    return flag_id


def deliver(session: Session, order_id: int, *, actor: str, _state: _OrderState | None = None) -> int:
    """Hand over every key the order still lacks; returns how many were delivered now.

    Reserved keys become delivered first, then available ones are taken by guarded UPDATE. Short
    stock leaves the order in awaiting_stock, to be filled by `fill_awaiting`.
    """
    order = _state or _order_state(session, order_id)
    if order is None or order.status not in ("paid", "awaiting_stock"):
        return 0
    delivered_now = 0
    complete = True
    touched: set[int] = set()
    for line_id, quantity, delivered_qty, product_id, kind in (
        session.connection().execute(_LINES_WITH_PRODUCTS, {"b_order": order_id}).all()
    ):
        need = quantity - delivered_qty
        if need <= 0:
            continue
        if kind == "reusable":
            got = _deliver_reusable(session, product_id, order_id, need, actor)
        else:
            got = _promote_reserved(session, line_id, order_id, actor)
            if got < need:
                got += _take_keys(
                    session, product_id, line_id, order_id, need - got, to_status="delivered", actor=actor
                )
        if got:
            session.connection().execute(
                _SET_DELIVERED_QTY, {"b_id": line_id, "b_was": delivered_qty, "b_now": delivered_qty + got}
            )
            delivered_now += got
            touched.add(product_id)
        if delivered_qty + got < quantity:
            complete = False
    now = clock.now()
    if complete:
        _transition(session, order, order.status, "delivered", delivered_at=now)
        _event(session, order_id, "delivered", actor, f"{delivered_now} key(s)")
    elif order.status == "paid":
        _transition(session, order, "paid", "awaiting_stock")
        _event(session, order_id, "awaiting_stock", actor, f"{delivered_now} key(s) delivered, waiting for stock")
    elif delivered_now:
        _event(session, order_id, "partly_delivered", actor, f"{delivered_now} more key(s)")
    if delivered_now or not complete:
        changefeed.emit(session, "order", order_id)
    changefeed.emit_many(session, "stock", touched)
    return delivered_now


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


def close_expired(session: Session, *, actor: str = "system") -> list[int]:
    """Close unpaid orders past their payment deadline and release the keys they held."""
    due = (
        session.execute(select(Order).where(Order.status == "pending_payment", Order.pay_deadline <= clock.now()))
        .scalars()
        .all()
    )
    for order in due:
        close_order(session, order.id, actor=actor, reason="unpaid timeout", _order=order)
    return [o.id for o in due]


def close_order(session: Session, order_id: int, *, actor: str, reason: str, _order: Order | None = None) -> OrderView:
    """Close an unpaid order (timeout, or cancelled before payment) and release its held keys."""
    order = _order or session.get(Order, order_id)
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    _transition(session, order, "pending_payment", "closed", closed_at=clock.now())
    line_ids = select(OrderLine.id).where(OrderLine.order_id == order_id)
    held = session.execute(
        select(CardKey.id, CardKey.product_id).where(CardKey.order_line_id.in_(line_ids), CardKey.status == "reserved")
    ).all()
    if held:
        _set_keys(session, [k for k, _ in held], "reserved", "available", line_id=None)
        _key_events(session, [k for k, _ in held], "released", actor, order_id, reason)
    _event(session, order_id, "closed", actor, reason)
    changefeed.emit(session, "order", order_id)
    changefeed.emit_many(session, "stock", {p for _, p in held})
    return load_order_view(session, order_id)


def refund_unfilled(session: Session, order_id: int, *, destination: str, actor: str) -> OrderView:
    """Give the money back for a paid order that got no key (it was waiting for stock) and cancel it.

    `destination` is "wallet" (credited at once) or "external" (the refund is made at the gateway and
    recorded here). Idempotent: the refund entry's key is derived from the order."""
    if destination not in ("wallet", "external"):
        raise InvalidInput("Refund to the customer's wallet or externally (at the gateway).", field="destination")
    order = _order_state(session, order_id)
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    if order.status != "awaiting_stock":
        raise Conflict(
            f"Order {order.number} is {order.status}; only orders waiting for stock are refunded here. "
            "Other cancellations go through the after-sales desk.",
            field="status",
        )
    delivered = session.execute(
        select(func.coalesce(func.sum(OrderLine.delivered_qty), 0)).where(OrderLine.order_id == order_id)
    ).scalar_one()
    if delivered:
        raise Conflict(
            f"Order {order.number} already has {delivered} key(s) delivered; open an after-sales case "
            "to recall them and refund.",
            field="status",
        )
    paid = session.execute(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id)).scalars().first()
    amount = paid.amount_fen
    now = clock.now()
    _transition(
        session, order, "awaiting_stock", "cancelled", payment_status="refunded", refunded_fen=amount, closed_at=now
    )
    target = ledger.wallet_code(order.customer_id) if destination == "wallet" else "clearing"
    entry = ledger.post(
        session,
        kind="refund",
        postings=[(target, amount), ("refunds", -amount)],
        idempotency_key=f"refund:order:{order_id}",
        actor=actor,
        order_id=order_id,
        memo=f"order {order.number} refunded ({destination}): no stock",
    )
    session.execute(
        insert(Refund).values(
            order_id=order_id,
            payment_id=paid.id,
            case_id=None,
            destination=destination,
            amount_fen=amount,
            entry_id=entry.entry_id,
            at=now,
        )
    )
    _event(session, order_id, "refunded", actor, f"{format_yuan(amount)} to {destination}: no stock")
    changefeed.emit(session, "order", order_id)
    return load_order_view(session, order_id)


def complete_order(session: Session, order_id: int, *, actor: str) -> OrderView:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"No order with id {order_id}.", field="order")
    _transition(session, order, "delivered", "completed")
    _event(session, order_id, "completed", actor, "")
    changefeed.emit(session, "order", order_id)
    return load_order_view(session, order_id)


# --- internals ---------------------------------------------------------------------------------


def _transition(session: Session, order: Order | _OrderState, expected: str, new: str, **values) -> None:
    now = clock.now()
    params = {"b_id": order.id, "b_expected": expected, "b_new": new, "b_at": now}
    params.update({f"b_{column}": value for column, value in values.items()})
    result = session.connection().execute(_transition_statement(tuple(sorted(values))), params)
    if result.rowcount != 1:
        current = _order_state(session, order.id)
        raise Conflict(
            f"Order {order.number} is {current.status if current else 'gone'}, not {expected}; it cannot become "
            f"{new}. Reload the order and try again.",
            field="status",
        )
    written = {"status": new, "updated_at": now, **values}
    if isinstance(order, _OrderState):
        for key, value in written.items():
            if hasattr(order, key):
                setattr(order, key, value)
    # Mirror what the UPDATE wrote into any ORM copy of the order held by this session, without marking
    # it dirty (a flush would write it all again, or a stale copy would be read back later).
    loaded = order if isinstance(order, Order) else session.identity_map.get(session.identity_key(Order, order.id))
    if loaded is not None:
        for key, value in written.items():
            set_committed_value(loaded, key, value)


def _take_keys(
    session: Session, product_id: int, line_id: int, order_id: int, qty: int, *, to_status: str, actor: str
) -> int:
    """Move up to `qty` available keys of the product to this line; returns how many it got.

    Every key is opened before it is handed over: one whose secret is damaged is quarantined, never sold."""
    taken: list[int] = []
    while len(taken) < qty:
        want = qty - len(taken)
        rows = (
            session.connection()
            .execute(_AVAILABLE_KEYS, {"b_product": product_id, "b_limit": want, "b_now": clock.now()})
            .all()
        )
        if not rows:
            break
        candidates = _sound(session, rows, "available", order_id)
        if not candidates:
            continue
        got = _set_keys(session, candidates, "available", to_status, line_id=line_id, product_id=product_id)
        taken.extend(got)
    if taken:
        _key_events(session, taken, to_status, actor, order_id, "")
    return len(taken)


def _promote_reserved(session: Session, line_id: int, order_id: int, actor: str) -> int:
    rows = session.connection().execute(_HELD_KEYS, {"b_line": line_id}).all()
    held = _sound(session, rows, "reserved", order_id) if rows else []
    if not held:
        return 0
    got = _set_keys(session, held, "reserved", "delivered", line_id=line_id)
    _key_events(session, got, "delivered", actor, order_id, "")
    return len(got)


def _deliver_reusable(session: Session, product_id: int, order_id: int, need: int, actor: str) -> int:
    rows = (
        session.connection()
        .execute(_AVAILABLE_KEYS, {"b_product": product_id, "b_limit": 1, "b_now": clock.now()})
        .all()
    )
    sound = _sound(session, rows, "available", order_id) if rows else []
    if not sound:
        return 0
    key_id = sound[0]
    _key_events(session, [key_id], "delivered", actor, order_id, f"reusable x{need}")
    return need


def _sound(session: Session, rows, status: str, order_id: int) -> list[int]:
    """The ids of the keys whose secret opens and matches its hash; the others are quarantined."""
    vault = vault_of(session)
    good, damaged = [], []
    for key_id, blob, digest, product_id in rows:
        (good if vault.secret_opens(blob, digest, product_id) else damaged).append((key_id, product_id))
    if damaged:
        quarantine(session, damaged, expected=status, order_id=order_id)
    return [k for k, _ in good]


def quarantine(session: Session, keys: Sequence[tuple[int, int]], *, expected: str, order_id: int | None) -> int:
    """Take keys whose secret does not open out of sale (void, reason damaged), with a key event and an alert."""
    ids = [k for k, _ in keys]
    moved = (
        session.connection()
        .execute(
            update(_keys)
            .where(_keys.c.id.in_(ids), _keys.c.status == expected)
            .values(status="void", order_line_id=None, status_changed_at=clock.now())
            .returning(_keys.c.id)
        )
        .scalars()
        .all()
    )
    if not moved:
        return 0
    _key_events(session, moved, "quarantined", "system", order_id, "damaged: the secret does not open")
    products = sorted({p for k, p in keys if k in set(moved)})
    audit.record(session, actor="system", action="key.quarantined", subject="keys", keys=list(moved), order=order_id)
    changefeed.emit_many(session, "stock", products)
    changefeed.emit_many(session, "key", moved)
    changefeed.emit_many(session, "alert", products)
    return len(moved)


def _set_keys(
    session: Session, ids: Sequence[int], expected: str, new: str, *, line_id: int | None, product_id: int | None = None
) -> list[int]:
    """Guarded key transition; returns the ids that really moved (others were taken meanwhile)."""
    params = {"b_ids": list(ids), "b_expected": expected, "b_new": new, "b_line": line_id, "b_at": clock.now()}
    if product_id is None:
        return list(session.connection().execute(_MOVE_KEYS, params).scalars().all())
    params["b_product"] = product_id
    return list(session.connection().execute(_MOVE_KEYS_OF_PRODUCT, params).scalars().all())


def _key_events(session: Session, ids: Sequence[int], kind: str, actor: str, order_id: int | None, note: str) -> None:
    at = clock.now()
    session.execute(
        _INSERT_KEY_EVENTS,
        [
            {"key_id": k, "kind": kind, "actor": actor, "order_id": order_id, "case_id": None, "at": at, "note": note}
            for k in ids
        ],
    )


def order_event(session: Session, order_id: int, kind: str, actor: str, note: str) -> None:
    """Append a line to the order's timeline."""
    _event(session, order_id, kind, actor, note)


def _event(session: Session, order_id: int, kind: str, actor: str, note: str) -> None:
    session.execute(
        _INSERT_ORDER_EVENT, {"order_id": order_id, "kind": kind, "actor": actor, "at": clock.now(), "note": note}
    )


def count_by_status(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())

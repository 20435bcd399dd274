"""Selling: an order is placed (its keys held), paid (and delivered at once), closed when unpaid, completed.

A payment a gateway took for an order that cannot keep it is refused with PaymentRefused; the caller flags it for
refund (`flagged.flag_unmatched_payment`) so the money is not lost.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.locks import serialize
from shopdesk.db.models import Customer, Order, OrderLine, Payment, Product
from shopdesk.db.queries import driver
from shopdesk.services.common import access, clock, notes, outbox, settings
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, PaymentRefused
from shopdesk.services.common.money import MAX_FEN, format_yuan
from shopdesk.services.inventory import keys
from shopdesk.services.money import ledger
from shopdesk.services.orders import delivery
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.orders.state import OrderState, order_event, order_state, transition

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
# Payment runs for every order: plain Core statements with bound parameters, so each call skips statement
# construction, cache-key generation and the ORM's bulk-DML layer.

_orders, _lines, _payments, _customers = Order.__table__, OrderLine.__table__, Payment.__table__, Customer.__table__

_CUSTOMER_EXISTS = select(_customers.c.id).where(_customers.c.id == bindparam("b_id"))
_PRODUCT_BY_SKU = select(Product).where(Product.sku == bindparam("b_sku"))
_INSERT_ORDER = insert(_orders).returning(_orders.c.id)
_SET_ORDER_NUMBER = update(_orders).where(_orders.c.id == bindparam("b_id")).values(number=bindparam("b_number"))
_INSERT_LINE = insert(_lines).returning(_lines.c.id)
# The payment's own statements, on the driver's cursor (db.queries.Driver).
_PAYMENT_BY_TRADE_NO = "SELECT order_id, amount_fen FROM payment WHERE trade_no = ?"
_FLAG_BY_TRADE_NO = "SELECT id, order_id FROM unmatched_payment WHERE trade_no = ?"
_INSERT_PAYMENT = "INSERT INTO payment (order_id, method, trade_no, amount_fen, entry_id, at) VALUES (?, ?, ?, ?, ?, ?)"


@access.needs("orders.sell")
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
        raise NotFound("customer.not_found/create_order", customer=customer_id)
    if not lines:
        raise InvalidInput("order.lines_missing")
    if len(lines) > MAX_LINES:
        raise InvalidInput("order.too_many_lines", most=MAX_LINES)
    resolved: list[tuple[Product, int]] = []
    for n, (sku, qty) in enumerate(lines, start=1):
        if isinstance(qty, bool) or not isinstance(qty, int) or not 1 <= qty <= MAX_QTY_PER_LINE:
            raise InvalidInput("order.quantity_range", line=n, sku=sku, most=MAX_QTY_PER_LINE, got=repr(qty))
        product = session.execute(_PRODUCT_BY_SKU, {"b_sku": str(sku).strip()}).scalar_one_or_none()
        if product is None:
            raise NotFound("product.sku_unknown/create_order", line=n, sku=repr(sku))
        if not product.active:
            raise Conflict("product.inactive", line=n, sku=product.sku)
        resolved.append((product, qty))
    if external_id is not None:
        taken = session.execute(
            select(Order.id).where(Order.source == source, Order.external_id == external_id)
        ).scalar_one_or_none()
        if taken is not None:
            raise Conflict("order.external_id_taken", external_id=external_id, source=source, order=taken)

    now = clock.now()
    timeout = settings.value(session, "orders.pay_timeout_minutes")
    total = sum(p.price_fen * q for p, q in resolved)
    if total > MAX_FEN:
        raise InvalidInput("order.total_too_large", total=format_yuan(total))
    order_id = session.execute(
        _INSERT_ORDER,
        {
            "number": f"tmp-{uuid.uuid4().hex[:28]}",  # orders.number is VARCHAR(32)
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
            keys.take(session, product.id, line_id, order_id, qty, to="reserved", actor=actor)
    order_event(session, order_id, "created", actor, notes.coded("order.total", total=format_yuan(total)))
    outbox.emit_each(session, [("order", order_id), *(("stock", p.id) for p, _ in resolved)])
    return load_order_view(session, order_id)


@access.needs("orders.sell")
def pay_order(session: Session, order_id: int, **payment) -> PayResult:
    """Record the payment (the arguments of `record_payment`) and deliver at once; return the order as it now stands.

    A repeated callback (same trade number) changes nothing and returns the order with replayed=True.
    """
    outcome = record_payment(session, order_id, **payment)
    return PayResult(load_order_view(session, order_id), replayed=outcome.replayed)


def record_payment(
    session: Session,
    order_id: int,
    *,
    method: str,
    actor: str,
    trade_no: str | None = None,
    amount_fen: int | None = None,
    consuming_flag: int | None = None,
) -> PaymentOutcome:
    """The payment transaction itself: guarded transition, ledger entry, payment row, delivery.

    A trade number flagged for refund on another order (money a closed or paid order could not keep) pays no other
    order: that money is the flagged order's, to refund or to deliver from the payment inbox, which passes the flag
    it turns into this payment as `consuming_flag`."""
    if method not in PAYABLE_METHODS:
        raise InvalidInput("payment.method_unknown", method=repr(method), choices=", ".join(PAYABLE_METHODS))
    if method != "wallet" and (not trade_no or not trade_no.strip()):
        raise InvalidInput("payment.trade_no_missing/record_payment")
    if trade_no:
        trade_no = trade_no.strip()
        check_trade_no(trade_no)
        # A repeated callback racing the first one (another process, another desktop) waits for it, then replays.
        serialize(session, "payment", trade_no)
    order = order_state(session, order_id, lock=True)
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    if method == "wallet" and not trade_no:
        trade_no = f"wallet-{order.number}"

    session.flush()  # what the ORM holds back goes first (the statements below bypass its autoflush)
    db = driver(session)
    prior = db.run(_PAYMENT_BY_TRADE_NO, (trade_no,)).fetchone()
    if prior is not None:
        paid_order, recorded = prior
        if paid_order != order_id:
            raise Conflict(
                "payment.trade_no_taken/record_payment", trade=trade_no, paid_order=paid_order, order=order_id
            )
        if amount_fen is not None and amount_fen != recorded:
            raise Conflict(
                "payment.amount_mismatch/trade",
                trade=trade_no,
                recorded=format_yuan(recorded),
                amount=format_yuan(amount_fen),
            )
        return PaymentOutcome(order_id, order.status, order.payment_status, 0, replayed=True)
    if method != "wallet":
        flag = db.run(_FLAG_BY_TRADE_NO, (trade_no,)).fetchone()
        if flag is not None and flag[0] != consuming_flag and flag[1] != order_id:
            raise Conflict(
                "payment.trade_no_taken/flag_unmatched_payment",
                trade=trade_no,
                flagged_order=flag[1],
                order=order_id,
            )

    amount = order.total_fen if amount_fen is None else amount_fen
    if order.payment_status != "unpaid" or order.status != "pending_payment":
        _refuse_payment(session, order, method=method, trade_no=trade_no, amount=amount)
    if amount != order.total_fen:
        raise InvalidInput(
            "payment.amount_mismatch/total",
            amount=format_yuan(amount),
            number=order.number,
            total=format_yuan(order.total_fen),
        )

    now = clock.now()
    transition(session, order, "pending_payment", "paid", payment_status="paid", paid_fen=amount, paid_at=now)
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
    db.run(_INSERT_PAYMENT, (order_id, method, trade_no, amount, entry.entry_id, db.at(now)))
    order_event(
        session,
        order_id,
        "paid",
        actor,
        notes.coded("order.payment", method=method, trade_no=trade_no or "", amount=format_yuan(amount)),
    )
    delivered = delivery.deliver(session, order_id, actor=actor, _state=order)
    return PaymentOutcome(order_id, order.status, order.payment_status, delivered, replayed=False)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def check_trade_no(trade_no: str) -> None:
    """A gateway trade number is printable text of at most 100 characters (it is shown, exported and matched)."""
    if len(trade_no) > 100:
        raise InvalidInput("payment.trade_no_too_long")
    if _CONTROL.search(trade_no):
        raise InvalidInput("payment.trade_no_invalid")


def _refuse_payment(session: Session, order: OrderState, *, method: str, trade_no: str, amount: int) -> None:
    """A payment the order cannot take: already paid, or closed. Gateway money of the order's exact total is real
    money the customer paid (twice, or late) and is flagged for refund; any other amount is refused outright, so
    nobody can fill the refund queue with made-up payments."""
    if method == "wallet":
        raise Conflict(
            "payment.order_not_payable", number=order.number, status=order.status, payment_status=order.payment_status
        )
    if amount != order.total_fen:
        raise InvalidInput(
            "payment.amount_mismatch/refused",
            amount=format_yuan(amount),
            number=order.number,
            status=order.status,
            total=format_yuan(order.total_fen),
        )
    if order.payment_status != "unpaid":
        taken = session.execute(select(Payment.trade_no).where(Payment.order_id == order.id)).scalars().first()
        raise PaymentRefused(
            "payment.already_paid",
            number=order.number,
            paid_trade=taken,
            second_trade=trade_no,
            order_id=order.id,
            trade_no=trade_no,
            method=method,
            amount_fen=amount,
            reason="already paid",
        )
    raise PaymentRefused(
        "payment.order_closed",
        number=order.number,
        status=order.status,
        trade=trade_no,
        order_id=order.id,
        trade_no=trade_no,
        method=method,
        amount_fen=amount,
        reason=f"order {order.status}",
    )


def close_expired(session: Session, *, actor: str = "system") -> list[int]:
    """Close unpaid orders past their payment deadline and release the keys they held."""
    due = (
        session.execute(select(Order.id).where(Order.status == "pending_payment", Order.pay_deadline <= clock.now()))
        .scalars()
        .all()
    )
    for order_id in due:
        close_order(session, order_id, actor=actor, reason=notes.coded("order.unpaid_timeout"))
    return list(due)


@access.needs("orders.sell")
def close_order(session: Session, order_id: int, *, actor: str, reason: str) -> OrderView:
    """Close an unpaid order (timeout, or cancelled before payment) and release its held keys."""
    order = order_state(session, order_id)
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    transition(session, order, "pending_payment", "closed", closed_at=clock.now())
    for (line_id,) in session.execute(select(OrderLine.id).where(OrderLine.order_id == order_id)):
        keys.transition(
            session,
            of_line=line_id,
            expected="reserved",
            to="available",
            actor=actor,
            line=None,
            order_id=order_id,
            event="released",
            note=reason,
        )
    order_event(session, order_id, "closed", actor, reason)
    outbox.emit(session, "order", order_id)
    return load_order_view(session, order_id)


def complete_order(session: Session, order_id: int, *, actor: str) -> OrderView:
    order = order_state(session, order_id)
    if order is None:
        raise NotFound("order.not_found", order=order_id)
    transition(session, order, "delivered", "completed")
    order_event(session, order_id, "completed", actor, "")
    outbox.emit(session, "order", order_id)
    return load_order_view(session, order_id)

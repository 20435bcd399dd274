"""The payment inbox: money that needs a person's decision — a payment for an order that had closed, a second
payment for an order already paid — each flagged for refund when it came (`orders.flagged`).

Three decisions, each audited, permission-checked and idempotent (the same decision twice changes nothing the
second time; another decision on a decided item is refused):

- deliver: the order gets the money through the normal guarded payment path — a closed order is reopened, a
  second payment buys the same items again as a new order — and is delivered from stock; without the stock the
  money goes to the customer's wallet and a desk case is opened so somebody tells the customer;
- refund: the money was given back at the gateway (recorded here);
- dismiss: nothing to do (a test payment, settled elsewhere), with a note saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shopdesk.db.locks import serialize
from shopdesk.db.models import Customer, Order, OrderLine, Payment, Product, UnmatchedPayment
from shopdesk.services.common import access, audit, clock, notes, outbox, settings
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import cases
from shopdesk.services.orders import delivery, flagged, selling
from shopdesk.services.orders.state import order_event, order_state, transition

ACTIONS = ("deliver", "refund", "dismiss")
PERMISSION = {"deliver": "orders.sell", "refund": "money.refund", "dismiss": "money.refund"}
AUDIT_ACTION = {"deliver": "payment.inbox_delivered", "refund": "payment.flag_refunded", "dismiss": "payment.dismissed"}
CASE_REASON = "payment_glitch"
MAX_NOTE = 1000


@dataclass(frozen=True)
class InboxItem:
    id: int
    kind: str  # closed_order / second_payment / no_order
    order_id: int | None
    order_number: str | None
    order_status: str | None
    customer_id: int | None
    customer_name: str | None
    trade_no: str
    method: str
    amount_fen: int
    reason: str
    received_at: datetime
    note: str


@dataclass(frozen=True)
class Decision:
    id: int
    action: str
    outcome: str  # delivered / refunded_to_wallet / waiting_for_stock / refunded / dismissed
    replayed: bool  # already decided so: nothing changed now
    order_id: int | None = None  # the order that took the money (deliver)
    case_id: int | None = None  # the case opened when there was no stock


def _query():
    return (
        select(
            UnmatchedPayment.id,
            UnmatchedPayment.order_id,
            Order.number,
            Order.status,
            Order.payment_status,
            Customer.id.label("customer_id"),
            Customer.name,
            UnmatchedPayment.trade_no,
            UnmatchedPayment.method,
            UnmatchedPayment.amount_fen,
            UnmatchedPayment.reason,
            UnmatchedPayment.received_at,
            UnmatchedPayment.note,
        )
        .outerjoin(Order, Order.id == UnmatchedPayment.order_id)
        .outerjoin(Customer, Customer.id == Order.customer_id)
    )


def _item(r) -> InboxItem:
    if r.order_id is None:
        kind = "no_order"
    elif r.payment_status == "unpaid":
        kind = "closed_order"
    else:
        kind = "second_payment"
    return InboxItem(
        r.id,
        kind,
        r.order_id,
        r.number,
        r.status,
        r.customer_id,
        r.name,
        r.trade_no,
        r.method,
        r.amount_fen,
        r.reason,
        r.received_at,
        r.note,
    )


def inbox(session: Session, *, limit: int = 500) -> list[InboxItem]:
    """The money still waiting for a decision, oldest first."""
    rows = session.execute(
        _query()
        .where(UnmatchedPayment.resolved_at.is_(None))
        .order_by(UnmatchedPayment.received_at, UnmatchedPayment.id)
        .limit(limit)
    )
    return [_item(r) for r in rows]


def inbox_total(session: Session) -> tuple[int, int]:
    """How many items wait, and their money (fen)."""
    count, total = session.execute(
        select(func.count(), func.coalesce(func.sum(UnmatchedPayment.amount_fen), 0)).where(
            UnmatchedPayment.resolved_at.is_(None)
        )
    ).one()
    return int(count), int(total)


def act(session: Session, item_id: int, action: str, *, actor: str, note: str = "") -> Decision:
    """Decide one inbox item (see the module's text)."""
    if action not in ACTIONS:
        raise InvalidInput("payments.action_unknown", action=repr(action), choices=", ".join(ACTIONS))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput("payment.note_too_long")
    if action == "dismiss" and not note:
        raise InvalidInput("payments.dismiss_note_missing")
    access.require(session, PERMISSION[action], subject=f"unmatched_payment:{item_id}")
    serialize(session, "payment-inbox", str(item_id))  # two desks deciding one item: the second waits, then sees it
    row = session.execute(_query().where(UnmatchedPayment.id == item_id)).first()
    if row is None:
        delivered = audit.recent(session, action=AUDIT_ACTION["deliver"], subject=f"unmatched_payment:{item_id}")
        if delivered:  # delivered: the flag became the order's payment (and left the table)
            return _replay(item_id, action, delivered[0], delivered[0].detail.get("trade_no", ""))
        raise NotFound("payment.flag_not_found", flag=item_id)
    item = _item(row)
    resolved = session.execute(select(UnmatchedPayment.resolved_at).where(UnmatchedPayment.id == item_id)).scalar()
    if resolved is not None:
        return _decided_before(session, item, action)
    paid = session.execute(select(Payment.order_id).where(Payment.trade_no == item.trade_no)).scalar()
    if paid is not None:  # the money paid an order after all: refunding or dismissing it would count it twice
        raise Conflict("payments.flag_paid", trade=item.trade_no, order=paid)
    if action == "refund":
        access.require_refund(session, None, item.amount_fen)  # the role's refund limit, as any refund
        flagged.mark_refunded(session, item_id, actor=actor, note=note)
        return Decision(item_id, action, "refunded", False, item.order_id)
    if action == "dismiss":
        flagged.dismiss(session, item_id, actor=actor, note=note)
        return Decision(item_id, action, "dismissed", False, item.order_id)
    return _deliver(session, item, actor=actor, note=note)


def _decided_before(session: Session, item: InboxItem, action: str) -> Decision:
    """The item was decided already: the same decision again is a replay; another one is refused."""
    for event in audit.recent(session, subject=f"unmatched_payment:{item.id}", limit=20):
        if event.action in AUDIT_ACTION.values():
            return _replay(item.id, action, event, item.trade_no)
    raise Conflict("payments.already_decided", trade=item.trade_no, done="refund")


def _replay(item_id: int, action: str, event, trade_no: str) -> Decision:
    """The decision `event` recorded: the same one again changes nothing; another one is refused."""
    done = next(a for a, name in AUDIT_ACTION.items() if name == event.action)
    if done != action:
        raise Conflict("payments.already_decided", trade=trade_no, done=done)
    d = event.detail
    return Decision(item_id, action, d.get("outcome", _OUTCOME[action]), True, d.get("target_order"), d.get("case"))


_OUTCOME = {"deliver": "delivered", "refund": "refunded", "dismiss": "dismissed"}


def _deliver(session: Session, item: InboxItem, *, actor: str, note: str) -> Decision:
    if item.order_id is None:
        raise Conflict("payments.deliver_no_order", trade=item.trade_no)
    order = order_state(session, item.order_id, lock=True)
    if item.kind == "closed_order":
        if order.status != "closed":
            raise Conflict("payments.deliver_not_closed", number=order.number, status=order.status)
        timeout = settings.value(session, "orders.pay_timeout_minutes")
        deadline = clock.now() + timedelta(minutes=timeout)
        # a closed order released its keys: reopened, it takes them from stock as it is paid, like any payment
        transition(session, order, "closed", "pending_payment", closed_at=None, pay_deadline=deadline)
        order_event(
            session, order.id, "reopened", actor, notes.coded("order.reopened_for_payment", trade_no=item.trade_no)
        )
        target = order.id
    else:
        lines = session.execute(
            select(Product.sku, OrderLine.quantity)
            .join(Product, Product.id == OrderLine.product_id)
            .where(OrderLine.order_id == order.id)
            .order_by(OrderLine.id)
        ).all()
        again = selling.create_order(
            session,
            order.customer_id,
            [(sku, qty) for sku, qty in lines],
            actor=actor,
            note=notes.coded("order.second_payment_sale", trade_no=item.trade_no, number=order.number),
        )
        target = again.id
    selling.record_payment(
        session,
        target,
        method=item.method,
        trade_no=item.trade_no,
        amount_fen=item.amount_fen,
        actor=actor,
        consuming_flag=item.id,
    )
    outcome, case_id = "delivered", None
    now_state = order_state(session, target)
    if now_state.status == "awaiting_stock":
        opened = cases.open_case(
            session,
            target,
            reason_code=CASE_REASON,
            actor=actor,
            note=notes.coded("case.late_payment_no_stock", trade_no=item.trade_no, amount=format_yuan(item.amount_fen)),
            run_rules=False,
        )
        case_id = opened.id
        delivered = session.execute(
            select(func.coalesce(func.sum(OrderLine.delivered_qty), 0)).where(OrderLine.order_id == target)
        ).scalar_one()
        if delivered:
            outcome = "waiting_for_stock"  # part of it went out: the rest follows when keys come, the case says so
        else:
            delivery.refund_unfilled(session, target, destination="wallet", actor=actor)
            outcome = "refunded_to_wallet"
    # The money is the order's payment now: the flag has done its job and goes (the trail keeps its story).
    session.execute(delete(UnmatchedPayment).where(UnmatchedPayment.id == item.id))
    outbox.emit(session, "payment_issue", item.id)
    audit.record(
        session,
        actor=actor,
        action=AUDIT_ACTION["deliver"],
        subject=f"unmatched_payment:{item.id}",
        trade_no=item.trade_no,
        amount=format_yuan(item.amount_fen),
        order=item.order_id,
        target_order=target,
        outcome=outcome,
        case=case_id,
        method=item.method,
        received_at=item.received_at.isoformat(),
        reason=item.reason,
        note=note,
    )
    return Decision(item.id, "deliver", outcome, False, target, case_id)

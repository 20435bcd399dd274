"""An order's state as the write paths read it (one Core query), its guarded transition, and its timeline.

Every status change is `UPDATE ... WHERE status = :expected` with the row count checked, inside the transaction
that writes it, so two desktops or two callbacks can never both win.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.locks import locked
from shopdesk.db.models import ORDER_STATUSES, Order, OrderEvent
from shopdesk.db.queries import mirror
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict

STATUSES = ORDER_STATUSES
_orders = Order.__table__
_INSERT_EVENT = insert(OrderEvent.__table__)
_ORDER_STATE = select(
    _orders.c.id,
    _orders.c.number,
    _orders.c.customer_id,
    _orders.c.status,
    _orders.c.payment_status,
    _orders.c.total_fen,
).where(_orders.c.id == bindparam("b_id"))


@dataclass
class OrderState:
    """The columns the write paths need (no ORM identity bookkeeping); `transition` keeps it up to date."""

    id: int
    number: str
    customer_id: int
    status: str
    payment_status: str
    total_fen: int


_ORDER_STATE_LOCKED = locked(_ORDER_STATE)


def order_state(session: Session, order_id: int, *, lock: bool = False) -> OrderState | None:
    """The order as the write paths read it; with `lock`, its row is this transaction's until it ends (on
    PostgreSQL a second writer of the same order waits here and then reads what the first one committed)."""
    row = session.connection().execute(_ORDER_STATE_LOCKED if lock else _ORDER_STATE, {"b_id": order_id}).first()
    return OrderState(*row) if row else None


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


def transition(session: Session, order: OrderState, expected: str, new: str, **values) -> None:
    """Move the order from `expected` to `new` (with more columns in `values`), or raise Conflict."""
    now = clock.now()
    params = {"b_id": order.id, "b_expected": expected, "b_new": new, "b_at": now}
    params.update({f"b_{column}": value for column, value in values.items()})
    result = session.connection().execute(_transition_statement(tuple(sorted(values))), params)
    if result.rowcount != 1:
        current = order_state(session, order.id)
        if current is None:
            raise Conflict("order.stale_status/gone", number=order.number, expected=expected, new=new)
        raise Conflict(
            "order.stale_status/moved", number=order.number, status=current.status, expected=expected, new=new
        )
    written = {"status": new, "updated_at": now, **values}
    for key, value in written.items():
        if hasattr(order, key):
            setattr(order, key, value)
    mirror(session, Order, order.id, written)


def order_event(session: Session, order_id: int, kind: str, actor: str, note: str = "") -> None:
    """Append a line to the order's timeline."""
    session.connection().execute(
        _INSERT_EVENT, {"order_id": order_id, "kind": kind, "actor": actor, "at": clock.now(), "note": note}
    )


def count_by_status(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())

"""An order's state as the write paths read it (one Core query), its guarded transition, and its timeline.

Every status change is `UPDATE ... WHERE status = :expected` with the row count checked, inside the transaction
that writes it, so two desktops or two callbacks can never both win.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import ORDER_STATUSES, Order
from shopdesk.db.queries import driver, mirror
from shopdesk.db.types import UTCDateTime
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict

STATUSES = ORDER_STATUSES
_orders = Order.__table__
# Every payment, delivery and rollback runs these: written once, on the driver's cursor (db.queries.Driver).
_INSERT_EVENT = "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, ?, ?, ?, ?)"
_ORDER_STATE = "SELECT id, number, customer_id, status, payment_status, total_fen FROM orders WHERE id = ?"
_ORDER_STATE_LOCKED = _ORDER_STATE + " FOR UPDATE"  # PostgreSQL; SQLite's one writer holds the row anyway


@dataclass
class OrderState:
    """The columns the write paths need (no ORM identity bookkeeping); `transition` keeps it up to date."""

    id: int
    number: str
    customer_id: int
    status: str
    payment_status: str
    total_fen: int


def order_state(session: Session, order_id: int, *, lock: bool = False) -> OrderState | None:
    """The order as the write paths read it; with `lock`, its row is this transaction's until it ends (on
    PostgreSQL a second writer of the same order waits here and then reads what the first one committed)."""
    db = driver(session)
    row = db.run(_ORDER_STATE_LOCKED if lock and db.server else _ORDER_STATE, (order_id,)).fetchone()
    return OrderState(*row) if row else None


_COLUMNS = frozenset(_orders.c.keys())


@functools.cache
def _transition_statement(columns: tuple[str, ...]) -> str:
    """UPDATE orders SET status, updated_at[, columns] WHERE id AND status: parameters in that order."""
    unknown = set(columns) - _COLUMNS
    if unknown:
        raise ValueError("not a column of orders: " + str(sorted(unknown)))
    sets = ", ".join(f"{column} = ?" for column in ("status", "updated_at", *columns))
    return f"UPDATE orders SET {sets} WHERE id = ? AND status = ?"


_DATETIMES = frozenset(c.name for c in _orders.c if isinstance(c.type, UTCDateTime))


def transition(session: Session, order: OrderState, expected: str, new: str, **values) -> None:
    """Move the order from `expected` to `new` (with more columns in `values`), or raise Conflict."""
    now = clock.now()
    db = driver(session)
    columns = tuple(sorted(values))
    params = [new, db.at(now)]
    for column in columns:
        value = values[column]
        params.append(db.at(value) if column in _DATETIMES and value is not None else value)
    params += (order.id, expected)
    if db.run(_transition_statement(columns), params).rowcount != 1:
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
    db = driver(session)
    db.run(_INSERT_EVENT, (order_id, kind, actor, db.at(clock.now()), note))


def count_by_status(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())

"""The live order board's queries: ids first (newest first), rows for what is on screen, the waiting queue."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import ORDER_STATUSES, Customer, Order, OrderLine, Payment, Product
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.orders import search as order_search

SOURCES = ("desk", "api", "simulator", "demo")


@dataclass(frozen=True)
class BoardFilter:
    status: str | None = None
    product_id: int | None = None
    customer_id: int | None = None
    source: str | None = None
    created_from: datetime | None = None  # inclusive, aware
    created_to: datetime | None = None  # exclusive, aware
    search: str = ""  # order number, external id, trade number, customer name or contact


@dataclass(frozen=True)
class BoardRow:
    id: int
    number: str
    customer_name: str
    source: str
    status: str
    payment_status: str
    total_fen: int
    created_at: datetime
    paid_at: datetime | None
    items: str  # "QQB-10 ×2, CM-100 ×1"
    trade_no: str | None


def _where(f: BoardFilter, dialect: str) -> list:
    if f.status is not None and f.status not in ORDER_STATUSES:
        raise InvalidInput("order.status_unknown/where", status=repr(f.status), choices=", ".join(ORDER_STATUSES))
    if f.source is not None and f.source not in SOURCES:
        raise InvalidInput("order.source_unknown", source=repr(f.source), choices=", ".join(SOURCES))
    clauses = []
    if f.status:
        clauses.append(Order.status == f.status)
    if f.source:
        clauses.append(Order.source == f.source)
    if f.customer_id is not None:
        clauses.append(Order.customer_id == f.customer_id)
    if f.product_id is not None:
        clauses.append(Order.id.in_(select(OrderLine.order_id).where(OrderLine.product_id == f.product_id)))
    if f.created_from is not None or f.created_to is not None:
        if not f.status:
            # Every status, spelled out, lets the (status, created_at) index seek the date range
            # instead of scanning the table: 7 index ranges instead of a million rows.
            clauses.append(Order.status.in_(ORDER_STATUSES))
        if f.created_from is not None:
            clauses.append(Order.created_at >= f.created_from)
        if f.created_to is not None:
            clauses.append(Order.created_at < f.created_to)
    text = f.search.strip()
    if text:
        clauses.append(Order.id.in_(order_search.matching_ids(text, dialect)))
    return clauses


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def order_ids(session: Session, f: BoardFilter, *, before: int | None = None, limit: int | None = None) -> array:
    """Matching order ids, newest first, as a compact array (a million ids are 8 MB).

    `limit` takes only the newest (the first screen); `before` continues below an id already shown."""
    query = select(Order.id).where(*_where(f, _dialect(session))).order_by(Order.id.desc())
    if before is not None:
        query = query.where(Order.id < before)
    if limit is not None:
        query = query.limit(limit)
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # One row holding every id as a JSON array: SQLite builds it in C, json.loads parses it in C,
        # about twice as fast as a million Python row objects. A subquery with ORDER BY under an
        # aggregate is never flattened, so the array keeps its order.
        packed = conn.execute(select(func.json_group_array(query.subquery().c.id))).scalar_one()
        return array("q", json.loads(packed))
    return array("q", (row[0] for row in conn.execute(query)))


def matching(session: Session, f: BoardFilter, ids: Iterable[int]) -> set[int]:
    """Which of these orders the filter shows (the board asks this of orders that just changed)."""
    ids = list(ids)
    if not ids:
        return set()
    return set(session.execute(select(Order.id).where(Order.id.in_(ids), *_where(f, _dialect(session)))).scalars())


def count_orders(session: Session, f: BoardFilter) -> int:
    return session.execute(select(func.count()).select_from(Order).where(*_where(f, _dialect(session)))).scalar_one()


def order_rows(session: Session, ids: Sequence[int]) -> dict[int, BoardRow]:
    """Rows for the orders on screen (any order of ids)."""
    if not ids:
        return {}
    ids = list(ids)
    items: dict[int, list[str]] = {}
    for order_id, sku, qty in session.execute(
        select(OrderLine.order_id, Product.sku, OrderLine.quantity)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id.in_(ids))
        .order_by(OrderLine.id)
    ):
        items.setdefault(order_id, []).append(f"{sku} ×{qty}")
    trade = dict(session.execute(select(Payment.order_id, Payment.trade_no).where(Payment.order_id.in_(ids))).all())
    rows = session.execute(
        select(
            Order.id,
            Order.number,
            Customer.name,
            Order.source,
            Order.status,
            Order.payment_status,
            Order.total_fen,
            Order.created_at,
            Order.paid_at,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .where(Order.id.in_(ids))
    )
    return {r[0]: BoardRow(*r, ", ".join(items.get(r[0], [])), trade.get(r[0])) for r in rows}


def list_orders(session: Session, f: BoardFilter, *, limit: int) -> list[BoardRow]:
    """The newest `limit` orders the filter shows, newest first."""
    ids = order_ids(session, f, limit=limit).tolist()
    rows = order_rows(session, ids)
    return [rows[i] for i in ids]


def waiting_for_stock(session: Session) -> list[BoardRow]:
    """Paid orders waiting for keys, oldest payment first (the order they will be filled in)."""
    ids = (
        session.execute(select(Order.id).where(Order.status == "awaiting_stock").order_by(Order.paid_at, Order.id))
        .scalars()
        .all()
    )
    rows = order_rows(session, ids)
    return [rows[i] for i in ids]

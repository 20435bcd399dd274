"""The live order board's queries: ids first (newest first), rows for what is on screen, the waiting queue."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shopdesk.db.models import ORDER_STATUSES, Customer, Order, OrderLine, Payment, Product
from shopdesk.services.errors import InvalidInput

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


def _where(f: BoardFilter) -> list:
    if f.status is not None and f.status not in ORDER_STATUSES:
        raise InvalidInput(f"Status {f.status!r} is unknown; use one of {', '.join(ORDER_STATUSES)}.", field="status")
    if f.source is not None and f.source not in SOURCES:
        raise InvalidInput(f"Source {f.source!r} is unknown; use one of {', '.join(SOURCES)}.", field="source")
    clauses = []
    if f.status:
        clauses.append(Order.status == f.status)
    if f.source:
        clauses.append(Order.source == f.source)
    if f.customer_id is not None:
        clauses.append(Order.customer_id == f.customer_id)
    if f.product_id is not None:
        clauses.append(Order.id.in_(select(OrderLine.order_id).where(OrderLine.product_id == f.product_id)))
    if f.created_from is not None:
        clauses.append(Order.created_at >= f.created_from)
    if f.created_to is not None:
        clauses.append(Order.created_at < f.created_to)
    text = f.search.strip()
    if text:
        like = f"%{text}%"
        clauses.append(
            or_(
                Order.number == text,
                Order.external_id == text,
                Order.id.in_(select(Payment.order_id).where(Payment.trade_no == text)),
                Order.customer_id.in_(
                    select(Customer.id).where(or_(Customer.name.like(like), Customer.contact == text))
                ),
            )
        )
    return clauses


def order_ids(session: Session, f: BoardFilter) -> array:
    """Matching order ids, newest first, as a compact array (a million ids are 8 MB)."""
    query = select(Order.id).where(*_where(f)).order_by(Order.id.desc())
    return array("q", (row[0] for row in session.connection().execute(query)))


def count_orders(session: Session, f: BoardFilter) -> int:
    return session.execute(select(func.count()).select_from(Order).where(*_where(f))).scalar_one()


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


def waiting_for_stock(session: Session) -> list[BoardRow]:
    """Paid orders waiting for keys, oldest payment first (the order they will be filled in)."""
    ids = (
        session.execute(select(Order.id).where(Order.status == "awaiting_stock").order_by(Order.paid_at, Order.id))
        .scalars()
        .all()
    )
    rows = order_rows(session, ids)
    return [rows[i] for i in ids]

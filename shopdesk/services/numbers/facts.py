"""The facts every figure is folded from, read straight from orders, lines, keys, batches and cases.

Nothing here is a counter kept beside the facts: each function is one GROUP BY per span of constant UTC offset
(see `days`), and the spans' groups are added up in Python. Orders count on the local day and hour they were
created; an order is *paid* when money was taken for it (`paid_fen > 0`), whatever happened next.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from shopdesk.db.models import CardKey, Case, KeyBatch, Order, OrderLine, Refund, RetentionOffer
from shopdesk.services.numbers import days

PAID = Order.paid_fen > 0
CANCELLED = and_(PAID, Order.status == "cancelled")
CLOSED_UNPAID = and_(Order.paid_fen == 0, Order.status == "closed")


class Profit:
    """Gross profit = sales - refunds - the cost of the keys delivered and not recalled."""

    sales_fen: int
    refunds_fen: int
    cost_fen: int

    @property
    def gross_profit_fen(self) -> int:
        return self.sales_fen - self.refunds_fen - self.cost_fen


class CancellationRate:
    """Cancelled / paid orders."""

    paid_orders: int
    cancelled: int

    @property
    def cancellation_rate(self) -> float | None:
        return rate(self.cancelled, self.paid_orders)


@dataclass
class Cell(Profit):
    """Orders of one group: how many, paid, cancelled after payment, closed unpaid, money in and out (fen)."""

    orders: int = 0
    paid: int = 0
    cancelled: int = 0
    closed_unpaid: int = 0
    sales_fen: int = 0
    refunds_fen: int = 0
    cost_fen: int = 0

    def add(self, other: Cell) -> None:
        # spelt out: dataclasses.fields() on each call costs ~60 ms over the hour cells of two 90-day reports
        self.orders += other.orders
        self.paid += other.paid
        self.cancelled += other.cancelled
        self.closed_unpaid += other.closed_unpaid
        self.sales_fen += other.sales_fen
        self.refunds_fen += other.refunds_fen
        self.cost_fen += other.cost_fen


def total(cells: Iterable[Cell]) -> Cell:
    out = Cell()
    for c in cells:
        out.add(c)
    return out


def rate(part: int, whole: int) -> float | None:
    """A fraction (0.125), or None when there is nothing to divide by."""
    return round(part / whole, 6) if whole else None


def _order_sums() -> list:
    """A group's Cell fields but the cost, in order: orders, paid, cancelled, closed unpaid, sales, refunds."""
    return [
        func.count(),
        func.sum(case((PAID, 1), else_=0)),
        func.sum(case((CANCELLED, 1), else_=0)),
        func.sum(case((CLOSED_UNPAID, 1), else_=0)),
        func.coalesce(func.sum(Order.paid_fen), 0),
        func.coalesce(func.sum(Order.refunded_fen), 0),
    ]


def _in_span(column, span: days.Span):
    return and_(column >= days.as_utc(span.start), column < days.as_utc(span.end))


def _key_costs(span: days.Span, *keys):
    """(keys..., the unit costs of the delivered keys) of the orders created in `span`, grouped by `keys`.

    The key's status is tested inside the SUM, not in the join: as a join condition SQLite (no ANALYZE statistics)
    drives the query off ix_card_key_status_expires, i.e. reads every key the shop ever delivered, instead of
    reaching the range's keys through its lines (ix_card_key_order_line)."""
    return (
        select(*keys, func.sum(case((CardKey.status == "delivered", KeyBatch.unit_cost_fen), else_=0)))
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(CardKey, CardKey.order_line_id == OrderLine.id)
        .join(KeyBatch, KeyBatch.id == CardKey.batch_id)
        .where(_in_span(Order.created_at, span))
        .group_by(*keys)
    )


def order_cells(
    session: Session,
    tz: tzinfo,
    start: date,
    end: date,
    *,
    by: str | None = None,
    day_only: bool = False,
    with_cost: bool = True,
) -> dict[tuple, Cell]:
    """Orders created on local dates [start, end], grouped by (local 'YYYY-MM-DD HH', dimension) — the dimension
    is the order's `source`, or nothing. `day_only` groups by 'YYYY-MM-DD'. Costs are filled in too, unless not
    `with_cost` (cost_fen stays 0 and no key is read)."""
    out: dict[tuple, Cell] = defaultdict(Cell)
    for span in days.spans(tz, start, end):
        when = (days.local_day if day_only else days.local_hour)(session, Order.created_at, span.offset)
        keys = [when] + ([Order.source] if by == "source" else [])
        rows = session.execute(
            select(*keys, *_order_sums()).where(_in_span(Order.created_at, span)).group_by(*keys)
        ).all()
        width = len(keys)
        for row in rows:
            key = tuple(row[:width])
            out[key].add(Cell(*(int(v or 0) for v in row[width:]), cost_fen=0))
        if not with_cost:
            continue
        for row in session.execute(_key_costs(span, *keys)).all():
            out[tuple(row[:width])].cost_fen += int(row[width] or 0)
    return dict(out)


def order_totals(session: Session, tz: tzinfo, start: date, end: date) -> Cell:
    """The orders created on local dates [start, end] as one cell, without costs: an ungrouped pass over the
    covering index (no local hour worked out per order, no temporary B-tree, no key read)."""
    out = Cell()
    for span in days.spans(tz, start, end):
        row = session.execute(select(*_order_sums()).where(_in_span(Order.created_at, span))).one()
        out.add(Cell(*(int(v or 0) for v in row), cost_fen=0))
    return out


def by_day(cells: dict[tuple, Cell]) -> dict[str, Cell]:
    """Hour cells ('YYYY-MM-DD HH', ...) folded into days."""
    out: dict[str, Cell] = defaultdict(Cell)
    for key, cell in cells.items():
        out[key[0][:10]].add(cell)
    return dict(out)


@dataclass
class ProductCell(Profit):
    product_id: int
    paid: int = 0
    cancelled: int = 0
    sales_fen: int = 0
    refunds_fen: int = 0
    cost_fen: int = 0


def product_days(session: Session, tz: tzinfo, start: date, end: date) -> dict[tuple[str, int], tuple[int, int]]:
    """(local 'YYYY-MM-DD', product id) -> (paid orders, cancelled) of orders holding a line of the product."""
    out: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for span in days.spans(tz, start, end):
        day = days.local_day(session, Order.created_at, span.offset)
        rows = session.execute(
            select(
                day,
                OrderLine.product_id,
                func.count(func.distinct(Order.id)),
                func.count(func.distinct(case((Order.status == "cancelled", Order.id)))),
            )
            .select_from(Order)
            .join(OrderLine, OrderLine.order_id == Order.id)
            .where(_in_span(Order.created_at, span), PAID)
            .group_by(day, OrderLine.product_id)
        ).all()
        for d, product_id, paid, cancelled in rows:
            cell = out[(d, product_id)]
            cell[0] += paid
            cell[1] += cancelled
    return {k: (v[0], v[1]) for k, v in out.items()}


def product_cells(session: Session, tz: tzinfo, start: date, end: date) -> dict[int, ProductCell]:
    """Per product: paid orders holding it, of which cancelled, and its share of sales, refunds and key costs.
    An order of several products shares its money between its lines in proportion to their list totals."""
    out: dict[int, ProductCell] = {}
    for span in days.spans(tz, start, end):
        lines = session.execute(
            select(
                Order.id,
                Order.status,
                Order.paid_fen,
                Order.refunded_fen,
                OrderLine.id,
                OrderLine.product_id,
                OrderLine.quantity * OrderLine.unit_price_fen,
            )
            .join(OrderLine, OrderLine.order_id == Order.id)
            .where(_in_span(Order.created_at, span), PAID)
            .order_by(Order.id, OrderLine.id)
        ).all()
        costs = dict(session.execute(_key_costs(span, OrderLine.id)).all())
        by_order: dict[int, list] = defaultdict(list)
        for row in lines:
            by_order[row[0]].append(row)
        for rows in by_order.values():
            _, status, paid, refunded = rows[0][:4]
            list_total = sum(r[6] for r in rows)
            sales, refunds = (
                _share(paid, [r[6] for r in rows], list_total),
                _share(refunded, [r[6] for r in rows], list_total),
            )
            seen: set[int] = set()
            for r, s, f in zip(rows, sales, refunds, strict=True):
                cell = out.setdefault(r[5], ProductCell(r[5]))
                if r[5] not in seen:
                    seen.add(r[5])
                    cell.paid += 1
                    cell.cancelled += status == "cancelled"
                cell.sales_fen += s
                cell.refunds_fen += f
                cell.cost_fen += int(costs.get(r[4]) or 0)
    return out


def _share(amount: int, weights: list[int], whole: int) -> list[int]:
    """`amount` split by weights in whole fen; the remainder goes to the first line."""
    if len(weights) == 1:
        return [amount]
    if whole <= 0:
        return [amount] + [0] * (len(weights) - 1)
    parts = [amount * w // whole for w in weights]
    parts[0] += amount - sum(parts)
    return parts


def cancelled_by_case(session: Session, tz: tzinfo, start: date, end: date) -> dict[tuple[str, str], int]:
    """(class, reason) -> cancelled paid orders of the range; an order cancelled without a case counts as
    ('none', 'none'). An order's cancelling case is the one whose outcome is `cancelled` (the latest if several)."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    # Correlated: only the range's cancelled orders look up their case (ix_cases_order), where a grouped subquery
    # of every cancelled case the shop ever had was built in full first.
    other = aliased(Case)
    latest = (
        select(func.max(other.id))
        .where(other.order_id == Order.id, other.outcome == "cancelled")
        .correlate(Order)
        .scalar_subquery()
    )
    for span in days.spans(tz, start, end):
        rows = session.execute(
            select(Case.resp_class, Case.reason_code, func.count())
            .select_from(Order)
            .outerjoin(Case, Case.id == latest)
            .where(Order.status == "cancelled", _in_span(Order.created_at, span), PAID)
            .group_by(Case.resp_class, Case.reason_code)
        ).all()
        for resp_class, reason, n in rows:
            out[(resp_class or "none", reason or "none")] += n
    return dict(out)


@dataclass(frozen=True)
class CaseFact:
    id: int
    resp_class: str
    reason_code: str
    status: str
    outcome: str | None
    assignee: str | None
    opened_at: datetime
    first_response_due: datetime | None
    first_responded_at: datetime | None
    resolved_at: datetime | None
    first_response_breached_at: datetime | None
    resolution_breached_at: datetime | None


def cases_opened(session: Session, tz: tzinfo, start: date, end: date) -> list[CaseFact]:
    out: list[CaseFact] = []
    for span in days.spans(tz, start, end):
        rows = session.execute(
            select(
                Case.id,
                Case.resp_class,
                Case.reason_code,
                Case.status,
                Case.outcome,
                Case.assignee,
                Case.opened_at,
                Case.first_response_due,
                Case.first_responded_at,
                Case.resolved_at,
                Case.first_response_breached_at,
                Case.resolution_breached_at,
            )
            .where(_in_span(Case.opened_at, span))
            .order_by(Case.id)
        ).all()
        out.extend(CaseFact(*row) for row in rows)
    return out


def case_outcomes(session: Session, tz: tzinfo, start: date, end: date) -> dict[str | None, int]:
    """outcome (None: not resolved yet) -> cases opened in the range."""
    out: dict[str | None, int] = defaultdict(int)
    for span in days.spans(tz, start, end):
        for outcome, n in session.execute(
            select(Case.outcome, func.count()).where(_in_span(Case.opened_at, span)).group_by(Case.outcome)
        ).all():
            out[outcome] += n
    return dict(out)


def offers_of_cases(session: Session, tz: tzinfo, start: date, end: date) -> list[tuple[str, str, str | None]]:
    """(reason, offer kind, answer) of every offer made on a case opened in the range."""
    out = []
    for span in days.spans(tz, start, end):
        out.extend(
            session.execute(
                select(Case.reason_code, RetentionOffer.kind, RetentionOffer.answer)
                .join(Case, Case.id == RetentionOffer.case_id)
                .where(_in_span(Case.opened_at, span))
            ).all()
        )
    return [tuple(r) for r in out]


def refunds_by_reason(session: Session, tz: tzinfo, start: date, end: date) -> dict[str, tuple[int, int]]:
    """reason -> (refunds, fen) of refunds on orders created in the range; a refund without a case is 'none'."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for span in days.spans(tz, start, end):
        rows = session.execute(
            select(Case.reason_code, func.count(), func.sum(Refund.amount_fen))
            .select_from(Refund)
            .join(Order, Order.id == Refund.order_id)
            .outerjoin(Case, Case.id == Refund.case_id)
            .where(_in_span(Order.created_at, span))
            .group_by(Case.reason_code)
        ).all()
        for reason, n, fen in rows:
            cell = out[reason or "none"]
            cell[0] += n
            cell[1] += int(fen or 0)
    return {k: (v[0], v[1]) for k, v in out.items()}

"""The owner's reports: why customers cancel, how the desk keeps its SOP, what retention saves, which supplier's
keys fail, what each product earns. The same figures feed the Analytics page, `shopdesk report ...` and the exports.

Definitions: a paid order is one money was taken for, whatever happened next; cancelled = paid and `cancelled`
now; cancellation rate = cancelled / paid; rates are fractions (None when there is nothing to divide by).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Case, KeyBatch, KeyEvent, Product
from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.numbers import days, facts
from shopdesk.services.numbers.facts import Cell, rate

CANCELLATION_DIMENSIONS = ("class", "reason", "product", "source", "hour_of_week", "day")
KEY_DEFECT_REASONS = ("key_invalid", "key_used")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Row:
    """One row of a cancellation breakdown: its key, paid orders (None for class and reason, whose rows share the
    range's total) and cancelled ones."""

    key: str
    paid_orders: int | None
    cancelled: int

    @property
    def cancellation_rate(self) -> float | None:
        return rate(self.cancelled, self.paid_orders) if self.paid_orders is not None else None


@dataclass(frozen=True)
class Cancellations(facts.CancellationRate):
    start: date
    end: date
    by: str
    paid_orders: int
    cancelled: int
    closed_unpaid: int
    rows: tuple[Row, ...]


def hour_of_week_key(hour_text: str) -> str:
    """'2026-11-28 21' -> 'sat-21' (the local weekday and hour)."""
    d = date.fromisoformat(hour_text[:10])
    return f"{WEEKDAYS[d.weekday()]}-{hour_text[11:13]}"


def cancellations(session: Session, start: date, end: date, *, by: str = "reason", tz: tzinfo | None = None):
    """Cancellations of the range broken down by one dimension (see `breakdowns`)."""
    return breakdowns(session, start, end, (by,), tz=tz)[by]


def breakdowns(session: Session, start: date, end: date, bys, *, tz: tzinfo | None = None) -> dict[str, Cancellations]:
    """Cancellations of the range broken down by each dimension of `bys`; the facts the breakdowns share (the
    hour cells of day and hour_of_week, the cancelling cases of class and reason) are read once."""
    for by in bys:
        if by not in CANCELLATION_DIMENSIONS:
            raise InvalidInput("numbers.dimension_unknown", by=repr(by), choices=", ".join(CANCELLATION_DIMENSIONS))
    tz = tz or days.shop_zone(session)
    days.check_range(start, end)
    wanted = set(bys)
    hours = facts.order_cells(session, tz, start, end, with_cost=False) if wanted & {"day", "hour_of_week"} else None
    sources = facts.order_cells(session, tz, start, end, by="source", with_cost=False) if "source" in wanted else None
    grouped = hours if hours is not None else sources
    # the range's totals: from cells already read, else one ungrouped pass (no hours, no key costs)
    whole = facts.total(grouped.values()) if grouped is not None else facts.order_totals(session, tz, start, end)
    by_case = facts.cancelled_by_case(session, tz, start, end) if wanted & {"class", "reason"} else {}
    out = {}
    for by in bys:
        if by in ("class", "reason"):
            rows = _case_rows(by_case, 0 if by == "class" else 1)
        elif by == "product":
            rows = _product_rows(session, facts.product_days(session, tz, start, end))
        elif by == "source":
            rows = _source_rows(sources)
        elif by == "hour_of_week":
            rows = _week_rows(hours)
        else:  # day: the rate over time, every date of the range
            rows = _day_rows(hours, start, end)
        out[by] = Cancellations(start, end, by, whole.paid, whole.cancelled, whole.closed_unpaid, tuple(rows))
    return out


def _case_rows(by_case: dict[tuple[str, str], int], part: int) -> list[Row]:
    counts: dict[str, int] = defaultdict(int)
    for key, n in by_case.items():
        counts[key[part]] += n
    return [Row(k, None, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _product_rows(session: Session, per: dict[tuple[str, int], tuple[int, int]]) -> list[Row]:
    skus = dict(session.execute(select(Product.id, Product.sku)).all())
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (_day, product_id), (paid, cancelled) in per.items():
        sums[product_id][0] += paid
        sums[product_id][1] += cancelled
    rows = [Row(skus.get(pid, str(pid)), p, c) for pid, (p, c) in sums.items()]
    rows.sort(key=lambda r: (-(r.cancelled / r.paid_orders if r.paid_orders else 0), r.key))
    return rows


def _source_rows(cells: dict[tuple, Cell]) -> list[Row]:
    per_source: dict[str, Cell] = defaultdict(Cell)
    for (_hour, source), cell in cells.items():
        per_source[source].add(cell)
    return [Row(s, c.paid, c.cancelled) for s, c in sorted(per_source.items())]


def _week_rows(cells: dict[tuple, Cell]) -> list[Row]:
    week: dict[str, Cell] = defaultdict(Cell)
    for (hour, *_rest), cell in cells.items():
        week[hour_of_week_key(hour)].add(cell)
    keys = [f"{d}-{h:02d}" for d in WEEKDAYS for h in range(24)]
    return [Row(k, week[k].paid, week[k].cancelled) for k in keys]


def _day_rows(cells: dict[tuple, Cell], start: date, end: date) -> list[Row]:
    per_day = facts.by_day(cells)
    empty = Cell()
    return [
        Row(d.isoformat(), per_day.get(d.isoformat(), empty).paid, per_day.get(d.isoformat(), empty).cancelled)
        for d in days.dates(start, end)
    ]


# --- SOP ---------------------------------------------------------------------------------------------------


class OnTime:
    """First responses on time among those decided (met or missed): a fraction, None when none is decided yet."""

    first_response_met: int
    first_response_missed: int

    @property
    def first_response_rate(self) -> float | None:
        return rate(self.first_response_met, self.first_response_met + self.first_response_missed)


@dataclass(frozen=True)
class SopFigures(OnTime):
    agent: str | None  # None for the whole desk
    cases: int
    first_response_met: int
    first_response_missed: int
    median_first_response_min: float | None
    p90_first_response_min: float | None
    median_resolution_min: float | None
    p90_resolution_min: float | None
    breaches: int


@dataclass(frozen=True)
class SopReport:
    start: date
    end: date
    total: SopFigures
    by_agent: tuple[SopFigures, ...]


def first_response(case: facts.CaseFact, now: datetime) -> str:
    """'met', 'missed' or 'pending': answered by the deadline, after it (or never, and it passed), or not yet due."""
    due = case.first_response_due
    if case.first_responded_at is not None:
        return "met" if due is None or case.first_responded_at <= due else "missed"
    if case.first_response_breached_at is not None or (due is not None and due <= now):
        return "missed"
    return "pending"


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0.9 = p90), None of nothing."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _minutes(a: datetime, b: datetime) -> float:
    return round((b - a).total_seconds() / 60, 2)


def sop_figures(cases: list[facts.CaseFact], agent: str | None, now: datetime) -> SopFigures:
    states = [first_response(c, now) for c in cases]
    responses = [_minutes(c.opened_at, c.first_responded_at) for c in cases if c.first_responded_at]
    resolutions = [_minutes(c.opened_at, c.resolved_at) for c in cases if c.resolved_at]
    median = lambda v: round(statistics.median(v), 2) if v else None  # noqa: E731
    return SopFigures(
        agent,
        len(cases),
        states.count("met"),
        states.count("missed"),
        median(responses),
        percentile(responses, 0.9),
        median(resolutions),
        percentile(resolutions, 0.9),
        sum(1 for c in cases if c.first_response_breached_at or c.resolution_breached_at),
    )


def sop(session: Session, start: date, end: date, *, tz: tzinfo | None = None) -> SopReport:
    tz = tz or days.shop_zone(session)
    cases = facts.cases_opened(session, tz, start, end)
    now = clock.now()
    groups: dict[str, list[facts.CaseFact]] = defaultdict(list)
    for c in cases:
        groups[c.assignee or ""].append(c)
    agents = tuple(sop_figures(v, k or None, now) for k, v in sorted(groups.items()))
    return SopReport(start, end, sop_figures(cases, None, now), agents)


# --- retention ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferRow:
    reason: str
    offer: str
    made: int
    accepted: int

    @property
    def save_rate(self) -> float | None:
        return rate(self.accepted, self.made)


@dataclass(frozen=True)
class Retention:
    start: date
    end: date
    offers_made: int
    offers_accepted: int
    cases_retained: int
    rows: tuple[OfferRow, ...]

    @property
    def save_rate(self) -> float | None:
        return rate(self.offers_accepted, self.offers_made)


def retention(session: Session, start: date, end: date, *, tz: tzinfo | None = None) -> Retention:
    """Offers made on cases opened in the range, per (reason, offer): made, accepted, save rate = accepted / made."""
    tz = tz or days.shop_zone(session)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for reason, kind, answer in facts.offers_of_cases(session, tz, start, end):
        counts[(reason, kind)][0] += 1
        counts[(reason, kind)][1] += answer == "accepted"
    rows = tuple(OfferRow(r, k, m, a) for (r, k), (m, a) in sorted(counts.items()))
    retained = facts.case_outcomes(session, tz, start, end).get("retained", 0)
    return Retention(start, end, sum(r.made for r in rows), sum(r.accepted for r in rows), retained, rows)


# --- refunds, products --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefundRow:
    reason: str
    refunds: int
    amount_fen: int


def refunds(session: Session, start: date, end: date, *, tz: tzinfo | None = None) -> tuple[RefundRow, ...]:
    tz = tz or days.shop_zone(session)
    per = facts.refunds_by_reason(session, tz, start, end)
    return tuple(RefundRow(k, n, f) for k, (n, f) in sorted(per.items(), key=lambda kv: (-kv[1][1], kv[0])))


@dataclass(frozen=True)
class ProductRow(facts.CancellationRate, facts.Profit):
    product_id: int
    sku: str
    name: str
    paid_orders: int
    cancelled: int
    sales_fen: int
    refunds_fen: int
    cost_fen: int


def products(session: Session, start: date, end: date, *, tz: tzinfo | None = None) -> tuple[ProductRow, ...]:
    tz = tz or days.shop_zone(session)
    names = {pid: (sku, name) for pid, sku, name in session.execute(select(Product.id, Product.sku, Product.name))}
    cells = facts.product_cells(session, tz, start, end)
    rows = [
        ProductRow(pid, *names.get(pid, (str(pid), "")), c.paid, c.cancelled, c.sales_fen, c.refunds_fen, c.cost_fen)
        for pid, c in cells.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.sales_fen, r.sku)))


# --- suppliers ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRow:
    batch_id: int
    supplier: str
    product_id: int
    sku: str
    imported_at: datetime
    keys: int
    keys_delivered: int
    key_invalid_cases: int

    @property
    def defect_rate(self) -> float | None:
        return rate(self.key_invalid_cases, self.keys_delivered)


def suppliers(session: Session) -> tuple[BatchRow, ...]:
    """Every key batch: keys delivered from it (each delivery, a reusable key's too), the key-invalid cases its
    keys caused (a case about a key counts once per batch of the keys its order was first given), defect rate."""
    delivered = dict(
        session.execute(
            select(CardKey.batch_id, func.count())
            .select_from(KeyEvent)
            .join(CardKey, CardKey.id == KeyEvent.key_id)
            .where(KeyEvent.kind == "delivered")
            .group_by(CardKey.batch_id)
        ).all()
    )
    # The keys a key-invalid case is about: the keys its order was first given (delivered to it outside any case;
    # a replacement carries its case), whatever happened to them since (recalled, put back on sale, sold again).
    blamed = session.execute(
        select(CardKey.batch_id, func.count(func.distinct(Case.id)))
        .select_from(Case)
        .join(
            KeyEvent,
            and_(KeyEvent.order_id == Case.order_id, KeyEvent.kind == "delivered", KeyEvent.case_id.is_(None)),
        )
        .join(CardKey, CardKey.id == KeyEvent.key_id)
        .where(Case.reason_code.in_(KEY_DEFECT_REASONS))
        .group_by(CardKey.batch_id)
    ).all()
    cases = dict(blamed)
    rows = session.execute(
        select(
            KeyBatch.id, KeyBatch.supplier, KeyBatch.product_id, Product.sku, KeyBatch.imported_at, KeyBatch.key_count
        )
        .join(Product, Product.id == KeyBatch.product_id)
        .order_by(KeyBatch.id)
    ).all()
    return tuple(
        BatchRow(bid, supplier or "", pid, sku, at, count, delivered.get(bid, 0), cases.get(bid, 0))
        for bid, supplier, pid, sku, at, count in rows
    )


def previous_range(start: date, end: date) -> tuple[date, date]:
    """The range of the same length just before [start, end]."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)

"""The Today page: the day's money and orders beside yesterday and the same weekday last week, the desk's state,
stock running out, and the anomaly alerts. The days are read from the facts each time (one day of orders is
cheap); what the alerts judge them against — the trailing weeks, every batch's whole life — is read again only
once an order, a key or a case changed (`baseline`)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Case, CaseEvent, KeyEvent, Order, OrderEvent, OrderLine, Product
from shopdesk.db.models.desk import CASE_OPEN_STATUSES
from shopdesk.services.common import clock, settings
from shopdesk.services.numbers import alerts as anomaly
from shopdesk.services.numbers import days, facts, reports
from shopdesk.services.numbers.facts import Cell

EXPIRING_SETTING = "stock.expiring_days"  # available keys expiring within so many days warn (default 7)
PACE_DAYS = 7


@dataclass(frozen=True)
class DayFigures(facts.CancellationRate, facts.Profit):
    date: date
    orders: int
    paid_orders: int
    cancelled: int
    closed_unpaid: int
    sales_fen: int
    refunds_fen: int
    cost_fen: int

    @classmethod
    def of(cls, day: date, cell: Cell) -> DayFigures:
        return cls(
            day,
            cell.orders,
            cell.paid,
            cell.cancelled,
            cell.closed_unpaid,
            cell.sales_fen,
            cell.refunds_fen,
            cell.cost_fen,
        )

    @property
    def average_fen(self) -> int | None:
        return round(self.sales_fen / self.paid_orders) if self.paid_orders else None


@dataclass(frozen=True)
class StockLine:
    product_id: int
    sku: str
    name: str
    available: int
    threshold: int
    expiring: int  # available keys expiring within the setting stock.expiring_days
    sold_7d: int  # keys of paid orders created in the last 7 days
    low: bool

    @property
    def days_left(self) -> float | None:
        """Days of stock at the last 7 days' pace (None: nothing sold)."""
        return round(self.available / (self.sold_7d / PACE_DAYS), 1) if self.sold_7d else None


@dataclass(frozen=True)
class Desk(reports.OnTime):
    open_cases: int
    breached_cases: int  # open cases past a deadline (recorded or not yet swept)
    first_response_met: int  # of cases opened today
    first_response_missed: int


@dataclass(frozen=True)
class TodayView:
    day: DayFigures
    yesterday: DayFigures
    last_week: DayFigures  # the same weekday a week before
    hourly_sales_fen: tuple[int, ...]  # 24 local hours of the day
    hourly_sales_last_week_fen: tuple[int, ...]
    desk: Desk
    awaiting_stock: int
    stock: tuple[StockLine, ...]
    alerts: tuple[anomaly.Alert, ...]


def figures(session: Session, day: date, *, tz: tzinfo | None = None) -> DayFigures:
    tz = tz or days.shop_zone(session)
    cells = facts.by_day(facts.order_cells(session, tz, day, day, day_only=True))
    return DayFigures.of(day, cells.get(day.isoformat(), Cell()))


def today(session: Session, day: date | None = None, *, tz: tzinfo | None = None, with_alerts: bool = True):
    tz = tz or days.shop_zone(session)
    day = day or days.today(tz)
    week_ago = day - timedelta(days=7)
    # the three days shown, not the eight from a week ago to today
    hours = facts.order_cells(session, tz, day - timedelta(days=1), day)
    hours |= facts.order_cells(session, tz, week_ago, week_ago)
    per_day = facts.by_day(hours)

    def of(d: date) -> DayFigures:
        return DayFigures.of(d, per_day.get(d.isoformat(), Cell()))

    def hourly(d: date) -> tuple[int, ...]:
        prefix = d.isoformat()
        sales = [0] * 24
        for (hour, *_rest), cell in hours.items():
            if hour.startswith(prefix):
                sales[int(hour[11:13])] += cell.sales_fen
        return tuple(sales)

    awaiting = session.execute(
        select(func.count()).select_from(Order).where(Order.status == "awaiting_stock")
    ).scalar_one()
    found: tuple[anomaly.Alert, ...] = ()
    if with_alerts:
        marks = _marks(session)
        past = baseline(session, marks, anomaly.trailing, day, tz)
        batches = baseline(session, marks, reports.suppliers)
        found = (
            *anomaly.product_alerts(session, day, tz=tz, past=past),
            *anomaly.batch_alerts(session, batches=batches),
        )
    return TodayView(
        of(day),
        of(day - timedelta(days=1)),
        of(week_ago),
        hourly(day),
        hourly(week_ago),
        desk(session, day, tz),
        awaiting,
        stock_lines(session),
        found,
    )


BASELINE_FRESH_FOR = timedelta(minutes=5)  # on PostgreSQL a commit can land under an id already seen
# engine -> {(fn, *args): (when read, event marks, value)}; an engine's entries go with it
_baselines: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _marks(session: Session) -> tuple:
    """The last ids of the order, key and case trails: every change to an order, a key or a case writes one."""
    return tuple(
        session.execute(
            select(
                select(func.max(OrderEvent.id)).scalar_subquery(),
                select(func.max(KeyEvent.id)).scalar_subquery(),
                select(func.max(CaseEvent.id)).scalar_subquery(),
            )
        ).one()
    )


def baseline(session: Session, marks: tuple, fn, *args):
    """fn(session, *args), reused while no order, key or case changed since (`marks`, of `_marks`) and for
    BASELINE_FRESH_FOR at most. For what the alerts judge the day against: the trailing weeks' product history and
    every batch's deliveries and defect cases (all the key events the shop ever wrote), which cost far more than
    the day itself."""
    memo = _baselines.setdefault(session.get_bind(), {})
    now = clock.now()
    hit = memo.get((fn, *args))
    if hit is None or hit[1] != marks or not timedelta(0) <= now - hit[0] < BASELINE_FRESH_FOR:
        for key in [k for k, (_at, m, _v) in memo.items() if m != marks]:
            del memo[key]
        hit = memo[(fn, *args)] = (now, marks, fn(session, *args))
    return hit[2]


def desk(session: Session, day: date, tz: tzinfo) -> Desk:
    now = clock.now()
    open_rows = session.execute(
        select(
            Case.first_responded_at,
            Case.first_response_due,
            Case.resolution_due,
            Case.paused_since,
            Case.first_response_breached_at,
            Case.resolution_breached_at,
        ).where(Case.status.in_(CASE_OPEN_STATUSES))
    ).all()
    breached = 0
    for responded, first_due, resolution_due, paused, first_breach, resolution_breach in open_rows:
        late_first = responded is None and first_due is not None and first_due <= now
        late_resolution = resolution_due is not None and paused is None and resolution_due <= now
        if first_breach or resolution_breach or late_first or late_resolution:
            breached += 1
    states = [reports.first_response(c, now) for c in facts.cases_opened(session, tz, day, day)]
    return Desk(len(open_rows), breached, states.count("met"), states.count("missed"))


def stock_lines(session: Session) -> tuple[StockLine, ...]:
    """Active products low on stock or with keys expiring soon, with days left at the last 7 days' pace."""
    now = clock.now()
    soon = now + timedelta(days=settings.value(session, EXPIRING_SETTING))
    out = []
    sold = dict(
        session.execute(
            select(OrderLine.product_id, func.sum(OrderLine.quantity))
            .join(Order, Order.id == OrderLine.order_id)
            # Bounded on both sides (a day ahead: another desktop's clock may run fast), or SQLite walks every line
            # ever sold by product and looks its order up.
            .where(
                Order.created_at >= now - timedelta(days=PACE_DAYS),
                Order.created_at < now + timedelta(days=1),
                Order.paid_fen > 0,
            )
            .group_by(OrderLine.product_id)
        ).all()
    )
    for p in session.execute(
        select(Product).where(Product.active.is_(True), Product.kind != "reusable").order_by(Product.sku)
    ).scalars():
        available, expiring = session.execute(
            select(
                func.count(),
                func.coalesce(
                    func.sum(case((and_(CardKey.expires_at.is_not(None), CardKey.expires_at <= soon), 1))), 0
                ),
            ).where(CardKey.product_id == p.id, CardKey.status == "available")
        ).one()
        low = available < p.low_stock_threshold
        if low or expiring:
            out.append(
                StockLine(
                    p.id, p.sku, p.name, available, p.low_stock_threshold, expiring, int(sold.get(p.id) or 0), low
                )
            )
    return tuple(out)

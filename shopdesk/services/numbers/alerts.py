"""Anomaly alerts: a number that left two standard deviations of its own history.

- A product's cancellation rate on a day above the mean + 2 standard deviations of its daily rates over the 28
  days before (days it sold on, at least `MIN_HISTORY_DAYS` of them), counted only on a day with at least
  `min_paid` paid orders (setting `alerts.min_paid_orders`, default 10), so one cancelled order of two is no alarm.
- A supplier batch whose defect rate (key-invalid cases / keys delivered) is above the mean + 2 standard
  deviations of the other batches of its product, once it delivered at least `min_paid` keys and caused at least
  `MIN_DEFECTS` key-invalid cases.
The standard deviation is the sample's (n - 1). An alert says which number, against what, and what to look at.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Product
from shopdesk.services.common import settings, webhooks
from shopdesk.services.numbers import days, facts, reports

TRAILING_DAYS = 28
MIN_HISTORY_DAYS = 7
MIN_PAID_SETTING = "alerts.min_paid_orders"
MIN_PAID_DEFAULT = settings.REGISTRY[MIN_PAID_SETTING].default
MIN_DEFECTS = 3  # a batch alarms on three key-invalid cases at least: one or two are chance among a handful of batches


@dataclass(frozen=True)
class Alert:
    kind: str  # "product_cancellations" or "batch_defects"
    product_id: int
    sku: str
    date: date | None  # the day (product alerts)
    batch_id: int | None  # the batch (batch alerts)
    supplier: str
    value: float  # the day's cancellation rate, or the batch's defect rate
    mean: float  # of the history it is measured against
    stdev: float
    threshold: float  # mean + 2 standard deviations
    count: int  # cancelled orders that day, or key-invalid cases of the batch
    base: int  # paid orders that day, or keys the batch delivered

    @property
    def key(self) -> str:
        """Names the alert across runs and desktops: notify once per key."""
        if self.kind == "product_cancellations":
            return f"{self.kind}:{self.product_id}:{self.date}"
        return f"{self.kind}:{self.batch_id}"


def threshold(history: list[float]) -> tuple[float, float, float] | None:
    """(mean, stdev, mean + 2 stdev) of a history, or None when it is too short to judge."""
    if len(history) < 2:
        return None
    mean = statistics.fmean(history)
    sd = statistics.stdev(history)
    return mean, sd, mean + 2 * sd


def trailing(session: Session, day: date, tz: tzinfo) -> dict[tuple[str, int], tuple[int, int]]:
    """facts.product_days of the TRAILING_DAYS before `day`: what the products' day is judged against."""
    return facts.product_days(session, tz, day - timedelta(days=TRAILING_DAYS), day - timedelta(days=1))


def product_alerts(session: Session, day: date, *, tz: tzinfo | None = None, min_paid: int | None = None, past=None):
    """`past`: trailing(session, day, tz), when the caller has it at hand."""
    tz = tz or days.shop_zone(session)
    min_paid = _min_paid(session) if min_paid is None else min_paid
    per = dict(trailing(session, day, tz) if past is None else past)
    per.update(facts.product_days(session, tz, day, day))
    history: dict[int, list[float]] = defaultdict(list)
    today: dict[int, tuple[int, int]] = {}
    for (d, product_id), (paid, cancelled) in per.items():
        if d == day.isoformat():
            today[product_id] = (paid, cancelled)
        elif paid:
            history[product_id].append(cancelled / paid)
    skus = dict(session.execute(select(Product.id, Product.sku)).all())
    out = []
    for product_id, (paid, cancelled) in sorted(today.items()):
        past = history.get(product_id, [])
        judged = threshold(past) if len(past) >= MIN_HISTORY_DAYS else None
        if paid < min_paid or judged is None:
            continue
        mean, sd, limit = judged
        value = cancelled / paid
        if value > limit:
            out.append(
                Alert(
                    "product_cancellations",
                    product_id,
                    skus.get(product_id, str(product_id)),
                    day,
                    None,
                    "",
                    round(value, 6),
                    round(mean, 6),
                    round(sd, 6),
                    round(limit, 6),
                    cancelled,
                    paid,
                )
            )
    return out


def batch_alerts(session: Session, *, min_paid: int | None = None, batches=None) -> list[Alert]:
    min_paid = _min_paid(session) if min_paid is None else min_paid
    rows = list(reports.suppliers(session) if batches is None else batches)
    by_product: dict[int, list] = defaultdict(list)
    for row in rows:
        by_product[row.product_id].append(row)
    out = []
    for row in rows:
        if row.keys_delivered < min_paid or row.key_invalid_cases < MIN_DEFECTS:
            continue
        others = [
            r.key_invalid_cases / r.keys_delivered
            for r in by_product[row.product_id]
            if r is not row and r.keys_delivered
        ]
        judged = threshold(others)
        if judged is None:
            continue
        mean, sd, limit = judged
        value = row.key_invalid_cases / row.keys_delivered
        if value > limit:
            out.append(
                Alert(
                    "batch_defects",
                    row.product_id,
                    row.sku,
                    None,
                    row.batch_id,
                    row.supplier,
                    round(value, 6),
                    round(mean, 6),
                    round(sd, 6),
                    round(limit, 6),
                    row.key_invalid_cases,
                    row.keys_delivered,
                )
            )
    return out


def alerts(session: Session, day: date | None = None, *, tz: tzinfo | None = None) -> list[Alert]:
    tz = tz or days.shop_zone(session)
    day = day or days.today(tz)
    return product_alerts(session, day, tz=tz) + batch_alerts(session)


def _min_paid(session: Session) -> int:
    return settings.value(session, MIN_PAID_SETTING)


def announce(session: Session, found: list[Alert]) -> int:
    """Queue each alert for the webhooks that want anomalies, once per alert (its `key`) whoever finds it again;
    returns the rows written. A write; `found` comes from `alerts()` in a read."""
    if not webhooks.wants(session, "anomaly"):
        return 0
    written = 0
    for a in found:
        written += webhooks.enqueue(
            session,
            "anomaly",
            dedupe=a.key,
            kind=a.kind,
            product_id=a.product_id,
            sku=a.sku,
            name=session.execute(select(Product.name).where(Product.id == a.product_id)).scalar() or a.sku,
            date=a.date.isoformat() if a.date else None,
            batch_id=a.batch_id,
            supplier=a.supplier,
            rate=a.value,
            mean=a.mean,
            threshold=a.threshold,
            count=a.count,
            base=a.base,
        )
    return written

"""The owner's numbers on a year of orders: the Today page and a 90-day cancellation report against raw SQL.

    python bench/analytics.py [ORDERS] [--db URL]    (ORDERS default 1,000,000; cases = ORDERS / 10)

The shop: migrations, 12 products, 4 key batches each (suppliers, unit costs, one batch expiring soon) and 200
customers through the services; then, with sqlite3 executemany in big transactions, ORDERS orders over the 365
local days up to Saturday 2026-11-28 21:00 Asia/Shanghai (more in the evenings, at weekends, on 6.18 and 11.11),
their lines, payments (and the sale entries they point at), the keys they were given (random ciphertext) with
their key events, and ORDERS / 10 cases. ~5% of orders are never paid (closed), ~6% of paid ones are cancelled,
about 1% partly refunded, the last 36 hours of one product wait for stock, a few hundred cases are open. The
database is cached in /tmp by size (and generator version): a second run skips the generation.

Timed, with the clock frozen at the shop's "now", median of REPEATS runs after a warm-up, the sides interleaved:

- today: `numbers.today.today(session, day, tz=...)` (the day, yesterday and the same weekday last week, hourly
  sales, the desk, stock lines, alerts), target < 300 ms; raw: the three days' order figures (orders, paid,
  cancelled, closed unpaid, sales, refunds, key cost via card_key -> key_batch) grouped by local hour;
- cancellations: `numbers.reports.cancellations(..., by="reason")` and `by="hour_of_week"` over 90 days, target
  < 1 s the two together; raw: cancelled paid orders by the cancelling case's reason ('none' without one), paid
  and cancelled orders by local weekday and hour.

The raw side is hand-written SQL on a plain sqlite3 (or psycopg) connection to the same database, so schema,
indexes and data are the same; its numbers must equal ShopDesk's (the bench stops otherwise). The zone has no
daylight saving time, so the raw SQL shifts by a fixed +8 hours. The last line is `ratio X`, X = raw time /
ShopDesk time over both measures (target >= 0.5).

With `--db URL` (a PostgreSQL server whose account may create databases) the same shop is built in a new
database there (the services as above, then the generated rows copied over from the cached SQLite file), timed
the same way against raw psycopg, and dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from bisect import bisect
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import harness

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import clock
from shopdesk.services.desk.reasons import REASONS
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.numbers import facts, reports
from shopdesk.services.numbers import today as today_page

GENERATOR_VERSION = 2  # part of the cache's name: bump when the generated data changes
TZ_NAME = "Asia/Shanghai"
TZ = ZoneInfo(TZ_NAME)
OFFSET = 8 * 3600  # Asia/Shanghai has no daylight saving time
END = datetime(2026, 11, 28, 21, 0, tzinfo=TZ)  # the shop's "now": a Saturday evening
DAY = END.date()
DAYS = 365
REPORT_DAYS = 90
WARMUP, REPEATS = 1, 7
TARGET_TODAY_MS, TARGET_REPORT_MS, TARGET_RATIO = 300, 1000, 0.5
ACTOR = "bench"
CUSTOMERS = 200
BATCHES = 4
CHUNK = 25_000  # orders per insert transaction
SUPPLIERS = ("鑫源卡商", "速达数卡", "华南批发", "官方直供")
AGENTS = ("alice", "bob", "chen", "dong")
# (sku, name, category, kind, face value yuan, price fen), as the demo shop's
PRODUCTS = (
    ("QQB-10", "Q币 10元", "游戏点卡", "secret", 10, 980),
    ("QQB-50", "Q币 50元", "游戏点卡", "secret", 50, 4900),
    ("QQB-100", "Q币 100元", "游戏点卡", "secret", 100, 9750),
    ("WY-YKT-50", "网易一卡通 50元", "游戏点卡", "code+secret", 50, 4850),
    ("WY-YKT-100", "网易一卡通 100元", "游戏点卡", "code+secret", 100, 9700),
    ("CM-100", "中国移动充值卡 100元", "话费充值", "code+secret", 100, 9880),
    ("CU-50", "中国联通充值卡 50元", "话费充值", "code+secret", 50, 4930),
    ("CT-100", "中国电信充值卡 100元", "话费充值", "code+secret", 100, 9860),
    ("JD-E-100", "京东E卡 100元", "礼品卡", "code+secret", 100, 9800),
    ("JD-E-500", "京东E卡 500元", "礼品卡", "code+secret", 500, 49200),
    ("STEAM-50", "Steam 钱包充值码 50元", "礼品卡", "secret", 50, 5200),
    ("STEAM-200", "Steam 钱包充值码 200元", "礼品卡", "secret", 200, 20600),
)
# sku -> (share of the lines, cancellation factor, available keys left in the last batch)
SHAPE = {
    "QQB-10": (20, 0.8, 600),
    "QQB-50": (12, 1.0, 600),
    "QQB-100": (6, 1.0, 400),
    "WY-YKT-50": (8, 1.0, 500),
    "WY-YKT-100": (5, 1.0, 300),
    "CM-100": (14, 0.9, 500),
    "CU-50": (9, 1.0, 400),  # its last batch expires within the week
    "CT-100": (7, 1.0, 300),
    "JD-E-100": (8, 1.1, 300),
    "JD-E-500": (1.5, 1.6, 12),  # low on stock
    "STEAM-50": (6, 1.2, 250),  # cancelled three times as often today: an alert
    "STEAM-200": (3, 1.2, 1),  # sold out (its leftovers voided): the last 36 hours await stock
}
EXPIRING_SKU, SOLD_OUT_SKU, SPIKE_SKU = "CU-50", "STEAM-200", "STEAM-50"
BAD_BATCH = ("QQB-50", 2)  # the third batch of QQB-50 fails five times as often: a supplier alert
HOURS = (3, 2, 1.2, 0.8, 0.6, 0.7, 1.2, 2.2, 3.5, 4.5, 5, 5.5, 6.5, 6, 5.5, 5.5, 5.8, 6, 6.5, 8, 9.5, 10, 8.5, 5.5)
WEEKDAY_FACTOR = (0.9, 0.9, 0.95, 1.0, 1.15, 1.4, 1.35)  # Monday first
P_UNPAID = 0.05
P_CANCEL = 0.06
CANCEL_FACTOR_MEAN = 1.045  # what the product and hour factors make of P_CANCEL on average (measured)
P_CASE_CANCELLED = 0.88  # a cancelled order's cancelling case (the rest were cancelled without one)
P_PRIOR_REJECTED = 0.05  # of those, asked once before and refused
P_PARTIAL_REFUND = 0.01
CANCEL_REASONS = {
    "changed_mind": 25,
    "wrong_item": 15,
    "price_dropped": 10,
    "paid_twice": 6,
    "delivery_worry": 5,
    "wrong_quantity": 5,
    "key_invalid": 8,
    "key_used": 6,
    "delivery_late": 6,
    "out_of_stock": 5,
    "description_wrong": 3,
    "payment_glitch": 3,
    "status_unsynced": 2,
    "duplicate_order": 1,
}
# the cases of orders that were not cancelled: outcome -> (share, reasons)
OTHER_CASES = {
    "replaced": (35, ("key_invalid", "key_invalid", "key_used", "delivery_late")),
    "retained": (40, ("price_dropped", "changed_mind", "delivery_worry", "wrong_item", "wrong_quantity")),
    "rejected": (25, ("changed_mind", "paid_twice", "status_unsynced", "payment_glitch", "duplicate_order")),
}
OPEN_HOURS = 36  # cases opened this recently on orders still delivered are open
BULK = ("orders", "order_line", "journal_entry", "payment", "cases", "card_key", "key_event")  # in insert order
COLUMNS = {
    "orders": "id, number, customer_id, source, external_id, status, payment_status, total_fen, paid_fen,"
    " refunded_fen, note, created_at, pay_deadline, paid_at, delivered_at, closed_at, updated_at",
    "order_line": "id, order_id, product_id, quantity, unit_price_fen, delivered_qty",
    "journal_entry": "id, kind, order_id, idempotency_key, input_hash, memo, actor, at",
    "payment": "id, order_id, method, trade_no, amount_fen, entry_id, at",
    "cases": "id, order_id, resp_class, reason_code, priority, status, outcome, assignee, opened_at,"
    " first_response_due, resolution_due, first_responded_at, resolved_at, closed_at, first_response_breached_at,"
    " resolution_breached_at, escalation_level, rejection_reason, version",
    "card_key": "id, product_id, batch_id, card_no, secret_enc, secret_hash, secret_tail, status, order_line_id,"
    " expires_at, status_changed_at",
    "key_event": "id, key_id, kind, actor, order_id, case_id, at, note",
}

EPOCH = datetime(1970, 1, 1)
US = 1_000_000
MINUTE, HOUR = 60 * US, 3600 * US


def utc_us(at: datetime) -> int:
    """Microseconds since the epoch of an aware instant."""
    return round((at.astimezone(UTC).replace(tzinfo=None) - EPOCH).total_seconds() * US)


def ts(us: int) -> str:
    """How SQLAlchemy stores a UTC DateTime in SQLite: naive 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    return (EPOCH + timedelta(microseconds=us)).isoformat(" ", "microseconds")


def local_midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=TZ)


END_US = utc_us(END)
FIRST_DAY = DAY - timedelta(days=DAYS - 1)
START_US = utc_us(local_midnight(FIRST_DAY))


# --- the shop: what the services make -----------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    id: int
    sku: str
    kind: str
    price_fen: int
    share: float
    cancel_factor: float
    batches: tuple[tuple[int, int, int], ...]  # (batch id, imported at (us), unit cost), oldest first


@dataclass(frozen=True)
class Stocked:
    products: tuple[Product, ...]
    customer_ids: tuple[int, ...]
    bases: dict[str, int]  # table -> its largest id before the bulk rows

    def signature(self) -> str:
        return json.dumps([[list(map(list, p.batches)) for p in self.products], self.customer_ids, self.bases])


def batch_times() -> list[int]:
    """When the four batches of every product were imported: before the year, then every quarter."""
    quarter = (END_US - START_US) // BATCHES
    return [START_US - 2 * 24 * HOUR] + [START_US + b * quarter for b in range(1, BATCHES)]


def stock_shop(app: ShopApp) -> Stocked:
    """Products, batches (with their leftover keys) and customers through the services, on a frozen clock."""
    rng = random.Random(7)
    times = batch_times()
    try:
        clock.freeze(datetime.fromtimestamp(times[0] / US, UTC) - timedelta(hours=1))
        made = []
        with app.db.write() as session:
            for sku, name, category, kind, face, price in PRODUCTS:
                product = catalog.add_product(
                    session,
                    catalog.ProductInput(
                        sku=sku, name=name, category=category, kind=kind, price_fen=price, face_value_fen=face * 100
                    ),
                )
                made.append((product.id, sku, kind, price))
            customer_ids = tuple(customers.add_customer(session, f"Bench 客户 {i:03d}").id for i in range(CUSTOMERS))
        products = []
        for product_id, sku, kind, price in made:
            batches = []
            for b, at in enumerate(times):
                clock.freeze(datetime.fromtimestamp(at / US, UTC))
                last = b == BATCHES - 1
                keys = SHAPE[sku][2] if last else rng.randint(1, 3)
                expires = END + timedelta(days=4) if last and sku == EXPIRING_SKU else None
                pairs = [
                    (f"{sku}-{b}-{i:06d}" if kind == "code+secret" else None, f"BENCH-{sku}-{b}-{i:06d}-SECRET")
                    for i in range(keys)
                ]
                cost = round(price * rng.uniform(0.9, 0.965))
                with app.db.write() as session:
                    result = inventory.add_keys(
                        session,
                        app.vault,
                        product_id,
                        pairs,
                        actor=ACTOR,
                        supplier=SUPPLIERS[(product_id + b) % len(SUPPLIERS)],
                        unit_cost_fen=cost,
                        expires_at=expires,
                    )
                batches.append((result.batch_id, at, cost))
            share, cancel_factor, _ = SHAPE[sku]
            products.append(Product(product_id, sku, kind, price, share, cancel_factor, tuple(batches)))
    finally:
        clock.reset()
    with app.db.read() as session:
        conn = session.connection()
        bases = {t: int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {t}").scalar_one()) for t in BULK}
    return Stocked(tuple(products), customer_ids, bases)


# --- the bulk rows ------------------------------------------------------------------------------------------


def day_counts(n: int) -> list[int]:
    """Orders per local day of the year, n in all: weekday, growth, 6.18 and 11.11, noise; the last day ends at
    END's hour."""
    rng = random.Random(3)
    weights = []
    for i in range(DAYS):
        d = FIRST_DAY + timedelta(days=i)
        w = WEEKDAY_FACTOR[d.weekday()] * (0.8 + 0.4 * i / (DAYS - 1)) * rng.uniform(0.9, 1.1)
        w *= {(11, 11): 2.2, (11, 10): 1.4, (6, 18): 1.7}.get((d.month, d.day), 1.0)
        weights.append(w)
    weights[-1] *= sum(HOURS[: END.hour]) / sum(HOURS)
    whole = sum(weights)
    counts = [int(n * w / whole) for w in weights]
    for i in sorted(range(DAYS), key=lambda i: n * weights[i] / whole - counts[i], reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    return counts


class Generator:
    """Streams the bulk rows, chunk by chunk of orders: {table: [row, ...]}. Deterministic (seeded)."""

    def __init__(self, n: int, stocked: Stocked):
        self.n, self.stocked = n, stocked
        self.rng = random.Random(11)
        self.ids = dict(stocked.bases)
        self.cum_products = list(accumulate(p.share for p in stocked.products))
        self.cum_cancel = list(accumulate(CANCEL_REASONS.values()))
        self.cancel_reasons = list(CANCEL_REASONS)
        cases_per_cancelled = P_CASE_CANCELLED * (1 + P_PRIOR_REJECTED)
        cancelled = (1 - P_UNPAID) * P_CANCEL * CANCEL_FACTOR_MEAN
        # the other cases (on orders delivered) make up ORDERS / 10 in all
        self.p_other = max(0.0, (0.1 - cancelled * cases_per_cancelled) / (1 - P_UNPAID - cancelled))
        self.bad_batch = next(p.batches[BAD_BATCH[1]][0] for p in stocked.products if p.sku == BAD_BATCH[0])
        self.counts = defaultdict(int)

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def chunks(self) -> Iterator[dict[str, list[tuple]]]:
        rng = self.rng
        rows: dict[str, list[tuple]] = {t: [] for t in BULK}
        made = 0
        for i, count in enumerate(day_counts(self.n)):
            d = FIRST_DAY + timedelta(days=i)
            base = utc_us(local_midnight(d))
            weights = [h * (1.3 if d.weekday() >= 5 and 10 <= k <= 17 else 1.0) for k, h in enumerate(HOURS)]
            if d == DAY:
                weights = weights[: END.hour]
            cum = list(accumulate(weights))
            stamps = sorted(
                base + bisect(cum, rng.random() * cum[-1]) * HOUR + rng.randrange(HOUR) for _ in range(count)
            )
            tag = d.strftime("%Y%m%d")
            for created in stamps:
                self.order(rows, created, tag, d == DAY)
                made += 1
                if made % CHUNK == 0:
                    yield rows
                    rows = {t: [] for t in BULK}
        yield rows

    def order(self, rows: dict[str, list[tuple]], created: int, tag: str, is_today: bool) -> None:
        rng, products = self.rng, self.stocked.products
        oid = self.next_id("orders")
        age = END_US - created
        picked = [products[bisect(self.cum_products, rng.random() * self.cum_products[-1])]]
        if rng.random() < 0.1:
            other = products[bisect(self.cum_products, rng.random() * self.cum_products[-1])]
            if other is not picked[0]:
                picked.append(other)
        qtys = [1 if rng.random() < 0.8 else rng.randint(2, 3) for _ in picked]
        total = sum(p.price_fen * q for p, q in zip(picked, qtys, strict=True))
        r = rng.random()
        source = "api" if r < 0.7 else "desk" if r < 0.9 else "simulator"
        paid_at = delivered_at = closed_at = None
        paid = refunded = 0
        keys: str | None = None  # the status the lines' keys end in (None: no keys)
        cases: list[tuple] = []
        if age < 15 * MINUTE:
            status, pay = "pending_payment", "unpaid"
        elif rng.random() < P_UNPAID:
            status, pay, closed_at = "closed", "unpaid", created + 15 * MINUTE
        else:
            paid, pay, paid_at = total, "paid", created + rng.randint(5, 90) * US
            hour = (created // HOUR + 8) % 24
            factor = max(p.cancel_factor for p in picked) * (1.5 if hour < 6 else 1.2 if hour >= 22 else 1.0)
            if is_today and any(p.sku == SPIKE_SKU for p in picked):
                factor *= 3
            if age < 36 * HOUR and any(p.sku == SOLD_OUT_SKU for p in picked):
                status = "awaiting_stock"
            elif rng.random() < P_CANCEL * factor:
                status, pay, refunded = "cancelled", "refunded", paid
                closed_at, keys, cases = self.cancellation(oid, paid_at)
            else:
                status, keys, delivered_at = ("completed" if age > 3 * 24 * HOUR else "delivered"), "delivered", paid_at
                if rng.random() < P_PARTIAL_REFUND:
                    pay, refunded = "partially_refunded", max(1, round(paid * rng.uniform(0.1, 0.5)))
        updated = max(t for t in (created, paid_at, delivered_at, closed_at) if t is not None)
        rows["orders"].append(
            (
                oid,
                f"SD{tag}{oid:08d}",
                rng.choice(self.stocked.customer_ids),
                source,
                f"WEB-{oid:09d}" if source == "api" else None,
                status,
                pay,
                total,
                paid,
                refunded,
                "",
                ts(created),
                ts(created + 15 * MINUTE),
                ts(paid_at) if paid_at else None,
                ts(delivered_at) if delivered_at else None,
                ts(closed_at) if closed_at else None,
                ts(updated),
            )
        )
        self.counts[status] += 1
        if paid_at is not None:
            entry = self.next_id("journal_entry")
            method = rng.choice(("alipay", "wechat")) if source != "desk" or rng.random() < 0.5 else "wallet"
            trade = f"{method}-{oid:010d}"
            rows["journal_entry"].append((entry, "sale", oid, f"payment:{trade}", "", "", ACTOR, ts(paid_at)))
            rows["payment"].append((self.next_id("payment"), oid, method, trade, paid, entry, ts(paid_at)))
        batches_used = []
        for product, qty in zip(picked, qtys, strict=True):
            line = self.next_id("order_line")
            rows["order_line"].append((line, oid, product.id, qty, product.price_fen, qty if keys else 0))
            if keys:
                batches_used.append(self.keys(rows, product, line, qty, oid, paid_at, keys, closed_at, cases))
        if status in ("delivered", "completed"):
            cases = self.other_case(oid, paid_at, batches_used)
        rows["cases"].extend(cases)
        self.counts["cases"] += len(cases)

    def keys(self, rows, product: Product, line: int, qty: int, oid: int, paid_at, status, cancelled_at, cases):
        """The line's keys, each with its events; returns the batch they came from."""
        rng = self.rng
        batch_id, _at, _cost = next(b for b in reversed(product.batches) if b[1] <= paid_at)
        for _ in range(qty):
            key = self.next_id("card_key")
            changed = cancelled_at if status == "recalled" else paid_at + US
            rows["card_key"].append(
                (
                    key,
                    product.id,
                    batch_id,
                    f"{product.sku}-{key:010d}" if product.kind == "code+secret" else None,
                    rng.randbytes(48),
                    rng.randbytes(32),
                    f"{key % 10000:04d}",
                    status,
                    line,
                    None,
                    ts(changed),
                )
            )
            rows["key_event"].append(
                (self.next_id("key_event"), key, "delivered", "system", oid, None, ts(paid_at + US), "")
            )
            if status == "recalled":
                case_id = cases[-1][0] if cases else None
                rows["key_event"].append(
                    (self.next_id("key_event"), key, "recalled", ACTOR, oid, case_id, ts(cancelled_at), "")
                )
            self.counts["keys"] += 1
        return batch_id

    def case(self, oid: int, reason: str, opened: int, outcome: str | None, resolved: int | None) -> tuple:
        rng = self.rng
        due = opened + (15 if REASONS[reason] != "customer" else 30) * MINUTE
        resolution_due = opened + 24 * HOUR
        answered = opened + round(rng.expovariate(1 / (10 * MINUTE)))
        if answered > END_US:
            answered = None
        if resolved is None:  # open
            status = "new" if answered is None else rng.choice(("in_progress", "in_progress", "waiting_customer"))
            closed = None
        else:
            status = "resolved" if END_US - resolved < 3 * 24 * HOUR else "closed"
            closed = resolved if status == "closed" else None
        first_breach = due if (answered or END_US) > due else None
        resolution_breach = resolution_due if (resolved or END_US) > resolution_due else None
        return (
            self.next_id("cases"),
            oid,
            REASONS[reason],
            reason,
            "high" if rng.random() < 0.1 else "normal",
            status,
            outcome,
            None if status == "new" else rng.choice(AGENTS),
            ts(opened),
            ts(due),
            ts(resolution_due),
            ts(answered) if answered else None,
            ts(resolved) if resolved else None,
            ts(closed) if closed else None,
            ts(first_breach) if first_breach else None,
            ts(resolution_breach) if resolution_breach else None,
            0,
            "not eligible" if outcome == "rejected" else "",
            3 if resolved else 1,
        )

    def cancellation(self, oid: int, paid_at: int) -> tuple[int, str | None, list[tuple]]:
        """(when it was cancelled, its keys' status, its cases) of a cancelled order."""
        rng = self.rng
        latest = END_US - MINUTE
        if rng.random() >= P_CASE_CANCELLED:
            cancelled = min(latest, paid_at + round(rng.expovariate(1 / (30 * MINUTE))))
            return cancelled, ("recalled" if rng.random() < 0.5 else None), []
        reason = self.cancel_reasons[bisect(self.cum_cancel, rng.random() * self.cum_cancel[-1])]
        opened = min(latest - 2 * MINUTE, paid_at + round(rng.expovariate(1 / (2 * HOUR))))
        cases = []
        if rng.random() < P_PRIOR_REJECTED:
            cases.append(self.case(oid, "changed_mind", opened, "rejected", opened + MINUTE))
            opened += 2 * MINUTE
        resolved = min(latest, opened + round(rng.expovariate(1 / (90 * MINUTE))))
        cases.append(self.case(oid, reason, opened, "cancelled", resolved))
        return resolved, (None if reason == "out_of_stock" else "recalled"), cases

    def other_case(self, oid: int, paid_at: int, batches: list[int]) -> list[tuple]:
        """A case on a delivered order (or none): replaced, retained or rejected, or still open when recent."""
        rng = self.rng
        bad = self.bad_batch in batches
        if rng.random() >= self.p_other * (1.5 if bad else 1):
            return []
        opened = paid_at + round(rng.expovariate(1 / (6 * HOUR)))
        if bad and rng.random() < 0.6:
            outcome, reason = "replaced", "key_invalid"
        else:
            r, outcome = rng.random() * 100, "rejected"
            for name, (share, _reasons) in OTHER_CASES.items():
                if r < share:
                    outcome = name
                    break
                r -= share
            reason = rng.choice(OTHER_CASES[outcome][1])
        if opened >= END_US - 2 * MINUTE:
            opened = END_US - 2 * MINUTE - rng.randrange(OPEN_HOURS * HOUR)
            opened = max(opened, paid_at + MINUTE)
        if END_US - opened < OPEN_HOURS * HOUR:
            self.counts["open cases"] += 1
            return [self.case(oid, rng.choice(list(REASONS)), opened, None, None)]
        resolved = min(END_US - MINUTE, opened + round(rng.expovariate(1 / (5 * HOUR))))
        return [self.case(oid, reason, opened, outcome, resolved)]


def insert_sql(con: sqlite3.Connection, table: str) -> str:
    """The INSERT of COLUMNS[table], plus a zero for any NOT NULL column without a default that a later
    migration added (so the bench keeps working as the schema grows)."""
    given = [c.strip() for c in COLUMNS[table].split(",")]
    cols, vals = list(given), ["?"] * len(given)
    for _cid, name, kind, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and not pk and name not in given:
            cols.append(name)
            vals.append("''" if any(t in kind.upper() for t in ("CHAR", "TEXT", "CLOB")) else "0")
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(vals)})"


def after_bulk(con, mark: str, stocked: Stocked, now: Any) -> None:
    """What follows the bulk rows on either database: the sold-out product's leftovers voided, batch counts."""
    sold_out = next(p.id for p in stocked.products if p.sku == SOLD_OUT_SKU)
    void = "UPDATE card_key SET status = 'void', status_changed_at = ? WHERE product_id = ? AND status = 'available'"
    con.execute(void.replace("?", mark), (now, sold_out))
    con.execute("UPDATE key_batch SET key_count = (SELECT count(*) FROM card_key k WHERE k.batch_id = key_batch.id)")


def build(data_dir: Path, n: int) -> dict:
    """The shop of n orders in data_dir: the services, then the bulk rows. Returns its counts."""
    with harness.open_shop(data_dir) as app:
        stocked = stock_shop(app)
    con = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -1000000")
    statements = {t: insert_sql(con, t) for t in BULK}
    gen = Generator(n, stocked)
    for rows in gen.chunks():
        con.execute("BEGIN")
        for table in BULK:
            con.executemany(statements[table], rows[table])
        con.execute("COMMIT")
    con.execute("BEGIN")
    after_bulk(con, "?", stocked, ts(END_US))
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"stocked": stocked.signature(), **gen.counts}


def cached_shop(n: int) -> tuple[Path, dict, bool]:
    """(data dir, its description, reused?) of the cached shop of n orders, generated first if need be."""
    root = Path(tempfile.gettempdir()) / f"shopdesk-bench-analytics-v{GENERATOR_VERSION}-{n}"
    meta_path = root / "meta.json"
    if meta_path.exists():
        return root / "shop", json.loads(meta_path.read_text()), True
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    started = time.perf_counter()
    meta = build(root / "shop", n)
    meta["generated_s"] = round(time.perf_counter() - started, 1)
    meta["orders"] = n
    meta_path.write_text(json.dumps(meta))  # written last: its presence says the shop is whole
    return root / "shop", meta, False


# --- PostgreSQL -----------------------------------------------------------------------------------------------


@contextmanager
def pg_shop(server: str, sqlite_dir: Path, meta: dict) -> Iterator[tuple[Path, str]]:
    """The cached shop again in a new database on `server`: the services' part made there the same way, then the
    bulk rows copied from the SQLite file. Yields (data dir, database URL); the database is dropped after."""
    import pg_delivery
    import psycopg

    name = f"shopdesk_bench_analytics_{os.getpid()}"
    root = Path(tempfile.mkdtemp(prefix="shopdesk-pg-analytics-"))
    pg_delivery.admin(server, f"CREATE DATABASE {name}")
    url = pg_delivery.database_url(server, name)
    try:
        with harness.open_shop(root, url) as app:
            stocked = stock_shop(app)
        if stocked.signature() != meta["stocked"]:
            sys.exit("the PostgreSQL shop's products, batches or customers differ from the SQLite shop's")
        lite = sqlite3.connect(sqlite_dir / DB_FILENAME)
        with psycopg.connect(raw_pg_url(url)) as con:
            for table in BULK:
                cols = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
                rows = lite.execute(
                    f"SELECT {', '.join(cols)} FROM {table} WHERE id > ? ORDER BY id", (stocked.bases[table],)
                )
                with con.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                con.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            after_bulk(con, "%s", stocked, END.astimezone(UTC).replace(tzinfo=None))
            con.commit()
            con.autocommit = True
            con.execute("VACUUM ANALYZE")
        lite.close()
        yield root, url
    finally:
        pg_delivery.admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(root, ignore_errors=True)


def raw_pg_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# --- the raw side ---------------------------------------------------------------------------------------------


class Raw:
    """The same numbers in hand-written SQL, on sqlite3 or psycopg."""

    def __init__(self, data_dir: Path, url: str | None):
        self.pg = url is not None
        if self.pg:
            import psycopg

            self.con = psycopg.connect(raw_pg_url(url), autocommit=True)
            self.mark = "%s"
            shifted = f"o.created_at + interval '{OFFSET} seconds'"
            self.hour = f"to_char({shifted}, 'YYYY-MM-DD HH24')"
            self.week_hour = f"to_char({shifted}, 'D HH24')"  # 1 = Sunday
            self.sunday = 1
            self.key_status = "k.status"
        else:
            self.con = harness.RawSide(data_dir / DB_FILENAME).con
            self.mark = "?"
            self.hour = f"strftime('%Y-%m-%d %H', o.created_at, '+{OFFSET} seconds')"
            self.week_hour = f"strftime('%w %H', o.created_at, '+{OFFSET} seconds')"  # 0 = Sunday
            self.sunday = 0
            # `+` keeps SQLite (no ANALYZE statistics) from driving the join off ix_card_key_status_expires,
            # i.e. from scanning every delivered key: the keys are reached from the range's lines instead.
            self.key_status = "+k.status"

    @property
    def counts(self) -> str:
        """Paid orders, cancelled (paid, then cancelled), closed unpaid: three columns."""
        conditions = (
            "o.paid_fen > 0",
            "o.paid_fen > 0 AND o.status = 'cancelled'",
            "o.paid_fen = 0 AND o.status = 'closed'",
        )
        if self.pg:
            return ", ".join(f"count(*) FILTER (WHERE {c})" for c in conditions)
        return ", ".join(f"sum({c})" for c in conditions)

    def bound(self, d: date) -> Any:
        """Local midnight of d as the stored UTC value."""
        at = local_midnight(d).astimezone(UTC).replace(tzinfo=None)
        return at if self.pg else at.strftime("%Y-%m-%d %H:%M:%S.%f")

    def rows(self, sql: str, params: tuple) -> list[tuple]:
        sql = sql.replace("?", self.mark)
        if self.pg:
            return self.con.execute(sql).fetchall() if not params else self.con.execute(sql, params).fetchall()
        con = self.con
        con.execute("BEGIN")
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.execute("COMMIT")

    def today(self, day: date) -> dict[str, list[int]]:
        """local 'YYYY-MM-DD HH' -> [orders, paid, cancelled, closed unpaid, sales, refunds, cost] of the day,
        yesterday and the same weekday a week before."""
        figures = (
            f"SELECT {self.hour} AS h, count(*), {self.counts}, sum(o.paid_fen), sum(o.refunded_fen)"
            " FROM orders o WHERE o.created_at >= ? AND o.created_at < ? GROUP BY h"
        )
        cost = (
            f"SELECT {self.hour} AS h, sum(b.unit_cost_fen) FROM orders o"
            " JOIN order_line l ON l.order_id = o.id"
            f" JOIN card_key k ON k.order_line_id = l.id AND {self.key_status} = 'delivered'"
            " JOIN key_batch b ON b.id = k.batch_id"
            " WHERE o.created_at >= ? AND o.created_at < ? GROUP BY h"
        )
        out: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
        for first, last in ((day - timedelta(days=1), day), (day - timedelta(days=7), day - timedelta(days=7))):
            span = (self.bound(first), self.bound(last + timedelta(days=1)))
            for h, *values in self.rows(figures, span):
                out[h][:6] = [int(v or 0) for v in values]
            for h, value in self.rows(cost, span):
                out[h][6] = int(value or 0)
        return dict(out)

    def cancellations(self, start: date, end: date) -> tuple[dict[str, int], dict[str, tuple[int, int]], tuple]:
        """(reason -> cancelled paid orders, 'sat-21' -> (paid, cancelled), (paid, cancelled, closed unpaid))."""
        span = (self.bound(start), self.bound(end + timedelta(days=1)))
        by_reason = (
            "SELECT coalesce((SELECT c.reason_code FROM cases c WHERE c.order_id = o.id AND c.outcome = 'cancelled'"
            " ORDER BY c.id DESC LIMIT 1), 'none') AS reason, count(*) FROM orders o"
            " WHERE o.created_at >= ? AND o.created_at < ? AND o.status = 'cancelled' AND o.paid_fen > 0"
            " GROUP BY reason"
        )
        by_hour = (
            f"SELECT {self.week_hour} AS wh, {self.counts}"
            " FROM orders o WHERE o.created_at >= ? AND o.created_at < ? GROUP BY wh"
        )
        reasons = {reason: int(count) for reason, count in self.rows(by_reason, span)}
        week: dict[str, tuple[int, int]] = {}
        totals = [0, 0, 0]
        names = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
        for wh, paid, cancelled, closed in self.rows(by_hour, span):
            weekday, hour = wh.split()
            week[f"{names[int(weekday) - self.sunday]}-{hour}"] = (int(paid or 0), int(cancelled or 0))
            for i, v in enumerate((paid, cancelled, closed)):
                totals[i] += int(v or 0)
        return reasons, week, tuple(totals)

    def close(self) -> None:
        self.con.close()


# --- ShopDesk's side and the checks ---------------------------------------------------------------------------


def shop_today(app: ShopApp) -> today_page.TodayView:
    with app.db.read() as session:
        return today_page.today(session, DAY, tz=TZ)


def report_range() -> tuple[date, date]:
    return DAY - timedelta(days=REPORT_DAYS - 1), DAY


def shop_cancellations(app: ShopApp) -> tuple[reports.Cancellations, reports.Cancellations]:
    start, end = report_range()
    with app.db.read() as session:
        by_reason = reports.cancellations(session, start, end, by="reason", tz=TZ)
    with app.db.read() as session:
        by_hour = reports.cancellations(session, start, end, by="hour_of_week", tz=TZ)
    return by_reason, by_hour


def equal(what: str, ours: Any, raw: Any) -> None:
    if ours != raw:
        sys.exit(f"{what}: ShopDesk {ours!r} != raw {raw!r}")


def check_today(view: today_page.TodayView, raw: dict[str, list[int]]) -> int:
    """ShopDesk's day, yesterday, last week and hourly sales against the raw hours; the numbers compared."""
    compared = 0
    for figures in (view.day, view.yesterday, view.last_week):
        prefix = figures.date.isoformat()
        sums = [sum(v[i] for h, v in raw.items() if h.startswith(prefix)) for i in range(7)]
        ours = [getattr(figures, f) for f in ("orders", "paid_orders", "cancelled", "closed_unpaid")]
        ours += [figures.sales_fen, figures.refunds_fen, figures.cost_fen]
        equal(f"today {prefix}", ours, sums)
        compared += 7
    for day, hourly in ((view.day.date, view.hourly_sales_fen), (view.last_week.date, view.hourly_sales_last_week_fen)):
        hours = tuple(raw.get(f"{day.isoformat()} {h:02d}", [0] * 7)[4] for h in range(24))
        equal(f"hourly sales {day}", hourly, hours)
        compared += 24
    if not view.day.orders:
        sys.exit("the day has no orders: nothing was measured")
    return compared


def check_cancellations(ours: tuple[reports.Cancellations, reports.Cancellations], raw) -> int:
    by_reason, by_hour = ours
    reasons, week, totals = raw
    for report in ours:
        equal(f"{report.by} totals", (report.paid_orders, report.cancelled, report.closed_unpaid), totals)
    equal("by reason", {r.key: r.cancelled for r in by_reason.rows}, reasons)
    hours = {r.key: (r.paid_orders, r.cancelled) for r in by_hour.rows}
    if not set(week) <= set(hours):
        sys.exit(f"raw hours of week {sorted(set(week) - set(hours))} are not ShopDesk's")
    equal("by hour of week", hours, {key: week.get(key, (0, 0)) for key in hours})
    if sum(reasons.values()) != totals[1] or not totals[1]:
        sys.exit(f"the reasons add up to {sum(reasons.values())}, not the {totals[1]} cancelled orders")
    return 6 + len(reasons) + 2 * len(by_hour.rows)


# --- timing ---------------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def measure(sides: dict[str, Callable[[], Any]]) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Every side WARMUP + REPEATS times, interleaved (the order turned round each time); the seconds of each run
    (the warm-up first), and each side's last result."""
    spent: dict[str, list[float]] = defaultdict(list)
    results = {}
    names = list(sides)
    for r in range(WARMUP + REPEATS):
        for name in names if r % 2 == 0 else reversed(names):
            seconds, results[name] = timed(sides[name])
            spent[name].append(seconds)
    return spent, results


# what today() spends its time in: functions of the package, none calling another of them
WATCHED = (
    (facts, "order_cells"),
    (facts, "product_days"),
    (reports, "suppliers"),
    (today_page, "desk"),
    (today_page, "stock_lines"),
)


def where_today_goes(app: ShopApp) -> tuple[float, dict[str, tuple[int, float]]]:
    """Two more today(), the WATCHED functions timed in the second: (its ms, {name: (calls, ms)})."""
    spent: dict[str, tuple[int, float]] = {}

    def watch(label: str, fn: Callable) -> Callable:
        def watched(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                calls, ms = spent.get(label, (0, 0.0))
                spent[label] = (calls + 1, ms + (time.perf_counter() - started) * 1000)

        return watched

    originals = [(module, name, getattr(module, name)) for module, name in WATCHED]
    for module, name, fn in originals:
        setattr(module, name, watch(f"{module.__name__.rsplit('.', 1)[-1]}.{name}", fn))
    try:
        shop_today(app)  # once with the functions watched, so that anything kept between calls is kept for them
        spent.clear()
        seconds, _ = timed(lambda: shop_today(app))
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)
    return seconds * 1000, spent


def line(what: str, ours: list[float], raw: list[float], target_ms: int) -> tuple[float, float]:
    """One measure's line; (ShopDesk ms, raw ms), the medians after the warm-up."""
    first = ours[0] * 1000
    ours, raw = ours[WARMUP:], raw[WARMUP:]
    ours_ms, raw_ms = statistics.median(ours) * 1000, statistics.median(raw) * 1000
    verdict = "met" if ours_ms < target_ms else "MISSED"
    print(f"{what}:")
    print(
        f"  ShopDesk {ours_ms:7.1f} ms (best {min(ours) * 1000:.1f}, first call {first:.1f})  raw {raw_ms:6.1f} ms"
        f"  ratio {raw_ms / ours_ms:.2f}  target < {target_ms} ms: {verdict}"
    )
    return ours_ms, raw_ms


def run(data_dir: Path, url: str | None) -> tuple[dict, dict, dict]:
    clock.freeze(END.astimezone(UTC))
    app = ShopApp.open(load_config(data_dir, url))
    raw = Raw(data_dir, url)
    start, end = report_range()
    try:
        spent, results = measure(
            {
                "shop today": lambda: shop_today(app),
                "raw today": lambda: raw.today(DAY),
                "shop report": lambda: shop_cancellations(app),
                "raw report": lambda: raw.cancellations(start, end),
            }
        )
        compared = check_today(results["shop today"], results["raw today"])
        compared += check_cancellations(results["shop report"], results["raw report"])
        parts = where_today_goes(app)
    finally:
        raw.close()
        app.close()
        clock.reset()
    return spent, results, {"compared": compared, "parts": parts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("orders", nargs="?", type=int, default=1_000_000, help="orders (default 1,000,000)")
    parser.add_argument("--db", help="a PostgreSQL server URL whose account may create databases")
    args = parser.parse_args(argv)
    if args.orders < 10_000:
        parser.error("ORDERS must be at least 10,000 (a year of days, a few dozen orders each)")

    data_dir, meta, reused = cached_shop(args.orders)
    how = f"reused, generated earlier in {meta['generated_s']} s" if reused else f"generated in {meta['generated_s']} s"
    print(
        f"shop: {args.orders:,} orders ({meta.get('cancelled', 0):,} cancelled, {meta.get('closed', 0):,} closed"
        f" unpaid, {meta.get('awaiting_stock', 0):,} awaiting stock), {meta['cases']:,} cases"
        f" ({meta['open cases']:,} open), {meta['keys']:,} keys; {DAYS} local days to {END:%Y-%m-%d %H:%M} {TZ_NAME}"
    )
    print(f"cache: {data_dir.parent} ({how})")
    if args.db:
        with pg_shop(args.db, data_dir, meta) as (pg_dir, url):
            spent, results, info = run(pg_dir, url)
        engine = "PostgreSQL, raw psycopg"
    else:
        spent, results, info = run(data_dir, None)
        engine = "SQLite, raw sqlite3"
    start, end = report_range()
    view = results["shop today"]
    print(
        f"{engine}; median of {REPEATS} after {WARMUP} warm-up; raw equals ShopDesk on {info['compared']} numbers"
        f" (today {view.day.orders:,} orders, {view.day.sales_fen / 100:,.2f} yuan, {len(view.alerts)} alerts,"
        f" {len(view.stock)} stock lines)"
    )
    today_ms = line(
        f"today {DAY} (+ yesterday, {DAY - timedelta(days=7)}; desk, stock, alerts)",
        spent["shop today"],
        spent["raw today"],
        TARGET_TODAY_MS,
    )
    total_ms, parts = info["parts"]
    rest = total_ms - sum(ms for _calls, ms in parts.values())
    where = ", ".join(
        f"{name} {ms:.1f} ms" + (f" ({calls} calls)" if calls > 1 else "") for name, (calls, ms) in parts.items()
    )
    print(f"  one more call, {total_ms:.1f} ms: {where}, the rest {rest:.1f} ms")
    report_ms = line(
        f"cancellations {start}..{end} by reason + hour_of_week",
        spent["shop report"],
        spent["raw report"],
        TARGET_REPORT_MS,
    )
    ours_ms, raw_ms = today_ms[0] + report_ms[0], today_ms[1] + report_ms[1]
    verdict = "met" if raw_ms / ours_ms >= TARGET_RATIO else "MISSED"
    print(f"both: ShopDesk {ours_ms:.1f} ms, raw {raw_ms:.1f} ms; target ratio >= {TARGET_RATIO}: {verdict}")
    print(f"ratio {raw_ms / ours_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

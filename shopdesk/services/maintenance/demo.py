"""A believable demo shop: product families, thousands of keys, customers with balances, orders in every state,
and behind them (by default) 60 days of history for the owner's numbers to show.

Everything is made through the services, played forward in time: each step freezes the clock at its moment and
the steps run in time order (a queue of timed events), so the ledger's and the trail's hash chains, the SOP clocks
and the local days all read as if the shop had lived through it. The history holds:

- tens of orders a day, more in the evenings and at weekends (the shop's local time), from the storefront API and
  the desk, some never paid (closed by the unpaid timeout), some confirmed by the customer later;
- cancellation requests of all three classes, each a case worked by one of two staff members on their shifts:
  first responses mostly within the SOP target, some late (breaches recorded by the sweep), resolutions of minutes
  to hours (some waiting on the customer), retention offers accepted (retained) or declined (cancelled: keys,
  money and coupons rolled back); more requests on Fri/Sat/Sun evenings;
- keys that fail (any supplier, rarely), and one cheaper supplier's batch of one product that fails often: imported
  when the first batch ran out, pulled from sale (voided) when the regular supplier's next batch came;
- one product's bad day a few days ago (a storefront glitch: duplicated orders, most cancelled);
- a price cut halfway (price-protection requests), undone a week later; restocks when a product runs low;
- at the end, a few requests of the last half hour still open on the desk (one of them past its first response).

Rates that make a figure's point (requests per order, keys failing per batch, offers accepted per kind) are kept
exactly, a debt carried from one order to the next, so that a short history still shows them; which orders, which
customers and which minutes are left to the seeded random generator. The recent part (the `orders_count` orders
of the last two weeks, three orders waiting for a product with no stock, four fresh unpaid orders) is laid over
the history as before. `history_days=0` seeds the recent part alone.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from importlib import resources

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Order, OrderLine, Product
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault
from shopdesk.services.desk import cases, retention, sop
from shopdesk.services.desk.reasons import REASONS
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers, ledger
from shopdesk.services.numbers import days
from shopdesk.services.orders import selling as orders

ACTOR = "demo"
STOREFRONT = "storefront"
MAX_HISTORY_DAYS = 365
RECENT_DAYS = 14

_DATA = tomllib.loads(resources.files(__package__).joinpath("demo.toml").read_text(encoding="utf-8"))
# (sku, name, category, kind, face value yuan, price fen, keys to stock)
PRODUCTS = [tuple(row) for row in _DATA["products"]]
CUSTOMERS = [tuple(row) for row in _DATA["customers"]]
HISTORY = _DATA["history"]
STAFF = tuple(s["name"] for s in HISTORY["staff"])


# The desk at the end: (minutes ago, reason, state) of requests still open.
LIVE = (
    (38, "key_invalid", "waiting"),
    (24, "changed_mind", "offered"),
    (11, "delivery_worry", "late"),
    (3, "wrong_item", "new"),
)


@dataclass(frozen=True)
class DemoResult:
    products: int
    keys: int
    customers: int
    orders: int
    cases: int = 0
    history_days: int = 0


def is_empty(session: Session) -> bool:
    return session.execute(select(func.count()).select_from(Product)).scalar_one() == 0


def seed(
    session: Session, vault: Vault, *, orders_count: int = 120, seed: int = 7, history_days: int = 60
) -> DemoResult:
    """Fill an empty shop: `history_days` days of history (0: none), and over the last two weeks `orders_count`
    orders in every fulfilment state, a few waiting for stock and a few fresh unpaid ones."""
    if not 0 <= history_days <= MAX_HISTORY_DAYS:
        raise InvalidInput("demo.history_range")
    try:
        return _Demo(session, vault, random.Random(seed), clock.now(), history_days).run(orders_count)
    finally:
        clock.reset()


# --- the plan -----------------------------------------------------------------------------------------------


@dataclass
class _Arrival:
    """An order to place: when, what, and what will become of it."""

    at: datetime
    sku: str
    qty: int
    kind: str  # "history", "recent" or "bad_day"
    unpaid: bool = False
    request: bool = False  # the customer will ask to cancel
    reason: str | None = None  # a reason decided in advance (the bad day's)
    complete: bool = False  # confirmed (completed) by the customer later
    source: str = "api"


@dataclass
class _Sale:
    """What the simulation knows of an order it placed."""

    id: int
    customer_id: int
    sku: str
    product_id: int
    qty: int
    total_fen: int
    source: str
    actor: str
    status: str = "pending_payment"
    method: str | None = None
    paid_at: datetime | None = None
    case_open: bool = False
    bad_key: bool = False  # a key of the bad batch failed


@dataclass
class _Case:
    id: int
    sale: _Sale
    kind: str  # "request" (to cancel), "key" (a key failed), "late" (delivered late)
    reason: str
    resp_class: str
    opened_at: datetime
    first_due: datetime
    resolution_due: datetime
    agent: str | None = None
    paused_at: datetime | None = None
    offers: list = field(default_factory=list)  # retention suggestions not made yet
    cancel: bool = False  # decided in advance: it ends in cancellation (the bad day's)
    swept: set = field(default_factory=set)  # deadlines the SOP sweep is already due at


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Demo:
    def __init__(self, session: Session, vault: Vault, rng: random.Random, now: datetime, history_days: int):
        self.s, self.vault, self.rng, self.now, self.h = session, vault, rng, now, history_days
        self.tz = days.shop_zone(session)
        # The history starts at a local midnight: its first day is a whole day like the others.
        first = (now.astimezone(self.tz) - timedelta(days=history_days)).date()
        self.history_start = datetime.combine(first, time(0), tzinfo=self.tz).astimezone(UTC) if history_days else now
        self.recent_start = now - timedelta(days=RECENT_DAYS)
        self.opening = min(self.history_start, self.recent_start) - timedelta(hours=1)
        self.queue: list = []
        self._seq = itertools.count()
        self.products: dict[str, catalog.ProductView] = {}
        self.by_id: dict[int, catalog.ProductView] = {}
        self.stock_of = {row[0]: row[6] for row in PRODUCTS}
        self.keys = self.orders = self.cases = 0
        self.regulars: list[int] = []
        self.wallets: set[int] = set()
        self.newcomers: list[int | None] = []
        self.sales: dict[int, _Sale] = {}
        self.batch_defect: dict[int, float] = {}
        self.batches_of: dict[int, list[int]] = {}
        self.planned_batches: dict[str, list[dict]] = {}
        self.restock_due: set[str] = set()
        self.bad_batch_id: int | None = None
        # Keys fail at their batch's rate exactly (the debt carried from key to key), not by luck, so a short
        # history shows the bad batch too; a good batch's first failure comes after a hundred keys or so.
        self.debt: dict[int, float] = {}
        self.bad_cases = 0
        self.accept_debt: dict[str, float] = {}
        self.topups = 0
        mix = HISTORY["mix"]
        self.mix = {sku: w for sku, w in mix.items() if sku in self.stock_of}
        self.reasons = {code: w for code, w in HISTORY["reasons"].items() if code in REASONS}

    # --- the event queue ---

    def at(self, when: datetime, fn, *args) -> None:
        heapq.heappush(self.queue, (when, next(self._seq), fn, args))

    def play(self) -> None:
        """Run every event due up to now, in time order; what lies beyond now never happened."""
        while self.queue and self.queue[0][0] <= self.now:
            when, _, fn, args = heapq.heappop(self.queue)
            clock.freeze(when)
            fn(*args)
        self.queue.clear()

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def weekend_evening(self, at: datetime) -> bool:
        lt = self.local(at)
        return lt.weekday() >= 4 and lt.hour >= 19

    # --- the whole run ---

    def run(self, orders_count: int) -> DemoResult:
        arrivals = self.plan_history() + self.plan_recent(orders_count)
        clock.freeze(self.opening)
        self.open_shop(arrivals)
        for a in arrivals:
            self.at(a.at, self.place, a)
        self.plan_events()
        steam200 = self.products.get("STEAM-200")
        if steam200 is not None:  # paid orders for a product with no stock: they wait for keys
            for j in range(3):
                self.at(self.now - timedelta(minutes=40 - j * 7), self.awaiting_order, steam200.sku, j)
        self.at(self.now, orders.close_expired, self.s)
        if self.h:
            for minutes, reason, state in LIVE:
                self.at(self.now - timedelta(minutes=minutes), self.open_live, reason, state)
        sellable = [sku for sku, *_ in PRODUCTS if sku != "STEAM-200"]
        for j in range(4):  # fresh orders still inside their payment window
            self.at(self.now - timedelta(minutes=9 - j * 2), self.fresh_order, self.rng.choice(sellable))
        self.play()
        clock.freeze(self.now)
        return DemoResult(
            len(self.products),
            self.keys,
            len(self.regulars) + sum(1 for c in self.newcomers if c is not None),
            self.orders,
            self.cases,
            self.h,
        )

    def plan_history(self) -> list[_Arrival]:
        if not self.h or not self.mix:
            return []
        rng, hours = self.rng, HISTORY["hours"]
        share = [w / sum(hours) for w in hours]
        out: list[_Arrival] = []
        first = self.local(self.history_start).date()
        last = self.local(self.now).date()
        day = first
        while day <= last:
            weekday = day.weekday()
            base = HISTORY["weekend_orders"] if weekday >= 5 else HISTORY["weekday_orders"]
            for hour in range(24):
                lam = base * share[hour] * (HISTORY["friday_evening"] if weekday == 4 and hour >= 19 else 1)
                start = datetime.combine(day, time(hour), tzinfo=self.tz)
                for _ in range(_poisson(rng, lam)):
                    at = (start + timedelta(seconds=rng.uniform(0, 3599))).astimezone(UTC)
                    if not self.history_start <= at < self.now - timedelta(minutes=2):
                        continue
                    sku = _weighted(rng, self.mix)
                    out.append(
                        _Arrival(
                            at,
                            sku,
                            self.quantity(sku),
                            "history",
                            unpaid=rng.random() < HISTORY["unpaid"],
                            complete=rng.random() < HISTORY["complete"],
                            source="desk" if rng.random() < HISTORY["desk_share"] else "api",
                        )
                    )
            day += timedelta(days=1)
        # Which orders' customers ask to cancel: at each rate exactly (the debt carried from order to order), so
        # even a short history shows the weekend-evening bump; which orders they are is left to chance.
        out.sort(key=lambda a: a.at)
        debt = {True: rng.random(), False: rng.random()}
        for a in out:
            if a.unpaid:
                continue
            evening = self.weekend_evening(a.at)
            rate = HISTORY["weekend_evening_request"] if evening else HISTORY["request"]
            debt[evening] += rate * HISTORY["request_factor"].get(a.sku, 1)
            if debt[evening] >= 1 and rng.random() < 0.9:
                debt[evening] -= 1
                a.request = True
        out += self.plan_bad_day()
        return out

    def plan_bad_day(self) -> list[_Arrival]:
        spec = HISTORY["bad_day"]
        day = self.local(self.now).date() - timedelta(days=spec["days_ago"])
        if spec["sku"] not in self.stock_of or day - timedelta(days=9) < self.local(self.history_start).date():
            return []
        out = []
        fates = [True] * spec["cancelled"] + [False] * (spec["orders"] - spec["cancelled"])
        self.rng.shuffle(fates)
        for cancelled in fates:
            local = datetime.combine(day, time(10), tzinfo=self.tz) + timedelta(seconds=self.rng.uniform(0, 8 * 3600))
            reason = self.rng.choice(spec["reasons"]) if cancelled else None
            out.append(_Arrival(local.astimezone(UTC), spec["sku"], 1, "bad_day", request=cancelled, reason=reason))
        return out

    def plan_recent(self, count: int) -> list[_Arrival]:
        """The two weeks' orders of the demo as it always was: every state, spread evenly, no cases."""
        sellable = [row for row in PRODUCTS if row[0] != "STEAM-200"]
        step = (self.now - self.recent_start) / max(count, 1)
        out = []
        for i in range(count):
            row = self.rng.choice(sellable)
            sku, kind = row[0], row[3]
            qty = 1 if kind == "reusable" or self.rng.random() < 0.8 else self.rng.randint(2, 3)
            out.append(
                _Arrival(
                    self.recent_start + step * i,
                    sku,
                    qty,
                    "recent",
                    unpaid=self.rng.random() < 0.08,
                    complete=i <= count - 6 and self.rng.random() < 0.6,
                    source="demo",
                )
            )
        return out

    def quantity(self, sku: str) -> int:
        kind = next(row[3] for row in PRODUCTS if row[0] == sku)
        return 1 if kind == "reusable" or self.rng.random() < 0.82 else self.rng.randint(2, 3)

    # --- opening the shop ---

    def open_shop(self, arrivals: list[_Arrival]) -> None:
        bad = HISTORY["bad_batch"]
        bad_sku = bad["sku"] if self.h >= 7 and bad["sku"] in self.mix else None
        for sku, name, category, kind, face, price, stock in PRODUCTS:
            view = catalog.add_product(
                self.s,
                ProductInput(
                    sku=sku,
                    name=name,
                    category=category,
                    kind=kind,
                    price_fen=price,
                    face_value_fen=face * 100,
                    rollback_policy="restock" if kind == "reusable" else "verify",
                    low_stock_threshold=20,
                ),
            )
            self.products[sku] = view
            self.by_id[view.id] = view
            if sku == bad_sku:
                stock = self.plan_bad_batches(arrivals, sku, stock)
            if stock:
                self.import_keys(sku, stock, _supplier(category), int(price * 0.93))
        for name, contact in CUSTOMERS:
            c = customers.add_customer(self.s, name, contact)
            self.regulars.append(c.id)
            if self.rng.random() < 0.7:
                self.wallets.add(c.id)
                amount = self.rng.choice([5000, 10000, 20000, 50000, 100000])
                customers.topup(
                    self.s, c.id, amount, idempotency_key=f"demo-topup-{c.id}", actor=ACTOR, memo="demo opening balance"
                )
        self.newcomers = [None] * (HISTORY["new_customers"] if self.h else 0)

    def plan_bad_batches(self, arrivals: list[_Arrival], sku: str, stock: int) -> int:
        """The first batch lasts until `first_batch_until` of the history; the bad supplier's batch follows when it
        runs out, and the regular supplier's batch of the usual size replaces it at `replaced_from`."""
        spec = HISTORY["bad_batch"]
        span = self.now - self.history_start
        until = self.history_start + span * spec["first_batch_until"]
        switch = self.history_start + span * spec["replaced_from"]

        def need(lo: datetime, hi: datetime) -> int:  # keys the paid orders of [lo, hi) will take
            return sum(a.qty for a in arrivals if a.sku == sku and not a.unpaid and lo <= a.at < hi)

        first = max(5, need(self.opening, until))
        price = self.products[sku].price_fen
        regular = _supplier(self.products[sku].category)
        self.planned_batches[sku] = [
            {
                "count": int(need(until, switch) * 1.35) + 6,
                "supplier": spec["supplier"],
                "cost": int(price * 0.93 * spec["cost_share"]),
                "defect": spec["defect"],
                "bad": True,
            },
            {"count": stock, "supplier": regular, "cost": int(price * 0.93), "defect": HISTORY["defect"]},
        ]
        self.at(switch, self.switch_supplier, sku)
        return first

    def import_keys(self, sku: str, count: int, supplier: str, cost: int, defect: float | None = None):
        view = self.products[sku]
        batch = [_fake_key(self.rng, sku, view.kind) for _ in range(count)]
        result = inventory.add_keys(
            self.s, self.vault, view.id, batch, actor=ACTOR, supplier=supplier, unit_cost_fen=cost
        )
        self.keys += count
        self.batch_defect[result.batch_id] = HISTORY["defect"] if defect is None else defect
        self.batches_of.setdefault(view.id, []).append(result.batch_id)
        self.debt[result.batch_id] = (
            0.5 if defect is not None and defect > HISTORY["defect"] else self.rng.uniform(0, 0.5)
        )
        self.delivered_by_import(result.filled_orders)
        return result

    # --- events planned up front ---

    def plan_events(self) -> None:
        if not self.h:
            return
        day = self.local(self.history_start).date() + timedelta(days=1)
        while day <= self.local(self.now).date():
            self.at(datetime.combine(day, time(10), tzinfo=self.tz).astimezone(UTC), self.restock_check)
            day += timedelta(days=1)
        cut = HISTORY["price_cut"]
        if self.h >= 10 and cut["sku"] in self.mix:
            at = self.history_start + (self.now - self.history_start) * cut["at"]
            self.at(at, self.set_price, cut["sku"], cut["price"], True)
            self.at(at + timedelta(days=cut["days"]), self.set_price, cut["sku"], self.products[cut["sku"]].price_fen)

    def restock_check(self) -> None:
        """Every morning: a product running low gets a batch from its regular supplier."""
        available = dict(
            self.s.execute(
                select(CardKey.product_id, func.count())
                .where(CardKey.status == "available")
                .group_by(CardKey.product_id)
            ).all()
        )
        daily = (HISTORY["weekday_orders"] * 5 + HISTORY["weekend_orders"] * 2) / 7 / sum(self.mix.values())
        for sku, weight in self.mix.items():
            view = self.products[sku]
            if view.kind == "reusable" or self.planned_batches.get(sku) or sku in self.restock_due:
                continue
            if available.get(view.id, 0) < max(view.low_stock_threshold, daily * weight * 1.3 * 5):
                self.restock(sku)

    def restock(self, sku: str) -> None:
        self.restock_due.discard(sku)
        view = self.products[sku]
        planned = self.planned_batches.get(sku)
        if planned:
            batch = planned.pop(0)
            result = self.import_keys(sku, batch["count"], batch["supplier"], batch["cost"], batch["defect"])
            if batch.get("bad"):
                self.bad_batch_id = result.batch_id
            return
        cost = int(view.price_fen * self.rng.uniform(0.91, 0.95))
        self.import_keys(sku, max(self.stock_of[sku] // 2, 60), _supplier(view.category), cost)

    def switch_supplier(self, sku: str) -> None:
        """The regular supplier's batch arrives; what is left of the bad batch is taken off sale."""
        planned = self.planned_batches.get(sku)
        if planned and planned[0].get("bad"):
            planned.pop(0)  # the bad batch never came: the first batch lasted
        if planned:
            self.restock(sku)
        if self.bad_batch_id is not None:
            left = (
                self.s.execute(
                    select(CardKey.id).where(CardKey.batch_id == self.bad_batch_id, CardKey.status == "available")
                )
                .scalars()
                .all()
            )
            if left:
                inventory.void_keys(
                    self.s, left, actor=ACTOR, reason=f"batch {self.bad_batch_id} withdrawn: too many invalid keys"
                )

    def set_price(self, sku: str, price: int, cut: bool = False) -> None:
        view = self.products[sku]
        catalog.edit_product(
            self.s,
            view.id,
            ProductInput(
                sku=view.sku,
                name=view.name,
                category=view.category,
                kind=view.kind,
                price_fen=price,
                face_value_fen=view.face_value_fen,
                rollback_policy=view.rollback_policy,
                low_stock_threshold=view.low_stock_threshold,
            ),
        )
        if not cut:
            return
        since = clock.now() - timedelta(hours=72)
        recent = [
            sale
            for sale in self.sales.values()
            if sale.sku == sku
            and sale.status in ("delivered", "completed")
            and not sale.case_open
            and sale.paid_at is not None
            and sale.paid_at >= since
        ]
        for sale in recent[-6:]:
            if self.rng.random() < 0.7:
                self.at(
                    clock.now() + timedelta(minutes=self.rng.uniform(30, 20 * 60)),
                    self.open,
                    sale,
                    "request",
                    "price_dropped",
                )

    # --- customers ---

    def customer_for(self, arrival: _Arrival) -> int:
        if arrival.kind == "recent" or not self.newcomers or self.rng.random() < HISTORY["regular_share"]:
            return self.rng.choice(self.regulars)
        n = len(self.newcomers)
        i = min(n - 1, int(n * self.rng.random() ** 1.5))  # a few come back often, most once or twice
        if self.newcomers[i] is None:
            names = HISTORY["names"]
            name = self.rng.choice(names["surnames"]) + self.rng.choice(names["given"])
            self.newcomers[i] = customers.add_customer(self.s, name, _contact(self.rng)).id
        return self.newcomers[i]

    # --- orders ---

    def on_duty(self, at: datetime) -> list[str]:
        lt = self.local(at)
        return [
            s["name"]
            for s in HISTORY["staff"]
            if lt.weekday() in s["days"] and s["hours"][0] <= lt.hour < s["hours"][1]
        ]

    def next_shift(self, at: datetime) -> tuple[datetime, str]:
        """The first quarter hour from `at` someone is on duty, and who."""
        t = at.replace(second=0, microsecond=0) - timedelta(minutes=at.minute % 15)
        for _ in range(7 * 96):
            t += timedelta(minutes=15)
            staff = self.on_duty(t)
            if staff:
                return t, self.rng.choice(staff)
        return at, STAFF[0]

    def place(self, a: _Arrival) -> None:
        rng = self.rng
        customer_id = self.customer_for(a)
        source, actor, external_id = a.source, ACTOR, None
        if source == "desk":
            staff = self.on_duty(a.at)
            source, actor = ("desk", rng.choice(staff)) if staff else ("api", STOREFRONT)
        if source == "api":
            actor = STOREFRONT
            external_id = f"WX{self.local(a.at):%y%m%d%H%M}{self.orders:05d}"
        view = orders.create_order(
            self.s, customer_id, [(a.sku, a.qty)], actor=actor, source=source, external_id=external_id
        )
        self.orders += 1
        sale = _Sale(view.id, customer_id, a.sku, view.lines[0].product_id, a.qty, view.total_fen, source, actor)
        self.sales[view.id] = sale
        if a.unpaid:
            if a.kind != "recent" and rng.random() < 0.15:  # asks to cancel before paying: the rules close it
                self.at(a.at + timedelta(minutes=rng.uniform(1, 8)), self.open, sale, "request", "changed_mind")
            self.at(view.pay_deadline + timedelta(seconds=rng.uniform(20, 90)), self.sweep_unpaid)
            return
        delay = timedelta(seconds=rng.uniform(15, 240)) if a.kind != "recent" else timedelta(0)
        self.at(a.at + delay, self.pay, sale, a)

    def pay(self, sale: _Sale, a: _Arrival) -> None:
        if sale.status != "pending_payment":
            return
        rng = self.rng
        method = None
        if sale.customer_id in self.wallets:
            balance = ledger.wallet_balance(self.s, sale.customer_id)
            if a.kind == "recent":
                method = "wallet" if balance >= sale.total_fen and rng.random() < 0.4 else None
            elif balance >= sale.total_fen and rng.random() < 0.6:
                method = "wallet"
            elif rng.random() < 0.3:
                amount = max(rng.choice([10000, 20000, 50000]), math.ceil(sale.total_fen / 10000) * 10000)
                self.topups += 1
                customers.topup(
                    self.s,
                    sale.customer_id,
                    amount,
                    idempotency_key=f"demo-topup-{sale.customer_id}-{self.topups}",
                    actor=sale.actor if sale.source == "desk" else ACTOR,
                    memo="top-up",
                )
                method = "wallet"
        if method == "wallet":
            outcome = orders.record_payment(self.s, sale.id, method="wallet", actor=sale.actor)
        else:
            method = rng.choice(["alipay", "wechat"])
            prefix = "DEMO" if a.kind == "recent" else ("ALI" if method == "alipay" else "WXP")
            trade_no = f"{prefix}{self.local(clock.now()):%Y%m%d%H%M%S}{sale.id:06d}{rng.randint(1000, 9999)}"
            outcome = orders.record_payment(self.s, sale.id, method=method, trade_no=trade_no, actor=sale.actor)
        sale.method, sale.status, sale.paid_at = method, outcome.status, clock.now()
        now = clock.now()
        if sale.status == "awaiting_stock":
            self.stockout(sale)
        if a.kind == "recent":
            if a.complete and sale.status == "delivered":
                self.at(now + timedelta(hours=rng.randint(1, 48)), self.complete, sale)
            return
        if a.kind != "bad_day" and sale.status == "delivered" and self.defective(sale):
            reason = "key_invalid" if rng.random() < 0.85 else "key_used"
            self.at(now + timedelta(minutes=rng.uniform(3, 6 * 60)), self.open, sale, "key", reason)
        elif a.request:
            reason = a.reason or _weighted(rng, self.reasons)
            if sale.status == "awaiting_stock" and reason not in ("paid_twice", "duplicate_order"):
                reason = "out_of_stock"
            minutes = {"customer": (2, 90), "merchant": (10, 300), "system": (1, 30)}[REASONS[reason]]
            if a.kind == "bad_day":
                minutes = (4, 40)
            self.at(now + timedelta(minutes=rng.uniform(*minutes)), self.open, sale, "request", reason, a.kind)
        if a.complete:
            self.at(now + timedelta(hours=rng.uniform(1, 48)), self.complete, sale)

    def defective(self, sale: _Sale) -> bool:
        """Whether a key the order got fails, by the defect rate of the batches its keys came from."""
        if self.by_id[sale.product_id].kind == "reusable":
            return False
        known = self.batches_of.get(sale.product_id, [])
        if len(known) == 1:  # one batch: no need to ask which keys the order got
            batches = known * sale.qty
        else:
            batches = (
                self.s.execute(
                    select(CardKey.batch_id)
                    .join(OrderLine, OrderLine.id == CardKey.order_line_id)
                    .where(OrderLine.order_id == sale.id, CardKey.status == "delivered")
                )
                .scalars()
                .all()
            )
        failed = False
        for b in batches:
            self.debt[b] += self.batch_defect[b]
            if self.debt[b] >= 1:
                self.debt[b] -= 1
                failed = True
                sale.bad_key = sale.bad_key or b == self.bad_batch_id
        return failed

    def stockout(self, sale: _Sale) -> None:
        """A history order found no keys: a batch comes a few hours later (orders waiting take it first)."""
        if sale.sku in self.mix and sale.sku not in self.restock_due:
            self.restock_due.add(sale.sku)
            self.at(clock.now() + timedelta(hours=self.rng.uniform(2, 5)), self.restock, sale.sku)

    def delivered_by_import(self, order_ids) -> None:
        if not order_ids:
            return
        rows = self.s.execute(select(Order.id, Order.status).where(Order.id.in_(list(order_ids)))).all()
        for order_id, status in rows:
            sale = self.sales.get(order_id)
            if sale is None:
                continue
            sale.status = status
            if status != "delivered" or sale.case_open or not self.h:
                continue
            if self.defective(sale):
                reason = "key_invalid" if self.rng.random() < 0.85 else "key_used"
                self.at(clock.now() + timedelta(minutes=self.rng.uniform(3, 6 * 60)), self.open, sale, "key", reason)
            elif self.rng.random() < 0.45:
                self.at(
                    clock.now() + timedelta(minutes=self.rng.uniform(5, 90)), self.open, sale, "late", "delivery_late"
                )

    def complete(self, sale: _Sale) -> None:
        if sale.status == "delivered" and not sale.case_open:
            orders.complete_order(self.s, sale.id, actor=sale.actor if sale.source == "desk" else STOREFRONT)
            sale.status = "completed"

    def sweep_unpaid(self) -> None:
        for order_id in orders.close_expired(self.s, actor="system"):
            if order_id in self.sales:
                self.sales[order_id].status = "closed"

    def awaiting_order(self, sku: str, j: int) -> None:
        order = orders.create_order(self.s, self.rng.choice(self.regulars), [(sku, 1)], actor=ACTOR, source="demo")
        orders.record_payment(self.s, order.id, method="alipay", trade_no=f"DEMO-AWAIT-{j}", actor=ACTOR)
        self.orders += 1

    def fresh_order(self, sku: str) -> None:
        orders.create_order(self.s, self.rng.choice(self.regulars), [(sku, 1)], actor=ACTOR, source="demo")
        self.orders += 1

    # --- cases ---

    def sync(self, sale: _Sale) -> None:
        sale.status = self.s.execute(select(Order.status).where(Order.id == sale.id)).scalar_one()

    def open(self, sale: _Sale, kind: str, reason: str, origin: str = "history") -> None:
        if sale.case_open or sale.status in ("closed", "cancelled"):
            return
        if kind == "late" and sale.status not in ("delivered", "completed"):
            return
        if kind == "request" and reason == "out_of_stock" and sale.status != "awaiting_stock":
            reason = "delivery_late"
        rng = self.rng
        at_desk = sale.source == "desk" or sale.bad_key or (kind == "key" and rng.random() < 0.6)
        staff = self.on_duty(clock.now())
        opener = rng.choice(staff) if at_desk and staff and sale.status != "pending_payment" else STOREFRONT
        opened = cases.open_case(
            self.s,
            sale.id,
            reason_code=reason,
            actor=opener,
            note=_note(reason),
            run_rules=opener == STOREFRONT,
        )
        self.cases += 1
        if opened.status != "new":  # the rule track settled it
            self.sync(sale)
            return
        sale.case_open = True
        case = _Case(
            opened.id,
            sale,
            kind,
            opened.reason_code,
            opened.resp_class,
            clock.now(),
            opened.first_response_due,
            opened.resolution_due,
        )
        case.cancel = origin == "bad_day"
        now = clock.now()
        if opener != STOREFRONT:
            case.agent = opener
            take_at = now + timedelta(seconds=rng.uniform(10, 80))
        elif staff:
            case.agent = rng.choice(staff)
            minutes = rng.uniform(0.4, 4.7) if rng.random() < HISTORY["on_time"] else rng.uniform(5.5, 30)
            take_at = now + timedelta(minutes=minutes)
        else:
            start, case.agent = self.next_shift(now)
            take_at = start + timedelta(minutes=rng.uniform(1, 14))
        if take_at > case.first_due:
            self.at(case.first_due + timedelta(seconds=rng.uniform(10, 50)), self.sweep)
        self.at(take_at, self.take, case)

    def open_live(self, reason: str, state: str) -> None:
        """Open a request still being worked on at the end (on the newest order that has none): waiting for the
        customer's screenshot, an offer the customer has not answered, nobody answered in time (breached), just in."""
        since = clock.now() - timedelta(hours=8)
        fresh = [
            sale
            for sale in self.sales.values()
            if sale.status == "delivered"
            and not sale.case_open
            and sale.source != "demo"
            and sale.paid_at is not None
            and since <= sale.paid_at <= clock.now() - timedelta(minutes=10)
            and self.by_id[sale.product_id].kind != "reusable"
        ]
        if not fresh:
            return
        sale = fresh[-1]
        staff = self.on_duty(clock.now()) or [STAFF[-1]]
        agent = self.rng.choice(staff)
        opened = cases.open_case(
            self.s, sale.id, reason_code=reason, actor=STOREFRONT, note=_note(reason), run_rules=False
        )
        self.cases += 1
        sale.case_open = True
        now = clock.now()
        if state == "late":
            self.at(opened.first_response_due + timedelta(seconds=30), self.sweep)
        elif state in ("waiting", "offered"):
            self.at(now + timedelta(minutes=self.rng.uniform(1, 3)), self.take_live, opened.id, agent, state)

    def take_live(self, case_id: int, agent: str, state: str) -> None:
        cases.take(self.s, case_id, actor=agent)
        if state == "offered":
            suggestion = next(iter(retention.suggest(self.s, case_id)), None)
            if suggestion is not None:
                retention.make_offer(
                    self.s,
                    case_id,
                    suggestion.kind,
                    actor=agent,
                    amount_fen=suggestion.amount_fen,
                    detail=suggestion.detail,
                )
        note = "等待客户考虑方案" if state == "offered" else "请客户提供兑换失败截图"
        cases.wait_for_customer(self.s, case_id, actor=agent, note=note)

    def sweep(self) -> None:
        sop.record_breaches(self.s, actor="system")

    def later(self, case: _Case, minutes: float, fn, *args) -> None:
        """Schedule the case's next step; the SOP sweep runs where a deadline passes before it."""
        when = clock.now() + timedelta(minutes=minutes)
        if case.paused_at is None:
            due = case.resolution_due
            for mark in (due, case.opened_at + 2 * (due - case.opened_at)):
                if mark < when and mark not in case.swept:
                    case.swept.add(mark)
                    self.at(mark + timedelta(seconds=self.rng.uniform(10, 50)), self.sweep)
        self.at(when, fn, case, *args)

    def take(self, case: _Case) -> None:
        cases.take(self.s, case.id, actor=case.agent)
        rng = self.rng
        if case.kind == "key":
            if rng.random() < 0.35:
                self.later(case, rng.uniform(1, 4), self.wait, self.finish_key, rng.uniform(10, 150))
            else:
                self.later(case, self.work_minutes(), self.finish_key)
            return
        if case.sale.status == "pending_payment":  # not paid yet: nothing to keep, close it at once
            self.later(case, rng.uniform(0.5, 3), self.cancel)
            return
        case.offers = [] if case.cancel else retention.suggest(self.s, case.id)
        if case.offers:
            self.later(case, rng.uniform(1, 4), self.offer)
        elif rng.random() < 0.08:
            self.later(case, rng.uniform(1, 5), self.wait, self.cancel, rng.uniform(20, 240))
        else:
            self.later(case, rng.uniform(1.5, 12) if case.cancel else self.work_minutes(), self.cancel)

    def work_minutes(self) -> float:
        rng = self.rng
        return rng.uniform(2, 20) if rng.random() < 0.82 else rng.uniform(35, 180)

    def wait(self, case: _Case, then, minutes: float) -> None:
        """Waiting on the customer (the resolution clock pauses), who answers `minutes` later."""
        cases.wait_for_customer(self.s, case.id, actor=case.agent, note="等待客户回复")
        case.paused_at = clock.now()
        self.at(clock.now() + timedelta(minutes=minutes), self.resume, case, then)

    def resume(self, case: _Case, then) -> None:
        cases.resume(self.s, case.id, actor=case.agent, note="客户已回复")
        case.resolution_due += clock.now() - case.paused_at
        case.paused_at = None
        self.later(case, self.rng.uniform(1, 8), then)

    def offer(self, case: _Case) -> None:
        rng = self.rng
        suggestion = case.offers.pop(0)
        made = retention.make_offer(
            self.s,
            case.id,
            suggestion.kind,
            actor=case.agent,
            amount_fen=suggestion.amount_fen,
            detail=suggestion.detail,
        )
        minutes = rng.uniform(2, 25)
        if rng.random() < 0.6:  # the customer takes their time: the clock waits with them
            cases.wait_for_customer(self.s, case.id, actor=case.agent, note="等待客户考虑方案")
            case.paused_at = clock.now()
            minutes = rng.uniform(5, 90)
        self.later(case, minutes, self.answer, made)

    def answer(self, case: _Case, made) -> None:
        rng = self.rng
        if case.paused_at is not None:
            cases.resume(self.s, case.id, actor=case.agent, note="客户已回复")
            case.resolution_due += clock.now() - case.paused_at
            case.paused_at = None
        # Accepted at the kind's rate exactly (the debt again), so a few lucky saves do not hide a bump.
        debt = self.accept_debt.get(made.kind, rng.random()) + HISTORY["accept"].get(made.kind, 0.3)
        accepted = debt >= 1
        self.accept_debt[made.kind] = debt - accepted
        retention.answer_offer(self.s, made.id, accepted, actor=case.agent)
        if accepted:
            self.done(case)
        elif case.offers and rng.random() < 0.45:
            self.later(case, rng.uniform(1, 4), self.offer)
        else:
            self.later(case, rng.uniform(1, 6), self.cancel)

    def cancel(self, case: _Case) -> None:
        rng, sale = self.rng, case.sale
        self.sync(sale)
        if sale.status == "closed":  # an unpaid order the timeout closed while the case waited
            cases.resolve(
                self.s, case.id, "rejected", actor=case.agent, rejection_reason="订单已超时未付款，系统已自动关闭"
            )
            self.done(case)
            return
        destination = "wallet" if sale.method == "wallet" or rng.random() < 0.2 else "external"
        compensation = 0
        if case.resp_class != "customer" and rng.random() < 0.4:
            compensation = max(100, sale.total_fen * 5 // 100)
        cases.resolve(
            self.s,
            case.id,
            "cancelled",
            actor=case.agent,
            refund=destination,
            compensation_fen=compensation,
            note=_resolution_note(case.reason),
        )
        self.done(case)

    def finish_key(self, case: _Case) -> None:
        rng = self.rng
        if case.reason == "key_used" and rng.random() < 0.25:
            cases.resolve(
                self.s,
                case.id,
                "rejected",
                actor=case.agent,
                rejection_reason="供应商核实：该卡密已于发货后被成功兑换 (redeemed after delivery)",
            )
            self.done(case)
            return
        if case.sale.bad_key:  # the bad batch's customers: every other one wants the money back
            self.bad_cases += 1
            replace = self.bad_cases % 2 == 1
        else:
            replace = rng.random() < 0.62
        if replace and self.available(case.sale.product_id) >= 3:
            cases.resolve(self.s, case.id, "replaced", actor=case.agent, note="已补发新卡密")
            self.done(case)
            return
        self.cancel(case)

    def available(self, product_id: int) -> int:
        return self.s.execute(
            select(func.count())
            .select_from(CardKey)
            .where(CardKey.product_id == product_id, CardKey.status == "available")
        ).scalar_one()

    def done(self, case: _Case) -> None:
        case.sale.case_open = False
        self.sync(case.sale)


def _note(reason: str) -> str:
    return {
        "changed_mind": "客户不想要了",
        "wrong_item": "买错了商品",
        "wrong_quantity": "数量拍错了",
        "price_dropped": "刚买完就降价了",
        "paid_twice": "重复付款",
        "delivery_worry": "担心卡密有问题，想先退",
        "key_invalid": "卡密兑换提示无效",
        "key_used": "卡密显示已被使用",
        "delivery_late": "发货太慢",
        "out_of_stock": "一直没发货",
        "description_wrong": "商品描述与实际不符",
        "payment_glitch": "支付页面报错但扣款了",
        "status_unsynced": "店铺后台状态未同步",
        "duplicate_order": "系统重复下单",
    }.get(reason, "")


def _resolution_note(reason: str) -> str:
    return {"customer": "按客户要求取消并退款", "merchant": "商家原因，取消并退款", "system": "系统问题，取消并退款"}[
        REASONS.get(reason, "customer")
    ]


def _contact(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return "wx:" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(5, 9)))
    if kind < 0.7:
        return f"qq:{rng.randint(100000000, 2999999999)}"
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"


def _fake_key(rng: random.Random, sku: str, kind: str) -> tuple[str | None, str]:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    secret = "-".join("".join(rng.choice(alphabet) for _ in range(5)) for _ in range(4))
    card_no = None
    if kind == "code+secret":
        card_no = "".join(rng.choice("0123456789") for _ in range(16))
    return card_no, secret


def _supplier(category: str) -> str:
    return {"游戏点卡": "骏网一卡通", "话费充值": "运营商代理", "礼品卡": "礼品卡批发商", "软件授权": "授权分销商"}.get(
        category, "供应商"
    )

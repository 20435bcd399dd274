"""The demo's history simulation: the plan of arrivals (the history's orders, one product's bad day, the recent
two weeks), the event queue that plays it forward on the frozen clock, customers, staff shifts, and placing and
paying orders. Stock (demo_stock.py) and the desk's cases (demo_cases.py) are mixed in; demo.seed runs it."""

from __future__ import annotations

import heapq
import itertools
import math
import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import clock
from shopdesk.services.common.vault import Vault
from shopdesk.services.desk import sop
from shopdesk.services.desk.reasons import REASONS
from shopdesk.services.maintenance.demo_cases import CaseFlows
from shopdesk.services.maintenance.demo_data import (
    ACTOR,
    AMBER_ELAPSED,
    HISTORY,
    LIVE,
    PRODUCTS,
    RECENT_DAYS,
    STAFF,
    STOREFRONT,
    Arrival,
    Sale,
    fake_contact,
    poisson,
    weighted,
)
from shopdesk.services.maintenance.demo_stock import StockFlows
from shopdesk.services.money import customers, ledger
from shopdesk.services.numbers import days
from shopdesk.services.orders import selling as orders


class Simulation(StockFlows, CaseFlows):
    """One demo shop played forward: the state of the run, and the steps the event queue calls at their moments."""

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
        self.sales: dict[int, Sale] = {}
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

    def run(self, orders_count: int) -> None:
        """Plan everything, open the shop before the first event, and play the queue up to now."""
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
                if minutes is None:  # amber at the end: most of the resolution target gone
                    policy = sop.policy_for(self.s, REASONS[reason], "normal")
                    minutes = policy.resolution_minutes * AMBER_ELAPSED
                self.at(self.now - timedelta(minutes=minutes), self.open_live, reason, state)
        sellable = [sku for sku, *_ in PRODUCTS if sku != "STEAM-200"]
        for j in range(4):  # fresh orders still inside their payment window
            self.at(self.now - timedelta(minutes=9 - j * 2), self.fresh_order, self.rng.choice(sellable))
        self.play()
        clock.freeze(self.now)

    def customer_count(self) -> int:
        """The customers made: the regulars, and the newcomers who came at least once."""
        return len(self.regulars) + sum(1 for c in self.newcomers if c is not None)

    # --- the plan ---

    def plan_history(self) -> list[Arrival]:
        if not self.h or not self.mix:
            return []
        rng, hours = self.rng, HISTORY["hours"]
        share = [w / sum(hours) for w in hours]
        out: list[Arrival] = []
        first = self.local(self.history_start).date()
        last = self.local(self.now).date()
        day = first
        while day <= last:
            weekday = day.weekday()
            base = HISTORY["weekend_orders"] if weekday >= 5 else HISTORY["weekday_orders"]
            for hour in range(24):
                lam = base * share[hour] * (HISTORY["friday_evening"] if weekday == 4 and hour >= 19 else 1)
                start = datetime.combine(day, time(hour), tzinfo=self.tz)
                for _ in range(poisson(rng, lam)):
                    at = (start + timedelta(seconds=rng.uniform(0, 3599))).astimezone(UTC)
                    if not self.history_start <= at < self.now - timedelta(minutes=2):
                        continue
                    sku = weighted(rng, self.mix)
                    out.append(
                        Arrival(
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

    def plan_bad_day(self) -> list[Arrival]:
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
            out.append(Arrival(local.astimezone(UTC), spec["sku"], 1, "bad_day", request=cancelled, reason=reason))
        return out

    def plan_recent(self, count: int) -> list[Arrival]:
        """The two weeks' orders of the demo as it always was: every state, spread evenly, no cases."""
        sellable = [row for row in PRODUCTS if row[0] != "STEAM-200"]
        step = (self.now - self.recent_start) / max(count, 1)
        out = []
        for i in range(count):
            row = self.rng.choice(sellable)
            sku, kind = row[0], row[3]
            qty = 1 if kind == "reusable" or self.rng.random() < 0.8 else self.rng.randint(2, 3)
            out.append(
                Arrival(
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

    # --- customers ---

    def customer_for(self, arrival: Arrival) -> int:
        if arrival.kind == "recent" or not self.newcomers or self.rng.random() < HISTORY["regular_share"]:
            return self.rng.choice(self.regulars)
        n = len(self.newcomers)
        i = min(n - 1, int(n * self.rng.random() ** 1.5))  # a few come back often, most once or twice
        if self.newcomers[i] is None:
            names = HISTORY["names"]
            name = self.rng.choice(names["surnames"]) + self.rng.choice(names["given"])
            self.newcomers[i] = customers.add_customer(self.s, name, fake_contact(self.rng)).id
        return self.newcomers[i]

    # --- staff shifts ---

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

    # --- orders ---

    def place(self, a: Arrival) -> None:
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
        sale = Sale(view.id, customer_id, a.sku, view.lines[0].product_id, a.qty, view.total_fen, source, actor)
        self.sales[view.id] = sale
        if a.unpaid:
            if a.kind != "recent" and rng.random() < 0.15:  # asks to cancel before paying: the rules close it
                self.at(a.at + timedelta(minutes=rng.uniform(1, 8)), self.open, sale, "request", "changed_mind")
            self.at(view.pay_deadline + timedelta(seconds=rng.uniform(20, 90)), self.sweep_unpaid)
            return
        delay = timedelta(seconds=rng.uniform(15, 240)) if a.kind != "recent" else timedelta(0)
        self.at(a.at + delay, self.pay, sale, a)

    def pay(self, sale: Sale, a: Arrival) -> None:
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
            reason = a.reason or weighted(rng, self.reasons)
            if sale.status == "awaiting_stock" and reason not in ("paid_twice", "duplicate_order"):
                reason = "out_of_stock"
            minutes = {"customer": (2, 90), "merchant": (10, 300), "system": (1, 30)}[REASONS[reason]]
            if a.kind == "bad_day":
                minutes = (4, 40)
            self.at(now + timedelta(minutes=rng.uniform(*minutes)), self.open, sale, "request", reason, a.kind)
        if a.complete:
            self.at(now + timedelta(hours=rng.uniform(1, 48)), self.complete, sale)

    def complete(self, sale: Sale) -> None:
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

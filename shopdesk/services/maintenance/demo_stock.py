"""The demo history's stock: opening the shop (products, keys, customers with balances), key batches and restocks,
the cheaper supplier's bad batch and its withdrawal, the price cut, and which delivered keys fail."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from shopdesk.db.models import CardKey, Order, OrderLine
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.maintenance.demo_data import (
    ACTOR,
    CUSTOMERS,
    HISTORY,
    PRODUCTS,
    Arrival,
    Sale,
    fake_key,
    regular_supplier,
)
from shopdesk.services.money import customers


class StockFlows:
    """The simulation's steps for products and keys; mixed into demo_history.Simulation, whose state they use."""

    # --- opening the shop ---

    def open_shop(self, arrivals: list[Arrival]) -> None:
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
                self.import_keys(sku, stock, regular_supplier(category), int(price * 0.93))
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

    def plan_bad_batches(self, arrivals: list[Arrival], sku: str, stock: int) -> int:
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
        regular = regular_supplier(self.products[sku].category)
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
        batch = [fake_key(self.rng, sku, view.kind) for _ in range(count)]
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
        self.import_keys(sku, max(self.stock_of[sku] // 2, 60), regular_supplier(view.category), cost)

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

    # --- keys delivered, keys failing ---

    def defective(self, sale: Sale) -> bool:
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

    def stockout(self, sale: Sale) -> None:
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

    def available(self, product_id: int) -> int:
        return self.s.execute(
            select(func.count())
            .select_from(CardKey)
            .where(CardKey.product_id == product_id, CardKey.status == "available")
        ).scalar_one()

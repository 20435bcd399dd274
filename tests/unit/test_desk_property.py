"""Property: random sequences of orders, payments, deliveries, cases (with and without the rule track),
rollbacks, key checks and replays, run against a simple reference model. After every step the database must
agree with the model (every order, every key count, every balance), keys and money are conserved, and doctor
is clean. Each example runs on its own fresh copy of the template shop."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

import pytest
from desk_support import T0
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from sqlalchemy import func, select
from svc_support import ShopMachine

from shopdesk.db.models import Account, CardKey, Case, Order, OrderLine
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.common.errors import Conflict
from shopdesk.services.desk import cases, credit, reasons, rollback
from shopdesk.services.inventory import stock
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders

PRODUCTS = (("P-RESTOCK", "restock", 700), ("P-VERIFY", "verify", 1100), ("P-VOID", "void", 1300))
CUSTOMERS = 3
REASONS = ("changed_mind", "wrong_item", "key_invalid", "delivery_late", "payment_glitch")
RECALL_TO = {"restock": "available", "verify": "recalled", "void": "void"}
OPEN = ("new", "in_progress")
OUTCOMES = ("cancelled", "cancelled", "replaced", "retained", "rejected")
# (action, weight): the desk's steps weigh most
ACTIONS = (
    ("import_keys", 2),
    ("create_order", 4),
    ("topup", 1),
    ("pay", 2),
    ("replay_payment", 1),
    ("time_passes", 1),
    ("open_case", 3),
    ("resolve", 3),
    ("handle_request", 3),
    ("cancel_request", 3),
    ("replay_rollback", 1),
    ("resolve_again", 1),
    ("reopen", 1),
    ("check_recalled_key", 1),
)
LIVE = ("paid", "awaiting_stock", "delivered", "completed")


@dataclass
class MOrder:
    id: int
    customer: int
    pid: int
    qty: int
    total: int
    status: str = "pending_payment"
    payment_status: str = "unpaid"
    paid: int = 0
    refunded: int = 0
    delivered: int = 0
    reserved: int = 0
    method: str | None = None
    trade_no: str | None = None
    paid_seq: int = 0
    replaced: bool = False  # a case replaced its keys once: the rule track hands the next claim to a person


@dataclass
class MCase:
    id: int
    order: int
    resp_class: str
    status: str = "new"
    outcome: str | None = None
    rolled_back: bool = False


class DeskMachine(ShopMachine):
    def __init__(self):
        clock.freeze(T0)
        super().__init__()
        self.pids: list[int] = []
        self.policy: dict[int, str] = {}
        self.sku: dict[int, str] = {}
        self.price: dict[int, int] = {}
        with self.app.db.write() as s:
            for sku, policy, price in PRODUCTS:
                pid = catalog.add_product(
                    s, ProductInput(sku=sku, name=sku, price_fen=price, kind="secret", rollback_policy=policy)
                ).id
                self.pids.append(pid)
                self.policy[pid], self.sku[pid], self.price[pid] = policy, sku, price
            self.customers = [customers.add_customer(s, f"c{i}").id for i in range(CUSTOMERS)]
            for cid in self.customers:  # a fixed risk level: the rule track's choices stay predictable
                credit.override(s, cid, "normal", note="property test", actor="prop")
        self.keys: dict[int, Counter] = {pid: Counter() for pid in self.pids}
        self.imported: dict[int, int] = dict.fromkeys(self.pids, 0)
        self.accounts: dict[str, int] = defaultdict(int)
        self.orders: dict[int, MOrder] = {}
        self.cases: dict[int, MCase] = {}
        self.serial = 0

    def teardown(self):
        super().teardown()
        clock.reset()

    # -- helpers

    def _next(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{self.serial}"

    def _tick(self) -> None:
        clock.advance(timedelta(seconds=1))

    def _open_case_of(self, order_id: int) -> MCase | None:
        return next(
            (c for c in self.cases.values() if c.order == order_id and c.status in ("new", "in_progress")), None
        )

    def _move(self, pid: int, src: str, dst: str, n: int) -> None:
        assert self.keys[pid][src] >= n
        self.keys[pid][src] -= n
        self.keys[pid][dst] += n

    def _fill_awaiting(self, pid: int) -> None:
        waiting = sorted(
            (o for o in self.orders.values() if o.pid == pid and o.status == "awaiting_stock"),
            key=lambda o: (o.paid_seq, o.id),
        )
        for o in waiting:
            take = min(o.qty - o.delivered, self.keys[pid]["available"])
            if take:
                self._move(pid, "available", "delivered", take)
                o.delivered += take
                if o.delivered == o.qty:
                    o.status = "delivered"

    def _deliver(self, o: MOrder) -> None:
        self._move(o.pid, "reserved", "delivered", o.reserved)
        o.delivered, o.reserved = o.reserved, 0
        take = min(o.qty - o.delivered, self.keys[o.pid]["available"])
        self._move(o.pid, "available", "delivered", take)
        o.delivered += take
        o.status = "delivered" if o.delivered == o.qty else "awaiting_stock"

    def _rollback(self, case: MCase, *, destination: str, refund: int | None, compensation: int) -> None:
        o = self.orders[case.order]
        if o.status == "pending_payment":
            self._move(o.pid, "reserved", "available", o.reserved)
            o.reserved, o.status = 0, "closed"
            self._fill_awaiting(o.pid)  # a released key goes to the first paid order waiting for one
        else:
            target = RECALL_TO[self.policy[o.pid]]
            self._move(o.pid, "delivered", target, o.delivered)
            o.delivered = 0
            amount = o.paid - o.refunded if refund is None else refund
            if amount:
                self.accounts[f"wallet:{o.customer}" if destination == "wallet" else "clearing"] += amount
                self.accounts["refunds"] -= amount
                o.refunded += amount
                o.payment_status = "refunded" if o.refunded == o.paid else "partially_refunded"
            o.status = "cancelled"
            if target == "available":
                self._fill_awaiting(o.pid)
        if compensation:
            self.accounts[f"wallet:{o.customer}"] += compensation
            self.accounts["compensation"] -= compensation
        case.rolled_back = True

    def _replace(self, o: MOrder) -> None:
        self._move(o.pid, "delivered", "recalled", o.delivered)
        self._move(o.pid, "available", "delivered", o.delivered)
        o.replaced = True

    def _resolve_model(self, case: MCase, outcome: str) -> None:
        case.status, case.outcome = "resolved", outcome

    # -- steps. One rule draws the next action among those that apply, with weights: hypothesis's per-rule
    # swarm selection would otherwise spend whole examples on one kind of step (only imports, say).

    @initialize(stock=st.lists(st.integers(0, 6), min_size=len(PRODUCTS), max_size=len(PRODUCTS)))
    def opening_stock(self, stock):
        """Some keys of each product and some money in each wallet, so that most steps have work to do."""
        for p, n in enumerate(stock):
            if n:
                self._import(self.pids[p], n)
        for c in self.customers:
            self._topup(c, 3000)

    @rule(data=st.data())
    def step(self, data):
        applicable = [name for name, weight in ACTIONS for _ in range(weight) if self._applies(name)]
        action = data.draw(st.sampled_from(applicable), label="action")
        self._tick()
        getattr(self, f"do_{action}")(data)

    def _applies(self, action: str) -> bool:
        live = [o for o in self.orders.values() if o.status not in ("closed", "cancelled")]
        return {
            "pay": bool(self.orders),
            "replay_payment": any(o.trade_no for o in self.orders.values()),
            "time_passes": any(o.status == "pending_payment" for o in self.orders.values()),
            "open_case": bool(self.orders),
            "resolve": any(c.status in OPEN for c in self.cases.values()),
            "handle_request": bool(live),
            "cancel_request": bool(live),
            "replay_rollback": any(c.rolled_back for c in self.cases.values()),
            "resolve_again": any(c.status == "resolved" for c in self.cases.values()),
            "reopen": any(c.status == "resolved" for c in self.cases.values()),
            "check_recalled_key": any(k["recalled"] for k in self.keys.values()),
        }.get(action, True)

    def _choose(self, data, items, label):
        return data.draw(st.sampled_from(sorted(items)), label=label)

    # stock, orders, payments

    def do_import_keys(self, data):
        pid = self.pids[data.draw(st.integers(0, len(PRODUCTS) - 1), label="product")]
        self._import(pid, data.draw(st.integers(1, 4), label="keys"))

    def _import(self, pid: int, n: int) -> None:
        batch = self._next("K")
        with self.app.db.write() as s:
            inventory.add_keys(s, self.app.vault, pid, [(None, f"{batch}-{i}") for i in range(n)], actor="prop")
        self.keys[pid]["available"] += n
        self.imported[pid] += n
        self._fill_awaiting(pid)

    def do_create_order(self, data):
        customer = self._choose(data, self.customers, "customer")
        pid = self.pids[data.draw(st.integers(0, len(PRODUCTS) - 1), label="product")]
        qty = data.draw(st.integers(1, 3), label="qty")
        pay = data.draw(st.sampled_from([None, "wallet", "external", "external"]), label="pay at once")
        with self.app.db.write() as s:
            view = orders.create_order(s, customer, [(self.sku[pid], qty)], actor="prop")
        o = MOrder(view.id, customer, pid, qty, self.price[pid] * qty)
        o.reserved = min(qty, self.keys[pid]["available"])
        self._move(pid, "available", "reserved", o.reserved)
        self.orders[o.id] = o
        if pay is not None:
            self._tick()
            self._pay(o, wallet=pay == "wallet")

    def do_topup(self, data):
        self._topup(self._choose(data, self.customers, "customer"), data.draw(st.integers(1, 5000), label="fen"))

    def _topup(self, customer: int, amount: int) -> None:
        with self.app.db.write() as s:
            customers.topup(s, customer, amount, idempotency_key=self._next("topup"), actor="prop")
        self.accounts[f"wallet:{customer}"] += amount
        self.accounts["clearing"] -= amount

    def do_pay(self, data):
        o = self.orders[self._choose(data, self.orders, "order")]
        self._pay(o, wallet=data.draw(st.booleans(), label="wallet"))

    def _pay(self, o: MOrder, *, wallet: bool) -> None:
        method = "wallet" if wallet else "external"
        trade_no = None if wallet else self._next("TRADE")
        code = f"wallet:{o.customer}"
        if wallet and o.method == "wallet":  # the wallet's trade number is the order's: a repeat is a replay
            with self.app.db.write() as s:
                assert orders.pay_order(s, o.id, method=method, actor="prop").replayed
            return
        if o.status != "pending_payment" or (wallet and self.accounts[code] < o.total):
            with pytest.raises(Conflict), self.app.db.write() as s:
                orders.pay_order(s, o.id, method=method, trade_no=trade_no, actor="prop")
            return
        with self.app.db.write() as s:
            orders.pay_order(s, o.id, method=method, trade_no=trade_no, actor="prop")
        self.accounts[code if wallet else "clearing"] -= o.total
        self.accounts["revenue"] += o.total
        self.serial += 1
        o.method, o.trade_no, o.paid_seq = method, trade_no, self.serial
        o.paid, o.payment_status = o.total, "paid"
        self._deliver(o)

    def do_replay_payment(self, data):
        o = self.orders[self._choose(data, [i for i, o in self.orders.items() if o.trade_no], "order")]
        with self.app.db.write() as s:
            again = orders.pay_order(s, o.id, method="external", trade_no=o.trade_no, actor="prop")
        assert again.replayed

    def do_time_passes(self, data):
        """Past the unpaid-order timeout: pending orders close and release their keys, which fill waiting orders."""
        clock.advance(timedelta(minutes=16))
        with self.app.db.write() as s:
            closed = set(orders.close_expired(s, actor="prop"))
        assert closed == {o.id for o in self.orders.values() if o.status == "pending_payment"}
        for oid in closed:
            o = self.orders[oid]
            self._move(o.pid, "reserved", "available", o.reserved)
            o.reserved, o.status = 0, "closed"
        for pid in {self.orders[oid].pid for oid in closed}:
            self._fill_awaiting(pid)

    # the desk

    def do_open_case(self, data):
        """A request opened with the rule track on (or off): the model predicts what the seeded rules do."""
        o = self.orders[self._choose(data, self.orders, "order")]
        reason = data.draw(st.sampled_from(REASONS), label="reason")
        run_rules = data.draw(st.booleans(), label="run rules")
        if o.status in ("closed", "cancelled") or self._open_case_of(o.id):
            with pytest.raises(Conflict), self.app.db.write() as s:
                cases.open_case(s, o.id, reason_code=reason, actor="prop", run_rules=run_rules)
            return
        with self.app.db.write() as s:
            opened = cases.open_case(s, o.id, reason_code=reason, actor="prop", run_rules=run_rules)
        case = self.cases[opened.id] = MCase(opened.id, o.id, reasons.REASONS[reason])
        if not run_rules:
            pass
        elif o.status == "pending_payment":
            self._resolve_model(case, "cancelled")
            self._rollback(case, destination="wallet", refund=None, compensation=0)
        elif o.status in ("paid", "awaiting_stock") and case.resp_class == "customer" and o.delivered == 0:
            self._resolve_model(case, "cancelled")
            destination = "wallet" if o.method == "wallet" else "external"
            self._rollback(case, destination=destination, refund=None, compensation=0)
        elif (
            reason == "key_invalid"
            and o.status == "delivered"
            and self.keys[o.pid]["available"] >= o.delivered
            and not o.replaced
        ):
            self._resolve_model(case, "replaced")
            self._replace(o)
        assert opened.status == case.status

    def do_resolve(self, data):
        case = self.cases[self._choose(data, [i for i, c in self.cases.items() if c.status in OPEN], "case")]
        self._resolve(case, data, data.draw(st.sampled_from(OUTCOMES), label="outcome"))

    def do_handle_request(self, data, outcome=None):
        """A request handled in one go by staff: the case opens (no rule track) and is resolved."""
        live = [i for i, o in self.orders.items() if o.status not in ("closed", "cancelled")]
        o = self.orders[self._choose(data, live, "order")]
        reason = data.draw(st.sampled_from(REASONS), label="reason")
        case = self._open_case_of(o.id)
        if case is None:
            with self.app.db.write() as s:
                opened = cases.open_case(s, o.id, reason_code=reason, actor="prop", run_rules=False)
            case = self.cases[opened.id] = MCase(opened.id, o.id, reasons.REASONS[reason])
        self._resolve(case, data, outcome or data.draw(st.sampled_from(OUTCOMES), label="outcome"))

    def do_cancel_request(self, data):
        self.do_handle_request(data, outcome="cancelled")

    def _resolve(self, case: MCase, data, outcome: str) -> None:
        o = self.orders[case.order]
        destination = data.draw(st.sampled_from(["wallet", "external"]), label="refund to")
        part = data.draw(st.sampled_from([None, 0, 1, 2]), label="refund halves (None: all that is left)")
        compensation = 0 if case.resp_class == "customer" else data.draw(st.sampled_from([0, 150]), label="comp.")
        refund = None if part is None else (o.paid - o.refunded) * part // 2
        call = {
            "actor": "prop",
            "refund": destination,
            "refund_fen": refund,
            "compensation_fen": compensation,
            "rejection_reason": "not eligible",
        }
        refused = (outcome == "cancelled" and not case.rolled_back and o.status in ("closed", "cancelled")) or (
            outcome == "replaced" and (o.delivered == 0 or self.keys[o.pid]["available"] < o.delivered)
        )
        if refused:
            with pytest.raises(Conflict), self.app.db.write() as s:
                cases.resolve(s, case.id, outcome, **call)
            return
        with self.app.db.write() as s:
            view = cases.resolve(s, case.id, outcome, **call)
        assert (view.status, view.outcome) == ("resolved", outcome)
        self._resolve_model(case, outcome)
        if outcome == "cancelled" and not case.rolled_back:
            self._rollback(case, destination=destination, refund=refund, compensation=compensation)
        elif outcome == "replaced":
            self._replace(o)

    def do_replay_rollback(self, data):
        case = self.cases[self._choose(data, [i for i, c in self.cases.items() if c.rolled_back], "case")]
        destination = data.draw(st.sampled_from(["wallet", "external"]), label="refund to")
        with self.app.db.write() as s:
            assert rollback.rollback(s, case.id, actor="prop", destination=destination).replayed

    def do_resolve_again(self, data):
        """A second desk resolving a case that is already resolved is told, and nothing moves."""
        case = self.cases[self._choose(data, [i for i, c in self.cases.items() if c.status == "resolved"], "case")]
        with pytest.raises(Conflict), self.app.db.write() as s:
            cases.resolve(s, case.id, data.draw(st.sampled_from(OUTCOMES), label="outcome"), actor="prop-late")

    def do_reopen(self, data):
        case = self.cases[self._choose(data, [i for i, c in self.cases.items() if c.status == "resolved"], "case")]
        if self._open_case_of(case.order):
            with pytest.raises(Conflict), self.app.db.write() as s:
                cases.reopen(s, case.id, actor="prop")
            return
        with self.app.db.write() as s:
            cases.reopen(s, case.id, actor="prop")
        case.status, case.outcome = "in_progress", None

    def do_check_recalled_key(self, data):
        with self.app.db.read() as s:
            recalled = dict(s.execute(select(CardKey.id, CardKey.product_id).where(CardKey.status == "recalled")).all())
        key_id = self._choose(data, recalled, "key")
        used = data.draw(st.booleans(), label="used")
        with self.app.db.write() as s:
            stock.check_recalled(s, key_id, used=used, actor="prop")
        self._move(recalled[key_id], "recalled", "void" if used else "available", 1)
        if not used:
            self._fill_awaiting(recalled[key_id])

    # -- invariants, checked after every step

    @invariant()
    def database_agrees_with_the_model(self):
        with self.app.db.read() as s:
            counts = {pid: Counter() for pid in self.pids}
            for pid, status, n in s.execute(
                select(CardKey.product_id, CardKey.status, func.count()).group_by(CardKey.product_id, CardKey.status)
            ):
                counts[pid][status] = n
            got_orders = {
                r[0]: tuple(r[1:])
                for r in s.execute(
                    select(
                        Order.id,
                        Order.status,
                        Order.payment_status,
                        Order.paid_fen,
                        Order.refunded_fen,
                        func.sum(OrderLine.delivered_qty),
                    )
                    .join(OrderLine, OrderLine.order_id == Order.id)
                    .group_by(Order.id)
                )
            }
            got_cases = {r[0]: tuple(r[1:]) for r in s.execute(select(Case.id, Case.status, Case.outcome))}
            got_money = dict(s.execute(select(Account.code, Account.balance_fen)).all())
        for pid in self.pids:
            assert +counts[pid] == +self.keys[pid], (self.sku[pid], counts[pid], self.keys[pid])
            assert sum(counts[pid].values()) == self.imported[pid]  # no key made or lost
        assert got_orders == {
            o.id: (o.status, o.payment_status, o.paid, o.refunded, o.delivered) for o in self.orders.values()
        }
        assert got_cases == {c.id: (c.status, c.outcome) for c in self.cases.values()}
        assert {c: v for c, v in got_money.items() if v} == {c: v for c, v in self.accounts.items() if v}
        assert sum(got_money.values()) == 0  # money is only ever moved
        for o in self.orders.values():
            assert 0 <= o.refunded <= o.paid


def test_the_desk_matches_a_simple_model(template_dir):
    DeskMachine.run_as_test(template_dir, max_examples=30, stateful_step_count=25)

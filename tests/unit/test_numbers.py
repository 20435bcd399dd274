"""The owner's numbers (`shopdesk/services/numbers`) against an independent fold over the same facts.

Hypothesis draws a history — orders created, paid (gateway or wallet), left unpaid or closed, refunded in part,
cases opened, answered, re-reasoned, offered, retained, replaced, cancelled (rolled back), reopened, breach sweeps —
at instants chosen around local midnights and DST changes of four zones. The history is built THROUGH THE
SERVICES with the clock frozen at each instant, on a fresh shop per example. While building, the test keeps its
own record of what it did and when (and a plain model of the keys: which batch each sold key came from, checked
against what the payment delivered). Every figure of the reports, the Today page and the alerts is compared to a
plain-Python fold over that record that dates each fact by `at.astimezone(ZoneInfo(zone)).date()`, never by the
services' own queries.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from svc_support import fresh_shop

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.common import settings as shop_settings
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk import cases, retention, sop
from shopdesk.services.inventory import stock
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers, refunds
from shopdesk.services.numbers import alerts, days, reports, today
from shopdesk.services.orders import selling
from tests.helpers import pg

ZONES = ("Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "America/Santiago")
# Local dates of DST changes: New York 2026-03-08 02:00 / 2026-11-01 02:00; Santiago at midnight, 2026-04-05
# (24:00 -> 23:00, the 4th of April has 25 hours) and 2026-09-06 (00:00 -> 01:00, the 6th has no midnight).
ANCHORS = (date(2026, 3, 8), date(2026, 4, 5), date(2026, 9, 6), date(2026, 11, 1))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SOURCES = ("desk", "api", "simulator", "demo")
CLASS_OF = {
    "changed_mind": "customer",
    "price_dropped": "customer",
    "wrong_item": "customer",
    "key_invalid": "merchant",
    "key_used": "merchant",
    "delivery_late": "merchant",
    "payment_glitch": "system",
}
KEY_DEFECTS = ("key_invalid", "key_used")
OPEN = ("new", "in_progress", "waiting_customer")
STAFF = ("amy", "bob", "cyd")
OFFER_KINDS = ("alternative", "keep_coupon", "price_protection", "compensation_credit")
# Seconds between the steps of a story: around the SOP's 3- and 5-minute first-response targets, and hours.
GAPS = (0, 1, 30, 179, 180, 181, 299, 300, 301, 900, 3600, 5 * 3600)


@dataclass(frozen=True)
class ProductSpec:
    sku: str
    price_fen: int
    policy: str  # what a cancellation does with its keys
    batches: tuple[tuple[int, int], ...]  # (unit cost fen, keys), imported in this order


PRODUCTS = (
    ProductSpec("NUM-RST", 1000, "restock", ((400, 3), (650, 45))),
    ProductSpec("NUM-VRF", 1999, "verify", ((1200, 45),)),
    ProductSpec("NUM-VOD", 350, "void", ((100, 2), (180, 45))),
)
RECALL_TO = {"restock": "available", "verify": "recalled", "void": "void"}


# --- time: the independent side -----------------------------------------------------------------------------


def local(at: datetime, zone: str) -> datetime:
    return at.astimezone(ZoneInfo(zone))


def local_date(at: datetime, zone: str) -> date:
    return at.astimezone(ZoneInfo(zone)).date()


def in_range(at: datetime, zone: str, start: date, end: date) -> bool:
    return start <= local_date(at, zone) <= end


def midnight(zone: str, d: date) -> datetime:
    """The UTC instant a wall clock in `zone` reads 00:00 on `d` (or, where that time does not exist, the change)."""
    return datetime.combine(d, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def exact_changes(zone: str, lo: datetime, hi: datetime) -> list[datetime]:
    """The zone's offset changes in [lo, hi), to the second: a 15-minute walk, then halving each step that changed."""
    tz, out, t = ZoneInfo(zone), [], lo
    while t < hi:
        nxt = t + timedelta(minutes=15)
        if t.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            a, b = t, nxt
            while b - a > timedelta(seconds=1):
                mid = a + (b - a) // 2
                a, b = (mid, b) if mid.astimezone(tz).utcoffset() == a.astimezone(tz).utcoffset() else (a, mid)
            out.append(b)
        t = nxt
    return out


def window_changes(anchor: date) -> list[datetime]:
    lo = datetime.combine(anchor - timedelta(days=4), time(0), tzinfo=UTC)
    return sorted(t for z in ZONES for t in exact_changes(z, lo, lo + timedelta(days=8)))


CHANGES = {a: window_changes(a) for a in ANCHORS}


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 6) if whole else None


def minutes(a: datetime, b: datetime) -> float:
    return round((b - a).total_seconds() / 60, 2)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    v, n = sorted(values), len(values)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def nearest_rank(values: list[float], share: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    return v[math.ceil(share * len(v)) - 1]


# --- the record: what the test did, and a plain model of the keys --------------------------------------------


@dataclass(eq=False)
class Key:
    """A key as the test expects it; `Shop.keys` is in import order, which is id order (sold oldest first)."""

    product: int
    batch: int  # index of the batch in the shop's import order
    cost: int
    card_no: str
    status: str = "available"
    line: Line | None = None
    replacement: bool = False  # was ever delivered in place of another key


@dataclass(eq=False)
class Line:
    product: int  # index into PRODUCTS
    qty: int
    price: int

    @property
    def weight(self) -> int:
        return self.qty * self.price


@dataclass(eq=False)
class Offer:
    id: int
    kind: str
    amount: int
    answer: str | None = None


@dataclass(eq=False)
class RCase:
    id: int
    order: ROrder
    reason: str
    resp_class: str
    opened: datetime
    due: datetime
    resolution_due: datetime
    resolution_minutes: timedelta
    status: str = "new"
    outcome: str | None = None
    assignee: str | None = None
    responded: datetime | None = None
    resolved: datetime | None = None
    rolled_back: bool = False
    first_breach: datetime | None = None
    resolution_breach: datetime | None = None
    offers: list[Offer] = field(default_factory=list)


@dataclass(eq=False)
class ROrder:
    id: int
    created: datetime
    source: str
    customer: int
    lines: list[Line]
    status: str = "pending_payment"
    paid: int = 0
    refunds: list[tuple[int, RCase | None]] = field(default_factory=list)  # (fen, case)
    first_keys: list[Key] = field(default_factory=list)  # delivered at payment (not replacements)
    cases: list[RCase] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.weight for line in self.lines)

    @property
    def refunded(self) -> int:
        return sum(fen for fen, _ in self.refunds)


class Shop:
    """The shop being built, and the record of it."""

    def __init__(self, app):
        self.app = app
        self.now: datetime | None = None
        self.orders: list[ROrder] = []
        self.keys: list[Key] = []
        self.batches: list[tuple[int, int, int]] = []  # (product index, cost, keys)
        self.deliveries: Counter[int] = Counter()  # batch index -> times one of its keys was delivered
        self.product_ids: list[int] = []
        self.customer_ids: list[int] = []
        self._serial = 0

    # time and transactions
    def at(self, when: datetime) -> None:
        self.now = when
        clock.freeze(when)

    def write(self, fn, *args, **kw):
        with self.app.db.write() as s:
            return fn(s, *args, **kw)

    def serial(self) -> int:
        self._serial += 1
        return self._serial

    @property
    def cases(self) -> list[RCase]:
        return [c for o in self.orders for c in o.cases]

    # setting up
    def setup(self, when: datetime, need: Counter[int] | None = None) -> None:
        """Products, customers with money, and the batches (the last one of a product at least `need[p]` keys)."""
        self.at(when)
        with self.app.db.write() as s:
            for spec in PRODUCTS:
                self.product_ids.append(
                    catalog.add_product(
                        s,
                        ProductInput(
                            sku=spec.sku,
                            name=f"Product {spec.sku}",
                            price_fen=spec.price_fen,
                            kind="secret",
                            rollback_policy=spec.policy,
                        ),
                    ).id
                )
            for i in range(2):
                cid = customers.add_customer(s, f"Customer {i}", f"wx:num{i}").id
                customers.topup(s, cid, 10_000_000, idempotency_key=f"num-topup-{i}", actor="test")
                self.customer_ids.append(cid)
        for p, spec in enumerate(PRODUCTS):
            for i, (cost, n) in enumerate(spec.batches):
                self.add_batch(p, cost, max(n, (need or Counter())[p]) if i == len(spec.batches) - 1 else n)

    def add_batch(self, p: int, cost: int, n: int) -> None:
        b = len(self.batches)
        pairs = [(f"NO-{p}-{b}-{i}", f"SECRET-{p}-{b}-{i}") for i in range(n)]
        self.write(
            stock.add_keys,
            self.app.vault,
            self.product_ids[p],
            pairs,
            actor="test",
            supplier=f"supplier-{b % 2}",
            unit_cost_fen=cost,
        )
        self.batches.append((p, cost, n))
        self.keys.extend(Key(p, b, cost, card) for card, _ in pairs)

    # the key model
    def _take(self, product: int, n: int, to: str, line: Line) -> list[Key]:
        free = [k for k in self.keys if k.product == product and k.status == "available"][:n]
        assert len(free) == n, "the history ran out of stock: give the products more keys"
        for k in free:
            k.status, k.line = to, line
        return free

    def held(self, o: ROrder, status: str) -> list[Key]:
        return [k for k in self.keys if k.status == status and any(k.line is line for line in o.lines)]

    # steps
    def create(self, lines: list[tuple[int, int]], source: str, customer: int) -> ROrder:
        skus = [(PRODUCTS[p].sku, q) for p, q in lines]
        view = self.write(
            selling.create_order, self.customer_ids[customer], skus, actor=STAFF[0], source=source, note="numbers"
        )
        o = ROrder(view.id, self.now, source, customer, [Line(p, q, PRODUCTS[p].price_fen) for p, q in lines])
        assert view.total_fen == o.total and view.created_at == self.now
        for line in o.lines:
            self._take(line.product, line.qty, "reserved", line)
        self.orders.append(o)
        return o

    def pay(self, o: ROrder, method: str) -> None:
        trade = {} if method == "wallet" else {"trade_no": f"{method.upper()}-{o.id}-{self.serial()}"}
        result = self.write(selling.pay_order, o.id, method=method, actor=STAFF[0], **trade)
        reserved = self.held(o, "reserved")
        for k in reserved:
            k.status = "delivered"
            self.deliveries[k.batch] += 1
        o.first_keys.extend(reserved)
        o.paid, o.status = o.total, "delivered"
        # The model of the keys is the test's own: check it against what the customer was given.
        assert result.order.status == "delivered"
        assert sorted(k.card_no for k in result.order.delivered_keys) == sorted(k.card_no for k in reserved)

    def close(self, o: ROrder) -> None:
        self.write(selling.close_order, o.id, actor=STAFF[0], reason="numbers: unpaid")
        self._release(o)

    def _release(self, o: ROrder) -> None:
        for k in self.held(o, "reserved"):
            k.status, k.line = "available", None
        o.status = "closed"

    def refund(self, o: ROrder, percent: int, destination: str) -> None:
        left = o.paid - o.refunded
        amount = max(1, left * percent // 100)
        self.write(
            refunds.refund,
            o.id,
            amount,
            destination=destination,
            actor=STAFF[1],
            idempotency_key=f"num-refund-{o.id}-{self.serial()}",
        )
        o.refunds.append((amount, None))

    def open_case(self, o: ROrder, reason: str, priority: str) -> RCase:
        opened = self.write(
            cases.open_case, o.id, reason_code=reason, actor=STAFF[0], priority=priority, run_rules=False
        )
        assert opened.resp_class == CLASS_OF[reason] and opened.status == "new"
        c = RCase(
            opened.id,
            o,
            reason,
            CLASS_OF[reason],
            self.now,
            opened.first_response_due,
            opened.resolution_due,
            opened.resolution_due - self.now,
        )
        o.cases.append(c)
        return c

    def take(self, c: RCase, actor: str) -> None:
        self.write(cases.take, c.id, actor=actor)
        c.assignee, c.status = actor, "in_progress"
        c.responded = c.responded or self.now

    def correct(self, c: RCase, reason: str) -> None:
        self.write(cases.correct_reason, c.id, reason, actor=STAFF[2])
        c.reason, c.resp_class = reason, CLASS_OF[reason]

    def offer(self, c: RCase, kind: str) -> Offer:
        o = c.order
        left = o.paid - o.refunded
        if kind == "price_protection" and not (o.status == "delivered" and left >= 2):
            kind = "alternative"
        amount = {"alternative": 0, "keep_coupon": 100, "compensation_credit": 100}.get(kind) or max(1, left // 4)
        view = self.write(retention.make_offer, c.id, kind, actor=STAFF[1], amount_fen=amount)
        offer = Offer(view.id, kind, amount)
        c.offers.append(offer)
        return offer

    def answer(self, c: RCase, offer: Offer, accepted: bool, actor: str) -> None:
        self.write(retention.answer_offer, offer.id, accepted, actor=actor)
        offer.answer = "accepted" if accepted else "declined"
        if accepted:
            if offer.kind == "price_protection":
                c.order.refunds.append((offer.amount, c))  # money back, the order kept
            self._resolved(c, "retained", actor)

    def resolve(self, c: RCase, outcome: str, actor: str, destination: str) -> None:
        self.write(
            cases.resolve,
            c.id,
            outcome,
            actor=actor,
            refund=destination,
            rejection_reason="not covered" if outcome == "rejected" else "",
        )
        o = c.order
        if outcome == "cancelled" and not c.rolled_back:
            c.rolled_back = True
            if o.status == "pending_payment":
                self._release(o)
            else:
                o.status = "cancelled"
                for k in self.held(o, "delivered"):
                    k.status = RECALL_TO[PRODUCTS[k.product].policy]
                    if k.status == "available":
                        k.line = None
                left = o.paid - o.refunded
                if left:
                    o.refunds.append((left, c))
        elif outcome == "replaced":
            for old in self.held(o, "delivered"):
                (fresh,) = self._take(old.product, 1, "delivered", old.line)
                self.deliveries[fresh.batch] += 1
                fresh.replacement = True
                old.status = "recalled"
        self._resolved(c, outcome, actor)

    def _resolved(self, c: RCase, outcome: str, actor: str) -> None:
        c.status, c.outcome, c.resolved = "resolved", outcome, self.now
        c.responded = c.responded or self.now
        c.assignee = c.assignee or actor

    def reopen(self, c: RCase, actor: str) -> None:
        self.write(cases.reopen, c.id, actor=actor)
        c.status, c.outcome, c.resolved, c.assignee = "in_progress", None, None, actor
        c.resolution_due, c.resolution_breach = self.now + c.resolution_minutes, None

    def sweep(self) -> None:
        self.write(sop.record_breaches, actor="test")
        for c in self.cases:
            if c.status not in OPEN:
                continue
            if c.responded is None and c.due <= self.now and c.first_breach is None:
                c.first_breach = self.now
            if c.resolution_due <= self.now and c.resolution_breach is None:
                c.resolution_breach = self.now


# --- drawing histories ---------------------------------------------------------------------------------------


@st.composite
def instants(draw, anchor: date) -> datetime:
    """An instant of the week around `anchor`: near a local midnight of one of the zones, near a DST change, or
    anywhere; to the second."""
    jitter = draw(st.sampled_from((0, 0, 0, -1, 1, -59, 60, -1799, 1800, -3600, 3599)) | st.integers(-7200, 7200))
    kind = draw(st.sampled_from(("midnight", "midnight", "change", "anywhere")))
    if kind == "midnight":
        base = midnight(draw(st.sampled_from(ZONES)), anchor + timedelta(days=draw(st.integers(-3, 3))))
    elif kind == "change":
        base = draw(st.sampled_from(CHANGES[anchor]))
    else:
        base = datetime.combine(anchor - timedelta(days=3), time(0), tzinfo=UTC)
        base += timedelta(seconds=draw(st.integers(0, 6 * 86400)))
    return base + timedelta(seconds=jitter)


@dataclass(frozen=True)
class CasePlan:
    reason: str
    priority: str
    respond: str | None  # who takes the case first, or nobody
    correct: str | None  # a corrected reason
    offers: tuple[tuple[str, str], ...]  # (kind, accepted | declined | unanswered)
    outcome: str  # cancelled | rejected | replaced | retained | open
    resolver: str
    destination: str  # of a cancellation's refund
    reopen: str | None  # after a resolution: reopen, then this outcome (cancelled | rejected | open)
    sweep: bool  # the breach sweep runs a while after the case opened (and was perhaps answered)


@dataclass(frozen=True)
class StoryPlan:
    t0: datetime
    lines: tuple[tuple[int, int], ...]
    source: str
    customer: int
    pay: str | None
    close: bool
    refund: tuple[int, str] | None  # (percent of what is left, destination)
    case: CasePlan | None
    again: CasePlan | None  # a second case once the first is over (the order not cancelled)
    gaps: tuple[int, ...]


case_plans = st.builds(
    CasePlan,
    reason=st.sampled_from(sorted(CLASS_OF)),
    priority=st.sampled_from(("normal", "high")),
    respond=st.none() | st.sampled_from(STAFF),
    correct=st.none() | st.sampled_from(sorted(CLASS_OF)),
    offers=st.lists(
        st.tuples(st.sampled_from(OFFER_KINDS), st.sampled_from(("accepted", "declined", "declined", "unanswered"))),
        max_size=2,
    ).map(tuple),
    outcome=st.sampled_from(("cancelled", "cancelled", "rejected", "replaced", "replaced", "retained", "open")),
    sweep=st.booleans(),
    resolver=st.sampled_from(STAFF),
    destination=st.sampled_from(("wallet", "external")),
    reopen=st.none() | st.none() | st.sampled_from(("cancelled", "rejected", "open")),
)


@st.composite
def story_plans(draw, anchor: date) -> StoryPlan:
    t0 = draw(instants(anchor)) - timedelta(days=draw(st.sampled_from((0, 0, 0, 7))))  # some a week before
    pay = draw(st.sampled_from((None, "alipay", "wechat", "wallet", "wallet")))
    case = draw(st.none() | case_plans)
    return StoryPlan(
        t0=t0,
        lines=tuple(draw(st.lists(st.tuples(st.integers(0, 2), st.integers(1, 2)), min_size=1, max_size=2))),
        source=draw(st.sampled_from(SOURCES)),
        customer=draw(st.integers(0, 1)),
        pay=pay,
        close=pay is None and case is None and draw(st.booleans()),
        refund=draw(st.none() | st.tuples(st.sampled_from((1, 50, 99)), st.sampled_from(("wallet", "external"))))
        if pay
        else None,
        case=case,
        again=draw(st.none() | case_plans) if case else None,
        gaps=tuple(draw(st.lists(st.sampled_from(GAPS), min_size=12, max_size=12))),
    )


@dataclass(frozen=True)
class History:
    anchor: date
    stories: tuple[StoryPlan, ...]
    sweeps: tuple[datetime, ...]
    after: int  # seconds from the last step to the moment the reports are read
    start: date  # a range of local dates to read
    end: date
    day: date  # the Today page's day
    shop_zone: str


@st.composite
def histories(draw, max_stories: int = 6) -> History:
    anchor = draw(st.sampled_from(ANCHORS))
    start = anchor + timedelta(days=draw(st.integers(-3, 2)))
    return History(
        anchor=anchor,
        stories=tuple(draw(st.lists(story_plans(anchor), min_size=2, max_size=max_stories))),
        sweeps=tuple(draw(st.lists(instants(anchor), max_size=2))),
        after=draw(st.sampled_from((0, 1, 120, 299, 300, 301, 3600))),
        start=start,
        end=start + timedelta(days=draw(st.integers(0, 3))),
        day=anchor + timedelta(days=draw(st.integers(-3, 2))),
        shop_zone=draw(st.sampled_from(ZONES)),
    )


def story(shop: Shop, plan: StoryPlan) -> Iterator[datetime]:
    """The story's steps: each `yield` says when the next step happens; the step runs once the clock is there."""
    gaps = iter(plan.gaps * 3)

    def later() -> datetime:
        return shop.now + timedelta(seconds=next(gaps))

    yield plan.t0
    o = shop.create(list(plan.lines), plan.source, plan.customer)
    if plan.close:
        yield later()
        shop.close(o)
        return
    if plan.pay:
        yield later()
        shop.pay(o, plan.pay)
        if plan.refund:
            yield later()
            shop.refund(o, *plan.refund)
    for cp in (plan.case, plan.again):
        if cp is None or o.status in ("cancelled", "closed") or any(c.status in OPEN for c in o.cases):
            return
        yield later()
        c = shop.open_case(o, cp.reason, cp.priority)
        if cp.respond:
            yield later()
            shop.take(c, cp.respond)
        if cp.sweep:
            yield later()
            shop.sweep()
        if cp.correct:
            yield later()
            shop.correct(c, cp.correct)
        for kind, answer in cp.offers:
            if c.status not in OPEN:
                break
            yield later()
            offer = shop.offer(c, kind)
            if answer != "unanswered":
                yield later()
                shop.answer(c, offer, answer == "accepted", cp.resolver)
        if c.status in OPEN and cp.outcome != "open":
            outcome = cp.outcome
            if outcome == "replaced" and not shop.held(o, "delivered"):
                outcome = "rejected"
            yield later()
            shop.resolve(c, outcome, cp.resolver, cp.destination)
            if cp.reopen:
                yield later()
                shop.reopen(c, cp.resolver)
                if cp.reopen != "open":
                    yield later()
                    shop.resolve(c, cp.reopen, cp.resolver, cp.destination)


def sweeps(shop: Shop, at: tuple[datetime, ...]) -> Iterator[datetime]:
    for when in sorted(at):
        yield when
        shop.sweep()


def build(shop: Shop, history: History) -> datetime:
    """Run the stories interleaved in time order; returns the instant of the last step."""
    need: Counter[int] = Counter()  # keys a story may take: its lines, and once more per case (a replacement)
    for plan in history.stories:
        for p, q in plan.lines:
            need[p] += q * (1 + (plan.case is not None) + (plan.again is not None))
    shop.setup(datetime.combine(history.anchor - timedelta(days=20), time(12), tzinfo=UTC), need)
    queue: list[tuple[datetime, int, Iterator[datetime]]] = []
    runs = [story(shop, plan) for plan in history.stories] + [sweeps(shop, history.sweeps)]
    for n, run in enumerate(runs):
        first = next(run, None)
        if first is not None:
            heapq.heappush(queue, (first, n, run))
    last = shop.now
    while queue:
        when, n, run = heapq.heappop(queue)
        shop.at(when)
        last = when
        following = next(run, None)  # runs the step due now
        if following is not None:
            heapq.heappush(queue, (max(following, when), n, run))
    return last


# --- the fold: expected figures from the record ---------------------------------------------------------------


def cancelling_case(o: ROrder) -> RCase | None:
    done = [c for c in o.cases if c.outcome == "cancelled"]
    return max(done, key=lambda c: c.id) if done else None


def expected_cancellations(shop: Shop, zone: str, start: date, end: date, by: str) -> dict:
    orders = [o for o in shop.orders if in_range(o.created, zone, start, end)]
    paid = [o for o in orders if o.paid > 0]
    cancelled = [o for o in paid if o.status == "cancelled"]
    closed = [o for o in orders if o.paid == 0 and o.status == "closed"]
    rows: dict[str, tuple[int | None, int]] = {}
    if by in ("class", "reason"):
        counts: Counter[str] = Counter()
        for o in cancelled:
            c = cancelling_case(o)
            counts[(c.resp_class if by == "class" else c.reason) if c else "none"] += 1
        rows = {k: (None, n) for k, n in counts.items()}
    elif by == "product":
        for p, spec in enumerate(PRODUCTS):
            holding = [o for o in paid if any(line.product == p for line in o.lines)]
            if holding:
                rows[spec.sku] = (len(holding), sum(o.status == "cancelled" for o in holding))
    elif by == "source":
        for src in {o.source for o in orders}:
            mine = [o for o in paid if o.source == src]
            rows[src] = (len(mine), sum(o.status == "cancelled" for o in mine))
    elif by == "hour_of_week":
        for d in range(7):
            for h in range(24):
                mine = [o for o in paid if local(o.created, zone).weekday() == d and local(o.created, zone).hour == h]
                rows[f"{WEEKDAYS[d]}-{h:02d}"] = (len(mine), sum(o.status == "cancelled" for o in mine))
    else:
        for i in range((end - start).days + 1):
            d = start + timedelta(days=i)
            mine = [o for o in paid if local_date(o.created, zone) == d]
            rows[d.isoformat()] = (len(mine), sum(o.status == "cancelled" for o in mine))
    return {"paid": len(paid), "cancelled": len(cancelled), "closed_unpaid": len(closed), "rows": rows}


def got_cancellations(report: reports.Cancellations) -> dict:
    return {
        "paid": report.paid_orders,
        "cancelled": report.cancelled,
        "closed_unpaid": report.closed_unpaid,
        "rows": {r.key: (r.paid_orders, r.cancelled) for r in report.rows},
    }


def line_cost(shop: Shop, line: Line) -> int:
    return sum(k.cost for k in shop.keys if k.line is line and k.status == "delivered")


@dataclass(frozen=True)
class Money:
    orders: int = 0
    paid: int = 0
    cancelled: int = 0
    closed_unpaid: int = 0
    sales: int = 0
    refunds: int = 0
    cost: int = 0


def money_of(shop: Shop, orders: list[ROrder]) -> Money:
    return Money(
        len(orders),
        sum(o.paid > 0 for o in orders),
        sum(o.paid > 0 and o.status == "cancelled" for o in orders),
        sum(o.paid == 0 and o.status == "closed" for o in orders),
        sum(o.paid for o in orders),
        sum(o.refunded for o in orders),
        sum(line_cost(shop, line) for o in orders for line in o.lines),
    )


def got_money(f: today.DayFigures) -> Money:
    return Money(f.orders, f.paid_orders, f.cancelled, f.closed_unpaid, f.sales_fen, f.refunds_fen, f.cost_fen)


def share(amount: int, weights: list[int]) -> list[int]:
    """The products report's split of an order's money between its lines: by list total, remainder to line one."""
    whole = sum(weights)
    if len(weights) == 1 or whole <= 0:
        return [amount] + [0] * (len(weights) - 1)
    parts = [amount * w // whole for w in weights]
    parts[0] += amount - sum(parts)
    return parts


def expected_products(shop: Shop, zone: str, start: date, end: date) -> dict[str, tuple]:
    out: dict[str, list[int]] = {}
    for o in shop.orders:
        if o.paid <= 0 or not in_range(o.created, zone, start, end):
            continue
        weights = [line.weight for line in o.lines]
        seen = set()
        for line, sales, back in zip(o.lines, share(o.paid, weights), share(o.refunded, weights), strict=True):
            cell = out.setdefault(PRODUCTS[line.product].sku, [0, 0, 0, 0, 0])
            if line.product not in seen:
                seen.add(line.product)
                cell[0] += 1
                cell[1] += o.status == "cancelled"
            cell[2] += sales
            cell[3] += back
            cell[4] += line_cost(shop, line)
    return {k: tuple(v) for k, v in out.items()}


def expected_refunds(shop: Shop, zone: str, start: date, end: date) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in shop.orders:
        if in_range(o.created, zone, start, end):
            for fen, c in o.refunds:
                cell = out[c.reason if c else "none"]
                cell[0] += 1
                cell[1] += fen
    return {k: tuple(v) for k, v in out.items()}


def first_response_state(c: RCase, now: datetime) -> str:
    if c.responded is not None:
        return "met" if c.responded <= c.due else "missed"
    return "missed" if c.first_breach is not None or c.due <= now else "pending"


def expected_sop(group: list[RCase], now: datetime) -> dict:
    states = Counter(first_response_state(c, now) for c in group)
    responses = [minutes(c.opened, c.responded) for c in group if c.responded]
    resolutions = [minutes(c.opened, c.resolved) for c in group if c.resolved]
    return {
        "cases": len(group),
        "met": states["met"],
        "missed": states["missed"],
        "median_response": median(responses),
        "p90_response": nearest_rank(responses, 0.9),
        "median_resolution": median(resolutions),
        "p90_resolution": nearest_rank(resolutions, 0.9),
        "breaches": sum(1 for c in group if c.first_breach or c.resolution_breach),
        "rate": rate(states["met"], states["met"] + states["missed"]),
    }


def got_sop(f: reports.SopFigures) -> dict:
    return {
        "cases": f.cases,
        "met": f.first_response_met,
        "missed": f.first_response_missed,
        "median_response": f.median_first_response_min,
        "p90_response": f.p90_first_response_min,
        "median_resolution": f.median_resolution_min,
        "p90_resolution": f.p90_resolution_min,
        "breaches": f.breaches,
        "rate": f.first_response_rate,
    }


def same_sop(got: dict, want: dict) -> bool:
    for k, v in want.items():
        g = got[k]
        if (g is None) != (v is None) or (v is not None and abs(g - v) > 0.006):
            return False
    return True


def expected_suppliers(shop: Shop) -> list[tuple]:
    blamed: dict[int, set[int]] = defaultdict(set)
    for o in shop.orders:
        for c in o.cases:
            if c.reason in KEY_DEFECTS:
                for k in o.first_keys:
                    blamed[k.batch].add(c.id)
    return [(p, n, shop.deliveries[b], len(blamed[b])) for b, (p, _cost, n) in enumerate(shop.batches)]


def expected_product_alerts(shop: Shop, zone: str, day: date, min_paid: int) -> list[tuple]:
    """(sku, count, base, value, mean, stdev, threshold) of each product alarming on `day`."""
    out = []
    for p, spec in enumerate(PRODUCTS):
        per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for o in shop.orders:
            if o.paid > 0 and any(line.product == p for line in o.lines):
                cell = per_day[local_date(o.created, zone)]
                cell[0] += 1
                cell[1] += o.status == "cancelled"
        history = [c / n for d, (n, c) in per_day.items() if day - timedelta(days=28) <= d < day and n]
        paid, cancelled = per_day.get(day, (0, 0))
        if len(history) < 7 or paid < min_paid or not paid:
            continue
        mean, sd = statistics.fmean(history), statistics.stdev(history)
        if cancelled / paid > mean + 2 * sd:
            out.append((spec.sku, cancelled, paid, cancelled / paid, mean, sd, mean + 2 * sd))
    return out


def got_alerts(found) -> list[tuple]:
    return [(a.sku, a.count, a.base, a.value, a.mean, a.stdev, a.threshold) for a in found]


def same_alerts(got: list[tuple], want: list[tuple]) -> bool:
    if [g[:3] for g in got] != [w[:3] for w in want]:
        return False
    return all(abs(x - y) < 1e-5 for g, w in zip(got, want, strict=True) for x, y in zip(g[3:], w[3:], strict=True))


def stamp(value) -> str | None:
    """A timestamp read with plain SQL (text on SQLite, naive datetime on PostgreSQL) as 'YYYY-MM-DD HH:MM:SS'."""
    return None if value is None else str(value)[:19]


def utc_stamp(at: datetime | None) -> str | None:
    return None if at is None else at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def check_record(shop: Shop) -> None:
    """The record agrees with the rows, read with plain SQL: so a figure that differs from the fold is the figure's
    fault, not the record's."""
    order_of = {id(line): o.id for o in shop.orders for line in o.lines}
    with shop.app.db.read() as s:
        orders = s.execute(text("SELECT id, status, paid_fen, refunded_fen, created_at FROM orders ORDER BY id")).all()
        keys = s.execute(
            text(
                "SELECT k.card_no, k.status, l.order_id FROM card_key k"
                " LEFT JOIN order_line l ON l.id = k.order_line_id ORDER BY k.id"
            )
        ).all()
        rows = s.execute(
            text("SELECT id, status, outcome, assignee, reason_code, first_responded_at, resolved_at FROM cases")
        ).all()
    assert [(i, status, paid, back, stamp(at)) for i, status, paid, back, at in orders] == [
        (o.id, o.status, o.paid, o.refunded, utc_stamp(o.created)) for o in shop.orders
    ], "the record of the orders"
    assert [tuple(k) for k in keys] == [(k.card_no, k.status, order_of.get(id(k.line))) for k in shop.keys], (
        "the model of the keys"
    )
    assert sorted((i, status, out, who, why, stamp(a), stamp(b)) for i, status, out, who, why, a, b in rows) == sorted(
        (c.id, c.status, c.outcome, c.assignee, c.reason, utc_stamp(c.responded), utc_stamp(c.resolved))
        for c in shop.cases
    ), "the record of the cases"


# --- checking every figure against the fold -------------------------------------------------------------------


def check_range_figures(s, shop: Shop, zone: str, start: date, end: date, now: datetime) -> None:
    """Every report over local dates [start, end] of `zone` against the fold."""
    tz, where = ZoneInfo(zone), f"{zone} {start}..{end}"
    for by in reports.CANCELLATION_DIMENSIONS:
        report = reports.cancellations(s, start, end, by=by, tz=tz)
        want = expected_cancellations(shop, zone, start, end, by)
        assert got_cancellations(report) == want, f"cancellations by {by}, {where}"
        assert report.cancellation_rate == rate(want["cancelled"], want["paid"])
        for row in report.rows:
            paid, cancelled = want["rows"][row.key]
            assert row.cancellation_rate == (rate(cancelled, paid) if paid is not None else None)

    cases_in = [c for c in shop.cases if in_range(c.opened, zone, start, end)]
    sop_report = reports.sop(s, start, end, tz=tz)
    assert same_sop(got_sop(sop_report.total), expected_sop(cases_in, now)), f"SOP, {where}"
    groups: dict[str | None, list[RCase]] = defaultdict(list)
    for c in cases_in:
        groups[c.assignee].append(c)
    assert {f.agent for f in sop_report.by_agent} == set(groups), f"SOP agents, {where}"
    for f in sop_report.by_agent:
        assert same_sop(got_sop(f), expected_sop(groups[f.agent], now)), f"SOP of {f.agent}, {where}"

    kept = reports.retention(s, start, end, tz=tz)
    made: Counter[tuple[str, str]] = Counter()
    accepted: Counter[tuple[str, str]] = Counter()
    for c in cases_in:
        for offer in c.offers:
            made[(c.reason, offer.kind)] += 1
            accepted[(c.reason, offer.kind)] += offer.answer == "accepted"
    assert {(r.reason, r.offer): (r.made, r.accepted, r.save_rate) for r in kept.rows} == {
        k: (n, accepted[k], rate(accepted[k], n)) for k, n in made.items()
    }, f"retention, {where}"
    total_made, total_accepted = sum(made.values()), sum(accepted.values())
    assert (kept.offers_made, kept.offers_accepted, kept.save_rate) == (
        total_made,
        total_accepted,
        rate(total_accepted, total_made),
    )
    assert kept.cases_retained == sum(c.outcome == "retained" for c in cases_in)

    got_refunds = {r.reason: (r.refunds, r.amount_fen) for r in reports.refunds(s, start, end, tz=tz)}
    assert got_refunds == expected_refunds(shop, zone, start, end), f"refunds, {where}"

    rows = reports.products(s, start, end, tz=tz)
    got_products = {r.sku: (r.paid_orders, r.cancelled, r.sales_fen, r.refunds_fen, r.cost_fen) for r in rows}
    assert got_products == expected_products(shop, zone, start, end), f"products, {where}"
    for r in rows:
        assert r.cancellation_rate == rate(r.cancelled, r.paid_orders)
        assert r.gross_profit_fen == r.sales_fen - r.refunds_fen - r.cost_fen
    whole = money_of(shop, [o for o in shop.orders if in_range(o.created, zone, start, end)])
    assert sum(r.sales_fen for r in rows) == whole.sales  # the split between products loses nothing
    assert sum(r.refunds_fen for r in rows) == whole.refunds and sum(r.cost_fen for r in rows) == whole.cost


def check_today(s, shop: Shop, zone: str, d: date, now: datetime) -> None:
    """The Today page of local day `d`: the day, yesterday, the same weekday a week before, the hours, the desk."""
    tz = ZoneInfo(zone)
    view = today.today(s, d, tz=tz)
    for figures, of in ((view.day, d), (view.yesterday, d - timedelta(days=1)), (view.last_week, d - timedelta(7))):
        want = money_of(shop, [o for o in shop.orders if local_date(o.created, zone) == of])
        assert figures.date == of and got_money(figures) == want, f"Today {of}, {zone}"
        assert figures.cancellation_rate == rate(want.cancelled, want.paid)
        assert figures.average_fen == (round(want.sales / want.paid) if want.paid else None)
        assert figures.gross_profit_fen == want.sales - want.refunds - want.cost
    assert got_money(today.figures(s, d, tz=tz)) == got_money(view.day)
    for hours, of in ((view.hourly_sales_fen, d), (view.hourly_sales_last_week_fen, d - timedelta(days=7))):
        want_hours = [0] * 24
        for o in shop.orders:
            if local_date(o.created, zone) == of:
                want_hours[local(o.created, zone).hour] += o.paid
        assert list(hours) == want_hours, f"hourly sales {of}, {zone}"
    open_cases = [c for c in shop.cases if c.status in OPEN]
    late = [
        c
        for c in open_cases
        if c.first_breach or c.resolution_breach or (c.responded is None and c.due <= now) or c.resolution_due <= now
    ]
    states = Counter(first_response_state(c, now) for c in shop.cases if local_date(c.opened, zone) == d)
    desk = view.desk
    assert (desk.open_cases, desk.breached_cases, desk.first_response_met, desk.first_response_missed) == (
        len(open_cases),
        len(late),
        states["met"],
        states["missed"],
    ), f"desk, {zone}"
    assert view.alerts == ()  # never 10 paid orders of a product on a day here (the default min_paid)
    found = alerts.product_alerts(s, d, tz=tz, min_paid=1)
    assert same_alerts(got_alerts(found), expected_product_alerts(shop, zone, d, 1)), f"alerts, {zone}"


def check_figures(shop: Shop, history: History, now: datetime) -> None:
    a = history.anchor
    whole = (a - timedelta(days=11), a + timedelta(days=6))  # every fact of the history, in every zone
    with shop.app.db.read() as s:
        for zone in ZONES:
            check_range_figures(s, shop, zone, history.start, history.end, now)
            report = reports.cancellations(s, *whole, by="day", tz=ZoneInfo(zone))
            assert got_cancellations(report) == expected_cancellations(shop, zone, *whole, "day"), f"days, {zone}"
            check_today(s, shop, zone, history.day, now)
        got = [
            (shop.product_ids.index(r.product_id), r.keys, r.keys_delivered, r.key_invalid_cases)
            for r in reports.suppliers(s)
        ]
        assert got == expected_suppliers(shop), "suppliers"
    # Without a tz: the shop's zone (setting shop.timezone).
    zone = history.shop_zone
    shop.write(days.set_shop_zone, zone)
    with shop.app.db.read() as s:
        assert days.shop_zone(s) == ZoneInfo(zone)
        report = reports.cancellations(s, history.start, history.end, by="reason")
        want = expected_cancellations(shop, zone, history.start, history.end, "reason")
        assert got_cancellations(report) == want, f"cancellations in the shop's zone {zone}"
        day = today.today(s, history.day, with_alerts=False).day
        assert got_money(day) == money_of(shop, [o for o in shop.orders if local_date(o.created, zone) == history.day])


def examples(n: int) -> int:
    """On PostgreSQL (the suite's second pass) a third of the examples: each shop and each statement costs more."""
    return max(4, n // 3) if pg.ACTIVE else n


def test_every_figure_agrees_with_a_fold_over_the_history(template_dir):
    """Random histories built through the services; every report, the Today page and the product alerts, in four
    zones, equal the fold over the test's own record."""

    @settings(max_examples=examples(30), deadline=None, database=None)
    @given(history=histories())
    def check(history: History) -> None:
        try:
            with fresh_shop(template_dir) as app:
                shop = Shop(app)
                last = build(shop, history)
                now = last + timedelta(seconds=history.after)
                shop.at(now)
                check_record(shop)
                check_figures(shop, history, now)
                with app.db.read() as s:
                    assert run_checks(s) == []
        finally:
            clock.reset()

    check()


# --- days.spans on its own ---------------------------------------------------------------------------------------

SPAN_ZONES = (
    *ZONES,
    "UTC",
    "Europe/London",
    "Europe/Dublin",  # "negative" DST in the tz database
    "Australia/Lord_Howe",  # a 30-minute DST
    "Pacific/Chatham",  # +12:45 / +13:45
    "Pacific/Apia",  # skipped 2011-12-30 altogether
    "Pacific/Kiritimati",  # +14, skipped 1994-12-31
    "America/Goose_Bay",  # changed at 00:01 until 2011: fell back across midnight
    "America/St_Johns",  # -3:30, also 00:01 until 2011
    "Antarctica/Troll",  # a 2-hour DST
    "Africa/Casablanca",  # DST suspended for Ramadan, several changes a year
    "Asia/Tehran",
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    zone=st.sampled_from(SPAN_ZONES),
    start=st.dates(date(1990, 1, 1), date(2037, 12, 31)),
    length=st.integers(0, 40),
    probes=st.lists(st.integers(0, 10**7), max_size=40),
)
def test_spans_hold_exactly_the_instants_of_the_local_dates(zone, start, length, probes):
    """For instants in a padded window — random, at each offset change and at every local midnight (to the
    second either side) — the instant lies in exactly one span iff its local date is in [start, end], and there
    local time == UTC + the span's offset."""
    end = start + timedelta(days=length)
    tz = ZoneInfo(zone)
    got = days.spans(tz, start, end)
    assert all(sp.start < sp.end for sp in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))
    lo = datetime.combine(start - timedelta(days=2), time(0), tzinfo=UTC)
    hi = datetime.combine(end + timedelta(days=3), time(0), tzinfo=UTC)
    changes = exact_changes(zone, lo, hi)
    offsets = {lo.astimezone(tz).utcoffset()} | {c.astimezone(tz).utcoffset() for c in changes}
    width = int((hi - lo).total_seconds())
    instants = [lo + timedelta(seconds=p % width) for p in probes]
    instants += [c + timedelta(seconds=s) for c in changes for s in (-1, 0, 1)]
    for i in range(length + 3):
        wall_midnight = datetime.combine(start + timedelta(days=i - 1), time(0), tzinfo=UTC)
        instants += [wall_midnight - off + timedelta(seconds=s) for off in offsets for s in (-1, 0, 1)]
    for t in instants:
        if not lo <= t < hi:
            continue
        naive, wall = t.replace(tzinfo=None), t.astimezone(tz)
        holding = [sp for sp in got if sp.start <= naive < sp.end]
        assert len(holding) == (1 if start <= wall.date() <= end else 0), (zone, t, wall, got)
        if holding:
            assert naive + timedelta(seconds=holding[0].offset) == wall.replace(tzinfo=None), (zone, t, got)


def test_spans_of_the_dst_days_here():
    """Spot values: New York's 23- and 25-hour days, Santiago's day without a midnight and its 25-hour day,
    Kathmandu's +05:45, Shanghai's one span."""

    def utc(*a):
        return datetime(*a)  # naive UTC, as the spans are

    ny, scl = ZoneInfo("America/New_York"), ZoneInfo("America/Santiago")
    assert days.spans(ny, date(2026, 3, 8), date(2026, 3, 8)) == [
        days.Span(utc(2026, 3, 8, 5), utc(2026, 3, 8, 7), -5 * 3600),
        days.Span(utc(2026, 3, 8, 7), utc(2026, 3, 9, 4), -4 * 3600),
    ]
    assert days.spans(ny, date(2026, 11, 1), date(2026, 11, 1)) == [
        days.Span(utc(2026, 11, 1, 4), utc(2026, 11, 1, 6), -4 * 3600),
        days.Span(utc(2026, 11, 1, 6), utc(2026, 11, 2, 5), -5 * 3600),
    ]
    assert days.spans(scl, date(2026, 9, 6), date(2026, 9, 6)) == [
        days.Span(utc(2026, 9, 6, 4), utc(2026, 9, 7, 3), -3 * 3600)
    ]
    assert days.spans(scl, date(2026, 4, 4), date(2026, 4, 4)) == [
        days.Span(utc(2026, 4, 4, 3), utc(2026, 4, 5, 3), -3 * 3600),
        days.Span(utc(2026, 4, 5, 3), utc(2026, 4, 5, 4), -4 * 3600),
    ]
    assert days.spans(ZoneInfo("Asia/Kathmandu"), date(2026, 3, 1), date(2026, 3, 31)) == [
        days.Span(utc(2026, 2, 28, 18, 15), utc(2026, 3, 31, 18, 15), 20700)
    ]
    assert days.spans(ZoneInfo("Asia/Shanghai"), date(2026, 1, 1), date(2026, 12, 31)) == [
        days.Span(utc(2025, 12, 31, 16), utc(2026, 12, 31, 16), 8 * 3600)
    ]


# --- facts at the edges of local days, spelled out ------------------------------------------------------------

EDGES = (
    # (UTC instant, what a wall clock showed) — the fold's own dating, checked here against the calendar
    (datetime(2026, 3, 7, 15, 59, 59, tzinfo=UTC), "Asia/Shanghai", "2026-03-07 23:59:59"),
    (datetime(2026, 3, 7, 16, 0, 0, tzinfo=UTC), "Asia/Shanghai", "2026-03-08 00:00:00"),
    (datetime(2026, 3, 7, 18, 14, 59, tzinfo=UTC), "Asia/Kathmandu", "2026-03-07 23:59:59"),
    (datetime(2026, 3, 7, 18, 15, 0, tzinfo=UTC), "Asia/Kathmandu", "2026-03-08 00:00:00"),
    (datetime(2026, 3, 8, 6, 59, 59, tzinfo=UTC), "America/New_York", "2026-03-08 01:59:59"),
    (datetime(2026, 3, 8, 7, 0, 0, tzinfo=UTC), "America/New_York", "2026-03-08 03:00:00"),
    (datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC), "America/New_York", "2026-03-08 23:59:59"),
    (datetime(2026, 3, 9, 4, 0, 0, tzinfo=UTC), "America/New_York", "2026-03-09 00:00:00"),
    (datetime(2026, 11, 1, 5, 30, 0, tzinfo=UTC), "America/New_York", "2026-11-01 01:30:00"),
    (datetime(2026, 11, 1, 6, 30, 0, tzinfo=UTC), "America/New_York", "2026-11-01 01:30:00"),
    (datetime(2026, 4, 5, 2, 59, 59, tzinfo=UTC), "America/Santiago", "2026-04-04 23:59:59"),
    (datetime(2026, 4, 5, 3, 0, 0, tzinfo=UTC), "America/Santiago", "2026-04-04 23:00:00"),
    (datetime(2026, 4, 5, 3, 59, 59, tzinfo=UTC), "America/Santiago", "2026-04-04 23:59:59"),
    (datetime(2026, 4, 5, 4, 0, 0, tzinfo=UTC), "America/Santiago", "2026-04-05 00:00:00"),
    (datetime(2026, 9, 6, 3, 59, 59, tzinfo=UTC), "America/Santiago", "2026-09-05 23:59:59"),
    (datetime(2026, 9, 6, 4, 0, 0, tzinfo=UTC), "America/Santiago", "2026-09-06 01:00:00"),
)


def test_orders_on_the_edges_of_local_days_count_on_the_right_day_and_hour(shop):
    """An order a second either side of local midnight, and in the hours a DST change repeats or skips, counts on
    the local day and hour its wall clock showed, in every zone; paid, cancelled and closed unpaid alike."""
    for at, zone, wall in EDGES:
        assert local(at, zone).strftime("%Y-%m-%d %H:%M:%S") == wall
    world = Shop(shop)
    world.setup(datetime(2026, 2, 20, tzinfo=UTC))
    for n, (at, _zone, _wall) in enumerate(EDGES):
        world.at(at)
        o = world.create([(n % 3, 1)], SOURCES[n % 4], n % 2)
        if n % 4 == 3:
            world.close(o)
            continue
        world.pay(o, ("alipay", "wechat", "wallet")[n % 3])
        if n % 4 == 1:
            world.resolve(world.open_case(o, "delivery_late", "normal"), "cancelled", "bob", "wallet")
    world.at(datetime(2026, 11, 2, tzinfo=UTC))
    now = world.now
    check_record(world)
    with shop.db.read() as s:
        for zone in ZONES:
            for start, end in ((date(2026, 3, 8), date(2026, 3, 8)), (date(2026, 4, 4), date(2026, 4, 5))):
                check_range_figures(s, world, zone, start, end, now)
            for first, last in ((date(2026, 3, 7), date(2026, 3, 9)), (date(2026, 9, 5), date(2026, 11, 1))):
                report = reports.cancellations(s, first, last, by="day", tz=ZoneInfo(zone))
                assert got_cancellations(report) == expected_cancellations(world, zone, first, last, "day")
            for d in (date(2026, 3, 8), date(2026, 4, 4), date(2026, 9, 6), date(2026, 11, 1)):
                check_today(s, world, zone, d, now)
        # Spelled out: Santiago's 4th of April has 25 hours, and its hour 23 happened twice.
        april = reports.cancellations(
            s, date(2026, 4, 4), date(2026, 4, 4), by="hour_of_week", tz=ZoneInfo("America/Santiago")
        )
        assert april.paid_orders + april.closed_unpaid == 3
        assert sum(r.paid_orders for r in april.rows if r.key == "sat-23") == april.paid_orders
        november = today.today(s, date(2026, 11, 1), tz=ZoneInfo("America/New_York"), with_alerts=False)
        assert november.day.orders == 2 and november.hourly_sales_fen[1] == november.day.sales_fen


# --- the anomaly alert ---------------------------------------------------------------------------------------

ALERT_DAY = date(2026, 3, 20)  # its 28 days before cross New York's change to summer time (2026-03-08)


def test_a_day_of_many_cancellations_after_28_quiet_days_alarms_unless_too_few_were_paid(shop):
    """28 days of one order a day in New York (at 00:00:00 or 23:59:59 local, across the DST change): product A
    cancelled on two of them, B on none (26 days sold). Then a day with A paid 4 times, 3 cancelled, and B paid
    twice, both cancelled. A alarms once min_paid <= 4, B (sd 0: any cancellation is above) once min_paid <= 2;
    C, sold on 6 days only, never. The alert's numbers are the fold's."""
    zone = "America/New_York"
    tz = ZoneInfo(zone)
    world = Shop(shop)
    world.setup(datetime(2026, 2, 1, tzinfo=UTC))
    a, b, c = 0, 1, 2
    for i in range(28):
        d = ALERT_DAY - timedelta(days=28 - i)
        wall = datetime.combine(d, time(0) if i % 2 else time(23, 59, 59), tzinfo=tz)
        world.at(wall.astimezone(UTC))
        cancel = i in (5, 17)
        lines = [(a, 1)] + ([] if cancel else [(b, 1)]) + ([(c, 1)] if 20 <= i < 26 else [])
        o = world.create(lines, "desk", i % 2)
        world.pay(o, "wallet")
        if cancel:
            world.resolve(world.open_case(o, "changed_mind", "normal"), "cancelled", "amy", "wallet")
    day_orders = (([(a, 1), (b, 1), (c, 1)], True), ([(a, 1), (b, 1), (c, 1)], True), ([(a, 1), (c, 1)], True))
    day_orders += (([(a, 1), (c, 1)], False),)
    for n, (lines, cancel) in enumerate(day_orders):
        world.at(datetime.combine(ALERT_DAY, time(n * 5), tzinfo=tz).astimezone(UTC))
        o = world.create(lines, "api", 0)
        world.pay(o, "alipay")
        if cancel:
            world.resolve(world.open_case(o, "key_used", "normal"), "cancelled", "bob", "external")
    world.at(datetime.combine(ALERT_DAY, time(21), tzinfo=tz).astimezone(UTC))
    sku = {p: PRODUCTS[p].sku for p in (a, b, c)}

    with shop.db.read() as s:
        for min_paid, alarming in ((1, [a, b]), (2, [a, b]), (3, [a]), (4, [a]), (5, [])):
            found = alerts.product_alerts(s, ALERT_DAY, tz=tz, min_paid=min_paid)
            assert [x.sku for x in found] == [sku[p] for p in alarming], min_paid
            assert same_alerts(got_alerts(found), expected_product_alerts(world, zone, ALERT_DAY, min_paid))
        (alert_a,) = alerts.product_alerts(s, ALERT_DAY, tz=tz, min_paid=4)
        history = [1.0, 1.0] + [0.0] * 26
        assert (alert_a.kind, alert_a.date, alert_a.count, alert_a.base, alert_a.value) == (
            "product_cancellations",
            ALERT_DAY,
            3,
            4,
            0.75,
        )
        assert alert_a.mean == pytest.approx(statistics.fmean(history), abs=1e-6)
        assert alert_a.stdev == pytest.approx(statistics.stdev(history), abs=1e-6)
        assert alert_a.threshold == pytest.approx(statistics.fmean(history) + 2 * statistics.stdev(history), abs=1e-6)
        assert alert_a.key == f"product_cancellations:{world.product_ids[a]}:{ALERT_DAY}"
        b_alerts = [x for x in alerts.product_alerts(s, ALERT_DAY, tz=tz, min_paid=2) if x.sku == sku[b]]
        assert [(x.mean, x.stdev, x.threshold, x.value) for x in b_alerts] == [(0.0, 0.0, 0.0, 1.0)]
        # The days before were quiet: nothing alarms on them.
        assert alerts.product_alerts(s, ALERT_DAY - timedelta(days=1), tz=tz, min_paid=1) == []
        # The setting alerts.min_paid_orders (default 10) applies when min_paid is not given.
        assert alerts.product_alerts(s, ALERT_DAY, tz=tz) == []
    shop_settings_put(shop, alerts.MIN_PAID_SETTING, "4")
    with shop.db.read() as s:
        assert [x.sku for x in alerts.product_alerts(s, ALERT_DAY, tz=tz)] == [sku[a]]
        view = today.today(s, ALERT_DAY, tz=tz)
        assert [x.key for x in view.alerts] == [alert_a.key]
        assert (view.day.paid_orders, view.day.cancelled, view.day.cancellation_rate) == (4, 3, 0.75)
        # The same day read in Shanghai's days is another day: the orders fall on 20 and 21 March there.
        shanghai = alerts.product_alerts(s, ALERT_DAY, tz=ZoneInfo("Asia/Shanghai"), min_paid=1)
        assert same_alerts(got_alerts(shanghai), expected_product_alerts(world, "Asia/Shanghai", ALERT_DAY, 1))


def shop_settings_put(app, key: str, value: str) -> None:
    with app.db.write() as s:
        shop_settings.put(s, key, value)


# --- empty ranges, refusals ------------------------------------------------------------------------------------


def test_an_empty_range_gives_zeros_and_no_rates(shop):
    """A range without orders (the shop has one, on another day): every count 0, every rate and median None."""
    with shop.db.read() as s:
        assert reports.suppliers(s) == ()  # no batch at all yet
    world = Shop(shop)
    world.setup(datetime(2026, 3, 1, tzinfo=UTC))
    world.at(datetime(2026, 3, 2, 12, tzinfo=UTC))
    o = world.create([(0, 1)], "desk", 0)
    world.pay(o, "alipay")
    world.open_case(o, "changed_mind", "normal")
    start, end = date(2026, 3, 10), date(2026, 3, 12)
    with shop.db.read() as s:
        for zone in ZONES:
            tz = ZoneInfo(zone)
            for by in reports.CANCELLATION_DIMENSIONS:
                r = reports.cancellations(s, start, end, by=by, tz=tz)
                assert (r.paid_orders, r.cancelled, r.closed_unpaid, r.cancellation_rate) == (0, 0, 0, None)
                if by == "hour_of_week":
                    assert len(r.rows) == 7 * 24 and r.rows[0].key == "mon-00" and r.rows[-1].key == "sun-23"
                elif by == "day":
                    assert [x.key for x in r.rows] == ["2026-03-10", "2026-03-11", "2026-03-12"]
                else:
                    assert r.rows == ()
                assert all((x.paid_orders, x.cancelled, x.cancellation_rate) == (0, 0, None) for x in r.rows)
            desk = reports.sop(s, start, end, tz=tz)
            assert desk.by_agent == ()
            assert got_sop(desk.total) == expected_sop([], world.now)
            assert (desk.total.cases, desk.total.median_first_response_min, desk.total.first_response_rate) == (
                0,
                None,
                None,
            )
            kept = reports.retention(s, start, end, tz=tz)
            assert (kept.offers_made, kept.offers_accepted, kept.cases_retained, kept.save_rate, kept.rows) == (
                0,
                0,
                0,
                None,
                (),
            )
            assert reports.refunds(s, start, end, tz=tz) == ()
            assert reports.products(s, start, end, tz=tz) == ()
            view = today.today(s, date(2026, 3, 11), tz=tz)
            for f in (view.day, view.yesterday, view.last_week):
                assert got_money(f) == Money()
                assert (f.average_fen, f.cancellation_rate, f.gross_profit_fen) == (None, None, 0)
            assert view.hourly_sales_fen == (0,) * 24 == view.hourly_sales_last_week_fen
            assert view.alerts == ()
            assert (view.desk.first_response_met, view.desk.first_response_missed) == (0, 0)
        rows = reports.suppliers(s)
        assert [(r.keys, r.keys_delivered, r.key_invalid_cases, r.defect_rate) for r in rows][1:] == [
            (n, 0, 0, None) for _p, _c, n in world.batches[1:]
        ]


def test_a_reversed_range_an_unknown_breakdown_and_an_unknown_zone_are_refused(shop):
    tz = ZoneInfo("Asia/Shanghai")
    start, end = date(2026, 3, 9), date(2026, 3, 8)  # ends before it starts
    calls = [
        lambda s, by=by: reports.cancellations(s, start, end, by=by, tz=tz) for by in reports.CANCELLATION_DIMENSIONS
    ]
    calls += [
        lambda s: reports.sop(s, start, end, tz=tz),
        lambda s: reports.retention(s, start, end, tz=tz),
        lambda s: reports.refunds(s, start, end, tz=tz),
        lambda s: reports.products(s, start, end, tz=tz),
        lambda s: days.spans(tz, start, end),
    ]
    with shop.db.read() as s:
        for call in calls:
            with pytest.raises(InvalidInput) as refused:
                call(s)
            assert refused.value.code == "numbers.range_reversed"
        for by in ("weekday", "Reason", "", "reason "):
            with pytest.raises(InvalidInput) as refused:
                reports.cancellations(s, end, start, by=by, tz=tz)
            assert refused.value.code == "numbers.dimension_unknown" and refused.value.field == "by"
        first = date(2020, 1, 1)
        assert days.spans(tz, first, first + timedelta(days=days.MAX_DAYS - 1))  # ten years: fine
        with pytest.raises(InvalidInput) as refused:
            days.spans(tz, first, first + timedelta(days=days.MAX_DAYS))
        assert refused.value.code == "numbers.range_too_long"
        for name in ("Mars/Olympus", "", "   ", "../../etc/passwd", "/etc/localtime", "Asia/../UTC"):
            with pytest.raises(InvalidInput) as refused:
                days.zone(name)
            assert refused.value.code == "numbers.timezone_unknown"
        with pytest.raises(InvalidInput) as refused:
            days.parse_date("2026-02-30")
        assert refused.value.code == "numbers.date_invalid"
        assert days.parse_date(" 2026-02-28 ") == date(2026, 2, 28)
    with shop.db.write() as s, pytest.raises(InvalidInput):
        days.set_shop_zone(s, "Nowhere/Land")
    with shop.db.read() as s:
        assert shop_settings.get(s, days.SETTING) is None  # refused before anything was written
    shop_settings_put(shop, days.SETTING, "Nowhere/Land")  # a broken setting (written past the service)...
    with shop.db.read() as s:
        assert days.shop_zone(s) == days.zone(days.system_zone_name())  # ... reads as the system's zone


# --- the supplier report: a key case counts against the batches its order was first given ----------------------


def test_a_key_case_counts_against_its_orders_batch_whatever_the_cancellation_did_with_the_keys(shop):
    """Two paid orders, one key each, each with a key_invalid case resolved as cancelled: one product's policy
    recalls the key (verify), the other's puts it back on sale (restock). Both orders were given a key of their
    batch, so each batch has 1 key delivered and 1 key-invalid case (defect rate 1.0)."""
    world = Shop(shop)
    world.setup(datetime(2026, 3, 1, tzinfo=UTC))
    world.at(datetime(2026, 3, 2, 9, tzinfo=UTC))
    restock, verify = world.create([(0, 1)], "desk", 0), world.create([(1, 1)], "desk", 0)
    for o in (restock, verify):
        world.pay(o, "alipay")
        world.resolve(world.open_case(o, "key_invalid", "normal"), "cancelled", "amy", "external")
    with shop.db.read() as s:
        rows = {(world.product_ids.index(r.product_id), r.keys): r for r in reports.suppliers(s)}
    verify_batch, restock_batch = rows[(1, 45)], rows[(0, 3)]
    assert (verify_batch.keys_delivered, verify_batch.key_invalid_cases, verify_batch.defect_rate) == (1, 1, 1.0)
    assert (restock_batch.keys_delivered, restock_batch.key_invalid_cases, restock_batch.defect_rate) == (1, 1, 1.0)


def test_a_key_case_on_an_order_never_given_keys_blames_no_batch(shop):
    """An unpaid order holds a reserved key; a key_used case is opened on it. It was given no key, so no batch
    has a key-invalid case."""
    world = Shop(shop)
    world.setup(datetime(2026, 3, 1, tzinfo=UTC))
    world.at(datetime(2026, 3, 2, 9, tzinfo=UTC))
    world.open_case(world.create([(2, 1)], "desk", 0), "key_used", "normal")
    with shop.db.read() as s:
        blamed = [(r.keys, r.keys_delivered, r.key_invalid_cases) for r in reports.suppliers(s) if r.key_invalid_cases]
    assert blamed == []


# --- the SOP report, spelled out -----------------------------------------------------------------------------


def test_sop_first_responses_met_missed_pending_and_nearest_rank_minutes(shop):
    """Kathmandu (+05:45), 10 March from 09:00 local (T). First response due 5 minutes after opening (3 for high
    priority). c1: answered exactly at its deadline (met), resolved after 10 min; c2: answered a second late
    (missed); c3 (high): never answered, its deadline passed (missed); c5: resolved straight from new after 30 s
    (met); c4: opened at T+1000, still within its 5 minutes (pending). A case of 9 March (23:59:59 local) is
    another day's."""
    zone = "Asia/Kathmandu"
    tz = ZoneInfo(zone)
    day = date(2026, 3, 10)
    t = datetime.combine(day, time(9), tzinfo=tz).astimezone(UTC)
    world = Shop(shop)
    world.setup(datetime(2026, 3, 1, tzinfo=UTC))

    def case_at(seconds: int, priority: str = "normal", at: datetime | None = None) -> RCase:
        world.at(at or t + timedelta(seconds=seconds))
        o = world.create([(1, 1)], "desk", 0)
        world.pay(o, "wechat")
        return world.open_case(o, "delivery_late", priority)

    def step(seconds: int) -> None:
        world.at(t + timedelta(seconds=seconds))

    c6 = case_at(0, at=datetime.combine(date(2026, 3, 9), time(23, 59, 59), tzinfo=tz).astimezone(UTC))
    c1, c2, c3, c5 = case_at(0), case_at(60), case_at(120, "high"), case_at(180)
    step(210)
    world.resolve(c5, "cancelled", "cyd", "wallet")
    step(300)
    world.take(c1, "amy")
    step(361)
    world.take(c2, "bob")
    step(600)
    world.resolve(c1, "rejected", "amy", "wallet")
    c4 = case_at(1000)
    step(1299)

    def figures(f: reports.SopFigures) -> tuple:
        return (
            f.cases,
            f.first_response_met,
            f.first_response_missed,
            f.median_first_response_min,
            f.p90_first_response_min,
            f.median_resolution_min,
            f.p90_resolution_min,
            f.breaches,
        )

    with shop.db.read() as s:
        report = reports.sop(s, day, day, tz=tz)
        assert figures(report.total) == (5, 2, 2, 5.0, 5.02, 5.25, 10.0, 0)
        assert report.total.first_response_rate == 0.5
        assert {f.agent: figures(f) for f in report.by_agent} == {
            None: (2, 0, 1, None, None, None, None, 0),  # c3 missed, c4 pending
            "amy": (1, 1, 0, 5.0, 5.0, 10.0, 10.0, 0),
            "bob": (1, 0, 1, 5.02, 5.02, None, None, 0),
            "cyd": (1, 1, 0, 0.5, 0.5, 0.5, 0.5, 0),
        }
        assert same_sop(got_sop(report.total), expected_sop([c1, c2, c3, c4, c5], world.now))
        assert figures(reports.sop(s, day - timedelta(days=1), day - timedelta(days=1), tz=tz).total)[:3] == (1, 0, 1)
        assert figures(reports.sop(s, day, day, tz=ZoneInfo("Asia/Shanghai")).total)[0] == 6  # all on the 10th there
    step(1300)  # c4's deadline is now: unanswered at it is missed
    with shop.db.read() as s:
        assert figures(reports.sop(s, day, day, tz=tz).total)[:3] == (5, 2, 3)
    world.sweep()  # the breach sweep records c3, c4 and c6 (first response); nobody is past resolution yet
    assert {c.id for c in world.cases if c.first_breach} == {c3.id, c4.id, c6.id}
    with shop.db.read() as s:
        assert figures(reports.sop(s, day, day, tz=tz).total)[-1] == 2
        desk = today.today(s, day, tz=tz, with_alerts=False).desk
        assert (desk.open_cases, desk.breached_cases, desk.first_response_met, desk.first_response_missed) == (
            4,
            3,
            2,
            3,
        )
        check_range_figures(s, world, zone, day - timedelta(days=1), day, world.now)


def test_a_key_case_counts_against_a_key_once_given_to_another_order_as_a_replacement(shop):
    """Order A's key is replaced (key 2 of the batch goes to A as the replacement); A's case is reopened and A
    cancelled, which puts key 2 back on sale (restock). Order B buys it: it is the key B was first given, and B's
    key_invalid case must count against its batch."""
    world = Shop(shop)
    world.setup(datetime(2026, 3, 1, tzinfo=UTC))
    world.at(datetime(2026, 3, 2, 9, tzinfo=UTC))
    a = world.create([(0, 1)], "desk", 0)
    world.pay(a, "alipay")
    c = world.open_case(a, "changed_mind", "normal")
    world.resolve(c, "replaced", "amy", "wallet")
    world.reopen(c, "amy")
    world.resolve(c, "cancelled", "amy", "wallet")
    b = world.create([(0, 1)], "desk", 1)
    world.pay(b, "alipay")
    assert [k.card_no for k in b.first_keys] == ["NO-0-0-1"]  # A's replacement, sold again
    world.open_case(b, "key_invalid", "normal")
    check_record(world)
    with shop.db.read() as s:
        (batch,) = [r for r in reports.suppliers(s) if r.product_id == world.product_ids[0] and r.keys == 3]
    assert (batch.keys_delivered, batch.key_invalid_cases) == (3, 1)  # A's key, A's replacement, B's key; B's case

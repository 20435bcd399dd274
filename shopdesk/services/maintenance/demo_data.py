"""The demo shop's data and the simulation's records: the products, customers and history knobs of demo.toml, the
live desk at the end, what the plan and the simulation keep of orders and cases, and the small fakes (contacts,
keys, notes) they are made with. Shared by demo.py and the demo_* modules of the history simulation."""

from __future__ import annotations

import math
import random
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources

from shopdesk.services.desk.reasons import REASONS

ACTOR = "demo"
STOREFRONT = "storefront"
RECENT_DAYS = 14

_DATA = tomllib.loads(resources.files(__package__).joinpath("demo.toml").read_text(encoding="utf-8"))
# (sku, name, category, kind, face value yuan, price fen, keys to stock)
PRODUCTS = [tuple(row) for row in _DATA["products"]]
CUSTOMERS = [tuple(row) for row in _DATA["customers"]]
HISTORY = _DATA["history"]
STAFF = tuple(s["name"] for s in HISTORY["staff"])


# The desk at the end: (minutes ago, reason, state) of requests still open, one in each clock colour: paused
# (waiting, offered), red (late), green (new) and amber (taken at once, then left: opened so that AMBER_ELAPSED of
# its resolution target has passed when the seeding ends; None: the minutes come from the policy in force).
AMBER_ELAPSED = 0.87
LIVE = (
    (38, "key_invalid", "waiting"),
    (None, "description_wrong", "amber"),
    (24, "changed_mind", "offered"),
    (11, "delivery_worry", "late"),
    (3, "wrong_item", "new"),
)


# --- the plan and what the simulation keeps --------------------------------------------------------------


@dataclass
class Arrival:
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
class Sale:
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
class Case:
    id: int
    sale: Sale
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


# --- chance, fakes and notes -------------------------------------------------------------------------------


def poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _demo_texts() -> dict[str, tuple[str, ...]]:
    """The customers' words of the demo's cases (resources/ai/demo.tsv: reason_code TAB text), a few per reason in
    Chinese and English; none of them is in the classifier's seed corpus."""
    text = resources.files("shopdesk").joinpath("resources/ai/demo.tsv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, message = line.partition("\t")
            out.setdefault(code.strip(), []).append(message.strip())
    return {code: tuple(messages) for code, messages in out.items()}


DEMO_TEXTS = _demo_texts()


def opening_note(reason: str, pick: int = 0) -> str:
    """What the customer wrote when a case with this reason was opened: the demo's messages for the reason in turn
    (`pick`, e.g. the order's id, chooses one without drawing on the simulation's random numbers)."""
    texts = DEMO_TEXTS.get(reason)
    return texts[pick % len(texts)] if texts else ""


def resolution_note(reason: str) -> str:
    return {"customer": "按客户要求取消并退款", "merchant": "商家原因，取消并退款", "system": "系统问题，取消并退款"}[
        REASONS.get(reason, "customer")
    ]


def fake_contact(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return "wx:" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(5, 9)))
    if kind < 0.7:
        return f"qq:{rng.randint(100000000, 2999999999)}"
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"


def fake_key(rng: random.Random, sku: str, kind: str) -> tuple[str | None, str]:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    secret = "-".join("".join(rng.choice(alphabet) for _ in range(5)) for _ in range(4))
    card_no = None
    if kind == "code+secret":
        card_no = "".join(rng.choice("0123456789") for _ in range(16))
    return card_no, secret


def regular_supplier(category: str) -> str:
    return {"游戏点卡": "骏网一卡通", "话费充值": "运营商代理", "礼品卡": "礼品卡批发商", "软件授权": "授权分销商"}.get(
        category, "供应商"
    )

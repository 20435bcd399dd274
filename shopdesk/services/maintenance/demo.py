"""A believable demo shop: product families, thousands of keys, customers with balances, orders in every state."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Product
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.common.vault import Vault
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders

ACTOR = "demo"

_DATA = tomllib.loads(resources.files(__package__).joinpath("demo.toml").read_text(encoding="utf-8"))
# (sku, name, category, kind, face value yuan, price fen, keys to stock)
PRODUCTS = [tuple(row) for row in _DATA["products"]]
CUSTOMERS = [tuple(row) for row in _DATA["customers"]]


@dataclass(frozen=True)
class DemoResult:
    products: int
    keys: int
    customers: int
    orders: int


def is_empty(session: Session) -> bool:
    return session.execute(select(func.count()).select_from(Product)).scalar_one() == 0


def seed(session: Session, vault: Vault, *, orders_count: int = 120, seed: int = 7) -> DemoResult:
    """Fill an empty shop. Orders are spread over the past two weeks, in every fulfilment state."""
    rng = random.Random(seed)
    real_now = clock.now()
    start = real_now - timedelta(days=14)
    clock.freeze(start - timedelta(hours=1))
    try:
        products, keys = [], 0
        for sku, name, category, kind, face, price, stock in PRODUCTS:
            view = catalog.add_product(
                session,
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
            products.append(view)
            if stock:
                batch = [_fake_key(rng, sku, kind) for _ in range(stock)]
                inventory.add_keys(
                    session,
                    vault,
                    view.id,
                    batch,
                    actor=ACTOR,
                    supplier=_supplier(category),
                    unit_cost_fen=int(price * 0.93),
                )
                keys += stock
        people = []
        for name, contact in CUSTOMERS:
            c = customers.add_customer(session, name, contact)
            people.append(c.id)
            if rng.random() < 0.7:
                amount = rng.choice([5000, 10000, 20000, 50000, 100000])
                customers.topup(
                    session,
                    c.id,
                    amount,
                    idempotency_key=f"demo-topup-{c.id}",
                    actor=ACTOR,
                    memo="demo opening balance",
                )
        sellable = [p for p in products if p.sku != "STEAM-200"]
        step = (real_now - start) / max(orders_count, 1)
        for i in range(orders_count):
            clock.freeze(start + step * i)
            product = rng.choice(sellable)
            qty = 1 if product.kind == "reusable" or rng.random() < 0.8 else rng.randint(2, 3)
            _demo_order(session, rng, rng.choice(people), product, qty, i, orders_count)
        # A few paid orders for a product with no stock: they wait for keys.
        steam200 = next(p for p in products if p.sku == "STEAM-200")
        for j in range(3):
            clock.freeze(real_now - timedelta(minutes=40 - j * 7))
            order = orders.create_order(session, rng.choice(people), [(steam200.sku, 1)], actor=ACTOR, source="demo")
            orders.pay_order(session, order.id, method="alipay", trade_no=f"DEMO-AWAIT-{j}", actor=ACTOR)
        clock.freeze(real_now)
        orders.close_expired(session, actor="system")
        # Fresh orders still inside their payment window.
        for j in range(4):
            clock.freeze(real_now - timedelta(minutes=9 - j * 2))
            sku = rng.choice(sellable).sku
            orders.create_order(session, rng.choice(people), [(sku, 1)], actor=ACTOR, source="demo")
        return DemoResult(len(products), keys, len(people), orders_count + 7)
    finally:
        clock.reset()


def _demo_order(session, rng, customer_id, product, qty, i, total) -> None:
    order = orders.create_order(session, customer_id, [(product.sku, qty)], actor=ACTOR, source="demo")
    recent = i > total - 6
    if rng.random() < 0.08:
        return  # never paid: the unpaid timeout closes it
    wallet = customers.get_customer(session, customer_id).balance_fen
    if wallet >= order.total_fen and rng.random() < 0.4:
        paid = orders.pay_order(session, order.id, method="wallet", actor=ACTOR)
    else:
        method = rng.choice(["alipay", "wechat"])
        paid = orders.pay_order(
            session, order.id, method=method, trade_no=f"DEMO{order.id:06d}{rng.randint(1000, 9999)}", actor=ACTOR
        )
    if not recent and paid.order.status == "delivered" and rng.random() < 0.6:
        clock.advance(timedelta(hours=rng.randint(1, 48)))
        orders.complete_order(session, order.id, actor=ACTOR)


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

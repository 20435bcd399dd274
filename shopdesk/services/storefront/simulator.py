"""A storefront stand-in: real signed requests against the intake API, so a new shop sees the board move.

Mostly new orders paid a moment later; now and then a repeated payment callback, a late payment, an order
never paid, and a cancellation request.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Product
from shopdesk.services.storefront.signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷", "徐明", "孙悦", "马超", "朱丽"]
REASONS = ["changed_mind", "wrong_item", "price_dropped", "delivery_late", "key_invalid"]


def stocked_products(session: Session) -> list[tuple[str, int]]:
    """What a simulated storefront can sell: active, priced products with keys on sale, as [(sku, price in fen)]."""
    rows = session.execute(
        select(Product.sku, Product.price_fen)
        .where(
            Product.active.is_(True),
            Product.price_fen > 0,
            Product.id.in_(select(CardKey.product_id).where(CardKey.status == "available")),
        )
        .order_by(Product.sku)
    ).all()
    return [tuple(r) for r in rows]


@dataclass
class SimulationStats:
    orders: int = 0
    payments: int = 0
    duplicate_callbacks: int = 0
    late_payments: int = 0
    unpaid: int = 0
    cancel_requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, request to response


class StorefrontClient:
    """Signs and sends requests the way a storefront integration would."""

    def __init__(self, base_url: str, secret: str, session: aiohttp.ClientSession):
        self.base_url, self.secret, self.session = base_url.rstrip("/"), secret, session
        self._signed: set[str] = set()

    async def request(self, method: str, path: str, payload: dict | None = None, *, key: str | None = None):
        """One signed request. A POST needs its Idempotency-Key; a signature is never sent twice (a retry within
        the same second waits for the next one, as the server accepts each signature once)."""
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        while True:
            stamp = str(int(time.time()))
            signature = sign(self.secret, stamp, method, path, key or "", body)
            if signature not in self._signed:
                break
            await asyncio.sleep(1.0 - time.time() % 1.0 + 0.01)
        if len(self._signed) > 10_000:
            self._signed.clear()
        self._signed.add(signature)
        headers = {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: signature, "Content-Type": "application/json"}
        if key:
            headers[IDEMPOTENCY_HEADER] = key
        async with self.session.request(method, self.base_url + path, data=body, headers=headers) as resp:
            text = await resp.text(errors="replace")
        try:
            answer = json.loads(text)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):  # not the intake API answering (wrong --url?): an error, not a crash
            answer = {"error": f"HTTP {resp.status} without a JSON object: {text[:120]!r}"}
        return resp.status, answer


async def simulate(
    base_url: str,
    secret: str,
    skus: list[tuple[str, int]],
    *,
    rate: float,
    duration: float,
    seed: int | None = None,
    on_paid: Callable[[int, float], None] | None = None,
) -> SimulationStats:
    """Send about `rate` new orders a second for `duration` seconds. `skus` is [(sku, price in fen)]."""
    if not skus:
        raise ValueError("no product to order: add products with stock first")
    rng = random.Random(seed)
    stats = SimulationStats()
    tasks: set[asyncio.Task] = set()
    async with aiohttp.ClientSession() as session:
        client = StorefrontClient(base_url, secret, session)
        started = time.monotonic()
        n = 0
        while time.monotonic() - started < duration:
            n += 1
            task = asyncio.create_task(_one_order(client, rng, skus, stats, n, on_paid))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            await asyncio.sleep(rng.expovariate(rate) if rate > 0 else duration)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
    return stats


async def _one_order(client, rng, skus, stats, n, on_paid) -> None:
    sku, price = rng.choice(skus)
    qty = 1 if rng.random() < 0.85 else 2
    run = uuid.uuid4().hex[:8]
    payload = {
        "external_id": f"SIM-{run}-{n}",
        "customer": {"name": rng.choice(NAMES), "contact": f"sim:{rng.randint(1, 40)}"},
        "lines": [{"sku": sku, "quantity": qty}],
    }
    try:
        t0 = time.monotonic()
        status, order = await client.request("POST", "/v1/orders", payload, key=f"sim-order-{run}-{n}")
        stats.latencies.append(time.monotonic() - t0)
        if status != 201:
            stats.errors.append(f"order {n}: {status} {order.get('error')}")
            return
        stats.orders += 1
        roll = rng.random()
        if roll < 0.07:
            stats.unpaid += 1
            return
        late = roll < 0.15
        await asyncio.sleep(rng.uniform(3.0, 6.0) if late else rng.uniform(0.2, 1.5))
        pay = {"trade_no": f"SIM{run}{n:06d}", "amount": order["total"], "method": rng.choice(["alipay", "wechat"])}
        t0 = time.monotonic()
        status, paid = await client.request("POST", f"/v1/orders/{order['id']}/payments", pay, key=f"sim-pay-{run}-{n}")
        took = time.monotonic() - t0
        stats.latencies.append(took)
        if status != 200:
            stats.errors.append(f"payment {n}: {status} {paid.get('error')}")
            return
        stats.payments += 1
        stats.late_payments += late
        if on_paid is not None:
            on_paid(order["id"], took)
        if rng.random() < 0.1:  # the gateway calls back twice
            await asyncio.sleep(rng.uniform(0.1, 0.5))
            # A second notification from the gateway: its own delivery, the same trade number.
            status, again = await client.request(
                "POST", f"/v1/orders/{order['id']}/payments", pay, key=f"sim-pay-{run}-{n}-again"
            )
            if status == 200 and again.get("replayed"):
                stats.duplicate_callbacks += 1
            else:
                stats.errors.append(f"duplicate callback {n}: {status} {again}")
        if rng.random() < 0.05:
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            status, case = await client.request(
                "POST",
                f"/v1/orders/{order['id']}/cancel-requests",
                {"reason_code": rng.choice(REASONS), "note": "simulated customer request"},
                key=f"sim-cancel-{run}-{n}",
            )
            if status == 201:
                stats.cancel_requests += 1
            else:
                stats.errors.append(f"cancel request {n}: {status} {case.get('error')}")
    except aiohttp.ClientError as exc:
        stats.errors.append(f"order {n}: {type(exc).__name__}: {exc}")

"""Two OS processes post the same payment callback 50 times each, all at once, to a real `shopdesk serve-api`:
every answer is 200, one payment is recorded, one sale is booked, and exactly one set of keys is delivered."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from serve_api import ServeApi
from sqlalchemy import func, select
from workers import run_together

from shopdesk.db.models import CardKey, JournalEntry, KeyEvent, Order, Payment
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.storefront import intake, signing

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("api_payment_worker.py")
REPEAT = 50
QUANTITY = 3
SKU = "RACE-API-1"


def call(base: str, secret: str, method: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
    body = b"" if payload is None else json.dumps(payload).encode()
    key = f"t-{uuid.uuid4().hex}" if method == "POST" else None
    request = urllib.request.Request(
        base + path,
        data=body if payload is not None else None,
        method=method,
        headers={**signing.signed_headers(secret, method, path, body, key=key), "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


@pytest.fixture
def stocked(shop) -> tuple[int, str]:
    with shop.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku=SKU, name="Race", price_fen=990)).id
        inventory.add_keys(s, shop.vault, pid, [(f"NO-{n:03d}", f"API-RACE-{n:03d}") for n in range(20)], actor="t")
        secret = intake.api_secret(s)
    return pid, secret


def test_two_processes_post_the_same_payment_to_the_server(shop, stocked):
    pid, secret = stocked
    data_dir = shop.config.data_dir
    go = data_dir / "go"
    with ServeApi(data_dir) as api:
        status, order = call(
            api.url,
            secret,
            "POST",
            "/v1/orders",
            {"external_id": "RACE-1", "customer": {"name": "Racer"}, "lines": [{"sku": SKU, "quantity": QUANTITY}]},
        )
        assert status == 201, order
        total = order["total"]
        assert total == "29.70"

        argv = [api.url, secret, order["id"], "GW-SAME-1", total, REPEAT, go]
        (a, b), elapsed = run_together(WORKER, go, [argv, argv], timeout=120)
        print(f"\n2 x {REPEAT} concurrent payment callbacks answered in {elapsed:.2f} s")

        status, fetched = call(api.url, secret, "GET", f"/v1/orders/{order['id']}")
    assert api.returncode == 0, api.stderr
    assert "Traceback" not in api.stderr, api.stderr

    # Every callback was answered 200 with the same order; exactly one of them did the work.
    assert a["statuses"] + b["statuses"] == [200] * (2 * REPEAT)
    assert a["fresh"] + b["fresh"] == 1
    assert a["replayed"] + b["replayed"] == 2 * REPEAT - 1
    assert a["bodies"] == b["bodies"] and len(a["bodies"]) == 1
    [answered] = [json.loads(body) for body in a["bodies"]]
    assert (answered["status"], answered["payment_status"], answered["paid"]) == ("delivered", "paid", total)
    # The two processes really overlapped.
    assert a["window"][0] < b["window"][1] and b["window"][0] < a["window"][1]

    with shop.db.read() as s:
        payments = s.execute(select(Payment.order_id, Payment.trade_no, Payment.amount_fen)).all()
        sales = s.execute(select(func.count()).where(JournalEntry.kind == "sale")).scalar_one()
        delivered = s.execute(
            select(CardKey.id, CardKey.card_no)
            .where(CardKey.product_id == pid, CardKey.status == "delivered")
            .order_by(CardKey.id)
        ).all()
        events = s.execute(
            select(KeyEvent.key_id, func.count()).where(KeyEvent.kind == "delivered").group_by(KeyEvent.key_id)
        ).all()
        state = s.execute(select(Order.status, Order.paid_fen).where(Order.id == order["id"])).one()
    assert [tuple(p) for p in payments] == [(order["id"], "GW-SAME-1", 3 * 990)]
    assert sales == 1
    assert len(delivered) == QUANTITY
    assert sorted(events) == [(key_id, 1) for key_id, _ in delivered]  # each key delivered exactly once
    assert tuple(state) == ("delivered", 3 * 990)
    # The storefront fetches exactly that one set of keys.
    assert status == 200
    assert [k["card_no"] for k in fetched["keys"]] == [card_no for _, card_no in delivered]
    assert [k["secret"] for k in fetched["keys"]] == [f"API-RACE-{k['card_no'][3:]}" for k in fetched["keys"]]
    # doctor runs when the `shop` fixture ends

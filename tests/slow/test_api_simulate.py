"""End to end: `shopdesk simulate` plays a storefront against a running `shopdesk serve-api` (two OS processes
on one data dir): orders go through, nothing errs, and the shop's invariants hold."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from serve_api import ServeApi
from sqlalchemy import func, select

from shopdesk.db.models import Order, Payment
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory

pytestmark = pytest.mark.slow


@pytest.fixture
def stocked(shop) -> None:
    with shop.db.write() as s:
        for sku, price in (("SIM-A", 1000), ("SIM-B", 3000)):
            pid = catalog.add_product(s, ProductInput(sku=sku, name=sku, price_fen=price)).id
            keys = [(f"{sku}-{n:04d}", f"{sku}-SECRET-{n:04d}") for n in range(100)]
            inventory.add_keys(s, shop.vault, pid, keys, actor="t")


def test_simulate_against_serve_api(shop, stocked):
    data_dir = shop.config.data_dir
    with ServeApi(data_dir) as api:
        sim = subprocess.run(
            [sys.executable, "-m", "shopdesk", "--json", "--data-dir", str(data_dir), "simulate"]
            + ["--rate", "5", "--duration", "3", "--seed", "7", "--url", api.url],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert sim.returncode == 0, sim.stderr
    assert api.returncode == 0, api.stderr
    assert "Traceback" not in api.stderr, api.stderr
    report = json.loads(sim.stdout)
    print(f"\nsimulate: {report}")
    assert report["orders"] > 0
    assert report["errors"] == []
    assert report["payments"] > 0

    with shop.db.read() as s:
        api_orders = s.execute(select(func.count()).where(Order.source == "api")).scalar_one()
        payments = s.execute(select(func.count()).select_from(Payment)).scalar_one()
    assert api_orders == report["orders"]
    assert payments == report["payments"]  # a repeated callback records nothing more
    # doctor runs when the `shop` fixture ends

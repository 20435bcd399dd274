"""A desktop allowed to run unattended: `shopdesk serve-api` on a shop with users delivers while nobody is logged
in; without that permission it refuses to start (exit 4) instead of serving without the key."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest
from serve_api import ServeApi

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.staff import devices
from shopdesk.services.storefront import intake
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.slow


@pytest.fixture
def protected(shop, monkeypatch):
    """One product with three keys, the API secret, and an owner; nobody named in the environment."""
    for name in ("SHOPDESK_USER", "SHOPDESK_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with shop.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku="UA-1", name="UA", price_fen=1250)).id
        inventory.add_keys(s, shop.vault, pid, [(None, f"UA-SECRET-{n}") for n in range(3)], actor="t")
        secret = intake.api_secret(s)
    shop.protect("boss", "boss passphrase")
    return shop, secret


def test_serve_api_without_a_login_delivers_on_an_unattended_desktop(protected):
    shop, secret = protected
    with shop.db.write() as s:
        devices.allow_unattended(s, shop.wrapping_key, shop.config.data_dir, actor="boss")
    assert "SHOPDESK_USER" not in os.environ
    with ServeApi(shop.config.data_dir) as api:
        url = urlparse(api.url)
        client = ApiClient(url.hostname, url.port, secret)
        order = client.post(
            "/v1/orders",
            {"external_id": "UA-1", "customer": {"name": "张伟"}, "lines": [{"sku": "UA-1", "quantity": 1}]},
        )
        assert order.status == 201, order.body
        paid = client.post(f"/v1/orders/{order.json()['id']}/payments", {"trade_no": "UA-T1", "amount": "12.50"})
        assert paid.status == 200, paid.body
        shown = client.get(f"/v1/orders/{order.json()['id']}").json()
    assert shown["status"] == "delivered" and shown["keys"][0]["secret"].startswith("UA-SECRET-")
    assert "Traceback" not in api.stderr


def test_serve_api_without_a_login_or_an_unattended_copy_does_not_start(protected):
    shop, _secret = protected
    api = ServeApi(shop.config.data_dir)
    with pytest.raises(AssertionError, match="did not start"):
        api.__enter__()
    assert api.returncode == 4
    assert "--user" in api.stderr and "Traceback" not in api.stderr

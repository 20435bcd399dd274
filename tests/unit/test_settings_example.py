"""What the Settings page stands on, without Qt: the storefront's example request (signed by the server's own code,
owner only), the audited reveal of the API secret, a reset to the default, and the language read before start."""

from __future__ import annotations

import pytest
from test_staff import OWNER, STAFF, as_, staffed  # noqa: F401 - the fixture

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit, settings
from shopdesk.services.common.access import PermissionDenied
from shopdesk.services.storefront import example, intake, signing


def test_the_example_verifies_with_the_servers_check_and_only_with_its_secret():
    made = example.example_request("s3cret", 8765, "QQB-10", stamp=None)
    verified = signing.verify("s3cret", made.as_request())
    assert verified.idempotency_key == f"EXAMPLE-{made.stamp}-create"
    with pytest.raises(signing.ApiError) as info:
        signing.verify("another", made.as_request())
    assert info.value.code == "bad_signature"
    command = made.curl()
    assert command.startswith("curl -sS -X POST http://127.0.0.1:8765/v1/orders \\\n")
    for name, value in made.headers.items():
        assert f"-H '{name}: {value}'" in command
    assert '"sku":"QQB-10"' in command and "测试顾客" in command


def test_a_stale_example_is_refused_as_the_server_would():
    made = example.example_request("s3cret", 8765, "QQB-10", stamp=1_000_000_000)
    with pytest.raises(signing.ApiError) as info:
        signing.verify("s3cret", made.as_request())
    assert info.value.code == "stale"


def test_the_shops_example_orders_a_stocked_product_with_the_shops_secret(shop):
    with shop.db.write() as s:
        assert example.shop_example(s, 8765).sku == "YOUR-SKU"  # no product yet: a placeholder
        catalog.add_product(s, ProductInput(sku="A-1", name="A", price_fen=100))
        made = example.shop_example(s, 9000)
        secret = intake.api_secret(s)
    assert made.sku == "A-1" and made.url == "http://127.0.0.1:9000/v1/orders"
    signing.verify(secret, made.as_request())


def test_the_secret_shown_and_the_example_are_the_owners(staffed):  # noqa: F811 - the fixture
    with staffed.db.write() as s:
        secret = intake.reveal_secret(s, actor="boss")
        assert [e.action for e in audit.recent(s, action="api.secret_shown")] == ["api.secret_shown"]
    as_(staffed, STAFF)
    for call in (lambda s: intake.reveal_secret(s, actor="wang"), lambda s: example.shop_example(s, 8765)):
        with pytest.raises(PermissionDenied), staffed.db.write() as s:
            call(s)
    as_(staffed, OWNER)
    with staffed.db.read() as s:
        assert len(audit.recent(s, action="api.secret_shown")) == 1
        assert intake.api_secret(s) == secret


def test_reset_goes_back_to_the_default_owner_only(staffed):  # noqa: F811 - the fixture
    with staffed.db.write() as s:
        settings.change(s, "stock.expiring_days", "30")
    as_(staffed, STAFF)
    with pytest.raises(PermissionDenied), staffed.db.write() as s:
        settings.reset(s, "stock.expiring_days")
    as_(staffed, OWNER)
    with staffed.db.write() as s:
        assert settings.reset(s, "stock.expiring_days") == 7
        assert settings.get(s, "stock.expiring_days") is None
        assert len(audit.recent(s, action="setting.reset")) == 1


def test_a_new_product_takes_the_shops_low_stock_line(shop):
    with shop.db.write() as s:
        settings.change(s, "stock.low_threshold", "3")
        assert catalog.add_product(s, ProductInput(sku="A-1", name="A", price_fen=1)).low_stock_threshold == 3
        given = ProductInput(sku="B-1", name="B", price_fen=1, low_stock_threshold=50)
        b = catalog.add_product(s, given)
        assert b.low_stock_threshold == 50
        edited = catalog.edit_product(s, b.id, ProductInput(sku="B-1", name="B2", price_fen=1))
        assert edited.low_stock_threshold == 50  # left out on an edit: kept


def test_the_language_is_read_before_the_shop_opens(shop, tmp_path):
    url = shop.config.db_url
    assert settings.stored_language(url) == ""
    with shop.db.write() as s:
        settings.change(s, "shop.language", "zh_CN")
    assert settings.stored_language(url) == "zh_CN"
    missing = tmp_path / "none" / "shop.sqlite3"
    assert settings.stored_language(f"sqlite:///{missing}") == ""
    assert not missing.exists()  # never creates a database
    assert settings.stored_language("postgresql+psycopg://nobody@127.0.0.1:1/none") == ""

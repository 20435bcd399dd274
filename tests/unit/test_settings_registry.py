"""The settings registry: typed reads with defaults, validated owner-only changes, audited, nothing written on a
refusal."""

from __future__ import annotations

import pytest
from svc_support import add_customer, add_product, snapshot
from test_staff import OWNER, STAFF, as_, staffed  # noqa: F401 - the fixture

from shopdesk.db.models import Order
from shopdesk.services.common import audit, settings
from shopdesk.services.common.access import PermissionDenied
from shopdesk.services.common.errors import MESSAGES, InvalidInput
from shopdesk.services.orders import selling


def test_every_registered_setting_reads_its_default_when_unset(shop):
    with shop.db.read() as s:
        values = settings.values(s)
        assert values == {key: spec.default for key, spec in settings.REGISTRY.items()}
        assert settings.value(s, "api.port") == 8765
        assert settings.value(s, "backup.auto") is True


def test_a_change_is_typed_audited_and_read_back(shop):
    with shop.db.write() as s:
        assert settings.change(s, "api.port", " 9000 ") == 9000
        assert settings.change(s, "backup.auto", "off") is False
        assert settings.change(s, "shop.timezone", "Asia/Shanghai") == "Asia/Shanghai"
    with shop.db.read() as s:
        assert settings.value(s, "api.port") == 9000
        assert settings.get(s, "backup.auto") == "0"
        assert settings.values(s)["shop.timezone"] == "Asia/Shanghai"
        changes = audit.recent(s, action="setting.change")
    assert {e.subject for e in changes} == {"setting:api.port", "setting:backup.auto", "setting:shop.timezone"}


@pytest.mark.parametrize(
    ("key", "raw", "code", "words"),
    [
        ("api.port", "80", "setting.out_of_range", "from 1024 to 65535"),
        ("api.port", "eighty", "setting.not_a_number", "'eighty'"),
        ("orders.pay_timeout_minutes", "0", "setting.out_of_range", "from 1 to 1440"),
        ("backup.auto", "maybe", "setting.not_a_switch", "on or off"),
        ("shop.language", "fr", "setting.not_a_choice", "'zh_CN'"),
        ("shop.timezone", "Mars/Olympus", "numbers.timezone_unknown", "IANA"),
        ("backup.dir", "backups", "setting.folder_relative", "full folder path"),
        ("shop.name", "x" * 61, "setting.too_long", "at most 60"),
        ("shop.colour", "red", "setting.unknown", "api.port"),
    ],
)
def test_bad_input_says_what_is_allowed_and_writes_nothing(shop, key, raw, code, words):
    before = snapshot(shop)
    with pytest.raises(InvalidInput) as info, shop.db.write() as s:
        settings.change(s, key, raw)
    assert info.value.template == MESSAGES[code].text
    assert words in info.value.message
    assert snapshot(shop) == before


def test_only_an_owner_changes_a_setting(staffed):  # noqa: F811 - the fixture
    as_(staffed, STAFF)
    with pytest.raises(PermissionDenied), staffed.db.write() as s:
        settings.change(s, "api.port", "9000")
    as_(staffed, OWNER)
    with staffed.db.read() as s:
        assert settings.value(s, "api.port") == 8765


def test_a_value_stored_before_a_limit_changed_reads_as_the_default(shop):
    with shop.db.write() as s:
        settings.put(s, "orders.pay_timeout_minutes", "100000")
    with shop.db.read() as s:
        assert settings.value(s, "orders.pay_timeout_minutes") == 15


def test_the_unpaid_timeout_comes_from_the_registry(shop):
    add_product(shop, "P-1", keys=1)
    customer = add_customer(shop)
    with shop.db.write() as s:
        settings.change(s, "orders.pay_timeout_minutes", "30")
        order_id = selling.create_order(s, customer, [("P-1", 1)], actor="boss").id
        row = s.get(Order, order_id)
        assert (row.pay_deadline - row.created_at).total_seconds() == 30 * 60


def test_a_decimal_setting_says_it_takes_a_number_not_a_whole_one(shop):
    from shopdesk.services.common import settings
    from shopdesk.services.common.errors import InvalidInput

    with shop.db.write() as s, pytest.raises(InvalidInput) as refused:
        settings.change(s, "ai.threshold", "abc")
    assert refused.value.code == "setting.not_a_decimal"
    assert "such as 0.85" in str(refused.value) and "whole" not in str(refused.value)

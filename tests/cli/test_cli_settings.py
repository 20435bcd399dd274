"""`shopdesk settings list|get|set|reset`: every setting with its default, validated changes (exit 2 with what is
allowed, nothing written), owner only (exit 3), and a reset back to the default."""

from __future__ import annotations

from shopdesk.services.common import settings
from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user


def test_list_names_every_setting_with_its_value_and_default(sd):
    listed = sd.json("settings", "list")["settings"]
    assert [s["key"] for s in listed] == list(settings.REGISTRY)
    assert {"key": "api.port", "value": 8765, "default": 8765} in listed
    assert {"key": "backup.auto", "value": True, "default": True} in listed
    assert all(set(s) == {"key", "value", "default"} for s in listed)


def test_set_is_typed_read_back_and_audited(sd):
    assert sd.json("settings", "set", "orders.pay_timeout_minutes", "30") == {
        "key": "orders.pay_timeout_minutes",
        "value": 30,
        "default": 15,
    }
    assert sd.json("settings", "get", "orders.pay_timeout_minutes")["value"] == 30
    assert sd.json("settings", "set", "backup.auto", "off")["value"] is False
    assert sd.count("audit_event", "action = 'setting.change'") == 2
    listed = {s["key"]: s["value"] for s in sd.json("settings", "list")["settings"]}
    assert listed["orders.pay_timeout_minutes"] == 30 and listed["backup.auto"] is False
    text = sd("settings", "get", "orders.pay_timeout_minutes").out
    assert text.strip() == "orders.pay_timeout_minutes = 30  (default 15)"


def test_reset_puts_the_default_back(sd):
    sd.json("settings", "set", "api.port", "9100")
    assert sd.json("settings", "reset", "api.port") == {"key": "api.port", "value": 8765, "default": 8765}
    assert sd.json("settings", "get", "api.port")["value"] == 8765
    assert sd.count("setting", "key = 'api.port'") == 0
    assert sd.count("audit_event", "action = 'setting.reset'") == 1
    sd.writes_nothing("settings", "reset", "api.port", code=0)  # already the default: nothing to do


def test_bad_values_exit_2_with_what_is_allowed_and_write_nothing(sd):
    for argv, words in (
        (("set", "api.port", "80"), "from 1024 to 65535"),
        (("set", "api.port", "eighty"), "'eighty'"),
        (("set", "orders.pay_timeout_minutes", "0"), "from 1 to 1440"),
        (("set", "shop.language", "fr"), "'zh_CN'"),
        (("set", "shop.timezone", "Mars/Olympus"), "Mars/Olympus"),
        (("set", "stock.low_threshold", "-1"), "from 0 to"),
        (("set", "shop.colour", "red"), "There is no setting 'shop.colour'"),
        (("get", "shop.colour"), "api.port"),
        (("reset", "shop.colour"), "api.port"),
    ):
        run = sd.writes_nothing("--json", "settings", *argv)
        assert words in run.error()["error"], (argv, run.err)


def test_staff_and_viewers_may_read_but_not_change(staffed, monkeypatch):
    staffed.json("settings", "set", "stock.expiring_days", "10")  # the owner
    for name, pw in (("xiaowang", STAFF_PW), ("kan", VIEWER_PW)):
        as_user(monkeypatch, name, pw)
        assert staffed.json("settings", "get", "stock.expiring_days")["value"] == 10
        for argv in (("set", "stock.expiring_days", "3"), ("reset", "stock.expiring_days")):
            denied = staffed.count("audit_event", "action = 'denied'")
            run = staffed("--json", "settings", *argv)
            assert run.code == 3 and "only an owner" in run.error()["error"], run.err
            assert staffed.count("audit_event", "action = 'denied'") == denied + 1  # the refusal, on the record
        assert staffed.json("settings", "get", "stock.expiring_days")["value"] == 10
    assert staffed.count("audit_event", "action IN ('setting.change', 'setting.reset')") == 1


def test_a_new_products_low_stock_line_is_the_setting(sd):
    sd.json("settings", "set", "stock.low_threshold", "5")
    assert sd.json("product", "add", "--sku", "A-1", "--name", "A", "--price", "1")["low_stock_threshold"] == 5
    assert (
        sd.json("product", "add", "--sku", "B-1", "--name", "B", "--price", "1", "--low-stock", "0")[
            "low_stock_threshold"
        ]
        == 0
    )
    sd.json("settings", "set", "stock.low_threshold", "9")  # the products already made keep their line
    assert sd.json("product", "edit", "1", "--name", "A2")["low_stock_threshold"] == 5

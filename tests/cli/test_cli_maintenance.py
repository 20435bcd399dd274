"""`shopdesk db upgrade`, `shopdesk doctor` and `shopdesk demo`."""

from __future__ import annotations

import sqlite3

import pytest

from shopdesk.config import DB_FILENAME
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.services.maintenance import demo

# --- db upgrade ------------------------------------------------------------------------------------


def test_db_upgrade_creates_the_schema_in_a_new_data_dir(cli, tmp_path):
    data = tmp_path / "new"

    run = cli("--json", "--data-dir", data, "db", "upgrade")

    assert run.code == 0, run.err
    assert run.json() == {"from": None, "to": migrate.head_revision(), "database": str(data / DB_FILENAME)}
    con = sqlite3.connect(data / DB_FILENAME)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    (version,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
    con.close()
    assert {"product", "card_key", "orders", "journal_entry", "change"} <= tables
    assert version == migrate.head_revision()
    assert cli("--data-dir", data, "doctor").code == 0


def test_db_upgrade_on_a_current_database_changes_nothing(sd):
    sd("customer", "add", "--name", "Kept")
    before = sd.dump()

    run = sd("db", "upgrade")

    assert run.code == 0, run.err
    head = migrate.head_revision()
    assert run.out.strip() == f"database {sd.db_named}: schema {head} -> {head}"
    assert sd.dump() == before


def test_db_upgrade_from_an_older_revision(cli, tmp_path):
    data = tmp_path / "old"
    data.mkdir()
    db = Database(f"sqlite:///{data / DB_FILENAME}")
    migrate.upgrade(db, "0001")
    db.dispose()

    run = cli("--data-dir", data, "--json", "db", "upgrade")

    assert run.code == 0, run.err
    assert run.json()["from"] == "0001"
    assert run.json()["to"] == migrate.head_revision()
    assert cli("--data-dir", data, "doctor").code == 0


# --- doctor ----------------------------------------------------------------------------------------


def test_doctor_on_a_clean_shop(sd):
    run = sd("doctor")

    assert run.code == 0
    assert run.out.strip() == "doctor: all invariants hold"
    assert sd.json("doctor") == {"ok": True, "violations": []}


@pytest.mark.breaks_invariants
def test_doctor_exits_1_and_lists_a_cached_balance_that_disagrees_with_postings(stocked):
    assert stocked("customer", "topup", "1", "30", "--idempotency-key", "t1").code == 0
    stocked.execute("UPDATE account SET balance_fen = balance_fen + 1 WHERE code = 'wallet:1'")

    run = stocked("--json", "doctor")

    assert run.code == 1
    payload = run.json()
    assert payload["ok"] is False
    assert [v["check"] for v in payload["violations"]] == ["cached balances equal postings"]
    assert "wallet:1 says 3001 but its postings sum to 3000" in payload["violations"][0]["detail"]
    text = stocked("doctor")
    assert text.code == 1
    assert text.out.startswith("doctor: 1 violation(s):")
    assert "[cached balances equal postings]" in text.out


@pytest.mark.breaks_invariants
def test_doctor_finds_a_delivered_count_that_disagrees_with_the_keys(stocked):
    assert (
        stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no", "T").code == 0
    )
    stocked.execute("UPDATE order_line SET delivered_qty = 0")

    run = stocked("--json", "doctor")

    assert run.code == 1
    checks = {v["check"] for v in run.json()["violations"]}
    assert "delivered keys match the line's count" in checks
    assert "order status agrees with its deliveries" in checks


def test_doctor_writes_nothing(stocked):
    stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", "2")
    stocked.writes_nothing("doctor", code=0)


# --- demo ------------------------------------------------------------------------------------------


def test_demo_fills_an_empty_shop(cli, tmp_path):
    data = tmp_path / "demo"

    run = cli("--data-dir", data, "--json", "demo", "--orders", "6", "--history-days", "0")

    assert run.code == 0, run.err
    payload = run.json()
    assert payload == {
        "products": len(demo.PRODUCTS),
        "keys": sum(p[-1] for p in demo.PRODUCTS),
        "customers": len(demo.CUSTOMERS),
        "orders": 6 + 7,
        "cases": 0,
        "history_days": 0,
    }
    products = cli("--data-dir", data, "--json", "product", "list").json()["products"]
    assert len(products) == len(demo.PRODUCTS)
    orders = cli("--data-dir", data, "--json", "order", "list").json()["orders"]
    assert len(orders) == 13
    assert {o["status"] for o in orders} >= {"awaiting_stock", "pending_payment"}
    assert len(cli("--data-dir", data, "--json", "customer", "list").json()["customers"]) == len(demo.CUSTOMERS)
    assert cli("--data-dir", data, "doctor").code == 0


def test_demo_text_output(cli, tmp_path):
    run = cli("--data-dir", tmp_path / "demo", "demo", "--orders", "0", "--history-days", "0")

    assert run.code == 0, run.err
    assert run.out.startswith(f"demo shop ready: {len(demo.PRODUCTS)} products")
    assert cli("--data-dir", tmp_path / "demo", "doctor").code == 0


def test_demo_refuses_a_shop_that_has_products(sd):
    sd("product", "add", "--sku", "MINE", "--name", "Mine", "--price", "1")
    run = sd.writes_nothing("--json", "demo", "--orders", "3")
    assert "only fills an empty shop" in run.error()["error"]


@pytest.mark.parametrize("orders", ["-1", "100001"])
def test_demo_orders_out_of_range_is_bad_input(sd, orders):
    run = sd.writes_nothing("--json", "demo", "--orders", orders)
    assert run.error()["field"] == "orders"
    assert sd.count("product") == 0


def test_demo_orders_not_a_number_is_refused_by_the_parser(sd):
    run = sd.writes_nothing("demo", "--orders", "many")
    assert "invalid int value" in run.err

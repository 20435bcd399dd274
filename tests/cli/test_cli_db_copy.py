"""`shopdesk db copy SOURCE TARGET`: the whole shop into an empty database, checked; never into one with data."""

from __future__ import annotations

import pytest

from shopdesk.config import DB_FILENAME


@pytest.fixture
def trading(as_owner, stocked):
    """Q-10 with five keys, Bob with money, two paid orders, a case, and an owner (no key file: wrapped)."""
    assert stocked("user", "add", "boss", "--role", "owner").code == 0
    assert stocked("customer", "topup", "1", "100.00", "--idempotency-key", "t-1").code == 0
    for _ in range(2):
        order = stocked.json("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "wallet")
    assert stocked("case", "open", str(order["id"]), "--reason", "changed_mind").code == 0
    return stocked


def test_a_copy_holds_every_row_passes_doctor_and_opens_with_the_owners_passphrase(trading, tmp_path, cli):
    target = tmp_path / "copy" / DB_FILENAME
    target.parent.mkdir()
    run = trading("--json", "db", "copy", trading.db_path, target)
    assert run.code == 0, run.err
    report = run.json()
    assert report["doctor"] == {"ok": True, "violations": []}
    assert report["counts"]["card_key"] == 5 and report["counts"]["orders"] == 2 and report["rows"] > 50
    for table in ("orders", "card_key", "journal_entry", "posting", "audit_event", "staff_user", "key_wrap"):
        assert report["counts"][table] == trading.count(table), table
    # another desktop on the copy: no key file anywhere, the owner logs in and reads the secrets
    out = tmp_path / "keys.csv"
    export = cli(
        "--data-dir",
        target.parent,
        "--db",
        target,
        "--json",
        "keys",
        "export",
        "--status",
        "delivered",
        "--status",
        "available",
        "--out",
        out,
    )
    assert export.code == 0, export.err
    assert all(secret in out.read_text() for secret in trading.secrets)
    verify = cli("--data-dir", target.parent, "--db", target, "--json", "audit", "verify")
    assert verify.code == 0 and verify.json()["ok"] is True, verify.out
    # new ids on the copy follow the copied ones
    bob = cli("--data-dir", target.parent, "--db", target, "--json", "customer", "add", "--name", "Ann")
    assert bob.json()["id"] == 2


def test_a_target_with_data_is_refused_and_left_alone(trading, tmp_path):
    target = tmp_path / "copy.sqlite3"
    assert trading("db", "copy", trading.db_path, target).code == 0
    before = target.read_bytes()
    run = trading("--json", "db", "copy", trading.db_path, target)
    assert run.code == 2 and "already holds data" in run.error()["error"]
    assert target.read_bytes() == before

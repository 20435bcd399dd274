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
    run = trading("--json", "db", "copy", trading.db, target)
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
    assert trading("db", "copy", trading.db, target).code == 0
    before = target.read_bytes()
    run = trading("--json", "db", "copy", trading.db, target)
    assert run.code == 2 and "already holds data" in run.error()["error"]
    assert target.read_bytes() == before


def _export(cli, folder, db, out) -> str:
    run = cli("--data-dir", folder, "--db", db, "--json", "keys", "export", "--status", "delivered", "--status",
              "available", "--out", out)  # fmt: skip
    assert run.code == 0, run.err
    return out.read_text()


def test_a_round_trip_sqlite_to_postgresql_and_back_keeps_every_row_and_secret(trading, tmp_path, cli, pg_database):
    """SQLite -> PostgreSQL -> SQLite: the same counts at every step, doctor clean on each copy, the audit chain
    whole, the secrets opening with the owner's passphrase, and new ids following the copied ones."""
    first = tmp_path / "first" / DB_FILENAME
    back = tmp_path / "back" / DB_FILENAME
    first.parent.mkdir()
    back.parent.mkdir()
    to_sqlite = trading("--json", "db", "copy", trading.db, first)
    assert to_sqlite.code == 0, to_sqlite.err
    counts = to_sqlite.json()["counts"]
    to_server = cli("--json", "db", "copy", first, pg_database)
    assert to_server.code == 0, to_server.err
    to_server = to_server.json()
    assert to_server["doctor"] == {"ok": True, "violations": []} and to_server["counts"] == counts
    home = cli("--json", "db", "copy", pg_database, back)
    assert home.code == 0, home.err
    home = home.json()
    assert home["doctor"] == {"ok": True, "violations": []} and home["counts"] == counts
    assert counts["card_key"] == 5 and counts["orders"] == 2 and counts["audit_event"] > 0

    for folder, db in ((tmp_path / "first", pg_database), (tmp_path / "back", back)):
        exported = _export(cli, folder, db, folder / "keys.csv")
        assert all(secret in exported for secret in trading.secrets)
        verify = cli("--data-dir", folder, "--db", db, "--json", "audit", "verify")
        assert verify.code == 0 and verify.json()["ok"] is True, verify.out
    # the sequences on the server were set past the copied ids: a new row takes the next id there
    added = cli("--data-dir", tmp_path / "first", "--db", pg_database, "--json", "customer", "add", "--name", "Ann")
    assert added.code == 0, added.err
    assert added.json()["id"] == counts["customer"] + 1

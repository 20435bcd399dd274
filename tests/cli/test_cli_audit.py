"""`shopdesk audit list` and `shopdesk audit verify`, and `shopdesk doctor` on the trail's hash chains: each kind
of tampering, done past the app (sqlite3, or a connection of its own on PostgreSQL) on a copy of the shop's
database, is found and named."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.engine import make_url

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.inventory import secrets
from shopdesk.services.money import refunds
from tests.helpers import pg


@pytest.fixture
def trail(stocked):
    """Wallet money, orders paid from the wallet and at a gateway, a refund and a secret revealed."""
    assert stocked("customer", "topup", "1", "100.00", "--idempotency-key", "t-1").code == 0
    assert stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "wallet").code == 0
    assert (
        stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no", "G-1").code
        == 0
    )
    app = ShopApp.open(load_config(stocked.path))
    try:
        with app.db.write() as s:
            refunds.refund(s, 2, 100, destination="wallet", actor="test", idempotency_key="cli-refund-1")
            secrets.reveal(s, app.vault, 5, actor="test", reason="customer asked")
    finally:
        app.close()
    return stocked


def rows(shop, table: str) -> int:
    return shop.count(table)


@pytest.fixture
def copy(trail, tmp_path, cli):
    """A copy of the shop (its database and key) to damage, and `run(*args)` of shopdesk on it. On PostgreSQL the
    copy is a database made from the shop's (`CREATE DATABASE ... TEMPLATE`), damaged through its own connection."""
    target = tmp_path / "copy"
    shutil.copytree(trail.path, target, ignore=shutil.ignore_patterns("ready-*"))
    config, where, name = load_config(target), [], None
    if not config.is_sqlite:
        name = pg.fresh_name("copy")
        url = pg.create_database(pg.ACTIVE["server"], name, template=make_url(config.db_url).database)
        config, where = load_config(target, url), ["--db", url]

    class Copy:
        path = target

        def sql(self, statement: str, *params) -> None:
            pg.raw(config, statement, *params)

        def value(self, statement: str):
            return pg.raw(config, statement)[0][0]

        def __call__(self, *args):
            return cli("--data-dir", target, *where, *args)

    yield Copy()
    if name is not None:
        pg.drop_database(pg.ACTIVE["server"], name)


def test_audit_verify_on_an_untouched_shop(trail):
    got = trail.json("audit", "verify")
    assert got["ok"] is True and got["broken_at"] is None
    assert got["checked"] == rows(trail, "audit_event") + rows(trail, "journal_entry")
    assert rows(trail, "journal_entry") >= 4  # top-up, two sales, the refund
    run = trail("audit", "verify")
    assert run.code == 0 and "both chains hold" in run.out


def test_audit_list_newest_first_with_detail_objects(trail):
    got = trail.json("audit", "list", "--limit", "3")
    events = got["events"]
    assert len(events) == 3
    assert [e["id"] for e in events] == sorted((e["id"] for e in events), reverse=True)
    assert set(events[0]) == {"id", "at", "actor", "action", "subject", "detail"}
    assert events[0]["action"] == "key.reveal" and events[0]["detail"] == {"reason": "customer asked"}
    assert all(isinstance(e["detail"], dict) for e in events)
    text = trail("audit", "list", "--limit", "2")
    assert text.code == 0 and len(text.out.strip().splitlines()) == 2 and "key.reveal" in text.out
    assert trail("audit", "list", "--limit", "0").code == 2


def _broken(copy, chain: str, row: int, problem: str) -> None:
    run = copy("--json", "audit", "verify")
    assert run.code == 1, run.err
    got = run.json()
    assert got["ok"] is False
    assert got["broken_at"] == {"chain": chain, "id": row, "problem": problem, "table": got["broken_at"]["table"]}
    table = {"audit": "audit_event", "journal": "journal_entry"}[chain]
    doctor = copy("--json", "doctor")
    assert doctor.code == 1
    named = [v["detail"] for v in doctor.json()["violations"] if v["check"] == "the trail's hash chains are intact"]
    assert any(f"{table} row {row}:" in d for d in named), named
    assert copy("doctor").code == 1


@pytest.mark.parametrize(
    ("damage", "chain", "row_sql", "problem"),
    [
        pytest.param(
            ["UPDATE audit_event SET actor = 'nobody' WHERE id = 3"],
            "audit",
            "SELECT 3",
            "content_changed",
            id="audit_actor_edited",
        ),
        pytest.param(
            ["DELETE FROM audit_event WHERE action = 'key.reveal'"],
            "audit",
            "SELECT last_id FROM chain_head WHERE name = 'audit'",  # the reveal was the last event: the tail is cut
            "truncated",
            id="reveal_event_deleted",
        ),
        pytest.param(
            [
                "DELETE FROM audit_event WHERE id = (SELECT MAX(id) - 2 FROM audit_event)",
            ],
            "audit",
            "SELECT MAX(id) - 1 FROM audit_event",
            "link_missing",
            id="audit_event_deleted_in_the_middle",
        ),
        pytest.param(
            [
                "DELETE FROM posting WHERE entry_id = (SELECT MIN(id) FROM journal_entry WHERE kind = 'topup')",
                "DELETE FROM journal_entry WHERE id = (SELECT MIN(id) FROM journal_entry WHERE kind = 'topup')",
            ],
            "journal",
            "SELECT MIN(id) + 1 FROM journal_entry WHERE kind = 'topup'",
            "link_missing",
            id="journal_entry_and_postings_deleted",
        ),
        pytest.param(
            [
                "INSERT INTO posting (entry_id, account_id, amount_fen) SELECT 1, id, 500000 FROM account"
                " WHERE code = 'wallet:1'",
                "INSERT INTO posting (entry_id, account_id, amount_fen) SELECT 1, id, -500000 FROM account"
                " WHERE code = 'clearing'",
                "UPDATE account SET balance_fen = balance_fen + 500000 WHERE code = 'wallet:1'",
                "UPDATE account SET balance_fen = balance_fen - 500000 WHERE code = 'clearing'",
            ],
            "journal",
            "SELECT 1",
            "content_changed",
            id="5000_yuan_into_a_wallet",
        ),
        pytest.param(
            [
                "INSERT INTO audit_event (actor, action, subject, detail, at, prev_hash, hash) SELECT 'owner',"
                " 'key.reveal', 'key:1', '{}', '2026-01-01 00:00:00', hash, hash FROM chain_head WHERE name = 'audit'"
            ],
            "audit",
            "SELECT MAX(id) + 1 FROM audit_event",
            "content_changed",
            id="forged_audit_row",
        ),
        pytest.param(
            [
                "DELETE FROM audit_event WHERE id > (SELECT MAX(id) - 3 FROM audit_event)",
                "DELETE FROM posting WHERE entry_id = (SELECT MAX(id) FROM journal_entry)",
                "DELETE FROM journal_entry WHERE id = (SELECT MAX(id) FROM journal_entry)",
            ],
            "audit",
            "SELECT last_id FROM chain_head WHERE name = 'audit'",
            "truncated",
            id="last_rows_truncated",
        ),
    ],
)
def test_tampering_makes_verify_and_doctor_fail(copy, damage, chain, row_sql, problem):
    row = copy.value(row_sql)  # before the damage: the row that will be named
    for statement in damage:
        copy.sql(statement)
    _broken(copy, chain, row, problem)


def test_the_original_is_untouched_by_damage_to_a_copy(trail, copy):
    copy.sql("UPDATE audit_event SET actor = 'nobody' WHERE id = 3")
    assert copy("audit", "verify").code == 1
    assert trail("audit", "verify").code == 0


def test_text_output_names_the_broken_row(copy):
    copy.sql("UPDATE journal_entry SET memo = 'hidden' WHERE id = 2")
    run = copy("audit", "verify")
    assert run.code == 1
    assert "journal_entry row 2" in run.out and "content_changed" in run.out


def test_rotation_keeps_the_chain_valid_and_refuses_a_broken_one(trail, copy):
    assert trail("vault", "rotate").code == 0
    got = trail.json("audit", "verify")
    assert got["ok"] is True and got["checked"] == rows(trail, "audit_event") + rows(trail, "journal_entry")
    copy.sql("UPDATE audit_event SET detail = '{}' WHERE id = 2")
    refused = copy("--json", "vault", "rotate")
    assert refused.code == 1
    assert "not rotated" in refused.error()["error"]
    assert copy.value("SELECT COUNT(*) FROM audit_event WHERE action = 'vault.rotated'") == 0

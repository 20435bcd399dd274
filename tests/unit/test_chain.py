"""The hash chains over audit events and journal entries: they hold through ordinary work, and every kind of
tampering (edit, delete, insert, forge, truncate) is found at the right row; rows written without the key are
sealed late and said so; an upgraded shop is sealed; rotation re-links under the new key, and refuses a broken
chain."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from svc_support import add_customer, add_product, doctor

from shopdesk.db.engine import Database
from shopdesk.db.models import AuditEvent, ChainHead, JournalEntry
from shopdesk.services.common import audit, chain, keystore
from shopdesk.services.common.vault import VaultError
from shopdesk.services.inventory import secrets
from shopdesk.services.money import customers, refunds
from shopdesk.services.orders import selling as orders
from tests.helpers import pg


@pytest.fixture
def busy(shop):
    """Orders paid from the wallet and externally, a refund, a reveal: both chains have a bit of everything."""
    cid = add_customer(shop, wallet_fen=10_000)
    add_product(shop, "A-1", keys=4, price_fen=500)
    with shop.db.write() as s:
        paid = orders.create_order(s, cid, [("A-1", 1)], actor="t").id
        orders.pay_order(s, paid, method="wallet", actor="t")
        ext = orders.create_order(s, cid, [("A-1", 1)], actor="t").id
        orders.pay_order(s, ext, method="external", trade_no="T-1", actor="t")
        refunds.refund(s, ext, 200, destination="wallet", actor="t", idempotency_key="r-1")
        key_id = s.execute(text("SELECT MIN(id) FROM card_key WHERE status = 'available'")).scalar_one()
        secrets.reveal(s, shop.vault, key_id, actor="t", reason="customer asked")
        audit.record(s, actor="t", action="test.note", subject="shop", n=1)
    return {"customer": cid}


def verdicts(app) -> dict[str, chain.Verdict]:
    with app.db.read() as s:
        return {v.chain: v for v in chain.verify_all(s)}


def raw(app, sql: str, *params) -> None:
    """What someone with sqlite3 (or psql) and no key can do to the database (foreign keys off)."""
    pg.raw(app.config, sql, *params)


def one(app, sql: str):
    with app.db.read() as s:
        return s.execute(text(sql)).scalar_one()


def chain_violations(app) -> list[str]:
    return [v.detail for v in doctor(app) if v.check == "the trail's hash chains are intact"]


def test_busy_shop_chains_hold_and_every_row_is_sealed(shop, busy):
    got = verdicts(shop)
    assert got["audit"].ok and got["journal"].ok
    assert got["audit"].checked == one(shop, "SELECT COUNT(*) FROM audit_event") > 5
    assert got["journal"].checked == one(shop, "SELECT COUNT(*) FROM journal_entry") >= 4  # topup, 2 sales, refund
    assert one(shop, "SELECT COUNT(*) FROM audit_event WHERE hash IS NULL OR prev_hash IS NULL") == 0
    assert one(shop, "SELECT COUNT(*) FROM journal_entry WHERE hash IS NULL") == 0
    # each row links to the one before it, the first to the genesis, and the heads name the last rows
    with shop.db.read() as s:
        for model, name in ((AuditEvent, "audit"), (JournalEntry, "journal")):
            rows = s.execute(select(model.id, model.prev_hash, model.hash).order_by(model.id)).all()
            assert rows[0].prev_hash == chain.GENESIS
            assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
            head = s.get(ChainHead, name)
            assert (head.last_id, head.hash) == (rows[-1].id, rows[-1].hash)


def test_the_hash_is_keyed(shop, busy):
    """Recomputing with another key does not match: a forger without the data key cannot mend a link."""
    from shopdesk.services.common.vault import Vault

    with shop.db.read() as s:
        verdict = chain.verify(s, "audit", Vault.generate())
    assert verdict.broken is not None and verdict.broken.problem == chain.CONTENT_CHANGED
    assert verdict.broken.id == one(shop, "SELECT MIN(id) FROM audit_event")


@pytest.mark.breaks_invariants
@pytest.mark.parametrize(
    ("sql", "name", "problem", "row"),
    [
        pytest.param(
            "UPDATE audit_event SET actor = 'someone else' WHERE id = (SELECT MIN(id) + 2 FROM audit_event)",
            "audit",
            chain.CONTENT_CHANGED,
            "SELECT MIN(id) + 2 FROM audit_event",
            id="audit_actor_edited",
        ),
        pytest.param(
            "DELETE FROM audit_event WHERE action = 'key.reveal'",
            "audit",
            chain.LINK_MISSING,
            "SELECT MIN(id) FROM audit_event WHERE id > (SELECT id FROM audit_event WHERE action = 'key.reveal')",
            id="reveal_event_deleted",
        ),
        pytest.param(
            "UPDATE journal_entry SET memo = 'nothing to see' WHERE id = (SELECT MAX(id) - 1 FROM journal_entry)",
            "journal",
            chain.CONTENT_CHANGED,
            "SELECT MAX(id) - 1 FROM journal_entry",
            id="entry_memo_edited",
        ),
        pytest.param(
            "UPDATE posting SET amount_fen = amount_fen * 10 WHERE entry_id = (SELECT MIN(id) FROM journal_entry)",
            "journal",
            chain.CONTENT_CHANGED,
            "SELECT MIN(id) FROM journal_entry",
            id="posting_amounts_edited",
        ),
        pytest.param(
            "DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)",
            "audit",
            chain.TRUNCATED,
            "SELECT last_id FROM chain_head WHERE name = 'audit'",
            id="audit_tail_truncated",
        ),
        pytest.param(
            "UPDATE chain_head SET last_id = 0, hash = '' WHERE name = 'journal'",
            "journal",
            chain.AFTER_HEAD,
            "SELECT MIN(id) FROM journal_entry",
            id="journal_head_rewound",
        ),
    ],
)
def test_tampering_is_found_at_its_row(shop, busy, sql, name, problem, row):
    expected_row = one(shop, row)
    raw(shop, sql)
    broken = verdicts(shop)[name].broken
    assert broken is not None
    assert (broken.problem, broken.id) == (problem, expected_row)
    other = {"audit": "journal", "journal": "audit"}[name]
    assert verdicts(shop)[other].ok
    assert [d for d in chain_violations(shop) if f"row {expected_row}:" in d and chain.TABLES[name] in d]


@pytest.mark.breaks_invariants
def test_deleting_an_entry_and_its_postings_breaks_the_next_link(shop, busy):
    victim = one(shop, "SELECT MAX(id) - 1 FROM journal_entry")
    raw(shop, "DELETE FROM posting WHERE entry_id = ?", victim)
    raw(shop, "DELETE FROM journal_entry WHERE id = ?", victim)
    broken = verdicts(shop)["journal"].broken
    assert (broken.problem, broken.id) == (chain.LINK_MISSING, victim + 1)


@pytest.mark.breaks_invariants
def test_a_consistent_pair_of_postings_into_a_wallet_is_found(shop, busy):
    """5,000 yuan into the wallet, balanced against clearing, cached balances moved too: the ledger's own checks
    all pass; only the chain sees it."""
    wallet = one(shop, f"SELECT id FROM account WHERE code = 'wallet:{busy['customer']}'")
    clearing = one(shop, "SELECT id FROM account WHERE code = 'clearing'")
    entry = one(shop, "SELECT MIN(id) FROM journal_entry")
    raw(shop, "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, 500000)", entry, wallet)
    raw(shop, "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, -500000)", entry, clearing)
    raw(shop, "UPDATE account SET balance_fen = balance_fen + 500000 WHERE id = ?", wallet)
    raw(shop, "UPDATE account SET balance_fen = balance_fen - 500000 WHERE id = ?", clearing)
    found = doctor(shop)
    assert [v.check for v in found] == ["the trail's hash chains are intact"]
    assert f"journal_entry row {entry}:" in found[0].detail
    assert verdicts(shop)["journal"].broken.problem == chain.CONTENT_CHANGED


@pytest.mark.breaks_invariants
def test_a_forged_row_with_a_made_up_hash_is_found(shop, busy):
    last = one(shop, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
    raw(
        shop,
        "INSERT INTO audit_event (actor, action, subject, detail, at, prev_hash, hash)"
        " VALUES ('owner', 'key.reveal', 'key:1', '{}', '2026-01-01 00:00:00', ?, ?)",
        last,
        "ab" * 32,
    )
    forged = one(shop, "SELECT MAX(id) FROM audit_event")
    broken = verdicts(shop)["audit"].broken
    assert (broken.problem, broken.id) == (chain.CONTENT_CHANGED, forged)


@pytest.mark.breaks_invariants
def test_an_unsealed_row_inside_the_chain_is_an_inserted_one(shop, busy):
    """A NULL-hash row before the head cannot be one written without the key (those come after it)."""
    victim = one(shop, "SELECT MIN(id) + 1 FROM audit_event")
    raw(shop, "UPDATE audit_event SET hash = NULL, prev_hash = NULL WHERE id = ?", victim)
    broken = verdicts(shop)["audit"].broken
    assert (broken.problem, broken.id) == (chain.NOT_SEALED, victim)


@pytest.mark.breaks_invariants
def test_a_forged_row_among_pending_ones_is_named(shop, busy):
    """Rows after the head must all be unsealed; a sealed-looking one after an unsealed one is slipped in."""
    raw(shop, "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES ('x', 'y', 'z', '{}', '2026-01-01')")
    pending = one(shop, "SELECT MAX(id) FROM audit_event")
    raw(
        shop,
        "INSERT INTO audit_event (actor, action, subject, detail, at, prev_hash, hash)"
        " VALUES ('x', 'y', 'z', '{}', '2026-01-01', ?, ?)",
        "cd" * 32,
        "ab" * 32,
    )
    broken = verdicts(shop)["audit"].broken
    assert (broken.problem, broken.id) == (chain.NOT_SEALED, pending)
    # and an append does not seal over them: the damage stays visible
    with shop.db.write() as s:
        audit.record(s, actor="t", action="test.after", subject="shop")
    assert verdicts(shop)["audit"].broken.id == pending


def test_rows_written_without_the_key_are_pending_then_sealed_late_and_said_so(shop, busy):
    other = Database(shop.config.db_url)  # another desktop that has not unlocked the vault
    try:
        with other.write() as s:
            customers.topup(s, busy["customer"], 700, idempotency_key="locked-1", actor="other")
            with pytest.raises(VaultError):
                keystore.vault_of(s)
    finally:
        other.dispose()
    entry = one(shop, "SELECT id FROM journal_entry WHERE idempotency_key = 'locked-1'")
    assert one(shop, f"SELECT hash IS NULL FROM journal_entry WHERE id = {entry}") == 1
    got = verdicts(shop)
    assert got["journal"].ok and got["journal"].pending == 1
    assert got["audit"].ok and got["audit"].pending == 1  # the money.topup event
    assert chain_violations(shop) == []

    with shop.db.write() as s:  # the next write with the key
        customers.topup(s, busy["customer"], 100, idempotency_key="keyed-1", actor="t")
    got = verdicts(shop)
    assert got["journal"].ok and got["journal"].pending == 0
    assert got["audit"].ok and got["audit"].pending == 0
    late = [e for e in audit_rows(shop) if e.action == "trail.sealed_late"]
    assert {(e.subject, e.detail["first"], e.detail["rows"]) for e in late} == {
        ("chain:journal", entry, 1),
        ("chain:audit", one(shop, "SELECT id FROM audit_event WHERE actor = 'other'"), 1),
    }


def audit_rows(app):
    with app.db.read() as s:
        return audit.recent(s, limit=1000)


def test_an_upgraded_shop_is_sealed_at_first_unlock(shop, busy):
    """Rows from before the chains (NULL hashes, no heads) are sealed in id order when the shop is opened."""
    raw(shop, "UPDATE audit_event SET hash = NULL, prev_hash = NULL")
    raw(shop, "UPDATE journal_entry SET hash = NULL, prev_hash = NULL")
    raw(shop, "DELETE FROM chain_head")
    from shopdesk.app import ShopApp

    again = ShopApp.open(shop.config)
    try:
        got = verdicts(again)
        assert got["audit"].ok and got["journal"].ok and got["audit"].pending == got["journal"].pending == 0
        assert got["audit"].checked == one(again, "SELECT COUNT(*) FROM audit_event")
        assert one(again, "SELECT COUNT(*) FROM audit_event WHERE hash IS NULL") == 0
        assert one(again, "SELECT COUNT(*) FROM chain_head") == 2
    finally:
        again.close()


@pytest.mark.breaks_invariants
def test_a_deleted_head_is_not_mended(shop, busy):
    raw(shop, "DELETE FROM chain_head WHERE name = 'audit'")
    broken = verdicts(shop)["audit"].broken
    assert broken.problem == chain.HEAD_MISSING
    from shopdesk.services.common.errors import Conflict

    with pytest.raises(Conflict, match="chain head is missing"), shop.db.write() as s:
        audit.record(s, actor="t", action="test.x", subject="shop")


def test_rotation_relinks_both_chains_under_the_new_key(shop, busy):
    old = shop.vault
    with shop.db.write() as s:
        new = keystore.rotate(s, shop.config.data_dir, old, actor="t")
        audit.record(s, actor="t", action="test.same_transaction", subject="shop")  # links on under the new key
    keystore.finish_rotation(shop.config.data_dir, old)
    shop.replace_vault(new)
    got = verdicts(shop)
    assert got["audit"].ok and got["journal"].ok
    with shop.db.read() as s:
        assert chain.verify(s, "audit", old).broken is not None  # no longer the old key's chain
    with shop.db.write() as s:  # and later writes link on under the new key
        customers.topup(s, busy["customer"], 100, idempotency_key="after-rotation", actor="t")
    assert all(v.ok for v in verdicts(shop).values())
    assert any(e.action == "vault.rotated" for e in audit_rows(shop))


@pytest.mark.breaks_invariants
def test_rotation_of_a_broken_chain_is_refused(shop, busy):
    raw(shop, "UPDATE audit_event SET subject = 'elsewhere' WHERE id = (SELECT MIN(id) FROM audit_event)")
    key_id = shop.vault.key_id_hex
    with pytest.raises(VaultError, match="not rotated") as refused, shop.db.write() as s:
        keystore.rotate(s, shop.config.data_dir, shop.vault, actor="t")
    keystore.abandon_rotation(shop.config.data_dir)
    assert refused.value.code == "chain.rotate_broken"
    assert shop.vault.key_id_hex == key_id
    with shop.db.read() as s:
        assert keystore.key_path(shop.config.data_dir).exists()
        assert (
            s.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "vault.rotated")
            ).scalar_one()
            == 0
        )


def test_two_threads_appending_at_once_leave_one_chain(shop):
    """Two engines (two desktops) on one file, appending as fast as they can: one valid chain, every row in it."""
    errors: list[BaseException] = []
    per_thread = 60

    def work(tag: str) -> None:
        db = Database(shop.config.db_url)
        db.session_info["vault"] = shop.vault
        try:
            for i in range(per_thread):
                with db.write() as s:
                    audit.record(s, actor=tag, action="test.race", subject=f"{tag}:{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=work, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    got = verdicts(shop)["audit"]
    assert got.ok and got.pending == 0
    assert one(shop, "SELECT COUNT(*) FROM audit_event WHERE action = 'test.race'") == 2 * per_thread


def test_a_database_from_before_the_chains_is_sealed_when_upgraded(tmp_path):
    """Revision 0006 with audit events and journal entries (no hash columns yet), then the upgrade and the first
    unlock: every old row is in its chain, in id order, and later writes link on."""
    from shopdesk.app import ShopApp
    from shopdesk.config import load_config
    from shopdesk.db import migrate

    config = load_config(tmp_path)
    db = Database(config.db_url)
    try:
        assert migrate.upgrade(db, "0006") == "0006"
        old_rows = [
            "INSERT INTO customer (name, contact, risk_level, notes, created_at, updated_at)"
            " VALUES ('老', '', 'normal', '', '2026-01-05 10:00:00', '2026-01-05 10:00:00')",
            "INSERT INTO account (code, kind, customer_id, balance_fen) VALUES ('wallet:1', 'wallet', 1, 500)",
            "UPDATE account SET balance_fen = -500 WHERE code = 'clearing'",
            "INSERT INTO journal_entry (kind, idempotency_key, input_hash, memo, actor, at)"
            " VALUES ('topup', 'old-1', '', '', 'owner', '2026-01-05 10:00:00')",
            "INSERT INTO posting (entry_id, account_id, amount_fen) SELECT 1, id, 500 FROM account"
            " WHERE code = 'wallet:1'",
            "INSERT INTO posting (entry_id, account_id, amount_fen) SELECT 1, id, -500 FROM account"
            " WHERE code = 'clearing'",
        ] + [
            "INSERT INTO audit_event (actor, action, subject, detail, at)"
            f" VALUES ('owner', 'old.event', 'old:{n}', '{{}}', '2026-01-05 10:00:00')"
            for n in range(3)
        ]
        with db.engine.begin() as conn:
            for statement in old_rows:
                conn.execute(text(statement))
    finally:
        db.dispose()
    app = ShopApp.open(config)  # migrates to head, unlocks, seals the old rows
    try:
        got = verdicts(app)
        assert (got["audit"].ok, got["audit"].checked, got["audit"].pending) == (True, 3, 0)
        assert (got["journal"].ok, got["journal"].checked, got["journal"].pending) == (True, 1, 0)
        with app.db.write() as s:
            customers.topup(s, 1, 100, idempotency_key="new-1", actor="t")
        got = verdicts(app)
        assert got["audit"].ok and got["journal"].ok and got["journal"].checked == 2
        assert not [e for e in audit_rows(app) if e.action == "trail.sealed_late"]  # sealing at the upgrade is not late
        assert doctor(app) == []
    finally:
        app.close()


def test_a_rolled_back_savepoint_leaves_the_chain_whole(shop):
    """The heads are read once per transaction; a savepoint that appended and rolled back must not leave its
    links behind in what the next append links to."""
    with shop.db.write() as s:
        audit.record(s, actor="t", action="test.before", subject="shop")
        with pytest.raises(RuntimeError), s.begin_nested():
            audit.record(s, actor="t", action="test.undone", subject="shop")
            raise RuntimeError("refused")
        audit.record(s, actor="t", action="test.after", subject="shop")
    got = verdicts(shop)["audit"]
    assert got.ok and got.pending == 0
    assert [e.action for e in audit_rows(shop)][:2] == ["test.after", "test.before"]

"""Schema migrations: they build exactly the models, carry data forward, and refuse what they do not know."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.db.errors import DatabaseTooNew, NotADatabase
from shopdesk.db.models import Account, Base, Customer, Product, Setting
from shopdesk.db.search_tables import include_name
from shopdesk.services.common import keystore
from shopdesk.services.common.vault import Vault
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers, ledger
from shopdesk.services.orders import selling as orders
from tests.helpers.legacy import legacy_seal

SYSTEM_ACCOUNTS = {"revenue", "refunds", "compensation", "clearing"}


def schema_diff(db: Database) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True, "include_name": include_name}
        )
        return compare_metadata(context, Base.metadata)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_migrations_build_exactly_the_models(tmp_path):
    app = ShopApp.open(load_config(tmp_path))
    try:
        assert migrate.current_revision(app.db) == migrate.head_revision()
        assert schema_diff(app.db) == []
    finally:
        app.close()


def test_the_diff_check_would_notice_a_drift(tmp_path):
    """Guard for the test above: a schema that differs from the models does show up in the diff."""
    app = ShopApp.open(load_config(tmp_path))
    try:
        with app.db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
            conn.execute(text("DROP INDEX ix_orders_pay_deadline"))
        diff = schema_diff(app.db)
        assert any(isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == "stray" for d in diff)
        assert any(isinstance(d, tuple) and d[0] == "add_index" and d[1].name == "ix_orders_pay_deadline" for d in diff)
    finally:
        app.close()


def test_downgrade_to_base_and_up_again(tmp_path):
    app = ShopApp.open(load_config(tmp_path))
    try:
        cfg = migrate.alembic_config(app.db)
        with app.db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert migrate.current_revision(app.db) is None
        with app.db.engine.connect() as conn:
            left = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
        assert set(left) <= {"alembic_version", "sqlite_sequence"}
        assert migrate.upgrade(app.db) == migrate.head_revision()
        assert schema_diff(app.db) == []
    finally:
        app.close()


def test_reopening_runs_nothing_twice(tmp_path):
    ShopApp.open(load_config(tmp_path)).close()
    app = ShopApp.open(load_config(tmp_path))
    try:
        with app.db.read() as s:
            codes = s.execute(select(Account.code).where(Account.customer_id.is_(None))).scalars().all()
            names = s.execute(select(Setting.key)).scalars().all()
        assert sorted(codes) == sorted(SYSTEM_ACCOUNTS)
        assert len(names) == len(set(names)) == 7  # the 4 seeded settings and the vault's key id, check, format
        assert {"vault.key_id", "vault.check", "vault.format"} <= set(names)
    finally:
        app.close()


def test_upgrade_a_populated_database(tmp_path):
    db = Database(load_config(tmp_path).db_url)
    try:
        assert migrate.upgrade(db, "0001") == "0001"
        with db.engine.connect() as conn:
            accounts = conn.execute(text("SELECT COUNT(*) FROM account")).scalar_one()
        assert accounts == 0  # the system accounts arrive with 0002
        vault = Vault.generate()  # the key file as an older ShopDesk left it: no key id recorded in the database
        keystore.write_key_file(keystore.key_path(tmp_path), vault)
        at = "2026-01-05 10:00:00.000000"
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO customer (id, name, contact, risk_level, notes, created_at, updated_at) "
                    "VALUES (1, '老客户', 'qq:1', 'normal', 'from 0001', :at, :at)"
                ),
                {"at": at},
            )
            conn.execute(
                text("INSERT INTO account (code, kind, customer_id, balance_fen) VALUES ('wallet:1', 'wallet', 1, 0)")
            )
            conn.execute(
                text(
                    "INSERT INTO product (id, sku, name, category, kind, price_fen, face_value_fen, rollback_policy,"
                    " low_stock_threshold, active, created_at, updated_at) VALUES "
                    "(1, 'OLD-SKU', '旧商品', '游戏点卡', 'secret', 990, 1000, 'verify', 5, 1, :at, :at)"
                ),
                {"at": at},
            )
            conn.execute(
                text(
                    "INSERT INTO key_batch (id, product_id, supplier, unit_cost_fen, note, imported_by, imported_at,"
                    " key_count) VALUES (1, 1, 'supplier', 900, '', 'owner', :at, 2)"
                ),
                {"at": at},
            )
            for n in (1, 2):
                secret = f"OLD-SECRET-{n}"
                enc, digest, tail = legacy_seal(vault, secret), vault.hash(secret), secret[-4:]
                conn.execute(
                    text(
                        "INSERT INTO card_key (id, product_id, batch_id, card_no, secret_enc, secret_hash,"
                        " secret_tail, status, status_changed_at) VALUES (:id, 1, 1, NULL, :enc, :h, :t,"
                        " 'available', :at)"
                    ),
                    {"id": n, "enc": enc, "h": digest, "t": tail, "at": at},
                )
    finally:
        db.dispose()

    app = ShopApp.open(load_config(tmp_path))  # upgrades to head
    try:
        assert migrate.current_revision(app.db) == migrate.head_revision()
        assert schema_diff(app.db) == []
        with app.db.read() as s:
            customer = s.get(Customer, 1)
            assert (customer.name, customer.notes) == ("老客户", "from 0001")
            assert s.get(Product, 1).sku == "OLD-SKU"
            codes = set(s.execute(select(Account.code)).scalars())
            assert codes == SYSTEM_ACCOUNTS | {"wallet:1"}
            assert s.execute(select(Setting.value).where(Setting.key == "orders.pay_timeout_minutes")).scalar() == "15"
            assert run_checks(s) == []
        # the old data works with today's services
        with app.db.write() as s:
            customers.topup(s, 1, 2000, idempotency_key="after-upgrade", actor="t")
            order = orders.create_order(s, 1, [("OLD-SKU", 2)], actor="t")
            paid = orders.pay_order(s, order.id, method="wallet", actor="t").order
        assert paid.status == "delivered"
        assert {k.id for k in paid.delivered_keys} == {1, 2}
        with app.db.read() as s:
            assert ledger.wallet_balance(s, 1) == 2000 - 1980
            sealed = s.execute(text("SELECT secret_enc, secret_hash, product_id FROM card_key ORDER BY id")).all()
            assert run_checks(s, deep=True) == []
        # re-sealed at the first start: bound to their rows, under the key the database now records
        assert [bytes(enc)[0] for enc, _, _ in sealed] == [2, 2]
        assert [app.vault.open_secret(*row) for row in sealed] == ["OLD-SECRET-1", "OLD-SECRET-2"]
        assert app.vault.key_id_hex == vault.key_id_hex
    finally:
        app.close()


def _too_new_copy(template_dir: Path, target: Path, revision: str = "9999") -> Path:
    import shutil

    shutil.copytree(template_dir, target)
    con = sqlite3.connect(target / DB_FILENAME)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return target


@pytest.mark.parametrize("upgrade", [True, False])
@pytest.mark.sqlite_only("writes the revision into the template's .sqlite3 file")
def test_database_from_a_newer_shopdesk_is_refused_untouched(template_dir, tmp_path, upgrade):
    folder = _too_new_copy(template_dir, tmp_path / "newer")
    before = files_of(folder)
    with pytest.raises(DatabaseTooNew) as info:
        ShopApp.open(load_config(folder), upgrade=upgrade)
    assert "9999" in info.value.message
    assert str(folder / DB_FILENAME) in info.value.message
    assert "newer ShopDesk" in info.value.message
    assert files_of(folder) == before  # same files, same bytes: nothing written, nothing left behind


@pytest.mark.sqlite_only("writes the revision into the template's .sqlite3 file")
def test_database_from_a_newer_shopdesk_without_vault_gets_no_vault(template_dir, tmp_path):
    folder = _too_new_copy(template_dir, tmp_path / "newer")
    (folder / "vault.key").unlink()
    before = files_of(folder)
    with pytest.raises(DatabaseTooNew):
        ShopApp.open(load_config(folder))
    assert files_of(folder) == before


@pytest.mark.parametrize(
    "content",
    [
        random.Random(7).randbytes(16384),
        b"name,secret\nQQB,ABCD-1234\n" * 10,
        b"\x00" * 4096,
        b"SQLite format 2\x00" + random.Random(8).randbytes(2000),
    ],
    ids=["random", "csv", "zeros", "fake-header"],
)
@pytest.mark.parametrize("upgrade", [True, False])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content, upgrade):
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(content)
    before = files_of(folder)
    with pytest.raises(NotADatabase) as info:
        ShopApp.open(load_config(folder), upgrade=upgrade)
    assert str(folder / DB_FILENAME) in info.value.message
    assert "not a ShopDesk (SQLite) database" in info.value.message
    assert files_of(folder) == before


@pytest.mark.pg_only
def test_migrations_build_exactly_the_models_on_postgresql(pg_database):
    db = Database(load_config(db_url=pg_database).db_url)
    try:
        assert migrate.upgrade(db) == migrate.head_revision()
        assert schema_diff(db) == []
        cfg = migrate.alembic_config(db)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        with db.engine.connect() as conn:
            left = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        assert set(left) <= {"alembic_version"}
        assert migrate.upgrade(db) == migrate.head_revision()
        assert schema_diff(db) == []
    finally:
        db.dispose()


def test_the_revisions_read_from_the_scripts_are_alembics_own(tmp_path):
    """The open of a shop reads the head and the revisions from the scripts without Alembic: they must be what
    Alembic itself reads, and the revision in force what its migration context reports, before and after."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    bare = AlembicConfig()
    bare.set_main_option("script_location", migrate.SCRIPT_LOCATION)
    scripts = ScriptDirectory.from_config(bare)
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}

    db = Database(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    try:
        assert migrate.current_revision(db) is None  # no version table yet
        for revision in ("0003", "head"):
            migrate.upgrade(db, revision)
            with db.engine.connect() as conn:
                assert migrate.current_revision(db) == MigrationContext.configure(conn).get_current_revision()
        assert migrate.current_revision(db) == scripts.get_current_head()
    finally:
        db.dispose()


def test_a_script_naming_its_parents_in_any_form_is_read():
    assert migrate._revision_of('revision = "0009"\ndown_revision = "0008"\n') == ("0009", ("0008",))
    assert migrate._revision_of('revision: str = "0001"\ndown_revision = None\n') == ("0001", ())
    assert migrate._revision_of('revision = "m"\ndown_revision = ("a", "b")\n') == ("m", ("a", "b"))

"""The storage layer: pragmas, write locks taken up front, clear errors, nothing half-written after a crash."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError
from svc_support import add_customer, add_product, doctor, refused, snapshot

from shopdesk.config import DB_FILENAME
from shopdesk.db import engine as engine_module
from shopdesk.db.engine import Database, WriteInRead
from shopdesk.db.errors import DatabaseBusy
from shopdesk.db.models import Customer, Order
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders


@pytest.mark.sqlite_only("SQLite's pragmas and its file lock (BEGIN IMMEDIATE)")
def test_house_pragmas(shop):
    with shop.db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar_one() == engine_module.BUSY_TIMEOUT_MS


@pytest.mark.sqlite_only("SQLite's pragmas and its file lock (BEGIN IMMEDIATE)")
def test_a_write_takes_the_lock_before_its_first_statement(shop):
    """BEGIN IMMEDIATE: a second writer is kept out as soon as a write transaction starts."""
    other = sqlite3.connect(shop.config.data_dir / DB_FILENAME, timeout=0.05, isolation_level=None)
    try:
        with shop.db.write() as s:
            s.execute(text("SELECT 1"))  # reads only, yet the write lock is held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write committed
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.mark.sqlite_only("SQLite's pragmas and its file lock (BEGIN IMMEDIATE)")
def test_reads_do_not_wait_for_a_writer(shop):
    cid = add_customer(shop)
    holder = sqlite3.connect(shop.config.data_dir / DB_FILENAME, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE customer SET name = 'uncommitted' WHERE id = ?", (cid,))
        with shop.db.read() as s:
            assert s.get(Customer, cid).name == "张伟"  # snapshot without the uncommitted write
        holder.execute("ROLLBACK")
    finally:
        holder.close()


@pytest.mark.sqlite_only("SQLite's pragmas and its file lock (BEGIN IMMEDIATE)")
def test_a_held_lock_becomes_database_busy(shop, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    db = Database(shop.config.db_url)
    holder = sqlite3.connect(shop.config.data_dir / DB_FILENAME, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        before = snapshot(shop)
        with pytest.raises(DatabaseBusy) as info, db.write() as s:
            customers.add_customer(s, "blocked")
        assert str(shop.config.data_dir / DB_FILENAME) in info.value.message
        assert "locked" in info.value.message
        holder.execute("ROLLBACK")
        assert snapshot(shop) == before
    finally:
        holder.close()
        db.dispose()


def test_write_rolls_back_everything_on_error(shop):
    add_product(shop, "R-1", keys=2)
    cid = add_customer(shop)
    with refused(shop, ZeroDivisionError), shop.db.write() as s:
        order = orders.create_order(s, cid, [("R-1", 2)], actor="t")
        orders.pay_order(s, order.id, method="external", trade_no="T-1", actor="t")
        1 / 0  # noqa: B018


def test_a_process_killed_mid_write_leaves_nothing_half_written(shop):
    add_product(shop, "CRASH-1", keys=5)
    cid = add_customer(shop)
    before = snapshot(shop)
    script = textwrap.dedent(
        f"""
        import os
        from shopdesk.app import ShopApp
        from shopdesk.config import load_config
        from shopdesk.services.orders import selling as orders
        app = ShopApp.open(load_config({str(shop.config.data_dir)!r}))
        with app.db.write() as s:
            order = orders.create_order(s, {cid}, [("CRASH-1", 3)], actor="crash")
            orders.pay_order(s, order.id, method="external", trade_no="T-CRASH", actor="crash")
            s.flush()
            os._exit(9)  # the power goes out before the commit
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert snapshot(shop) == before
    assert doctor(shop) == []
    # and the shop carries on: the keys the dead process touched are still there to sell
    with shop.db.write() as s:
        order = orders.create_order(s, cid, [("CRASH-1", 5)], actor="t")
        assert orders.pay_order(s, order.id, method="external", trade_no="T-CRASH", actor="t").order.status == (
            "delivered"
        )


def test_committed_writes_survive_a_crash(shop):
    cid = add_customer(shop)
    script = textwrap.dedent(
        f"""
        import os
        from shopdesk.app import ShopApp
        from shopdesk.config import load_config
        from shopdesk.services.money import customers
        app = ShopApp.open(load_config({str(shop.config.data_dir)!r}))
        with app.db.write() as s:
            customers.topup(s, {cid}, 1234, idempotency_key="durable", actor="crash")
        os._exit(9)  # no clean close, no checkpoint
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    with shop.db.read() as s:
        assert customers.get_customer(s, cid).balance_fen == 1234


def test_utc_column_refuses_naive_datetimes(shop):
    cid = add_customer(shop)
    with pytest.raises(StatementError, match="naive datetime"), shop.db.write() as s:
        s.execute(Customer.__table__.update().where(Customer.id == cid).values(updated_at=datetime(2026, 1, 1)))


def test_utc_column_stores_utc_and_returns_aware(shop):
    cid = add_customer(shop)
    beijing = timezone(timedelta(hours=8))
    with shop.db.write() as s:
        s.execute(
            Customer.__table__.update()
            .where(Customer.id == cid)
            .values(updated_at=datetime(2026, 1, 1, 20, 0, tzinfo=beijing))
        )
    with shop.db.read() as s:
        stored = s.execute(text("SELECT updated_at FROM customer WHERE id = :i"), {"i": cid}).scalar_one()
        loaded = s.execute(select(Customer.updated_at).where(Customer.id == cid)).scalar_one()
    assert str(stored).startswith("2026-01-01 12:00:00")  # text in SQLite, a naive timestamp in PostgreSQL
    assert loaded == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert loaded.tzinfo is not None


def test_a_read_that_writes_fails_and_leaves_nothing_behind(shop):
    """A read's connection cannot write: the attempt is a bug, said loudly, not a write lock taken quietly."""
    cid = add_customer(shop)
    with pytest.raises(WriteInRead), shop.db.read() as s:
        s.get(Customer, cid).name = "changed in a read"
        s.flush()
    with pytest.raises(WriteInRead), shop.db.read() as s:
        customers.add_customer(s, "added in a read")
    with shop.db.read() as s:
        assert s.get(Customer, cid).name == "张伟"
        assert s.execute(select(func.count()).select_from(Order)).scalar_one() == 0


def _customers(session) -> int:
    return session.execute(select(func.count()).select_from(Customer)).scalar_one()


def test_a_read_is_one_snapshot_beside_an_open_write_and_the_next_read_sees_the_commit(shop):
    """Reads connect on their own: a write transaction in progress neither blocks nor shows through, a read keeps
    the snapshot it started with, and the read after the commit sees it."""
    add_customer(shop, "before")
    with shop.db.write() as w:
        customers.add_customer(w, "in the open write")
        w.flush()
        with shop.db.read() as s:
            assert _customers(s) == 1
    with shop.db.read() as s:
        assert _customers(s) == 2
        add_customer(shop, "committed during the read")
        assert _customers(s) == 2  # the same snapshot to the end of the read
    with shop.db.read() as s:
        assert _customers(s) == 3


def test_a_view_read_leaves_its_refusals_record_to_the_caller(shop):
    """Mode "view" (the GUI's reader thread): what a refusal must put on the record stays on the exception for
    the writer thread (`follow_up`); a plain read writes it at once, as a write does."""

    class Refused(Exception):
        pass

    def refusing(session):
        error = Refused()
        error.after_rollback = lambda w: customers.add_customer(w, "on the record")
        raise error

    with pytest.raises(Refused) as info:
        shop.db.run("view", refusing)
    with shop.db.read() as s:
        assert _customers(s) == 0
    shop.db.follow_up(info.value)
    shop.db.follow_up(info.value)  # once
    with shop.db.read() as s:
        assert _customers(s) == 1
    with pytest.raises(Refused):
        shop.db.run("read", refusing)
    with shop.db.read() as s:
        assert _customers(s) == 2

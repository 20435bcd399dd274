"""Reads beside the writer: views read on a thread and a connection of their own, so a write in progress never
holds them up; a read sees every write awaited before it; a read that tries to write fails loudly."""

from __future__ import annotations

import asyncio
import threading

import pytest

from shopdesk.db.engine import WriteInRead
from shopdesk.db.models import Customer
from shopdesk.services.common.errors import ServerUnreachable
from shopdesk.services.money import customers
from shopdesk.ui.changes import ChangeWatcher
from tests.gui.conftest import run_until

HOLD_S = 30  # the longest a held write waits for its release (the test releases it long before)


@pytest.fixture
def attached(ops, shop):
    ops.attach(shop)
    yield ops
    ops.attach(None)  # the shop fixture closes the shop


def names(session) -> list[str]:
    return sorted(c.name for c in session.query(Customer))


class HeldWrite:
    """A write transaction the writer thread holds open (it has written, not committed) until `release`."""

    def __init__(self, loop, ops, name: str = "uncommitted"):
        self.started, self.go = threading.Event(), threading.Event()
        self.name = name
        self.task = loop.create_task(ops.write(self._write))
        run_until(loop, self.started.is_set, what="the write to start")

    def _write(self, session) -> None:
        customers.add_customer(session, self.name)
        session.flush()  # the row is written (SQLite holds the write lock), the transaction is open
        self.started.set()
        assert self.go.wait(HOLD_S), "the held write was never released"

    def release(self, loop) -> None:
        self.go.set()
        loop.run_until_complete(self.task)


def test_a_read_returns_while_the_writer_holds_a_transaction_open(loop, attached):
    ops = attached
    loop.run_until_complete(ops.write(customers.add_customer, "committed"))
    held = HeldWrite(loop, ops)
    try:
        seen = loop.run_until_complete(asyncio.wait_for(ops.read(names), HOLD_S / 2))
        assert seen == ["committed"]  # the last committed state: the open transaction's row is not there
        assert not held.task.done()  # the writer was still inside its transaction while the read ran and returned
        on_reader = loop.run_until_complete(ops.read(lambda _session: ops.in_reader()))
        assert on_reader and not ops.in_reader() and not ops.in_worker()
    finally:
        held.release(loop)
    assert loop.run_until_complete(ops.read(names)) == ["committed", "uncommitted"]


def test_a_read_after_an_awaited_write_sees_it(loop, attached):
    ops = attached

    async def alternate() -> None:
        for i in range(30):
            made = await ops.write(customers.add_customer, f"c{i:02d}")
            assert await ops.read(lambda s, cid=made.id: s.get(Customer, cid).name) == f"c{i:02d}"
            assert await ops.read(lambda s: s.query(Customer).count()) == i + 1

    loop.run_until_complete(alternate())


def test_a_read_that_writes_raises_and_takes_no_lock(loop, attached):
    ops = attached
    with pytest.raises(WriteInRead):
        loop.run_until_complete(ops.read(customers.add_customer, "written in a read"))

    def rename(session) -> None:
        session.query(Customer).one().name = "renamed in a read"
        session.flush()

    loop.run_until_complete(ops.write(customers.add_customer, "kept"))
    with pytest.raises(WriteInRead):
        loop.run_until_complete(ops.read(rename))
    assert loop.run_until_complete(ops.read(names)) == ["kept"]
    held = HeldWrite(loop, ops, "beside")  # the writer is not blocked by anything the failed reads left behind
    held.release(loop)
    assert loop.run_until_complete(ops.read(names)) == ["beside", "kept"]


def test_a_refused_read_writes_its_record_on_the_writer_thread(loop, attached):
    """A read's refusal that stays on the record (a denied permission) is written by the writer, as after a write."""
    ops = attached
    where: list[bool] = []

    class Refused(Exception):
        pass

    def refusing(session):
        error = Refused("not allowed")

        def record(s) -> None:
            where.append(ops.in_worker())
            customers.add_customer(s, "on the record")

        error.after_rollback = record
        raise error

    wrote = []
    ops.wrote.connect(lambda: wrote.append(True))
    with pytest.raises(Refused):
        loop.run_until_complete(ops.read(refusing))
    assert where == [True] and wrote == [True]
    assert loop.run_until_complete(ops.read(names)) == ["on the record"]


def test_busy_counts_reads_and_writes_alike(loop, attached):
    ops = attached
    busy: list[bool] = []
    ops.busy_changed.connect(busy.append)
    held = HeldWrite(loop, ops)
    loop.run_until_complete(ops.read(names))
    assert busy == [True]  # the write is still running: the finished read does not say "idle"
    held.release(loop)
    assert busy == [True, False]


def test_a_lost_server_on_the_reader_thread_is_told_and_so_is_its_return(loop, attached):
    ops = attached
    changes: list[bool] = []
    ops.connection_changed.connect(changes.append)

    def lost(_session):
        raise ServerUnreachable("db.connection_lost", where="postgresql://shop@db.example/shop")

    with pytest.raises(ServerUnreachable):
        loop.run_until_complete(ops.read(lost))
    assert changes == [False] and not ops.connected
    loop.run_until_complete(ops.read(names))
    assert changes == [False, True] and ops.connected


def test_the_change_feed_is_followed_while_a_write_is_held_open(loop, attached):
    ops = attached
    watcher = ChangeWatcher(ops)
    heard: list[dict] = []
    watcher.changed.connect(heard.append)
    loop.run_until_complete(watcher.start())
    try:
        made = loop.run_until_complete(ops.write(customers.add_customer, "committed"))
        held = HeldWrite(loop, ops)
        try:
            run_until(loop, lambda: any(made.id in h.get("customer", ()) for h in heard), what="the committed change")
            assert not held.task.done()
            assert all(len(h.get("customer", ())) == 1 for h in heard)  # the open transaction's change is not out
        finally:
            held.release(loop)
        run_until(loop, lambda: sum(len(h.get("customer", ())) for h in heard) == 2, what="the released change")
    finally:
        watcher.stop()

"""The outbox: every write appends (topic, entity) in its own transaction; readers follow the ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from sqlalchemy import delete
from svc_support import add_customer, add_product, fresh_shop, stock

from shopdesk.db.engine import Database
from shopdesk.db.models import Change
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock, outbox, settings
from shopdesk.services.common.errors import ShopError
from shopdesk.services.common.outbox import ChangeReader
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from tests.helpers import pg


def last_id(app) -> int:
    with app.db.read() as s:
        return outbox.last_change_id(s)


def new_changes(app, after: int) -> set[tuple[str, int]]:
    with app.db.read() as s:
        return {(c.topic, c.entity_id) for c in outbox.changes_after(s, after)}


@pytest.fixture
def world(shop):
    """A customer with money, a product with keys, one unpaid and one delivered order."""
    cid = add_customer(shop, wallet_fen=50_000)
    pid = add_product(shop, "QQB-10", keys=5, price_fen=980)
    with shop.db.write() as s:
        unpaid = orders.create_order(s, cid, [("QQB-10", 1)], actor="t").id
        done = orders.create_order(s, cid, [("QQB-10", 1)], actor="t").id
        orders.pay_order(s, done, method="external", trade_no="T-DONE", actor="t")
    return {"customer": cid, "product": pid, "unpaid": unpaid, "done": done}


# Each write, and the (topic, entity) rows it must append. Entity ids are looked up in `world`.
WRITES = {
    "add product": (
        lambda s, app, w: catalog.add_product(s, ProductInput(sku="NEW-1", name="New", price_fen=1)),
        lambda w: {("product", w["product"] + 1)},
    ),
    "edit product": (
        lambda s, app, w: catalog.edit_product(
            s, w["product"], ProductInput(sku="QQB-10", name="Q", price_fen=990, kind="secret")
        ),
        lambda w: {("product", w["product"])},
    ),
    "add customer": (
        lambda s, app, w: customers.add_customer(s, "王芳"),
        lambda w: {("customer", w["customer"] + 1)},
    ),
    "edit customer": (
        lambda s, app, w: customers.edit_customer(s, w["customer"], "张伟伟"),
        lambda w: {("customer", w["customer"])},
    ),
    "top up": (
        lambda s, app, w: customers.topup(s, w["customer"], 100, idempotency_key="cf-topup", actor="t"),
        lambda w: {("customer", w["customer"])},
    ),
    "add keys": (
        lambda s, app, w: stock_in(s, app, w["product"]),
        lambda w: {("stock", w["product"])},
    ),
    "create order": (
        lambda s, app, w: orders.create_order(s, w["customer"], [("QQB-10", 1)], actor="t"),
        lambda w: {("order", w["done"] + 1), ("stock", w["product"])},
    ),
    "pay by wallet": (
        lambda s, app, w: orders.pay_order(s, w["unpaid"], method="wallet", actor="t"),
        lambda w: {("order", w["unpaid"]), ("stock", w["product"]), ("customer", w["customer"])},
    ),
    "close order": (
        lambda s, app, w: orders.close_order(s, w["unpaid"], actor="t", reason="asked"),
        lambda w: {("order", w["unpaid"]), ("stock", w["product"])},
    ),
    "complete order": (
        lambda s, app, w: orders.complete_order(s, w["done"], actor="t"),
        lambda w: {("order", w["done"])},
    ),
    "setting": (
        lambda s, app, w: settings.put(s, "orders.pay_timeout_minutes", "30"),
        lambda w: {("setting", 0)},
    ),
}


def stock_in(session, app, product_id):
    from shopdesk.services.inventory import stock as inventory

    return inventory.add_keys(session, app.vault, product_id, [(None, "CF-NEW-KEY-1")], actor="t")


@pytest.mark.parametrize("name", list(WRITES))
def test_every_service_write_appends_to_the_outbox(shop, world, name):
    action, expected = WRITES[name]
    before = last_id(shop)
    with shop.db.write() as s:
        action(s, shop, world)
    assert expected(world) <= new_changes(shop, before)


@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_that_fails_appends_nothing(shop, world, name):
    """The change row is in the write's transaction: when the write fails, it is gone with it."""
    action, _ = WRITES[name]
    before = last_id(shop)
    with pytest.raises(RuntimeError), shop.db.write() as s:
        action(s, shop, world)
        assert outbox.last_change_id(s) > before  # emitted inside the transaction...
        raise RuntimeError("crash after the service call, before commit")
    assert last_id(shop) == before  # ...and rolled back with it


@pytest.mark.parametrize(
    "action",
    [
        lambda s, w: orders.create_order(s, w["customer"], [("NOPE", 1)], actor="t"),
        lambda s, w: orders.pay_order(s, w["done"], method="external", trade_no="T-OTHER", actor="t"),
        lambda s, w: catalog.add_product(s, ProductInput(sku="QQB-10", name="dup", price_fen=1)),
        lambda s, w: customers.topup(s, w["customer"], 0, idempotency_key="zero", actor="t"),
        lambda s, w: orders.complete_order(s, w["unpaid"], actor="t"),
    ],
)
def test_a_refused_service_call_appends_nothing(shop, world, action):
    before = last_id(shop)
    with pytest.raises(ShopError), shop.db.write() as s:
        action(s, world)
    assert last_id(shop) == before


def test_a_refused_wallet_payment_appends_nothing(shop, world):
    """The wallet emits its change before the balance check fails: it must roll back too."""
    poor = add_customer(shop, "穷")
    with shop.db.write() as s:
        order_id = orders.create_order(s, poor, [("QQB-10", 1)], actor="t").id
    before = last_id(shop)
    with pytest.raises(ShopError), shop.db.write() as s:
        orders.pay_order(s, order_id, method="wallet", actor="t")
    assert last_id(shop) == before


def test_reader_is_quiet_when_idle(shop, world):
    reader = ChangeReader(shop.db.engine)
    try:
        assert reader.last_id == last_id(shop)
        assert reader.poll() == []
        assert reader.poll() == []
    finally:
        reader.close()


def test_reader_sees_commits_from_another_engine(shop, world):
    reader = ChangeReader(shop.db.engine)
    other = Database(shop.config.db_url)  # another desktop on the same file
    try:
        assert reader.poll() == []
        with other.write() as s:
            cid = customers.add_customer(s, "李娜").id
        got = reader.poll()
        assert [(c.topic, c.entity_id) for c in got] == [("customer", cid)]
        assert reader.poll() == []

        with other.write() as s:
            customers.topup(s, cid, 500, idempotency_key="other-1", actor="t")
            customers.edit_customer(s, cid, "李娜娜")
        got = reader.poll()
        assert [(c.topic, c.entity_id) for c in got] == [("customer", cid), ("customer", cid)]
        assert reader.last_id == got[-1].id
    finally:
        reader.close()
        other.dispose()


def test_reader_sees_commits_from_this_engine_and_from_raw_sqlite(shop, world):
    reader = ChangeReader(shop.db.engine)
    try:
        reader.poll()
        with shop.db.write() as s:
            pid = catalog.add_product(s, ProductInput(sku="X-1", name="X", price_fen=1)).id
        assert [(c.topic, c.entity_id) for c in reader.poll()] == [("product", pid)]
        pg.raw(shop.config, "INSERT INTO change (topic, entity_id, at) VALUES ('order', 77, '2026-01-01 00:00:00')")
        assert [(c.topic, c.entity_id) for c in reader.poll()] == [("order", 77)]
    finally:
        reader.close()


def test_reader_does_not_see_a_rolled_back_write(shop, world):
    reader = ChangeReader(shop.db.engine)
    try:
        reader.poll()
        with pytest.raises(RuntimeError), shop.db.write() as s:
            customers.add_customer(s, "Ghost")
            raise RuntimeError
        assert reader.poll() == []
    finally:
        reader.close()


def test_reader_can_start_from_the_beginning(shop, world):
    reader = ChangeReader(shop.db.engine, start_after=0)
    try:
        got = reader.poll()
        assert len(got) == last_id(shop) > 0
        assert ("order", world["done"]) in {(c.topic, c.entity_id) for c in got}
    finally:
        reader.close()


def test_ids_increase_monotonically_and_are_never_reused(shop, world):
    clock.freeze(clock.now())
    ids = []
    for n in range(5):
        with shop.db.write() as s:
            customers.add_customer(s, f"c{n}")
        clock.advance(timedelta(seconds=1))
        ids.append(last_id(shop))
    assert ids == sorted(set(ids))
    with shop.db.read() as s:
        rows = outbox.changes_after(s, 0)
    assert [c.id for c in rows] == sorted({c.id for c in rows})
    assert all(a.at <= b.at for a, b in zip(rows, rows[1:], strict=False))

    top = ids[-1]
    with shop.db.write() as s:  # an outbox trimmed at its end must not hand out the same id again
        s.execute(delete(Change).where(Change.id == top))
    with shop.db.write() as s:
        customers.add_customer(s, "after trim")
    assert last_id(shop) > top


def test_the_outbox_reads_in_batches(shop, world):
    with shop.db.write() as s:
        outbox.emit_many(s, "stock", range(1, 13))
        outbox.emit_many(s, "stock", [5, 5, 5])  # duplicates in one call collapse
    with shop.db.read() as s:
        first = outbox.changes_after(s, 0, limit=4)
        assert len(first) == 4
        rest = outbox.changes_after(s, first[-1].id)
        tail = [c for c in rest if c.topic == "stock"]
        assert [c.entity_id for c in tail][-13:] == [*range(1, 13), 5]


def test_changes_carry_the_clock_time(shop, world):
    at = clock.now() + timedelta(days=3)
    clock.freeze(at)
    before = last_id(shop)
    stock(shop, world["product"], 1)
    with shop.db.read() as s:
        rows = outbox.changes_after(s, before)
    assert rows and all(c.at == at for c in rows)


# --- late commits: a change id taken first and committed later is still delivered -------------------------------


def _commit_change(config, change_id: int, entity: int) -> None:
    """A change committed by another connection with the id it took (as a transaction that took its id before a
    later one committed would leave it, on a database with concurrent writers)."""
    pg.raw(
        config,
        "INSERT INTO change (id, topic, entity_id, at) VALUES (?, 'order', ?, '2026-01-01 00:00:00')",
        change_id,
        entity,
    )


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_late_commit_is_delivered_and_a_gap_that_never_fills_is_given_up_after_the_grace(shop, world):
    path, start = shop.config, last_id(shop)
    ticks = FakeClock()
    reader = ChangeReader(shop.db.engine, grace=10, monotonic=ticks)
    try:
        _commit_change(path, start + 2, 2)  # id start+1 was taken by a transaction still open
        assert [c.entity_id for c in reader.poll()] == [2]
        assert reader.waiting_for == [start + 1] and reader.last_id == start
        _commit_change(path, start + 1, 1)  # ... which commits now
        assert [c.entity_id for c in reader.poll()] == [1]
        assert reader.waiting_for == [] and reader.last_id == start + 2
        _commit_change(path, start + 4, 4)  # start+3 never comes (rolled back)
        assert [c.entity_id for c in reader.poll()] == [4]
        ticks.now = 9.9
        assert reader.poll() == [] and reader.last_id == start + 2
        ticks.now = 10.0
        assert reader.poll() == [] and reader.waiting_for == [] and reader.last_id == start + 4
    finally:
        reader.close()


@given(
    order=st.permutations(range(1, 13)),
    lost=st.sets(st.integers(1, 12), max_size=4),
    polls=st.lists(st.integers(0, 12), max_size=12),
)
@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_the_commit_order_every_change_is_delivered_once(template_dir, order, lost, polls):
    """Ids 1..12 taken in order and committed in any order (some never: rolled back), with polls in between:
    the reader delivers each committed change exactly once and, past the grace, waits for nothing."""
    with fresh_shop(template_dir) as app:
        path = app.config
        [(base,)] = pg.raw(path, "SELECT COALESCE(MAX(id), 0) FROM change")
        ticks = FakeClock()
        reader = ChangeReader(app.db.engine, grace=10, monotonic=ticks)
        delivered: list[int] = []
        try:
            for step, change in enumerate(order):
                if change not in lost:
                    _commit_change(path, base + change, change)
                if step in polls:
                    delivered += [c.entity_id for c in reader.poll()]
            delivered += [c.entity_id for c in reader.poll()]
            ticks.now = 10
            delivered += [c.entity_id for c in reader.poll()]
        finally:
            reader.close()
    committed = set(range(1, 13)) - lost
    assert sorted(delivered) == sorted(committed)
    assert reader.waiting_for == []
    assert reader.last_id == base + max(committed, default=0)  # past every gap below the last change seen


# --- PostgreSQL: real concurrent writers, and the NOTIFY that wakes a follower -------------------------------


@pytest.mark.pg_only
def test_a_transaction_that_took_its_id_first_and_committed_last_is_delivered(shop, world):
    """Writer 1 takes a change id and holds its transaction; writer 2 takes the next id and commits; the reader
    reads (sees only writer 2's); writer 1 commits; the reader delivers writer 1's change too, once."""
    other = Database(shop.config.db_url)  # another desktop
    reader = ChangeReader(shop.db.engine)
    try:
        with shop.db.write() as first:
            outbox.emit(first, "order", 1001)  # takes id N, not committed yet
            with other.write() as second:
                outbox.emit(second, "order", 1002)  # takes N+1 ...
            # ... and has committed: the reader sees it, and waits for N
            seen = reader.poll()
            assert [(c.topic, c.entity_id) for c in seen] == [("order", 1002)]
            assert reader.waiting_for == [seen[0].id - 1]
        later = reader.poll()  # writer 1 committed when its block ended
        assert [(c.topic, c.entity_id) for c in later] == [("order", 1001)]
        assert later[0].id == seen[0].id - 1
        assert reader.waiting_for == [] and reader.last_id == seen[0].id
        assert reader.poll() == []
    finally:
        reader.close()
        other.dispose()


@pytest.mark.pg_only
def test_a_commit_on_another_desktop_wakes_a_waiting_reader_at_once(shop, world):
    import threading
    import time

    other = Database(shop.config.db_url)
    reader = ChangeReader(shop.db.engine)
    try:
        assert reader.wait(0.05) is False  # nothing committed: the wait runs out
        done = threading.Event()

        def commit_soon():
            time.sleep(0.2)
            with other.write() as s:
                outbox.emit(s, "customer", 77)
            done.set()

        threading.Thread(target=commit_soon).start()
        started = time.monotonic()
        assert reader.wait(10.0) is True  # woken by the NOTIFY, long before the timeout
        assert time.monotonic() - started < 5.0
        done.wait(5)
        assert [(c.topic, c.entity_id) for c in reader.poll()] == [("customer", 77)]
        with pytest.raises(RuntimeError), other.write() as s:  # a rolled-back write sends nothing
            outbox.emit(s, "customer", 78)
            raise RuntimeError("changed my mind")
        assert reader.wait(0.3) is False
    finally:
        reader.close()
        other.dispose()

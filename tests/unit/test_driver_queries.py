"""db.queries.Driver: hand-written hot-path SQL on the session's own driver connection (sqlite3 or psycopg)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from shopdesk.db.models import Change, Customer, OrderEvent
from shopdesk.db.queries import driver
from shopdesk.services.common import outbox


def test_a_time_written_by_the_driver_reads_back_as_sqlalchemy_writes_it(shop):
    at = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(hours=8)))  # not UTC, and no microseconds
    with shop.db.write() as session:
        db = driver(session)
        db.many(
            "INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)",
            [("order", 900001, db.at(at)), ("order", 900002, db.at(at.replace(microsecond=5)))],
        )
        session.add(Change(topic="order", entity_id=900003, at=at))
    with shop.db.read() as session:
        rows = dict(session.execute(select(Change.entity_id, Change.at).where(Change.entity_id >= 900001)).all())
        same = session.execute(select(Change.entity_id).where(Change.at == at)).scalars().all()
    assert rows[900001] == rows[900003] == at.astimezone(UTC)
    assert rows[900002] == at.astimezone(UTC).replace(microsecond=5)
    assert sorted(same) == [900001, 900003]  # stored alike: equal in SQL too, not only once read back


def test_the_driver_refuses_a_naive_time(shop):
    with shop.db.write() as session, pytest.raises(ValueError, match="naive"):
        driver(session).at(datetime(2026, 1, 1))


def test_a_driver_error_comes_out_as_sqlalchemys(shop):
    with pytest.raises(IntegrityError), shop.db.write() as session:
        db = driver(session)
        # no such order: the foreign key refuses the event
        db.run(
            "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, ?, ?, ?, ?)",
            (987654321, "paid", "test", db.at(datetime.now(UTC)), ""),
        )
    with shop.db.read() as session:
        assert session.execute(select(OrderEvent.id).where(OrderEvent.order_id == 987654321)).first() is None


def test_driver_writes_are_part_of_the_sessions_transaction(shop):
    with pytest.raises(RuntimeError), shop.db.write() as session:
        outbox.emit(session, "order", 424242)
        assert driver(session) is driver(session)  # one per transaction
        raise RuntimeError("undo")
    with shop.db.read() as session:
        assert session.execute(select(Change.id).where(Change.entity_id == 424242)).first() is None


_RECENT = select(Change.id, Change.topic, Change.entity_id, Change.at).where(
    Change.entity_id >= bindparam("b_from"), Change.at >= bindparam("b_since")
)
_OF_TOPICS = (
    select(Change.entity_id, Change.topic)
    .where(Change.topic.in_(("order", "case")), Change.entity_id >= 800000)
    .order_by(Change.entity_id)
)
_FIRST_TWO = select(Change.entity_id).where(Change.entity_id >= bindparam("b_from")).order_by(Change.entity_id).limit(2)
_OF_IDS = select(Change.entity_id).where(Change.entity_id.in_(bindparam("b_ids"))).order_by(Change.entity_id)
_OVERRIDES = (
    select(Customer.name, Customer.risk_override, Customer.blocked_at)
    .where(Customer.name.startswith("DRV-"))
    .order_by(Customer.name)
)


def test_rows_gives_what_session_execute_gives(shop):
    at = datetime(2026, 3, 4, 5, 6, 7, 8, tzinfo=UTC)
    with shop.db.write() as session:
        for n, topic in enumerate(("order", "case", "stock", "order")):
            session.add(Change(topic=topic, entity_id=800000 + n, at=at + timedelta(seconds=n)))
        session.flush()
        db = driver(session)
        params = {"b_from": 800001, "b_since": at + timedelta(seconds=1, microseconds=1)}
        got = db.rows(_RECENT, params)
        assert got == [tuple(r) for r in session.execute(_RECENT, params)]
        assert [(r.entity_id, r.at) for r in got] == [
            (800002, at + timedelta(seconds=2)),
            (800003, at + timedelta(seconds=3)),
        ]
        assert got[0]._asdict()["topic"] == "stock"
        # an IN list of the statement's own, and one given with the parameters (twice: each run writes its own)
        assert db.rows(_OF_TOPICS) == [(800000, "order"), (800001, "case"), (800003, "order")]
        assert [r.entity_id for r in db.rows(_OF_IDS, {"b_ids": [800003, 800001]})] == [800001, 800003]
        assert [r.entity_id for r in db.rows(_OF_IDS, {"b_ids": [800002]})] == [800002]
        assert db.rows(_RECENT, {"b_from": 900000, "b_since": at}) == []
        assert db.rows(_FIRST_TWO, {"b_from": 800001}) == [(800001,), (800002,)]  # the statement's own LIMIT
        with pytest.raises(ValueError, match="b_since"):
            db.rows(_RECENT, {"b_from": 800001})


def test_rows_reads_booleans_and_empty_times_as_sqlalchemy_does(shop):
    now = datetime.now(UTC)
    with shop.db.write() as session:
        session.add_all(
            [
                Customer(name="DRV-A", risk_override=True, created_at=now, updated_at=now),
                Customer(name="DRV-B", risk_override=False, blocked_at=now, created_at=now, updated_at=now),
            ]
        )
    with shop.db.read() as session:
        got = driver(session).rows(_OVERRIDES)
        assert got == [tuple(r) for r in session.execute(_OVERRIDES)]
        assert got == [("DRV-A", True, None), ("DRV-B", False, now)]
        assert [type(r.risk_override) for r in got] == [bool, bool]


def test_rows_refuses_a_statement_that_is_no_select(shop):
    with shop.db.write() as session, pytest.raises(ValueError, match="SELECT"):
        driver(session).rows(update(Change).values(topic="x"))


def test_many_counts_the_rows_it_changed(shop):
    with shop.db.write() as session:
        db = driver(session)
        at = db.at(datetime.now(UTC))
        rows = [("order", 700000 + n, at) for n in range(5)]
        assert db.many("INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)", rows) == 5
        assert (
            db.many(
                "UPDATE change SET topic = 'case' WHERE entity_id = ? AND topic = 'order'",
                [(700001,), (700001,), (700003,)],
            )
            == 2
        )
        assert db.many("UPDATE change SET topic = 'x' WHERE entity_id = ?", []) == 0

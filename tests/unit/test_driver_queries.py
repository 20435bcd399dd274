"""db.queries.Driver: hand-written hot-path SQL on the session's own driver connection (sqlite3 or psycopg)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shopdesk.db.models import Change, OrderEvent
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

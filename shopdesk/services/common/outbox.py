"""The outbox: writes append (topic, entity_id) in their own transaction; readers follow the ids."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from shopdesk.db.errors import classify_db_error
from shopdesk.db.models import Change
from shopdesk.db.queries import driver
from shopdesk.services.common import clock

Topic = Literal[
    "order",  # an order's status, payment or timeline
    "product",  # the catalogue
    "stock",  # a product's key counts
    "key",  # a card key's status or product
    "batch",  # a key batch (an import)
    "customer",  # a customer or their wallet
    "case",  # an after-sales case
    "setting",  # shop settings (the API secret, desk settings, ...)
    "audit",  # the audit trail
    "alert",  # a product whose keys were quarantined
    "payment_issue",  # the flagged-for-refund queue
    "user",  # a staff account (added, disabled, role, passphrase)
    "desktop",  # a desktop's heartbeat: who is online, who has which case open
]
TOPICS: frozenset[str] = frozenset(get_args(Topic))

# On the driver's cursor (db.queries.Driver), one executemany: every write pays for this.
_INSERT = "INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)"


def emit(session: Session, topic: Topic, entity_id: int) -> None:
    """Tell every reader (this desktop, other processes, other desktops) that the entity moved."""
    emit_each(session, [(topic, entity_id)])


def emit_many(session: Session, topic: Topic, entity_ids: Iterable[int]) -> None:
    emit_each(session, [(topic, i) for i in dict.fromkeys(entity_ids)])


def emit_each(session: Session, changes: Iterable[tuple[Topic, int]]) -> None:
    """Outbox rows for several (topic, entity id) pairs in one statement; the one writer of the `change` table."""
    pairs = list(dict.fromkeys(changes))
    if not pairs:
        return
    unknown = {t for t, _ in pairs} - TOPICS
    if unknown:
        # A bug, not an error a person can fix: it is never translated, so it needs no template.
        raise ValueError("unknown outbox topic(s) " + str(sorted(unknown)) + "; add them to outbox.Topic")
    db = driver(session)
    at = db.at(clock.now())
    db.many(_INSERT, [(t, i, at) for t, i in pairs])


@dataclass(frozen=True)
class ChangeRow:
    id: int
    topic: str
    entity_id: int
    at: datetime


def changes_after(conn: Connection | Session, last_id: int, limit: int = 5000) -> list[ChangeRow]:
    rows = conn.execute(
        select(Change.id, Change.topic, Change.entity_id, Change.at)
        .where(Change.id > last_id)
        .order_by(Change.id)
        .limit(limit)
    ).all()
    return [ChangeRow(*r) for r in rows]


def last_change_id(conn: Connection | Session) -> int:
    from sqlalchemy import func

    return conn.execute(select(func.coalesce(func.max(Change.id), 0))).scalar_one()


CHANNEL = "shopdesk_change"  # PostgreSQL: the notification a commit that wrote changes sends (migration 0009)


class Wakeup:
    """Waits for the change feed to move: on PostgreSQL a LISTEN on a connection of its own, woken by the NOTIFY
    every commit that writes a change sends; on SQLite (no server to tell anyone) it only sleeps.

    A lost connection (the server restarted) is opened again at the next wait; until then `wait` sleeps, so the
    caller's polls go on and find what was missed."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._listening = None  # the psycopg connection, in autocommit, out of the pool

    @property
    def wakes(self) -> bool:
        """True when commits wake `wait` (a server database); False when it can only sleep."""
        return self._engine.dialect.name == "postgresql"

    def wait(self, timeout: float) -> bool:
        """Block until a change may have committed (True) or `timeout` seconds passed (False)."""
        if not self.wakes:
            time.sleep(timeout)
            return False
        import psycopg  # a server database: its driver is there

        started = time.monotonic()
        try:
            conn = self._listen()
            woke = any(True for _ in conn.notifies(timeout=timeout, stop_after=1))
            if woke:  # a burst of commits is one wake-up
                for _ in conn.notifies(timeout=0):
                    pass
            return woke
        except (psycopg.Error, DBAPIError):  # the server went away: sleep at the caller's pace until it is back
            self.close()
            time.sleep(max(0.0, timeout - (time.monotonic() - started)))
            return False

    def _listen(self):
        if self._listening is None:
            fairy = self._engine.raw_connection()
            conn = fairy.dbapi_connection
            fairy.detach()  # its own connection for good: autocommit must not leak back into the pool
            conn.rollback()  # the pool's ping left a transaction open
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
            self._listening = conn
        return self._listening

    def close(self) -> None:
        if self._listening is not None:
            conn, self._listening = self._listening, None
            try:
                conn.close()
            except Exception:  # already broken: nothing left to close
                pass


GRACE_S = 10.0  # how long a missing change id is waited for before it is taken as never coming
MAX_GAPS = 10_000  # ids waited for at most (a larger jump is taken as ids that were never used)


class ChangeReader:
    """Follows the outbox from one dedicated connection, and never skips a change.

    Change ids are handed out when a transaction writes its first change, but transactions commit in their own
    order: on PostgreSQL a transaction that took id 11 may commit after the one that took id 12. So the reader
    keeps a watermark (`last_id`: every id up to it has been delivered or given up on) and remembers the ids
    above it it has already delivered; a missing id is a gap, waited for until it appears or `grace` seconds
    pass (a rolled-back transaction leaves an id that never comes). Each change is delivered once.

    SQLite: `PRAGMA data_version` moves only when another connection commits, so `poll()` costs one
    pragma when nothing happened. PostgreSQL: each poll reads the outbox; `wait()` sleeps until a commit's
    NOTIFY (see `Wakeup`), so a follower reads as soon as something committed and not in between.
    A poll that loses its connection raises; the next one connects again.
    """

    def __init__(
        self,
        engine: Engine,
        start_after: int | None = None,
        *,
        grace: float = GRACE_S,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self._engine = engine
        self._conn: Connection | None = None
        self._version: int | None = None
        self._grace, self._monotonic = grace, monotonic
        self._delivered: set[int] = set()  # ids above the watermark already delivered
        self._gaps: dict[int, float] = {}  # missing id -> when it was first missed
        self._wakeup = Wakeup(engine)
        self.last_id = start_after if start_after is not None else self._initial_last_id()

    def wait(self, timeout: float) -> bool:
        """Block until the feed may have moved or `timeout` passed; then `poll()`."""
        return self._wakeup.wait(timeout)

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self._engine.connect().execution_options(shopdesk_read_only=True)
        return self._conn

    def _initial_last_id(self) -> int:
        conn = self._connection()
        with conn.begin():
            return last_change_id(conn)

    def _moved(self) -> bool:
        if self._engine.dialect.name != "sqlite":
            return True
        conn = self._connection()
        version = conn.exec_driver_sql("PRAGMA data_version").scalar_one()
        conn.rollback()  # end the implicit read transaction so the next poll sees new commits
        moved = version != self._version
        self._version = version
        return moved

    @property
    def waiting_for(self) -> list[int]:
        """The change ids missed so far and still waited for."""
        return sorted(self._gaps)

    def poll(self) -> list[ChangeRow]:
        """Changes committed since the last poll and not delivered before, in id order (empty when none)."""
        out: list[ChangeRow] = []
        try:
            with classify_db_error(str(self._engine.url)):
                self._read_new(out)
        except Exception:
            self._drop_connection()  # the next poll connects again (the server may be back by then)
            raise
        self._note(out)
        self._advance()
        return out

    def _read_new(self, out: list[ChangeRow]) -> None:
        if self._moved():
            conn = self._connection()
            with conn.begin():
                after = self.last_id
                while batch := changes_after(conn, after):
                    out.extend(r for r in batch if r.id not in self._delivered)
                    after = batch[-1].id

    def _note(self, rows: list[ChangeRow]) -> None:
        if not rows:
            return
        now = self._monotonic()
        self._delivered.update(r.id for r in rows)
        for row in rows:
            self._gaps.pop(row.id, None)
        top = max(self._delivered)
        missing = (i for i in range(self.last_id + 1, top) if i not in self._delivered and i not in self._gaps)
        for count, gap in enumerate(missing):
            if len(self._gaps) + count >= MAX_GAPS:
                break
            self._gaps[gap] = now

    def _advance(self) -> None:
        """Move the watermark over every delivered id and every gap waited for long enough."""
        now = self._monotonic()
        for gap, since in list(self._gaps.items()):
            if now - since >= self._grace:
                del self._gaps[gap]
        top = max(self._delivered, default=self.last_id)
        while self.last_id < top:
            following = self.last_id + 1
            if following in self._gaps:
                break
            self._delivered.discard(following)
            self.last_id = following

    def _drop_connection(self) -> None:
        conn, self._conn, self._version = self._conn, None, None
        if conn is not None:
            try:
                conn.invalidate()
            except Exception:  # already gone with the server
                pass

    def close(self) -> None:
        self._wakeup.close()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

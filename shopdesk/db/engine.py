"""Engine set-up: SQLite pragmas, BEGIN IMMEDIATE for writes, sessions as units of work.

Writes and reads use two engines on the same database: reads go through connections of their own that cannot
write (SQLite: `PRAGMA query_only`, each read a deferred transaction, so one WAL snapshot that never waits for
the writer; PostgreSQL: READ ONLY, REPEATABLE READ transactions), so a thread reading for the screen never
queues behind the writer's transaction, and a read that tries to write fails at once (`WriteInRead`).
"""

from __future__ import annotations

import functools
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from shopdesk.db.errors import DatabaseProblem, classify_db_error, describe
from shopdesk.db.locks import worth_retrying

T = TypeVar("T")

BUSY_TIMEOUT_MS = 15_000
RETRIES = 5  # a unit of work PostgreSQL rolled back for a deadlock or serialization failure is run this often
READ_ONLY = "shopdesk_read_only"


class WriteInRead(RuntimeError):
    """A function run as a read tried to write: a bug (whatever writes goes through a write transaction)."""


def make_engine(url: str, *, echo: bool = False, read_only: bool = False) -> Engine:
    """An engine with the house pragmas. SQLite: WAL, foreign keys, synchronous=FULL, busy timeout.

    `read_only`: every connection refuses to write (SQLite `PRAGMA query_only`; PostgreSQL READ ONLY transactions
    at REPEATABLE READ, one snapshot per transaction as SQLite's WAL gives)."""
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # a traceback in the log never carries a row's values (contacts, sealed bytes)
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _install_sqlite_hooks(engine, read_only=read_only)
        return engine
    try:
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args=_server_connect_args(url),
            **({"isolation_level": "REPEATABLE READ"} if read_only else {}),
        )
    except ModuleNotFoundError as exc:
        raise DatabaseProblem("db.driver_missing", where=describe(url), module=exc.name) from None
    if read_only:
        _install_server_read_only(engine)
    return engine


def _install_server_read_only(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.read_only = True  # psycopg: every transaction of this connection begins READ ONLY


def _private_memory(url: str) -> bool:
    """A SQLite database in memory lives in its one connection: a second engine would open another, empty one."""
    path = url.split("///", 1)[-1] if "///" in url else ""
    return url.startswith("sqlite") and (path in ("", ":memory:") or "mode=memory" in url)


def _server_connect_args(url: str) -> dict:
    # A server that is not there is told within seconds, not after the operating system's TCP timeout.
    return {"connect_timeout": 10} if url.startswith("postgresql") else {}


def _install_sqlite_hooks(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (pysqlite would
        # otherwise open a DEFERRED one on its own).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            if read_only:
                cur.execute("PRAGMA query_only = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock up front so two writers never deadlock on lock upgrade; a reader's deferred
        # transaction takes its WAL snapshot at its first read and never waits for the writer.
        if read_only or conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine plus session factories; the one object the rest of the app holds for storage."""

    def __init__(self, url: str, *, echo: bool = False):
        self.url = url
        self.engine = make_engine(url, echo=echo)
        # Reads connect through an engine of their own whose connections cannot write (a private in-memory
        # database has one connection only: there reads share the writer's engine).
        self.read_engine = self.engine if _private_memory(url) else make_engine(url, echo=echo, read_only=True)
        # What every session of this database carries in `session.info` (the shop's vault, once unlocked).
        self.session_info: dict = {}
        self._writer = sessionmaker(self.engine, expire_on_commit=False, info=self.session_info)
        self._reader = sessionmaker(
            self.read_engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, info=self.session_info
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on any exception.

        An exception may carry `after_rollback(session)`: a write to make once the refused transaction is rolled
        back, in a transaction of its own (a refusal that must stay on the record)."""
        try:
            with classify_db_error(self.url), self._writer() as session, session.begin():
                yield session
        except Exception as exc:
            self._after_rollback(exc)
            raise

    @contextmanager
    def read(self, *, follow_up: bool = True) -> Iterator[Session]:
        """A read-only snapshot; never takes the write lock. A statement that would write raises `WriteInRead`.

        An exception's `after_rollback` (see `write`) is written here, in a write transaction of its own, unless
        `follow_up` is False: then it stays on the exception for the caller to hand to `follow_up` (on the thread
        that writes)."""
        try:
            with classify_db_error(self.url), _refusing_writes(), self._reader() as session, session.begin():
                yield session
                session.rollback()
        except Exception as exc:
            if follow_up:
                self.follow_up(exc)
            raise

    def run(self, mode: str, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """fn(session, *args, **kwargs) in one transaction (`mode` "write" or "read"), run again when PostgreSQL
        rolled it back for a deadlock or a serialization failure with another writer: fn must only touch the
        database. The one way the GUI's DB threads, the API's and the CLI run a unit of work.

        Mode "view" is a read whose exception keeps its `after_rollback` for the caller (`read(follow_up=False)`):
        the GUI's reader thread hands it to the writer thread."""
        if mode == "write":
            transaction = self.write
        elif mode == "read":
            transaction = self.read
        elif mode == "view":
            transaction = functools.partial(self.read, follow_up=False)
        else:
            raise ValueError(f"unknown mode {mode!r}")
        for attempt in range(1, RETRIES + 1):
            try:
                with transaction() as session:
                    return fn(session, *args, **kwargs)
            except DBAPIError as exc:
                if attempt == RETRIES or not worth_retrying(exc):
                    raise
                time.sleep(random.uniform(0, 0.02 * attempt))  # the other writer finishes; the two do not meet again
        raise AssertionError("unreachable")  # pragma: no cover

    def follow_up(self, exc: BaseException) -> None:
        """Write what a refused transaction's exception carries in `after_rollback`, in a transaction of its own."""
        record = getattr(exc, "after_rollback", None)
        if record is None:
            return
        exc.after_rollback = None  # once, however many blocks it passes through
        with classify_db_error(self.url), self._writer() as session, session.begin():
            record(session)

    _after_rollback = follow_up

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()

    def dispose_reads(self) -> None:
        """Close the read engine's idle connections (a restore replaces the file under them)."""
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


SQLITE_READONLY = 8  # sqlite3's extended error codes keep this in their low byte
PG_READ_ONLY_TRANSACTION = "25006"


@contextmanager
def _refusing_writes() -> Iterator[None]:
    """A read that tried to write is a bug: said plainly, not as a read-only file or a server's refusal."""
    try:
        yield
    except DBAPIError as exc:
        orig = exc.orig
        code = getattr(orig, "sqlite_errorcode", None)
        if (
            (code is not None and code & 0xFF == SQLITE_READONLY)
            or "attempt to write a readonly database" in str(orig)
            or getattr(orig, "sqlstate", None) == PG_READ_ONLY_TRANSACTION
        ):
            raise WriteInRead(f"a read tried to write: {orig}") from exc
        raise

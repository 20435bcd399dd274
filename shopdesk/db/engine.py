"""Engine set-up: SQLite pragmas, BEGIN IMMEDIATE for writes, sessions as units of work."""

from __future__ import annotations

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


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine with the house pragmas. SQLite: WAL, foreign keys, synchronous=FULL, busy timeout."""
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
        _install_sqlite_hooks(engine)
        return engine
    try:
        return create_engine(
            url, echo=echo, hide_parameters=True, pool_pre_ping=True, connect_args=_server_connect_args(url)
        )
    except ModuleNotFoundError as exc:
        raise DatabaseProblem("db.driver_missing", where=describe(url), module=exc.name) from None


def _server_connect_args(url: str) -> dict:
    # A server that is not there is told within seconds, not after the operating system's TCP timeout.
    return {"connect_timeout": 10} if url.startswith("postgresql") else {}


def _install_sqlite_hooks(engine: Engine) -> None:
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
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock up front so two writers never deadlock on lock upgrade.
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine plus session factories; the one object the rest of the app holds for storage."""

    def __init__(self, url: str, *, echo: bool = False):
        self.url = url
        self.engine = make_engine(url, echo=echo)
        # What every session of this database carries in `session.info` (the shop's vault, once unlocked).
        self.session_info: dict = {}
        self._writer = sessionmaker(self.engine, expire_on_commit=False, info=self.session_info)
        self._reader = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, info=self.session_info
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
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; never takes the write lock (but see `write` for an exception's `after_rollback`)."""
        try:
            with classify_db_error(self.url), self._reader() as session, session.begin():
                yield session
                session.rollback()
        except Exception as exc:
            self._after_rollback(exc)
            raise

    def run(self, mode: str, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """fn(session, *args, **kwargs) in one transaction (`mode` "write" or "read"), run again when PostgreSQL
        rolled it back for a deadlock or a serialization failure with another writer: fn must only touch the
        database. The one way the GUI's DB thread, the API's and the CLI run a unit of work."""
        transaction = self.write if mode == "write" else self.read
        for attempt in range(1, RETRIES + 1):
            try:
                with transaction() as session:
                    return fn(session, *args, **kwargs)
            except DBAPIError as exc:
                if attempt == RETRIES or not worth_retrying(exc):
                    raise
                time.sleep(random.uniform(0, 0.02 * attempt))  # the other writer finishes; the two do not meet again
        raise AssertionError("unreachable")  # pragma: no cover

    def _after_rollback(self, exc: Exception) -> None:
        follow_up = getattr(exc, "after_rollback", None)
        if follow_up is None:
            return
        exc.after_rollback = None  # once, however many blocks it passes through
        with classify_db_error(self.url), self._writer() as session, session.begin():
            follow_up(session)

    def dispose(self) -> None:
        self.engine.dispose()

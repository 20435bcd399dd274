"""Locks for writers that may run at the same time (PostgreSQL); on SQLite a writer holds the whole database.

SQLite writers start with BEGIN IMMEDIATE, so two write transactions never overlap and these are no-ops there.
On PostgreSQL several desktops write at once under READ COMMITTED: a guarded `UPDATE ... WHERE status = :expected`
still lets only one of them win, but a writer that *reads* first ("is there a payment with this trade number?")
needs the others kept out until it commits. `serialize` does that with a transaction-scoped advisory lock on a
name; `locked` adds `FOR UPDATE` to a row read; `skip_locked` lets concurrent stock picks take different rows.
"""

from __future__ import annotations

from sqlalchemy import Select, bindparam, text
from sqlalchemy.orm import Session

_ADVISORY = text("SELECT pg_advisory_xact_lock(hashtextextended(:b_name, 0))").bindparams(bindparam("b_name"))

# What a PostgreSQL writer may meet when another one got there first and that is worth running again.
RETRY_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected


def on_server(session: Session) -> bool:
    return session.get_bind().dialect.name != "sqlite"


def serialize(session: Session, scope: str, value: object) -> None:
    """Hold the lock named (scope, value) until this transaction ends: a second writer asking for the same name
    waits for the first to commit, then reads what it wrote."""
    if on_server(session):
        session.connection().execute(_ADVISORY, {"b_name": f"{scope}:{value}"})


def locked(statement: Select) -> Select:
    """The row read with `FOR UPDATE`: the rows stay this transaction's until it ends (no-op on SQLite)."""
    return statement.with_for_update()


def skip_locked(statement: Select) -> Select:
    """`FOR UPDATE SKIP LOCKED`: rows another writer holds are passed over, not waited for (no-op on SQLite)."""
    return statement.with_for_update(skip_locked=True)


def worth_retrying(exc: BaseException) -> bool:
    """A PostgreSQL serialization failure or deadlock: the transaction was rolled back and may simply run again."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) in RETRY_SQLSTATES

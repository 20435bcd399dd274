"""Database failures a person can fix, told apart from bugs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, OperationalError


class DatabaseProblem(Exception):
    """A storage problem the user can act on (wrong file, locked, full, too new)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotADatabase(DatabaseProblem):
    pass


class DatabaseTooNew(DatabaseProblem):
    pass


class DatabaseBusy(DatabaseProblem):
    pass


_KNOWN = (
    (
        "file is not a database",
        NotADatabase,
        "{where} is not a ShopDesk (SQLite) database. Point --db / SHOPDESK_DB_URL at the right file, "
        "or move this file away to start a new shop.",
    ),
    (
        "database is locked",
        DatabaseBusy,
        "{where} is locked by another program for too long. Close other ShopDesk windows or tools and retry.",
    ),
    (
        "database or disk is full",
        DatabaseProblem,
        "The disk holding {where} is full. Free some space and retry; nothing was written.",
    ),
    ("attempt to write a readonly database", DatabaseProblem, "{where} is read-only. Check the file's permissions."),
    (
        "unable to open database file",
        DatabaseProblem,
        "Cannot open {where}. Check that the folder exists and is writable.",
    ),
    ("database disk image is malformed", DatabaseProblem, "{where} is damaged. Restore it from a backup."),
    # PostgreSQL (psycopg's words)
    (
        "password authentication failed",
        DatabaseProblem,
        "The server refused the user name or password in {where}. Check them in --db / SHOPDESK_DB_URL.",
    ),
    (
        "does not exist",
        DatabaseProblem,
        "The database named in {where} does not exist on that server. Create it (createdb) or fix the name.",
    ),
    (
        "Connection refused",
        DatabaseProblem,
        "No database server answers at {where}. Start PostgreSQL there, or check the host and port.",
    ),
    (
        "could not translate host name",
        DatabaseProblem,
        "The host in {where} is unknown. Check its spelling in --db / SHOPDESK_DB_URL.",
    ),
    (
        "timeout expired",
        DatabaseProblem,
        "The database server at {where} did not answer in time. Check the network and that it is running.",
    ),
)


def describe(where: str) -> str:
    """A database as a message may name it: the file of a SQLite URL, a server URL without its password."""
    if where.startswith("sqlite"):
        return where.split("///", 1)[-1]
    if "://" not in where:
        return where
    from sqlalchemy.engine import make_url

    try:
        return make_url(where).render_as_string(hide_password=True)
    except Exception:  # not a URL after all: name it as given
        return where


@contextmanager
def classify_db_error(where: str) -> Iterator[None]:
    try:
        yield
    except (OperationalError, DatabaseError) as exc:
        text = str(exc.orig) if getattr(exc, "orig", None) is not None else str(exc)
        if "does not exist" in text and "database" not in text:
            raise  # a missing table or column is a bug, not a missing database
        for needle, cls, message in _KNOWN:
            if needle in text:
                raise cls(message.format(where=describe(where))) from exc
        raise

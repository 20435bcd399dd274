"""Errors a person can fix, told apart from bugs, and the catalogue every such error is worded from.

`shopdesk/resources/errors.toml` holds the message of every error the storage layer, the services and the command
line raise: a raise names a message id and passes the arguments its English template uses. The storage layer's
own problems (a file that is not a database, a server that does not answer, a wrong password) are worded the
same way, so the GUI shows them in the user's language like any other error.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Message:
    code: str
    field: str | None
    text: str


def _load() -> dict[str, Message]:
    table = tomllib.loads(resources.files("shopdesk.resources").joinpath("errors.toml").read_text(encoding="utf-8"))
    flat: dict[str, dict] = {}
    for ident, entry in table.items():
        if "text" in entry:
            flat[ident] = entry
        else:  # a [section] of one feature's messages: its ids are the keys inside it
            flat.update(entry)
    return {ident: Message(ident.partition("/")[0], entry.get("field"), entry["text"]) for ident, entry in flat.items()}


MESSAGES = _load()


class Worded(Exception):
    """An error whose message is a template of errors.toml (by id) filled in with named arguments."""

    default_code = "invalid"

    def __init__(self, what: str, /, *, field: str | None = None, code: str | None = None, **args: Any):
        known = MESSAGES.get(what)
        self.template = known.text if known else what
        self.arguments = args
        self.message = self.template.format(**args) if args else self.template
        super().__init__(self.message)
        self.code = code or (known.code if known else self.default_code)
        self.field = field or (known.field if known else None)


class DatabaseProblem(Worded):
    """A storage problem the user can act on (wrong file, locked, full, too new, a server that refuses)."""

    default_code = "db.problem"


class NotADatabase(DatabaseProblem):
    pass


class DatabaseTooNew(DatabaseProblem):
    pass


class DatabaseBusy(DatabaseProblem):
    pass


class ServerUnreachable(DatabaseProblem):
    """The database server does not answer or dropped the connection: worth trying again once it is back (the GUI
    says "reconnecting…" and does)."""


# (what the driver says, the error it stands for): the first match wins.
_KNOWN: tuple[tuple[str, Callable[[str], DatabaseProblem]], ...] = (
    ("file is not a database", lambda where: NotADatabase("db.not_a_database", where=where)),
    ("database is locked", lambda where: DatabaseBusy("db.locked", where=where)),
    ("database or disk is full", lambda where: DatabaseProblem("db.disk_full", where=where)),
    ("attempt to write a readonly database", lambda where: DatabaseProblem("db.read_only", where=where)),
    ("unable to open database file", lambda where: DatabaseProblem("db.cannot_open", where=where)),
    ("database disk image is malformed", lambda where: DatabaseProblem("db.damaged", where=where)),
    # PostgreSQL (psycopg's and the server's words)
    ("password authentication failed", lambda where: DatabaseProblem("db.password_refused", where=where)),
    ("no password supplied", lambda where: DatabaseProblem("db.password_refused", where=where)),
    ("server does not support SSL", lambda where: DatabaseProblem("db.ssl_unsupported", where=where)),
    ("SSL off", lambda where: DatabaseProblem("db.ssl_required", where=where)),
    ("no pg_hba.conf entry", lambda where: DatabaseProblem("db.not_allowed", where=where)),
    ("does not exist", lambda where: DatabaseProblem("db.database_missing", where=where)),
    ("Connection refused", lambda where: ServerUnreachable("db.server_down", where=where)),
    ("could not translate host name", lambda where: DatabaseProblem("db.host_unknown", where=where)),
    ("Name or service not known", lambda where: DatabaseProblem("db.host_unknown", where=where)),
    ("timeout expired", lambda where: ServerUnreachable("db.server_timeout", where=where)),
    ("server closed the connection", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("terminating connection", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("the database system is shutting down", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("the database system is starting up", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("connection is lost", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("the connection is closed", lambda where: ServerUnreachable("db.connection_lost", where=where)),
    ("consuming input failed", lambda where: ServerUnreachable("db.connection_lost", where=where)),
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


def problem_of(exc: BaseException, where: str) -> DatabaseProblem | None:
    """The problem a person can fix that a driver error stands for, or None (a bug, or a lost race to retry)."""
    # SQLAlchemy is imported here, not with this module: the GUI words errors long before it opens a database.
    from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError

    if not isinstance(exc, (OperationalError, DatabaseError)):
        return None
    text = str(exc.orig) if getattr(exc, "orig", None) is not None else str(exc)
    if "does not exist" in text and "database" not in text:
        return None  # a missing table or column is a bug, not a missing database
    for needle, problem in _KNOWN:
        if needle in text:
            return problem(describe(where))
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return ServerUnreachable("db.connection_lost", where=describe(where))
    return None


@contextmanager
def classify_db_error(where: str) -> Iterator[None]:
    try:
        yield
    except Exception as exc:  # a driver's error (problem_of tells which); any other passes through untouched
        problem = problem_of(exc, where)
        if problem is None:
            raise
        raise problem from exc

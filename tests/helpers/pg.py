"""The suite on PostgreSQL: `--pg URL` (or $SHOPDESK_TEST_PG) names a server where the tests may create databases.

The session migrates one template database; each test gets a fresh database made from it
(`CREATE DATABASE ... TEMPLATE ...`, a file copy: far quicker than migrating again) and drops it when it ends.
"""

from __future__ import annotations

import itertools
import os

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from shopdesk.config import normalise_db_url

_counter = itertools.count(1)


def server_url(config) -> str | None:
    """The PostgreSQL server the suite runs against, or None (SQLite)."""
    return config.getoption("--pg") or os.environ.get("SHOPDESK_TEST_PG") or None


def database_url(server: str, name: str) -> str:
    return make_url(normalise_db_url(server)).set(database=name).render_as_string(hide_password=False)


def admin_engine(server: str) -> Engine:
    return create_engine(normalise_db_url(server), isolation_level="AUTOCOMMIT", poolclass=NullPool)


def fresh_name(prefix: str = "t") -> str:
    return f"{prefix}{os.getpid()}_{next(_counter)}"


def create_database(server: str, name: str, template: str | None = None) -> str:
    """Create database `name` (a copy of `template` when given) and return its URL."""
    suffix = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""  # FILE_COPY: twice as quick here
    with admin_engine(server).connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}{suffix}"))
    return database_url(server, name)


def drop_database(server: str, name: str) -> None:
    with admin_engine(server).connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def dump(url: str) -> list[str]:
    """Every row of every table as an SQL line in a stable order, worded as sqlite3's iterdump words them
    (`INSERT INTO "table" VALUES(1,'text',NULL)`), so a test reads either database's dump the same way: equal
    dumps mean nothing was written."""
    from shopdesk.db.models import Base

    engine = create_engine(normalise_db_url(url), poolclass=NullPool)
    try:
        out: list[str] = []
        with engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                rows = conn.execute(table.select().order_by(*table.primary_key.columns or table.columns)).all()
                out.extend(f'INSERT INTO "{table.name}" VALUES({",".join(map(_literal, row))});' for row in rows)
        return out
    finally:
        engine.dispose()


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return f"X'{bytes(value).hex().upper()}'"
    text = value.isoformat(sep=" ") if hasattr(value, "isoformat") else str(value)
    return "'" + text.replace("'", "''") + "'"


# Set by tests/conftest.py for the session when the suite runs on PostgreSQL: {"server": URL, "template": name}.
ACTIVE: dict[str, str] = {}

_free: list[tuple[str, str]] = []  # shop databases a finished test gave back: emptied and reseeded when taken
_snapshot: dict = {}  # the template's rows and sequence positions, read once


def new_shop_database() -> tuple[str, str] | None:
    """(name, URL) of a fresh shop database, equal to the session's template; None on SQLite.

    A database a finished test gave back is reset to the template's rows and sequence positions (a few ms);
    only when none is free is one copied from the template (`CREATE DATABASE ... TEMPLATE`, ~0.4 s)."""
    if not ACTIVE:
        return None
    if not _free:
        name = fresh_name()
        return name, create_database(ACTIVE["server"], name, ACTIVE["template"])
    name, url = _free.pop()
    _reset(url)
    return name, url


def drop_shop_database(name: str) -> None:
    """The test is done with the database: it is kept for the next test (reset when taken)."""
    _free.append((name, database_url(ACTIVE["server"], name)))


def release_all() -> None:
    """End of the session: drop every kept shop database."""
    while _free:
        drop_database(ACTIVE["server"], _free.pop()[0])
    _snapshot.clear()


def _template_snapshot() -> dict:
    if not _snapshot:
        _snapshot.update(snapshot_of(database_url(ACTIVE["server"], ACTIVE["template"])))
    return _snapshot


def snapshot_of(url: str) -> dict:
    """A shop database's rows, schema revision and sequence positions, to `restore` into another one."""
    from shopdesk.db.models import Base

    engine = create_engine(normalise_db_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            tables = Base.metadata.sorted_tables
            return {
                "rows": [(t, [dict(r._mapping) for r in conn.execute(t.select())]) for t in tables],
                "revision": conn.exec_driver_sql("SELECT version_num FROM alembic_version").all(),
                "sequences": conn.execute(
                    text("SELECT schemaname || '.' || sequencename, start_value, last_value FROM pg_sequences")
                ).all(),
            }
    finally:
        engine.dispose()


def _reset(url: str) -> None:
    restore(url, _template_snapshot())


def restore(url: str, snapshot: dict) -> None:
    """Every table back to the snapshot's rows (and its schema revision), every sequence back to where the
    snapshot's was."""
    engine = create_engine(normalise_db_url(url), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("; ".join(f'DELETE FROM "{table.name}"' for table, _ in reversed(snapshot["rows"])))
            for table, rows in snapshot["rows"]:
                if rows:
                    conn.execute(table.insert(), rows)
            conn.exec_driver_sql("DELETE FROM alembic_version")  # a test may have made it a newer schema's
            for (revision,) in snapshot["revision"]:
                conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (%s)", (revision,))
            positions = [
                f"setval('{name}', {last if last is not None else start}, {'true' if last is not None else 'false'})"
                for name, start, last in snapshot["sequences"]
            ]
            conn.exec_driver_sql("SELECT " + ", ".join(positions))
    finally:
        engine.dispose()


def raw_sql(db_url: str, sql: str, params: tuple = (), *, references_off: bool = False):
    """One statement (`?` placeholders) on a PostgreSQL database, past the app: what someone with psql can do.
    `references_off` also skips the foreign keys (as sqlite3 does by default), which takes a superuser."""
    engine = create_engine(normalise_db_url(db_url), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if references_off:
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            result = conn.exec_driver_sql(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def raw(config, sql: str, *params, references_off: bool = True):
    """A statement past the app on the shop's database, `?` placeholders: sqlite3 on the file (foreign keys off,
    sqlite3's default) or, on PostgreSQL, a connection of its own (foreign keys skipped too)."""
    if config.is_sqlite:
        import sqlite3

        from shopdesk.config import DB_FILENAME

        con = sqlite3.connect(config.data_dir / DB_FILENAME)
        try:
            with con:
                cur = con.execute(sql, params)
                return cur.fetchall()
        finally:
            con.close()
    rows = raw_sql(config.db_url, sql, params, references_off=references_off)
    return [tuple(r) for r in rows] if rows is not None else []


def stored_bytes(config) -> bytes:
    """What the database holds, as bytes to search for a secret in clear: the SQLite file and its WAL, or on
    PostgreSQL every row of every table."""
    if config.is_sqlite:
        from shopdesk.config import DB_FILENAME

        out = b""
        for name in (DB_FILENAME, DB_FILENAME + "-wal"):
            path = config.data_dir / name
            out += path.read_bytes() if path.exists() else b""
        return out
    from shopdesk.db.models import Base

    engine = create_engine(normalise_db_url(config.db_url), poolclass=NullPool)
    out = bytearray()
    try:
        with engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                for row in conn.execute(table.select()):
                    for value in row:  # bytes as they are stored (a secret in clear shows), the rest as text
                        out += bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
                        out += b"\x00"
    finally:
        engine.dispose()
    return bytes(out)

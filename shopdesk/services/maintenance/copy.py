"""`shopdesk db copy`: move a whole shop from one database to another (SQLite to PostgreSQL and back).

The target is given ShopDesk's schema by the migrations, emptied of the rows the migrations seed, and filled with
every row of the source, table by table in foreign-key order, in one transaction: a copy that fails leaves the
target as empty as it was. Sequences are set past the copied ids. The copy is then checked: the same number of
rows in every table, and doctor's invariants on the target. Secrets, hashes and the trail are copied as bytes:
the shop's key (its users' copies of the wrapping key, or its key file) opens them there as here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, inspect, select, text

from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.db.models import Base
from shopdesk.db.search_tables import is_search_object
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.maintenance import doctor

CHUNK = 5_000
DATA_TABLES = ("product", "customer", "orders", "card_key", "staff_user", "cases")  # any row: not an empty shop
Progress = Callable[[str, int, int], object]  # (table, rows copied so far, rows in the table)


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    tables: int
    rows: int
    counts: dict[str, int]
    violations: list[str]


def copy_shop(source: Database, target: Database, *, progress: Progress | None = None) -> CopyResult:
    if migrate.current_revision(source) != migrate.head_revision():
        raise InvalidInput("db.copy_source_old", source=_label(source))
    _check_empty(target)
    migrate.upgrade(target)
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    with source.read() as src, target.write() as dst:
        if source.engine.dialect.name == "postgresql":  # every table read at one instant, as SQLite's one read
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        for table in reversed(tables):  # what the migrations seeded (accounts, reasons, permissions, ...)
            dst.execute(delete(table))
        for table in tables:
            total = src.execute(select(func.count()).select_from(table)).scalar_one()
            order = list(table.primary_key.columns) or list(table.columns)
            done = 0
            for rows in src.execute(select(table).order_by(*order)).mappings().partitions(CHUNK):
                dst.execute(insert(table), [dict(r) for r in rows])
                done += len(rows)
                if progress is not None:
                    progress(table.name, done, total)
            counts[table.name] = total
        _set_sequences(dst, tables)
    with target.read() as dst:
        copied = {t.name: dst.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
        differ = [
            f"{name}: {counts[name]} rows in the source, {copied[name]} in the copy"
            for name in counts
            if copied[name] != counts[name]
        ]
        if differ:
            raise Conflict("db.copy_counts_differ", tables="; ".join(differ))
        violations = [f"{v.check}: {v.detail}" for v in doctor.run_checks(dst) if not _needs_the_key(v)]
    return CopyResult(_label(source), _label(target), len(tables), sum(counts.values()), counts, violations)


def _check_empty(target: Database) -> None:
    """A target with ShopDesk data in it (or other tables) is refused: a copy never merges two shops."""
    with target.engine.connect() as conn:
        names = {n for n in inspect(conn).get_table_names() if not is_search_object(n)}  # the search's own
        if not names:
            return
        ours = {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
        if names - ours:
            raise Conflict(
                "db.copy_target_not_empty", target=_label(target), tables=", ".join(sorted(names - ours)[:5])
            )
        for name in DATA_TABLES:
            if name in names and conn.execute(text(f"SELECT 1 FROM {name} LIMIT 1")).first() is not None:
                raise Conflict("db.copy_target_not_empty", target=_label(target), tables=name)


def _set_sequences(session, tables) -> None:
    """PostgreSQL: each id sequence past the copied ids (SQLite moves its own counters on explicit ids)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false) "
                    f"WHERE pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"
                )
            )


def _needs_the_key(violation) -> bool:
    """Checks that need the shop's key, which the copy neither has nor needs (the key opens the copy later)."""
    return violation.check in ("the vault key is this shop's",) or "chain" in violation.check


def _label(db: Database) -> str:
    return db.url.split("///", 1)[-1] if db.is_sqlite else db.engine.url.render_as_string(hide_password=True)


def copy_to_file(source: Database, path: str, *, progress: Progress | None = None) -> CopyResult:
    """The desktop's File → Copy the shop to a file…: `db copy` into a new SQLite file, for the owner only."""
    from pathlib import Path

    from shopdesk.services.common import access

    source.run("write", lambda session: access.require_owner(session, subject="shop:copy"))
    file = Path(path).expanduser().resolve()
    if file.exists() and file.stat().st_size > 0:
        raise Conflict("db.copy_target_not_empty", target=str(file), tables="(file exists)")
    target = Database(f"sqlite:///{file}")
    try:
        return copy_shop(source, target, progress=progress)
    finally:
        target.dispose()

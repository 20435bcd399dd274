"""Schema migrations, run programmatically at start-up and by `shopdesk db upgrade`."""

from __future__ import annotations

import ast
import functools
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from shopdesk.db.engine import READ_ONLY, Database
from shopdesk.db.errors import DatabaseTooNew, classify_db_error, describe

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

SCRIPT_LOCATION = "shopdesk.db:migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(db: Database) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    return _script_facts()[0]


def known_revisions() -> frozenset[str]:
    """Every revision this code knows (a database at another one was written by a newer ShopDesk)."""
    return _script_facts()[1]


@functools.cache
def _script_facts() -> tuple[str, frozenset[str]]:
    """The head and every revision, read once per process from the scripts' `revision = ...` and
    `down_revision = ...` lines. Alembic itself (about 0.7 s to import, 40 ms to load the scripts) is imported only
    when a schema has to move: opening an up-to-date shop, as every start and CLI command does, never needs it."""
    revisions: dict[str, tuple[str, ...]] = {}
    for script in (resources.files("shopdesk.db") / "migrations" / "versions").iterdir():
        if script.name.endswith(".py") and not script.name.startswith("_"):
            revision, down = _revision_of(script.read_text(encoding="utf-8"))
            revisions[revision] = down
    pointed_at = {d for downs in revisions.values() for d in downs}
    heads = [r for r in revisions if r not in pointed_at]
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts have {len(heads)} heads: {sorted(heads)}")
    return heads[0], frozenset(revisions)


def _revision_of(source: str) -> tuple[str, tuple[str, ...]]:
    """(revision, its down revisions) from a migration script's module-level assignments."""
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if target is None and isinstance(node, ast.AnnAssign):
            target = node.target
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
            found[target.id] = ast.literal_eval(node.value)
    down = found.get("down_revision")
    downs = () if down is None else (down,) if isinstance(down, str) else tuple(down)
    return str(found["revision"]), downs


def current_revision(db: Database) -> str | None:
    """The schema revision in force, read without taking the write lock."""
    with classify_db_error(db.url), db.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
        if len(rows) > 1:
            raise RuntimeError(f"the database has {len(rows)} schema revisions: {sorted(rows)}")
        return rows[0] if rows else None


def check_not_newer(db: Database) -> str | None:
    """Refuse a database written by a newer ShopDesk: its revision is unknown to this code."""
    rev = current_revision(db)
    if rev is None:
        return None
    if rev not in known_revisions():
        raise DatabaseTooNew("db.too_new", where=describe(db.url), revision=rev)
    return rev


def upgrade(db: Database, revision: str = "head") -> str:
    """Bring the schema up to `revision`; returns the revision now in force. A schema already there is only read
    (no write lock taken), so a read-only command never waits behind a writer."""
    current = check_not_newer(db)
    if revision == "head" and current is not None and current == head_revision():
        return current
    from alembic import command

    cfg = alembic_config(db)
    with classify_db_error(db.url), db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(db) or ""

"""Schema migrations, run programmatically at start-up and by `shopdesk db upgrade`."""

from __future__ import annotations

import functools

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from shopdesk.db.engine import READ_ONLY, Database
from shopdesk.db.errors import DatabaseTooNew, classify_db_error, describe

SCRIPT_LOCATION = "shopdesk.db:migrations"


def alembic_config(db: Database) -> AlembicConfig:
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
    """The head and every revision, read from the migration scripts once per process: loading them compiles every
    script (about 40 ms), and each open of a shop asks."""
    script = ScriptDirectory.from_config(_bare_config())
    return script.get_current_head(), frozenset(s.revision for s in script.walk_revisions())


def current_revision(db: Database) -> str | None:
    """The schema revision in force, read without taking the write lock."""
    with classify_db_error(db.url), db.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
    cfg = alembic_config(db)
    with classify_db_error(db.url), db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(db) or ""


def _bare_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg

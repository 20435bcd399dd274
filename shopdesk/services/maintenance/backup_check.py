"""Checking a backup file: that it is a ShopDesk database whole and sound, and that it holds what the shop held.

A SQLite backup carries its manifest inside, in a table of its own (`shopdesk_backup`): the row counts, the hash
chains' heads and the schema revision of the shop at the moment of the copy, and (single-user shops, when asked)
the vault key sealed under a backup passphrase. So a backup file verifies on its own, anywhere. A pg_dump archive
keeps its manifest beside it (`<name>.json`).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.db.models import Base
from shopdesk.db.search_tables import is_search_object
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault, VaultError

MANIFEST_TABLE = "shopdesk_backup"  # (name TEXT PRIMARY KEY, value TEXT): "manifest", "vault_key"
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
FORMAT = 1


def tables() -> list[str]:
    """The shop's tables of data, whose rows a manifest counts."""
    return [t.name for t in Base.metadata.sorted_tables if not is_search_object(t.name)]


def snapshot(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the shop holds, read on `conn` (inside the transaction the copy is made in): counts, chain heads,
    schema revision, the vault's check value."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    rows = {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in tables() if name in names}
    heads = {}
    if "chain_head" in names:
        heads = {
            name: [last, digest] for name, last, digest in conn.execute("SELECT name, last_id, hash FROM chain_head")
        }
    schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    check = conn.execute("SELECT value FROM setting WHERE key = 'vault.check'").fetchone()
    return {
        "format": FORMAT,
        "schema": schema[0] if schema else None,
        "rows": rows,
        "chain_head": heads,
        "vault_check": check[0] if check else None,
    }


def header_problem(path: Path) -> None:
    """Refuse a file that is not a SQLite database, or one cut short of the size its header announces."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(100)
    if not head.startswith(SQLITE_MAGIC[: min(len(head), 16)]) or not head:
        raise InvalidInput("backup.not_a_database", path=str(path))
    if len(head) < 100:
        raise InvalidInput("backup.truncated", path=str(path), size=size, expected="100+")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # the header's page count is current (SQLite 3.7.0+)
    if valid and pages and size < pages * page_size:
        raise InvalidInput("backup.truncated", path=str(path), size=size, expected=pages * page_size)


def ro_uri(path: Path) -> str:
    """`file:` URI opening the file read-only (its path quoted: a folder may have '?' or '#' in its name)."""
    return f"file:{quote(str(path))}?mode=ro"


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(ro_uri(path), uri=True, isolation_level=None)


def identify(path: Path) -> tuple[str, dict | None, str | None]:
    """(schema revision, manifest or None, sealed vault key or None) of a SQLite backup; InvalidInput when it is
    not a ShopDesk database or made by a newer ShopDesk."""
    header_problem(path)
    try:
        conn = read_only(path)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in names or "setting" not in names:
                raise InvalidInput("backup.not_shopdesk", path=str(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            extra: dict[str, str] = {}
            if MANIFEST_TABLE in names:
                extra = dict(conn.execute(f"SELECT name, value FROM {MANIFEST_TABLE}").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput("backup.damaged", path=str(path), why=str(exc)) from None
    if row is None:
        raise InvalidInput("backup.not_shopdesk", path=str(path))
    revision = row[0]
    if revision not in known_revisions():
        raise InvalidInput("backup.too_new", path=str(path), revision=revision)
    manifest = json.loads(extra["manifest"]) if "manifest" in extra else None
    return revision, manifest, extra.get("vault_key")


def known_revisions() -> frozenset[str]:
    return migrate.known_revisions()


def verify_sqlite(path: Path, *, vault: Vault | None = None, in_place: bool = False) -> dict[str, Any]:
    """Check a SQLite backup. `in_place`: the file is our own new copy (journal mode DELETE), read where it lies;
    otherwise it is read from a temporary copy, brought up to this ShopDesk's schema when older."""
    revision, manifest, sealed = identify(path)
    if in_place:
        return _check(path, revision, manifest, sealed, vault)
    with tempfile.TemporaryDirectory(prefix="shopdesk-verify-") as tmp:
        copy = Path(tmp) / "backup.sqlite3"
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o600)
        return _check(copy, revision, manifest, sealed, vault, shown=path)


def _check(path, revision, manifest, sealed, vault, *, shown: Path | None = None) -> dict[str, Any]:
    from shopdesk.services.common import chain
    from shopdesk.services.maintenance import doctor

    shown = shown or path
    problems: list[str] = []
    try:
        conn = read_only(path)
        try:
            found = snapshot(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput("backup.damaged", path=str(shown), why=str(exc)) from None
    if manifest is not None:
        for name, count in manifest.get("rows", {}).items():
            if found["rows"].get(name) != count:
                problems.append(f"{name}: {count} rows at backup time, {found['rows'].get(name)} in the file")
        if manifest.get("chain_head", {}) != found["chain_head"]:
            problems.append("the trail's chain heads differ from the shop's at backup time")
    if revision != migrate.head_revision():  # an older backup: checked as this ShopDesk will use it
        db = Database(f"sqlite:///{path}")
        try:
            migrate.upgrade(db)
        finally:
            db.dispose()
    key_checks = vault is not None and vault.check_value == found["vault_check"]
    info: dict[str, Any] = {"read_only": True}
    if key_checks:
        info["vault"] = vault
    else:
        info["vault_error"] = VaultError("vault.locked")
    engine = create_engine("sqlite://", creator=lambda: read_only(path), poolclass=NullPool)
    try:
        with Session(engine, info=info) as session:
            violations = doctor.run_checks(session)
            heads = chain.heads(session)
    except Exception as exc:  # noqa: BLE001 - a file whose pages do not read is damaged, whatever the query
        if isinstance(exc, InvalidInput):
            raise
        raise InvalidInput("backup.damaged", path=str(shown), why=str(exc).splitlines()[0]) from None
    finally:
        engine.dispose()
    if not key_checks:
        violations = [v for v in violations if v.check != "the vault key is this shop's"]
    doctor_lines = [f"{v.check}: {v.detail}" for v in violations]
    return {
        "ok": not problems and not doctor_lines,
        "path": str(shown),
        "schema": revision,
        "made_at": manifest.get("made_at") if manifest else None,
        "manifest": manifest is not None,
        "rows": found["rows"],
        "chain_head": {name: [last, digest] for name, (last, digest) in heads.items()},
        "doctor": doctor_lines,
        "problems": problems,
        "key_checks": key_checks,
        "vault_key": (manifest or {}).get("vault_key", "sealed" if sealed else "unknown"),
    }

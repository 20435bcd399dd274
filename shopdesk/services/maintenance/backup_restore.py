"""Restoring a backup: verified first, never under a running ShopDesk, the current database kept aside.

SQLite: the backup is copied beside the database, its manifest dropped, then moved into place (the database that
was there becomes `shopdesk.sqlite3.before-restore-YYYYMMDD-HHMMSS`), and brought up to this ShopDesk's schema.
PostgreSQL: into an empty server database only — a SQLite backup through `db copy`, a pg_dump archive through
pg_restore. A vault key sealed in the backup is written back as vault.key (0600) with the backup passphrase.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from shopdesk.config import Config
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.services.common import clock, keystore, settings
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.maintenance import backup, backup_check, backup_key, running


def restore(
    config: Config,
    path: str | os.PathLike,
    *,
    yes: bool = False,
    passphrase: str | None = None,
    vault=None,
    actor: str = "system",
) -> dict[str, Any]:
    """Put the backup at `path` in place of the shop's database. Refused (nothing changed) while another process has
    the shop open, for a file that does not verify, without `yes` when a database is there already, and for a
    sealed vault key without its passphrase or a different vault.key in the way (unless `yes`).

    Returns {"restored", "kept_aside", "schema_from", "schema_to", "vault_key", "verified"}."""
    file = Path(path).expanduser().resolve()
    checked = backup.verify(file, vault=vault)
    if not checked["ok"]:
        problems = "; ".join(checked["problems"] + checked["doctor"])[:500]
        raise Conflict("backup.restore_not_ok", path=str(file), problems=problems)
    alone = running.take_alone(config.data_dir)
    if alone is None:
        raise Conflict("backup.shop_open", folder=str(config.data_dir))
    try:
        key = _key_to_write(config, file, checked, yes=yes, passphrase=passphrase)
        result = _into_sqlite(config, file, yes=yes) if config.is_sqlite else _into_server(config, file)
        if key is not None:
            _write_key(config, key)
        result["schema_from"] = checked["schema"]
        result["verified"] = True
        result["vault_key"] = _on_the_record(config, result, actor, key or vault, restored_key=key is not None)
        return result
    finally:
        alone.release()


def _on_the_record(config: Config, result: dict, actor: str, vault, *, restored_key: bool) -> str:
    """The restored shop's trail says it was restored, from which file (sealed into the chain now when the key is
    at hand, else at the next write that has it). Returns where the restored shop's key stands: "restored" (written
    back from the backup), "not_needed" (accounts: wrapped inside), "in_place" (the data folder's vault.key is the
    shop's), "missing" or "other" (vault.key must be brought back from where it was kept apart)."""
    from shopdesk.services.common import access, audit

    db = Database(config.db_url)
    try:
        with db.write() as session:
            if restored_key:
                state = "restored"
            elif access.protected(session):
                state = "not_needed"
            else:
                present = keystore.read_key_file(keystore.key_path(config.data_dir))
                check = settings.get(session, "vault.check")
                state = "missing" if present is None else "in_place" if present.check_value == check else "other"
            if vault is not None and vault.check_value == settings.get(session, "vault.check"):
                session.info["vault"] = vault
            audit.record(
                session,
                actor=actor,
                action="backup.restored",
                subject="shop",
                path=result["restored"],
                kept_aside=result["kept_aside"],
            )
    finally:
        db.dispose()
    return state


# --- the vault key ---------------------------------------------------------------------------------------------


def sealed_key(file: Path) -> str | None:
    if file.name.endswith(".pgdump"):
        from shopdesk.services.maintenance import backup_pg

        return (backup_pg.manifest_of(file) or {}).get("sealed_vault_key")
    return backup_check.identify(file)[2]


def _key_to_write(config: Config, file: Path, checked: dict, *, yes: bool, passphrase: str | None):
    """The vault key to write back (a sealed one, opened), checked before anything moves; None when none is."""
    sealed = sealed_key(file)
    if sealed is None:
        return None
    if not passphrase:
        raise InvalidInput("backup.passphrase_needed", path=str(file))
    vault = backup_key.open_sealed(sealed, passphrase, path=str(file))
    present = keystore.read_key_file(keystore.key_path(config.data_dir))
    if present is not None and present.check_value != vault.check_value and not yes:
        raise Conflict("backup.vault_key_differs", found=present.key_id_hex, key_id=vault.key_id_hex)
    return vault


def _write_key(config: Config, vault) -> None:
    path = keystore.key_path(config.data_dir)
    present = keystore.read_key_file(path)
    if present is not None:
        if present.check_value == vault.check_value:
            return
        os.replace(path, path.with_name(f"vault-{present.key_id_hex}.retired.key"))
    keystore.write_key_file(path, vault)


# --- SQLite ----------------------------------------------------------------------------------------------------


def _into_sqlite(config: Config, file: Path, *, yes: bool) -> dict[str, Any]:
    if file.name.endswith(".pgdump"):
        raise InvalidInput("backup.pgdump_into_sqlite", path=str(file))
    db_file = Path(config.db_label)
    present = db_file.exists() and db_file.stat().st_size > 0
    if present and not yes:
        raise Conflict("backup.restore_confirm", path=str(file), db=str(db_file))
    db_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    incoming = db_file.with_name(db_file.name + ".restoring")
    incoming.unlink(missing_ok=True)
    fd = os.open(incoming, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    shutil.copyfile(file, incoming)
    conn = sqlite3.connect(incoming, isolation_level=None)
    try:
        conn.execute(f"DROP TABLE IF EXISTS {backup_check.MANIFEST_TABLE}")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    backup._fsync(incoming)
    kept = None
    if present:
        kept = _set_aside(db_file)
    for suffix in ("-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    os.replace(incoming, db_file)
    backup._fsync_dir(db_file.parent)
    db = Database(config.db_url)
    try:
        try:
            after = migrate.upgrade(db)
        except Exception as exc:  # noqa: BLE001 - said with the way back
            raise Conflict("backup.restore_failed", why=str(exc)[:200], kept=str(kept), db=str(db_file)) from None
    finally:
        db.dispose()
    return {
        "restored": str(file),
        "database": str(db_file),
        "kept_aside": str(kept) if kept else None,
        "schema_to": after,
    }


def _set_aside(db_file: Path) -> Path:
    """The current database, whole (its WAL folded in), renamed `<name>.before-restore-YYYYMMDD-HHMMSS`."""
    try:
        conn = sqlite3.connect(db_file, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged database is kept aside as it is, WAL and all
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = db_file.with_name(f"{db_file.name}.before-restore-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = db_file.with_name(f"{db_file.name}.before-restore-{stamp}-{n}")
    os.replace(db_file, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db_file) + suffix)
        if side.exists() and side.stat().st_size > 0:
            os.replace(side, Path(str(kept) + suffix))
    return kept


# --- PostgreSQL ------------------------------------------------------------------------------------------------


def _into_server(config: Config, file: Path) -> dict[str, Any]:
    """Into an empty server database only: a shop already there is not overwritten (drop and create it first)."""
    from shopdesk.services.maintenance import copy as copying

    target = Database(config.db_url)
    try:
        try:
            copying._check_empty(target)
        except Conflict:
            raise Conflict("backup.pg_not_empty", db=config.db_label) from None
        if file.name.endswith(".pgdump"):
            return _pg_restore(config, file, target)
        with tempfile.TemporaryDirectory(prefix="shopdesk-restore-") as tmp:
            copy = Path(tmp) / "backup.sqlite3"
            shutil.copyfile(file, copy)
            conn = sqlite3.connect(copy, isolation_level=None)
            try:
                conn.execute(f"DROP TABLE IF EXISTS {backup_check.MANIFEST_TABLE}")
            finally:
                conn.close()
            source = Database(f"sqlite:///{copy}")
            try:
                migrate.upgrade(source)
                copying.copy_shop(source, target)
            finally:
                source.dispose()
        after = migrate.current_revision(target)
    finally:
        target.dispose()
    return {"restored": str(file), "database": config.db_label, "kept_aside": None, "schema_to": after}


def _pg_restore(config: Config, file: Path, target: Database) -> dict[str, Any]:
    from shopdesk.services.maintenance import backup_pg

    tool = backup_pg.tool("pg_restore")
    if tool is None:
        raise InvalidInput("backup.pg_tools_missing", path=str(file), tool="pg_restore")
    target.dispose()
    url, env = backup_pg.libpq(config.db_url)
    done = subprocess.run(
        [
            tool,
            "--no-owner",
            "--clean",
            "--if-exists",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url}",
            str(file),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:200]
        raise Conflict(
            "backup.restore_failed", why=why, kept="(none: the server database was empty)", db=config.db_label
        )
    after = migrate.upgrade(target)
    return {"restored": str(file), "database": config.db_label, "kept_aside": None, "schema_to": after}

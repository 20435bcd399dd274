"""Backups: a consistent copy of the running shop, verified before it counts, kept 7 days and 4 weeks.

SQLite: the online backup API copies the database page by page inside one read transaction (WAL: writers go on
meanwhile, the copy is the shop at that instant) into `shopdesk-YYYYMMDD-HHMMSS.sqlite3.partial` in the backup
folder; the manifest (row counts, chain heads, schema) goes inside; the file is fsynced, verified (doctor on it,
counts and chain heads against the manifest) and only then renamed to its final name. A process killed on the way
leaves a `.partial`, which no listing shows and the next backup removes. PostgreSQL: pg_dump when it is on PATH
(see backup_pg), else `db copy` into a SQLite file verified the same way. Old backups are pruned only after a new one
verified. Files 0600, folder 0700.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from shopdesk.config import Config
from shopdesk.services.common import access, clock, settings, webhooks, zone
from shopdesk.services.common.errors import Conflict
from shopdesk.services.maintenance import backup_check, backup_key

log = logging.getLogger(__name__)

PAGES = 4096  # pages per step of the online backup: the source's lock is let go between steps
NAME = re.compile(r"^shopdesk-(\d{8})-(\d{6})(?:-(\d+))?\.(sqlite3|pgdump)$")
PARTIAL = ".partial"
LOCK = ".backup.lock"
LAST_AT, LAST_ERROR, LAST_PATH = "backup.last_at", "backup.last_error", "backup.last_path"
AMBER_AFTER = timedelta(days=2)


# --- where -----------------------------------------------------------------------------------------------------


def folder_of(config: Config, chosen: str = "") -> Path:
    """The backup folder: the one given (or set in backup.dir), else <data dir>/backups."""
    return Path(chosen).expanduser().resolve() if chosen else Path(config.data_dir) / "backups"


def backup_folder(session, config: Config) -> Path:
    return folder_of(config, settings.value(session, "backup.dir"))


def same_disk(config: Config, folder: Path) -> bool:
    """Whether the backups would die with the database's disk (same device)."""
    where = Path(config.db_label).parent if config.is_sqlite else Path(config.data_dir)
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return os.stat(probe).st_dev == os.stat(where).st_dev
    except OSError:
        return False


def _private_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise Conflict("backup.write_failed", folder=str(folder), why=exc.strerror or str(exc)) from None
    if folder.stat().st_uid == os.getuid():
        os.chmod(folder, 0o700)


# --- the list --------------------------------------------------------------------------------------------------


def stamp_of(name: str) -> datetime | None:
    found = NAME.match(name)
    if found is None:
        return None
    return datetime.strptime(found[1] + found[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def list_backups(config: Config, folder: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """{"backups": [{"path", "at", "size"}]}, newest first: finished backups only (never a `.partial`)."""
    folder = folder or folder_of(config, _setting(config, "backup.dir"))
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            at = stamp_of(path.name)
            if at is not None and path.is_file():
                found.append({"path": str(path), "at": at.isoformat(), "size": path.stat().st_size, "_sort": path.name})
    found.sort(key=lambda b: (b["at"], b["_sort"]), reverse=True)
    for b in found:
        del b["_sort"]
    return {"backups": found}


def _setting(config: Config, key: str):
    from shopdesk.db.engine import Database

    db = Database(config.db_url)
    try:
        return db.run("read", settings.value, key)
    finally:
        db.dispose()


# --- making one ------------------------------------------------------------------------------------------------


def create(
    app,
    to_dir: str | os.PathLike | None = None,
    *,
    passphrase: str | None = None,
    check_owner: bool = True,
) -> dict[str, Any]:
    """Back the shop up now: {"path", "size", "verified", "vault_key", "same_disk", "pruned", ...}.

    `app` is the open ShopApp (services import no app: the caller opens the shop). Owner only where accounts exist (the
    automatic backup passes check_owner=False: it is the shop's own doing). A failure is recorded (backup.last_error)
    and raised; the partial file is removed and older backups are kept."""

    def look(session):
        if check_owner:
            access.require_owner(session, subject="shop:backup")
        return {
            "folder": backup_folder(session, app.config),
            "keep": (settings.value(session, "backup.keep_daily"), settings.value(session, "backup.keep_weekly")),
            "zone": zone.shop_zone(session),
            "protected": access.protected(session),
        }

    plan = app.db.run("read", look)
    folder = Path(to_dir).expanduser().resolve() if to_dir else plan["folder"]
    try:
        result = _make(app, folder, plan, passphrase)
    except Exception as exc:  # a refusal, a full disk, a server gone: each is recorded and told, then raised
        record_failure(app, exc)
        raise
    if not result["verified"]:  # a faithful copy of a shop doctor finds problems in: kept, never counted as good
        result["pruned"] = []
        record_failure(app, Conflict("backup.shop_unsound", path=result["path"], problems=result["doctor"]))
        return result
    result["pruned"] = prune(folder, *plan["keep"], tz=plan["zone"])
    record_success(app, result)
    return result


def _make(app, folder: Path, plan: dict, passphrase: str | None) -> dict[str, Any]:
    from shopdesk.services.common import keystore

    _private_folder(folder)
    with _folder_lock(folder):
        remove_partials(folder)
        engine = "pgdump" if not app.config.is_sqlite and _pg_dump_ready() else "sqlite3"
        final = _free_name(folder, clock.now(), "pgdump" if engine == "pgdump" else "sqlite3")
        partial = final.with_name(final.name + PARTIAL)
        if plan["protected"]:
            vault_key, sealed = backup_key.NOT_NEEDED, None
        elif passphrase:
            key = keystore.read_key_file(keystore.key_path(app.config.data_dir)) or app.vault
            vault_key, sealed = backup_key.SEALED, backup_key.seal(key, passphrase)
        else:
            vault_key, sealed = backup_key.NOT_INCLUDED, None
        try:
            if engine == "pgdump":
                from shopdesk.services.maintenance import backup_pg

                checked = backup_pg.dump(app, partial, vault_key=vault_key, sealed=sealed)
            else:
                _copy(app, partial, vault_key=vault_key, sealed=sealed)
                _fsync(partial)
                checked = backup_check.verify_sqlite(partial, vault=_vault_or_none(app), in_place=True)
            if checked["problems"]:  # the copy is not the shop (rows or chain heads differ, a file cut short)
                problems = "; ".join(checked["problems"] + checked["doctor"])[:500]
                raise Conflict("backup.verify_failed", problems=problems)
            # Doctor's problems alone may be the shop's own (a copy has every row the shop has): the copy is kept,
            # unverified, and the failure told, so a shop with a problem is still backed up every day.
            os.replace(partial, final)
            sidecar = partial.with_name(partial.name + ".json")
            if sidecar.exists():
                os.replace(sidecar, final.with_name(final.name + ".json"))
            _fsync_dir(folder)
        except OSError as exc:
            _discard(partial)
            if exc.errno == errno.ENOSPC:
                raise Conflict("backup.disk_full", folder=str(folder)) from None
            raise Conflict("backup.write_failed", folder=str(folder), why=exc.strerror or str(exc)) from None
        except sqlite3.OperationalError as exc:
            _discard(partial)
            if "full" in str(exc).lower():
                raise Conflict("backup.disk_full", folder=str(folder)) from None
            raise Conflict("backup.write_failed", folder=str(folder), why=str(exc)) from None
        except BaseException:
            _discard(partial)
            raise
    return {
        "path": str(final),
        "size": final.stat().st_size,
        "verified": checked["ok"],
        "doctor": "; ".join(checked["doctor"])[:500],
        "at": stamp_of(final.name).isoformat(),
        "engine": engine,
        "vault_key": vault_key,
        "same_disk": same_disk(app.config, folder),
        "rows": sum(checked["rows"].values()),
        "key_checks": checked["key_checks"],
    }


def _vault_or_none(app):
    try:
        return app.vault
    except Exception:  # noqa: BLE001 - a shop whose vault is locked is still backed up; the key checks wait
        return None


def _copy(app, partial: Path, *, vault_key: str, sealed: str | None) -> None:
    """The shop into `partial` (a new SQLite file, 0600): the online backup API, or `db copy` from a server."""
    import json

    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    if app.config.is_sqlite:
        src = sqlite3.connect(app.config.db_label, isolation_level=None, timeout=15)
        try:
            src.execute("BEGIN")  # one snapshot: the counts below and the pages copied are the same instant
            manifest = backup_check.snapshot(src)
            dst = sqlite3.connect(partial, isolation_level=None)
            try:
                backup_pages(src, dst)
            finally:
                dst.close()
            src.execute("COMMIT")
        finally:
            src.close()
    else:
        from shopdesk.db.engine import Database
        from shopdesk.services.maintenance.copy import copy_shop

        target = Database(f"sqlite:///{partial}")
        try:
            copy_shop(app.db, target)
        finally:
            target.dispose()
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            manifest = backup_check.snapshot(conn)
        finally:
            conn.close()
    manifest.update(made_at=clock.now().isoformat(), source=app.config.db_label, vault_key=vault_key)
    dst = sqlite3.connect(partial, isolation_level=None)
    try:
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        dst.execute(f"CREATE TABLE {backup_check.MANIFEST_TABLE} (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        dst.execute(f"INSERT INTO {backup_check.MANIFEST_TABLE} VALUES ('manifest', ?)", (json.dumps(manifest),))
        if sealed is not None:
            dst.execute(f"INSERT INTO {backup_check.MANIFEST_TABLE} VALUES ('vault_key', ?)", (sealed,))
    finally:
        dst.close()
    os.chmod(partial, 0o600)


def backup_pages(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """The online backup, PAGES at a time (a test slows it to kill a backup half way)."""
    src.backup(dst, pages=PAGES)


def _pg_dump_ready() -> bool:
    from shopdesk.services.maintenance import backup_pg

    return backup_pg.tool("pg_dump") is not None


def _free_name(folder: Path, at: datetime, suffix: str) -> Path:
    base = f"shopdesk-{at.astimezone(UTC):%Y%m%d-%H%M%S}"
    path, n = folder / f"{base}.{suffix}", 1
    while path.exists() or path.with_name(path.name + PARTIAL).exists():
        n += 1
        path = folder / f"{base}-{n}.{suffix}"
    return path


def remove_partials(folder: Path) -> list[str]:
    """What a backup killed half way left behind (called under the folder's lock: no backup is running)."""
    gone = []
    for path in folder.glob(f"shopdesk-*{PARTIAL}*"):
        if path.is_file():
            path.unlink(missing_ok=True)
            gone.append(str(path))
    return gone


def _discard(partial: Path) -> None:
    for path in (partial, partial.with_name(partial.name + ".json"), partial.with_name(partial.name + "-journal")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", path)


class _folder_lock:  # noqa: N801 - used as a context manager
    """One backup at a time per folder (flock on .backup.lock), across processes."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        _fsync(folder)
    except OSError:  # pragma: no cover - a file system that cannot fsync a directory
        pass


# --- keeping 7 days and 4 weeks --------------------------------------------------------------------------------


def to_keep(names: list[str], keep_daily: int, keep_weekly: int, tz) -> set[str]:
    """The newest backup of each of the `keep_daily` latest days that have one (of the newest day, all of them),
    then the newest of each of the `keep_weekly` ISO weeks before those days (days and weeks in the shop's zone)."""
    dated = sorted(((stamp_of(n), n) for n in names if stamp_of(n) is not None), reverse=True)
    keep: set[str] = set()
    days: list[date] = []
    for at, name in dated:
        day = at.astimezone(tz).date()
        if days and day == days[0]:
            keep.add(name)  # every backup of the newest day stays (a backup made by hand before a risky change)
        elif day not in days:
            if len(days) == keep_daily:
                break
            days.append(day)
            keep.add(name)
    weeks: list[tuple[int, int]] = []
    oldest_day = days[-1] if days else None
    for at, name in dated:
        day = at.astimezone(tz).date()
        if oldest_day is not None and day >= oldest_day:
            continue
        week = day.isocalendar()[:2]
        if week not in weeks:
            if len(weeks) == keep_weekly:
                break
            weeks.append(week)
            keep.add(name)
    return keep


def prune(folder: Path, keep_daily: int, keep_weekly: int, *, tz=UTC) -> list[str]:
    """Remove the backups retention does not keep (and their manifests); the paths removed."""
    names = [p.name for p in folder.iterdir() if stamp_of(p.name) is not None]
    keep = to_keep(names, keep_daily, keep_weekly, tz)
    gone = []
    for name in names:
        if name not in keep:
            (folder / name).unlink(missing_ok=True)
            (folder / (name + ".json")).unlink(missing_ok=True)
            gone.append(str(folder / name))
    return sorted(gone)


# --- once a day, and what happened last --------------------------------------------------------------------


def due(session) -> bool:
    """An automatic backup is due: backup.auto is on and no backup was made today (in the shop's zone)."""
    if not settings.value(session, "backup.auto"):
        return False
    last = last_at(session)
    tz = zone.shop_zone(session)
    return last is None or last.astimezone(tz).date() != clock.now().astimezone(tz).date()


def last_at(session) -> datetime | None:
    raw = settings.get(session, LAST_AT)
    try:
        return datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def status(session) -> dict[str, Any]:
    """The last backup, for the status bar: {"at", "error", "path", "age_hours", "colour"} (green, amber, red)."""
    at = last_at(session)
    age = None if at is None else clock.now() - at
    colour = "red" if at is None else "amber" if age >= AMBER_AFTER else "green"
    return {
        "at": at,
        "error": settings.get(session, LAST_ERROR) or "",
        "path": settings.get(session, LAST_PATH) or "",
        "age_hours": None if age is None else age.total_seconds() / 3600,
        "colour": colour,
    }


def run_due(app) -> dict[str, Any] | None:
    """The automatic backup, when one is due: its result, or None. A failure is recorded and raised."""
    if not app.db.run("read", due):
        return None
    return create(app, check_owner=False)


def record_success(app, result: dict) -> None:
    def put(session):
        settings.put(session, LAST_AT, clock.now().isoformat())
        settings.put(session, LAST_PATH, result["path"])
        settings.delete(session, LAST_ERROR)

    _quietly(app, put)


def record_failure(app, error: Exception) -> None:
    text = getattr(error, "message", str(error))
    code = getattr(error, "code", type(error).__name__)

    def put(session):
        settings.put(session, LAST_ERROR, text)
        _tell_failure(session, text, code)

    _quietly(app, put)


def _tell_failure(session, error: str, code: str) -> None:
    """The one place a failed backup is told off the desktop: the `backup_failed` webhooks, in the same transaction
    as the recorded error."""
    log.info("backup failed: %s", error)
    webhooks.enqueue(session, "backup_failed", code=code, reason=error)


def _quietly(app, fn) -> None:
    try:
        app.db.run("write", fn)
    except Exception:  # noqa: BLE001 - the backup's own result stands; the record is a convenience
        log.exception("could not record the backup's result")


def verify(path: str | os.PathLike, *, vault=None) -> dict[str, Any]:
    """Check a backup file on its own: {"ok", "doctor", "rows", "chain_head", "schema", ...}; InvalidInput for a
    file that is not a ShopDesk backup (not a database, cut short, made by a newer ShopDesk)."""
    from shopdesk.services.common.errors import InvalidInput

    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise InvalidInput("backup.not_found", path=str(file))
    if file.name.endswith(".pgdump"):
        from shopdesk.services.maintenance import backup_pg

        return backup_pg.verify(file)
    return backup_check.verify_sqlite(file, vault=vault)

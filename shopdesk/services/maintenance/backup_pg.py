"""PostgreSQL backups through pg_dump (custom format), when it is on PATH.

The dump runs on a snapshot exported from a REPEATABLE READ transaction (`pg_dump --snapshot`): the manifest's row
counts and chain heads, and doctor's checks, are read in that same transaction, so they describe exactly the data
dumped. The manifest goes beside the archive (`<name>.json`, 0600). Verifying an archive: pg_restore reads its
table of contents, which must hold the data of every ShopDesk table. Restoring one: pg_restore into an empty
database (backup_restore)."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.maintenance import backup_check


def tool(name: str) -> str | None:
    """pg_dump / pg_restore: on PATH, else in the usual Debian place (the newest version)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1] if candidates else None


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL as libpq takes it (no driver name, no password) and the environment that carries the password."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def dump(app, partial: Path, *, vault_key: str, sealed: str | None) -> dict[str, Any]:
    from shopdesk.services.maintenance import doctor

    url, env = libpq(app.config.db_url)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    with app.db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        rows = {
            name: conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one() for name in backup_check.tables()
        }
        heads = {n: [last, h] for n, last, h in conn.execute(text("SELECT name, last_id, hash FROM chain_head"))}
        schema = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        with Session(bind=conn, info=dict(app.db.session_info, read_only=True)) as session:
            violations = [f"{v.check}: {v.detail}" for v in doctor.run_checks(session)]
        done = subprocess.run(
            [tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--no-owner", f"--file={partial}", url],
            env=env,
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        if "No space left" in done.stderr:
            raise OSError(28, why)
        raise OSError(0, f"pg_dump: {why}")
    manifest = {
        "format": backup_check.FORMAT,
        "schema": schema,
        "rows": rows,
        "chain_head": heads,
        "made_at": clock.now().isoformat(),
        "source": app.config.db_label,
        "vault_key": vault_key,
        "sealed_vault_key": sealed,
    }
    sidecar = partial.with_name(partial.name + ".json")
    fd = os.open(sidecar, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(manifest, f)
        f.flush()
        os.fsync(f.fileno())
    checked = verify(partial, manifest=manifest)
    checked["doctor"] = violations
    checked["ok"] = checked["ok"] and not violations
    checked["key_checks"] = "vault" in app.db.session_info
    return checked


def manifest_of(path: Path) -> dict | None:
    sidecar = path.with_name(path.name + ".json")
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _count_rows(restore: str, path: Path) -> dict[str, int]:
    """Rows per table in the archive, read by pg_restore into its script (every block decompressed)."""
    import tempfile

    counts: dict[str, int] = {}
    with tempfile.TemporaryFile() as errors:
        command = [restore, "--data-only", "-f", "-", str(path)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors) as proc:
            current = None
            assert proc.stdout is not None
            for line in proc.stdout:
                if current is None:
                    if line.startswith(b"COPY "):
                        current = line.split()[1].split(b".")[-1].strip(b'"').decode()
                        counts[current] = 0
                elif line == b"\\.\n":
                    current = None
                else:
                    counts[current] += 1
            code = proc.wait()
        errors.seek(0)
        why = errors.read().decode(errors="replace").strip()
    if code != 0:
        raise InvalidInput("backup.damaged", path=str(path), why=why[:200] or f"pg_restore exit {code}")
    return counts


def verify(path: Path, *, manifest: dict | None = None) -> dict[str, Any]:
    """The archive's table of contents holds every table's data; the manifest beside it says how many rows."""
    with open(path, "rb") as f:
        if not f.read(5).startswith(backup_check.PGDUMP_MAGIC):
            raise InvalidInput("backup.not_a_database", path=str(path))
    restore = tool("pg_restore")
    if restore is None:
        raise InvalidInput("backup.pg_tools_missing", path=str(path), tool="pg_restore")
    listed = subprocess.run([restore, "--list", str(path)], capture_output=True, text=True)
    if listed.returncode != 0:
        raise InvalidInput("backup.damaged", path=str(path), why=listed.stderr.strip()[:200])
    manifest = manifest or manifest_of(path)
    present = {line.split()[-2] for line in listed.stdout.splitlines() if " TABLE DATA " in line}
    problems = [f"{name}: no data in the archive" for name in backup_check.tables() if name not in present]
    if "alembic_version" not in present:
        raise InvalidInput("backup.not_shopdesk", path=str(path))
    if manifest is None:
        problems.append("the manifest beside the archive (.json) is missing")
    elif manifest.get("schema") not in backup_check.known_revisions():
        raise InvalidInput("backup.too_new", path=str(path), revision=manifest.get("schema"))
    counted = _count_rows(restore, path)  # every data block read: an archive cut short fails here
    for name, rows in ((manifest or {}).get("rows") or {}).items():
        if counted.get(name, 0) != rows:
            problems.append(f"{name}: {counted.get(name, 0)} rows in the archive, the manifest says {rows}")
    return {
        "ok": not problems,
        "path": str(path),
        "schema": (manifest or {}).get("schema"),
        "made_at": (manifest or {}).get("made_at"),
        "manifest": manifest is not None,
        "rows": (manifest or {}).get("rows", {}),
        "chain_head": (manifest or {}).get("chain_head", {}),
        "doctor": [],
        "problems": problems,
        "key_checks": False,
        "vault_key": (manifest or {}).get("vault_key", "unknown"),
    }

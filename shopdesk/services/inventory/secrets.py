"""Secrets out of the vault, always under audit: a reveal for a person, an export to a file that never escapes
the trail (recorded before its first secret is written, and again once the file is in place)."""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import io
import os
import re
import socket
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import KEY_STATUSES, CardKey, Product
from shopdesk.services.common import access, audit
from shopdesk.services.common.errors import InvalidInput, NotFound, ShopError
from shopdesk.services.common.vault import Vault
from shopdesk.services.inventory import keys

EXPORT_COLUMNS = ("id", "sku", "card_no", "secret", "status", "batch", "expires_at")


def reveal(session: Session, vault: Vault, key_id: int, *, actor: str, reason: str = "") -> str:
    """The plaintext secret, for a person who needs it; the reveal is audited and in the key's history."""
    access.require(session, "keys.reveal", subject=f"key:{key_id}")
    key = session.get(CardKey, key_id)
    if key is None:
        raise NotFound("key.not_found", key=key_id)
    secret = vault.open_secret(key.secret_enc, key.secret_hash, key.product_id)
    audit.record(session, actor=actor, action="key.reveal", subject=f"key:{key_id}", reason=reason)
    keys.record_events(session, [key_id], "revealed", actor, note=reason)
    return secret


@dataclass(frozen=True)
class ExportSpec:
    """Which keys, which columns, which format (csv or txt)."""

    product_id: int | None = None
    statuses: tuple[str, ...] = ("available",)
    columns: tuple[str, ...] = ("card_no", "secret")
    fmt: str = "csv"

    def check(self) -> ExportSpec:
        unknown = [c for c in self.columns if c not in EXPORT_COLUMNS]
        if unknown:
            raise InvalidInput(
                "export.column_unknown/unknown", choices=", ".join(EXPORT_COLUMNS), got=", ".join(unknown)
            )
        if not self.columns:
            raise InvalidInput("export.column_unknown/none", choices=", ".join(EXPORT_COLUMNS))
        bad = [s for s in self.statuses if s not in KEY_STATUSES]
        if bad:
            raise InvalidInput("key.status_unknown/unknown", choices=", ".join(KEY_STATUSES), got=", ".join(bad))
        if not self.statuses:
            raise InvalidInput("key.status_unknown/none", choices=", ".join(KEY_STATUSES))
        if self.fmt not in ("csv", "txt"):
            raise InvalidInput("export.format_unknown/option")
        return self

    def query(self):
        query = select(func.count()).select_from(CardKey).where(CardKey.status.in_(list(self.statuses)))
        if self.product_id is not None:
            query = query.where(CardKey.product_id == self.product_id)
        return query


@dataclass(frozen=True)
class ExportResult:
    count: int
    columns: tuple[str, ...]
    audit_id: int  # the "export finished" event
    started_id: int = 0  # the "export started" event, committed before the first secret was written


class ExportFailed(ShopError):
    """The export stopped part-way; its partial file was removed and the trail says so."""

    exit_code = 1


@access.needs("keys.export")
def write_keys(session: Session, vault: Vault, out: io.TextIOBase, spec: ExportSpec) -> int:
    """Write the keys as plain CSV (formula cells neutralised) or TXT (secrets exactly as stored). No audit: the
    caller records it (`export_to_path`)."""
    spec.check()
    query = (
        select(
            CardKey.id,
            Product.sku,
            CardKey.card_no,
            CardKey.secret_enc,
            CardKey.secret_hash,
            CardKey.product_id,
            CardKey.status,
            CardKey.batch_id,
            CardKey.expires_at,
        )
        .join(Product, Product.id == CardKey.product_id)
        .where(CardKey.status.in_(list(spec.statuses)))
        .order_by(CardKey.id)
    )
    if spec.product_id is not None:
        query = query.where(CardKey.product_id == spec.product_id)
    columns = spec.columns
    writer = csv.writer(out, lineterminator="\n") if spec.fmt == "csv" else None
    if writer:
        writer.writerow(columns)
    count = 0
    for row in session.execute(query).yield_per(5000):
        values = {
            "id": row.id,
            "sku": row.sku,
            "card_no": row.card_no or "",
            "status": row.status,
            "batch": row.batch_id,
            "expires_at": row.expires_at.date().isoformat() if row.expires_at else "",
        }
        if "secret" in columns:
            values["secret"] = vault.open_secret(row.secret_enc, row.secret_hash, row.product_id)
        if writer:
            writer.writerow([_plain(str(values[c])) for c in columns])
        else:
            out.write(" ".join(str(values[c]) for c in columns) + "\n")
        count += 1
    return count


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
TEMP_PREFIX = ".shopdesk-export-"


def export_to_path(
    db,
    vault: Vault,
    path: str | os.PathLike,
    *,
    actor: str,
    product_id: int | None = None,
    statuses: Sequence[str] = ("available",),
    columns: Sequence[str] = ("card_no", "secret"),
) -> ExportResult:
    """Export to a file (CSV, or TXT by suffix), owner-only, replaced whole, never outside the trail.

    `db` is the shop's Database: "export started" (who, how many, which filter, which file) commits before the
    first secret is written; "export finished" after the file is in place. A failure removes the partial file
    and records "export failed"; a process killed mid-way leaves a temporary file that the next start removes."""
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "txt"):
        raise InvalidInput("export.format_unknown/file", file=out.name)
    spec = ExportSpec(product_id, tuple(statuses), tuple(columns), fmt).check()
    if not out.parent.is_dir():
        raise InvalidInput("export.folder_missing", folder=str(out.parent))
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=TEMP_PREFIX)
    fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while writing: the file is not abandoned
        with db.write() as session:
            access.require(session, "keys.export", subject=f"product:{product_id}" if product_id else "all")
            count = session.execute(spec.query()).scalar_one()
            started = audit.record(
                session,
                actor=actor,
                action="keys.export_started",
                subject=f"product:{product_id}" if product_id else "all",
                count=count,
                statuses=list(spec.statuses),
                columns=list(spec.columns),
                format=spec.fmt,
                file=str(out.resolve()),
                temp=str(Path(tmp).resolve()),
                host=socket.gethostname(),
            )
    except BaseException:
        fh.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        with fh:
            with db.read() as session:
                written = write_keys(session, vault, fh, spec)
            fh.flush()
            os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, out)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        try:
            _check_write(exc, out)
        except ExportFailed as failed:  # writing failed (a full disk, ...): recorded, then told
            _record_failure(db, actor, started, out, failed.message)
            raise
        _record_failure(
            db, actor, started, out, f"The export stopped ({type(exc).__name__}); the partial file was removed."
        )
        raise
    with db.write() as session:
        finished = audit.record(
            session,
            actor=actor,
            action="keys.export_finished",
            subject=f"audit:{started}",
            count=written,
            file=str(out),
        )
    return ExportResult(written, spec.columns, finished, started)


def _check_write(exc: BaseException, out: Path) -> None:
    """ExportFailed, saying why, when the export stopped because writing the file failed (an OSError)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        raise ExportFailed("export.disk_full", folder=str(out.parent)) from exc
    if isinstance(exc, OSError):
        raise ExportFailed("export.write_failed", file=str(out), why=str(exc.strerror or exc)) from exc


def _record_failure(db, actor: str, started: int, out: Path, why: str) -> None:
    """The trail's "export failed" (best effort: the export's own error is what the caller must see)."""
    with contextlib.suppress(Exception), db.write() as session:
        audit.record(
            session, actor=actor, action="keys.export_failed", subject=f"audit:{started}", file=str(out), why=why
        )


def _plain(value: str) -> str:
    # A cell starting with = + - @ would run as a formula when opened in a spreadsheet ("=1+2", "-1+cmd|..."
    # included); only a plain signed number is left as it is.
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _NUMBER.fullmatch(value) else value


def remove_abandoned_exports(session: Session, *, actor: str = "system") -> list[str]:
    """Temporary files of exports that never finished on this computer (the process was killed): removed, and the
    trail says so. A file still locked belongs to an export in progress and is left alone."""
    host = socket.gethostname()
    started = audit.recent(session, action="keys.export_started", limit=200)
    if not started:
        return []
    ended = {
        e.subject
        for action in ("keys.export_finished", "keys.export_failed", "keys.export_abandoned")
        for e in audit.recent(session, action=action, limit=1000)
    }
    removed = []
    for event in started:
        if f"audit:{event.id}" in ended or event.detail.get("host") != host:
            continue
        temp = Path(event.detail.get("temp", ""))
        if not temp.name.startswith(TEMP_PREFIX):
            continue
        try:
            with open(temp, "rb") as fh:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                temp.unlink()
        except FileNotFoundError:
            pass
        except BlockingIOError:
            continue  # still being written
        removed.append(str(temp))
        audit.record(session, actor=actor, action="keys.export_abandoned", subject=f"audit:{event.id}", temp=str(temp))
    return removed

"""Card keys after import: browse (ids first, rows on demand), history, reveal and export under audit,
void / recover, move between products, expiry sweep, stock alerts."""

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
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain
from pathlib import Path

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import KEY_STATUSES, CardKey, KeyBatch, KeyEvent, OrderLine, Product
from shopdesk.services.common import audit, clock
from shopdesk.services.common import outbox as changefeed
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, ShopError
from shopdesk.services.common.keystore import vault_of
from shopdesk.services.common.vault import Vault, mask
from shopdesk.services.orders import selling as orders

SORTABLE = ("id", "status_changed_at", "expires_at")
EXPORT_COLUMNS = ("id", "sku", "card_no", "secret", "status", "batch", "expires_at")


@dataclass(frozen=True)
class KeyFilter:
    product_id: int | None = None
    status: str | None = None
    batch_id: int | None = None
    expires_within_days: int | None = None
    card_no: str | None = None
    secret_hash: bytes | None = None  # exact-secret search, through the keyed hash
    sort: str = "id"
    descending: bool = False


@dataclass(frozen=True)
class KeyRow:
    id: int
    sku: str
    card_no: str | None
    masked_secret: str
    status: str
    batch_id: int
    supplier: str
    expires_at: datetime | None
    status_changed_at: datetime
    order_id: int | None


@dataclass(frozen=True)
class KeyHistoryLine:
    at: datetime
    kind: str
    actor: str
    order_id: int | None
    note: str


def _where(f: KeyFilter) -> list:
    if f.status is not None and f.status not in KEY_STATUSES:
        raise InvalidInput(f"Status {f.status!r} is unknown; use one of {', '.join(KEY_STATUSES)}.", field="status")
    clauses = []
    if f.product_id is not None:
        clauses.append(CardKey.product_id == f.product_id)
    if f.status:
        clauses.append(CardKey.status == f.status)
        if (f.product_id, f.batch_id, f.expires_within_days, f.card_no, f.secret_hash) == (None,) * 5:
            # Status alone: every key has a product, and naming them all lets the planner seek (product, status)
            # in ix_card_key_product_status instead of reading the whole table (void: 11 ms instead of 96 on 1M
            # keys). With any other condition the table is read anyway and the seek would only add lookups.
            clauses.append(CardKey.product_id.in_(select(Product.id)))
    if f.batch_id is not None:
        clauses.append(CardKey.batch_id == f.batch_id)
    if f.expires_within_days is not None:
        clauses.append(CardKey.expires_at.is_not(None))
        clauses.append(CardKey.expires_at <= clock.now() + timedelta(days=f.expires_within_days))
    if f.card_no:
        clauses.append(CardKey.card_no == f.card_no.strip())
    if f.secret_hash is not None:
        clauses.append(CardKey.secret_hash == f.secret_hash)
    return clauses


def key_ids(session: Session, f: KeyFilter) -> list[int]:
    """The ids matching the filter, in display order; the view fetches rows for the ids it shows."""
    return key_id_array(session, f).tolist()


def key_id_array(session: Session, f: KeyFilter) -> array:
    """key_ids packed as 8-byte integers (8 MB for a million), read with the driver's own cursor: a million
    ids must not become a million Row objects on their way to the key browser."""
    if f.sort not in SORTABLE:
        raise InvalidInput(f"Keys sort by {', '.join(SORTABLE)}.", field="sort")
    column = getattr(CardKey, f.sort)
    where = _where(f)
    query = select(CardKey.id).where(*where)
    # Filtered by id, the ids come from an index in sorted runs (one per product and status): Python's sort merges
    # runs in a few ms, where the database would sort them all in a temporary b-tree (300,000 ids: 95 ms, not 145).
    sort_here = f.sort == "id" and bool(where)
    if not sort_here:
        query = query.order_by(*([column.desc(), CardKey.id.desc()] if f.descending else [column, CardKey.id]))
    conn = session.connection()
    compiled = query.compile(dialect=conn.dialect)
    params = {}
    for name, value in compiled.construct_params().items():
        process = compiled.binds[name].type.bind_processor(conn.dialect)
        params[name] = process(value) if process else value
    cursor = conn.connection.cursor()  # this session's connection: the same transaction and snapshot
    try:
        cursor.execute(str(compiled), tuple(params[n] for n in compiled.positiontup) if compiled.positional else params)
        ids = array("q")
        while rows := cursor.fetchmany(100_000):
            ids.extend(chain.from_iterable(rows))
    finally:
        cursor.close()
    return array("q", sorted(ids, reverse=f.descending)) if sort_here else ids


def count_keys(session: Session, f: KeyFilter) -> int:
    return session.execute(select(func.count()).select_from(CardKey).where(*_where(f))).scalar_one()


def key_rows(session: Session, ids: Sequence[int]) -> dict[int, KeyRow]:
    """Rows for a screenful of ids (any order); secrets stay masked."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            CardKey.id,
            Product.sku,
            CardKey.card_no,
            CardKey.secret_tail,
            CardKey.status,
            CardKey.batch_id,
            KeyBatch.supplier,
            CardKey.expires_at,
            CardKey.status_changed_at,
            OrderLine.order_id,
        )
        .join(Product, Product.id == CardKey.product_id)
        .join(KeyBatch, KeyBatch.id == CardKey.batch_id)
        .outerjoin(OrderLine, OrderLine.id == CardKey.order_line_id)
        .where(CardKey.id.in_(list(ids)))
    )
    return {r[0]: KeyRow(r[0], r[1], r[2], mask(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows}


def find_by_secret(session: Session, vault: Vault, secret: str) -> KeyFilter:
    """A filter matching exactly the key with this secret (pasted by a person), through the keyed hash."""
    if not secret.strip():
        raise InvalidInput("Paste the secret to search for.", field="secret")
    return KeyFilter(secret_hash=vault.hash(secret))


def history(session: Session, key_id: int) -> list[KeyHistoryLine]:
    """Imported, reserved, delivered, recalled, voided, revealed…: every line with its operator."""
    key = session.get(CardKey, key_id)
    if key is None:
        raise NotFound(f"No key with id {key_id}.", field="key")
    batch = session.get(KeyBatch, key.batch_id)
    lines = [
        KeyHistoryLine(
            batch.imported_at, "imported", batch.imported_by, None, f"batch {batch.id} {batch.supplier}".strip()
        )
    ]
    lines += [
        KeyHistoryLine(e.at, e.kind, e.actor, e.order_id, e.note)
        for e in session.execute(select(KeyEvent).where(KeyEvent.key_id == key_id).order_by(KeyEvent.id)).scalars()
    ]
    return lines


def reveal(session: Session, vault: Vault, key_id: int, *, actor: str, reason: str = "") -> str:
    """The plaintext secret, for a person who needs it; the reveal is audited and in the key's history."""
    key = session.get(CardKey, key_id)
    if key is None:
        raise NotFound(f"No key with id {key_id}.", field="key")
    secret = vault.open_secret(key.secret_enc, key.secret_hash, key.product_id)
    audit.record(session, actor=actor, action="key.reveal", subject=f"key:{key_id}", reason=reason)
    _events(session, [key_id], "revealed", actor, None, reason)
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
        if unknown or not self.columns:
            raise InvalidInput(
                f"Export columns are {', '.join(EXPORT_COLUMNS)}; got {', '.join(unknown) or 'none'}.",
                field="columns",
            )
        bad = [s for s in self.statuses if s not in KEY_STATUSES]
        if bad or not self.statuses:
            raise InvalidInput(
                f"Statuses are {', '.join(KEY_STATUSES)}; got {', '.join(bad) or 'none'}.", field="status"
            )
        if self.fmt not in ("csv", "txt"):
            raise InvalidInput("Export format is csv or txt.", field="format")
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
        raise InvalidInput(f"{out.name}: keys are exported to a .csv or a .txt file.", field="format")
    spec = ExportSpec(product_id, tuple(statuses), tuple(columns), fmt).check()
    if not out.parent.is_dir():
        raise InvalidInput(f"{out.parent} does not exist; choose another folder.", field="out")
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=TEMP_PREFIX)
    fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # held while writing: the file is not abandoned
        with db.write() as session:
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
        reason = _failure(exc, out)
        with contextlib.suppress(Exception), db.write() as session:
            audit.record(
                session, actor=actor, action="keys.export_failed", subject=f"audit:{started}", file=str(out), why=reason
            )
        if isinstance(exc, OSError):
            raise ExportFailed(reason, field="out") from exc
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


def _failure(exc: BaseException, out: Path) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return (
            f"The disk holding {out.parent} is full: the export stopped part-way, its partial file was removed and "
            "no key file was written. Free some space (or choose another folder) and export again."
        )
    if isinstance(exc, OSError):
        return f"Writing {out} failed ({exc.strerror or exc}); the partial file was removed and nothing was exported."
    return f"The export stopped ({type(exc).__name__}); the partial file was removed."


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


def void_keys(session: Session, ids: Sequence[int], *, actor: str, reason: str) -> int:
    """Take available (or recalled) keys out of sale for good, with the reason."""
    if not reason.strip():
        raise InvalidInput("Say why the keys are voided (e.g. 'supplier says used').", field="reason")
    moved = _move_status(session, ids, ("available", "recalled"), "void", actor, reason)
    return len(moved)


def recover_voided(session: Session, ids: Sequence[int], *, actor: str, reason: str = "") -> int:
    """Undo a wrong void made today (local day of the void) by putting the keys back on sale."""
    day_start = clock.now() - timedelta(hours=24)
    keys = session.execute(select(CardKey).where(CardKey.id.in_(list(ids)))).scalars().all()
    if len(keys) != len(set(ids)):
        raise NotFound("Some of those keys do not exist.", field="keys")
    late = [k.id for k in keys if k.status != "void" or k.status_changed_at < day_start]
    if late:
        raise Conflict(
            f"Key(s) {', '.join(map(str, late[:10]))} cannot be recovered: only keys voided within the last 24 hours "
            "can be put back.",
            field="keys",
        )
    moved = _move_status(session, ids, ("void",), "available", actor, reason or "void undone")
    return len(moved)


def check_recalled(session: Session, key_id: int, *, used: bool, actor: str) -> str:
    """The supplier checked a recalled key: unused goes back on sale, used is voided. Returns the new status."""
    new = "void" if used else "available"
    _move_status(session, [key_id], ("recalled",), new, actor, "checked: used" if used else "checked: unused")
    return new


def move_keys(session: Session, ids: Sequence[int], target_product_id: int, *, actor: str) -> int:
    """Move available keys to another product of the same delivery kind (a mislabelled batch)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidInput("No key selected.", field="keys")
    target = session.get(Product, target_product_id)
    if target is None:
        raise NotFound(f"No product with id {target_product_id}.", field="product")
    sources = session.execute(
        select(CardKey.product_id, Product.kind)
        .join(Product, Product.id == CardKey.product_id)
        .where(CardKey.id.in_(list(ids)))
        .distinct()
    ).all()
    if any(kind != target.kind for _, kind in sources):
        raise Conflict(
            f"{target.sku} sells '{target.kind}' keys; keys of another kind cannot move there.", field="product"
        )
    # A sealed secret is bound to its product: moving a key seals it again for the new one.
    vault = vault_of(session)
    now = clock.now()
    held = session.execute(
        select(CardKey.id, CardKey.product_id, CardKey.secret_enc, CardKey.secret_hash).where(
            CardKey.id.in_(ids), CardKey.status == "available"
        )
    ).all()
    moves = [
        {
            "b_id": r.id,
            "b_from": r.product_id,
            "b_enc": vault.encrypt_secret(
                vault.open_secret(r.secret_enc, r.secret_hash, r.product_id), r.secret_hash, target.id
            ),
        }
        for r in held
    ]
    result = []
    if moves:
        moved = session.connection().execute(
            update(CardKey.__table__)
            .where(
                CardKey.__table__.c.id == bindparam("b_id"),
                CardKey.__table__.c.status == "available",
                CardKey.__table__.c.product_id == bindparam("b_from"),
            )
            .values(product_id=target.id, secret_enc=bindparam("b_enc"), status_changed_at=now),
            moves,
        )
        if moved.rowcount == len(moves):
            result = [m["b_id"] for m in moves]
    if len(result) != len(ids):
        raise Conflict("Only available keys can move; some of these are reserved, sold or void.", field="keys")
    if target.kind == "reusable" and (
        len(result) > 1
        or session.execute(
            select(func.count()).where(CardKey.product_id == target.id, CardKey.status == "available")
        ).scalar_one()
        > 1
    ):
        raise Conflict(
            f"{target.sku} is a reusable product: it sells one secret. Void its current secret before moving "
            "another one there.",
            field="product",
        )
    _events(session, result, "moved", actor, None, f"to {target.sku}")
    orders.fill_awaiting(session, actor=actor, product_ids=[target.id])
    changefeed.emit_many(session, "stock", [target.id, *(pid for pid, _ in sources)])
    return len(result)


def expire_due(session: Session, *, actor: str = "system") -> int:
    """Mark available keys past their expiry as expired (run at start-up and hourly)."""
    now = clock.now()
    due = session.execute(
        select(CardKey.id, CardKey.product_id).where(
            CardKey.status == "available", CardKey.expires_at.is_not(None), CardKey.expires_at <= now
        )
    ).all()
    if not due:
        return 0
    ids = [k for k, _ in due]
    for start in range(0, len(ids), 5000):
        _move_status(session, ids[start : start + 5000], ("available",), "expired", actor, "expiry date passed")
    return len(ids)


@dataclass(frozen=True)
class StockAlert:
    product_id: int
    sku: str
    name: str
    kind: str  # "low_stock", "expiring" or "damaged"
    available: int
    threshold: int
    expiring: int  # keys expiring within the week, or (damaged) keys quarantined within the week


def alerts(session: Session, *, expiring_within_days: int = 7) -> list[StockAlert]:
    """Products below their low-stock threshold, and products with available keys expiring soon."""
    out = []
    available = dict(
        session.execute(
            select(CardKey.product_id, func.count()).where(CardKey.status == "available").group_by(CardKey.product_id)
        ).all()
    )
    soon = clock.now() + timedelta(days=expiring_within_days)
    expiring = dict(
        session.execute(
            select(CardKey.product_id, func.count())
            .where(CardKey.status == "available", CardKey.expires_at.is_not(None), CardKey.expires_at <= soon)
            .group_by(CardKey.product_id)
        ).all()
    )
    # Keys delivery found damaged (their secret does not open) and took out of sale in the last week.
    damaged = dict(
        session.execute(
            select(CardKey.product_id, func.count())
            .where(
                CardKey.status == "void",
                CardKey.status_changed_at >= clock.now() - timedelta(days=7),
                CardKey.id.in_(select(KeyEvent.key_id).where(KeyEvent.kind == "quarantined")),
            )
            .group_by(CardKey.product_id)
        ).all()
    )
    for p in session.execute(select(Product).where(Product.active.is_(True)).order_by(Product.sku)).scalars():
        have = available.get(p.id, 0)
        if p.kind != "reusable" and have < p.low_stock_threshold:
            out.append(StockAlert(p.id, p.sku, p.name, "low_stock", have, p.low_stock_threshold, 0))
        if expiring.get(p.id):
            out.append(StockAlert(p.id, p.sku, p.name, "expiring", have, p.low_stock_threshold, expiring[p.id]))
        if damaged.get(p.id):
            out.append(StockAlert(p.id, p.sku, p.name, "damaged", have, p.low_stock_threshold, damaged[p.id]))
    return out


def _move_status(
    session: Session, ids: Sequence[int], expected: Sequence[str], new: str, actor: str, note: str
) -> list[int]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidInput("No key selected.", field="keys")
    moved = session.execute(
        update(CardKey)
        .where(and_(CardKey.id.in_(ids), CardKey.status.in_(list(expected))))
        .values(status=new, status_changed_at=clock.now(), order_line_id=None)
        .returning(CardKey.id, CardKey.product_id)
        .execution_options(synchronize_session=False)
    ).all()
    if len(moved) != len(ids):
        raise Conflict(
            f"{len(ids) - len(moved)} of the {len(ids)} key(s) are not {' or '.join(expected)}; nothing was changed.",
            field="keys",
        )
    _events(session, [k for k, _ in moved], new if new != "available" else "restocked", actor, None, note)
    changefeed.emit_many(session, "stock", {p for _, p in moved})
    if new == "available":  # keys back on sale go first to orders already paid and waiting
        orders.fill_awaiting(session, actor=actor, product_ids=sorted({p for _, p in moved}))
    changefeed.emit_many(session, "key", [k for k, _ in moved])
    return [k for k, _ in moved]


def _events(session: Session, ids: Sequence[int], kind: str, actor: str, order_id: int | None, note: str) -> None:
    at = clock.now()
    session.execute(
        insert(KeyEvent),
        [
            {"key_id": k, "kind": kind, "actor": actor, "order_id": order_id, "case_id": None, "at": at, "note": note}
            for k in ids
        ],
    )

"""Card-key stock: add a batch by hand, void / recover / check recalled keys, move keys between products, the
expiry sweep and the stock alerts. Every status change goes through `keys.transition`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, KeyEvent, Product
from shopdesk.services.common import access, clock, notes, outbox, settings
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.keystore import vault_of
from shopdesk.services.common.vault import Vault, normalise_secret
from shopdesk.services.inventory import batches, keys
from shopdesk.services.inventory.parsing import ParsedKey

_CHUNK = 500  # bound on the number of hashes per IN (...) look-up


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    added: int
    filled_orders: tuple[int, ...]


@access.needs("keys.import")
def add_keys(
    session: Session,
    vault: Vault,
    product_id: int,
    pairs: Sequence[tuple[str | None, str]],
    *,
    actor: str,
    supplier: str = "",
    unit_cost_fen: int = 0,
    expires_at: datetime | None = None,
    note: str = "",
) -> BatchResult:
    """Add (card number, secret) pairs as one batch, all or nothing; any duplicate refuses the batch."""
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("product.not_found", field="product", product=product_id)
    if not pairs:
        raise InvalidInput("batch.empty")
    fresh: dict[bytes, ParsedKey] = {}
    seen: dict[bytes, int] = {}
    for n, (card_no, secret) in enumerate(pairs, start=1):
        clean = normalise_secret(secret)
        if not clean:
            raise InvalidInput("batch.secret_missing", n=n)
        digest = vault.hash(clean)
        if digest in seen:
            raise Conflict("batch.duplicate", n=n, first=seen[digest])
        seen[digest] = n
        fresh[digest] = ParsedKey(n, (card_no or "").strip() or None, clean)
    keys.check_one_reusable_secret(session, product_id, adding=len(fresh))
    if known := batches.existing_hashes(session, list(fresh)):
        clash = session.execute(select(CardKey.id).where(CardKey.secret_hash == min(known))).scalar_one()
        raise Conflict("batch.secret_known", key=clash)
    details = batches.Batch(supplier, unit_cost_fen, expires_at, note)
    writer = batches.BatchWriter(session, vault, product, details, actor=actor, now=clock.now())
    writer.write(fresh)
    batch_id, filled = writer.finish()
    return BatchResult(batch_id, len(fresh), filled)


def stock_summary(session: Session) -> dict[int, dict[str, int]]:
    """Per product id: key count per status."""
    out: dict[int, dict[str, int]] = {}
    for pid, status, n in session.execute(
        select(CardKey.product_id, CardKey.status, func.count()).group_by(CardKey.product_id, CardKey.status)
    ):
        out.setdefault(pid, {})[status] = n
    return out


def void_keys(session: Session, ids: Sequence[int], *, actor: str, reason: str) -> int:
    """Take available (or recalled) keys out of sale for good, with the reason."""
    if not reason.strip():
        raise InvalidInput("key.void_reason_missing")
    moved = _move_status(session, ids, ("available", "recalled"), "void", actor, reason)
    return len(moved)


def recover_voided(session: Session, ids: Sequence[int], *, actor: str, reason: str = "") -> int:
    """Undo a wrong void made today (local day of the void) by putting the keys back on sale."""
    day_start = clock.now() - timedelta(hours=24)
    keys = session.execute(select(CardKey).where(CardKey.id.in_(list(ids)))).scalars().all()
    if len(keys) != len(set(ids)):
        raise NotFound("key.not_found/recover_voided")
    late = [k.id for k in keys if k.status != "void" or k.status_changed_at < day_start]
    if late:
        raise Conflict("key.recover_too_late", keys=", ".join(map(str, late[:10])))
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
        raise InvalidInput("key.none_selected")
    target = session.get(Product, target_product_id)
    if target is None:
        raise NotFound("product.not_found", field="product", product=target_product_id)
    sources = session.execute(
        select(CardKey.product_id, Product.kind)
        .join(Product, Product.id == CardKey.product_id)
        .where(CardKey.id.in_(list(ids)))
        .distinct()
    ).all()
    if any(kind != target.kind for _, kind in sources):
        raise Conflict("key.move_kind_mismatch", sku=target.sku, kind=target.kind)
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
        raise Conflict("key.not_available/move_keys")
    keys.record_events(session, result, "moved", actor, note=notes.coded("key.moved", sku=target.sku))
    outbox.emit_each(session, [("stock", p) for p in sorted({target.id, *(pid for pid, _ in sources)})])
    keys.restocked(session, [target.id], actor)
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
    expiring: int  # keys expiring within `days`, or (damaged) keys quarantined within the week
    days: int = 7  # the expiry window (setting stock.expiring_days)


def alerts(session: Session, *, expiring_within_days: int | None = None) -> list[StockAlert]:
    """Products below their low-stock threshold, and products with available keys expiring soon (within the
    setting stock.expiring_days unless told)."""
    if expiring_within_days is None:
        expiring_within_days = settings.value(session, "stock.expiring_days")
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
            out.append(
                StockAlert(
                    p.id, p.sku, p.name, "expiring", have, p.low_stock_threshold, expiring[p.id], expiring_within_days
                )
            )
        if damaged.get(p.id):
            out.append(StockAlert(p.id, p.sku, p.name, "damaged", have, p.low_stock_threshold, damaged[p.id]))
    return out


def _move_status(
    session: Session, ids: Sequence[int], expected: Sequence[str], new: str, actor: str, note: str
) -> list[int]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidInput("key.none_selected")
    moved = keys.transition(session, ids, expected=tuple(expected), to=new, actor=actor, line=None, note=note)
    if len(moved) != len(ids):
        raise Conflict(
            "key.status_changed", stuck=len(ids) - len(moved), total=len(ids), expected=" or ".join(expected)
        )
    return [m.key_id for m in moved]

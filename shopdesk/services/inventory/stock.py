"""Card-key stock: add a batch of keys (sealed by the vault) and let waiting orders take them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, KeyBatch, Product
from shopdesk.services.common import clock
from shopdesk.services.common import outbox as changefeed
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.vault import Vault, normalise_secret
from shopdesk.services.orders import selling as orders

_CHUNK = 500  # bound on the number of hashes per IN (...) look-up


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    added: int
    filled_orders: tuple[int, ...]


def add_keys(
    session: Session,
    vault: Vault,
    product_id: int,
    keys: Sequence[tuple[str | None, str]],
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
        raise NotFound(f"No product with id {product_id}.", field="product")
    if not keys:
        raise InvalidInput("The batch holds no key.", field="keys")
    now = clock.now()
    rows, seen = [], {}
    for n, (card_no, secret) in enumerate(keys, start=1):
        clean = normalise_secret(secret)
        if not clean:
            raise InvalidInput(f"Key {n}: the secret is empty.", field="keys")
        enc, digest, tail = vault.seal(clean, product_id)
        if digest in seen:
            raise Conflict(f"Key {n} repeats key {seen[digest]} of this batch.", field="keys")
        seen[digest] = n
        rows.append(
            {
                "product_id": product_id,
                "card_no": (card_no or "").strip() or None,
                "secret_enc": enc,
                "secret_hash": digest,
                "secret_tail": tail,
                "status": "available",
                "expires_at": expires_at,
                "status_changed_at": now,
            }
        )
    if product.kind == "reusable" and len(rows) != 1:
        raise InvalidInput("A reusable product sells one secret: add exactly one key.", field="keys")
    hashes = list(seen)
    for start in range(0, len(hashes), _CHUNK):
        clash = session.execute(
            select(CardKey.id).where(CardKey.secret_hash.in_(hashes[start : start + _CHUNK])).limit(1)
        ).scalar_one_or_none()
        if clash is not None:
            raise Conflict(
                f"A secret of this batch is already in stock or was sold before (key {clash}).", field="keys"
            )
    batch_id = session.execute(
        insert(KeyBatch)
        .values(
            product_id=product_id,
            supplier=supplier,
            unit_cost_fen=unit_cost_fen,
            expires_at=expires_at,
            note=note,
            imported_by=actor,
            imported_at=now,
            key_count=len(rows),
        )
        .returning(KeyBatch.id)
    ).scalar_one()
    for row in rows:
        row["batch_id"] = batch_id
    session.execute(insert(CardKey), rows)
    changefeed.emit(session, "stock", product_id)
    filled = orders.fill_awaiting(session, actor=actor, product_ids=[product_id])
    return BatchResult(batch_id, len(rows), tuple(filled))

"""Writing a batch of new keys: one path for a supplier's file (importing) and keys typed in by hand (stock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from shopdesk.db import queries
from shopdesk.db.models import CardKey, KeyBatch, Product
from shopdesk.services.common import audit, outbox
from shopdesk.services.common.vault import Vault, mask_tail
from shopdesk.services.inventory import keys
from shopdesk.services.inventory.parsing import ParsedKey

KEY_COLUMNS = (
    "product_id",
    "batch_id",
    "card_no",
    "secret_enc",
    "secret_hash",
    "secret_tail",
    "status",
    "expires_at",
    "status_changed_at",
)


class BatchDetails(Protocol):
    """What a batch records besides its keys (an import's options have these too)."""

    supplier: str
    unit_cost_fen: int
    expires_at: datetime | None
    note: str


@dataclass(frozen=True)
class Batch:
    supplier: str = ""
    unit_cost_fen: int = 0
    expires_at: datetime | None = None
    note: str = ""


def existing_hashes(session: Session, digests: list[bytes]) -> set[bytes]:
    """Those of `digests` a key already has (in stock, or sold before)."""
    return {bytes(h) for h in queries.existing_values(session.connection(), CardKey.__table__, "secret_hash", digests)}


class BatchWriter:
    """Creates the batch on the first chunk, inserts sealed keys chunk by chunk, and wraps up at the end: the
    batch's count, its audit record, the change notices, and the orders waiting for stock filled."""

    def __init__(
        self,
        session: Session,
        vault: Vault,
        product: Product,
        details: BatchDetails,
        *,
        actor: str,
        now: datetime,
    ):
        self.session, self.vault, self.product, self.actor, self.now = session, vault, product, actor, now
        expires_at = details.expires_at
        self.batch = {
            "product_id": product.id,
            "supplier": details.supplier.strip(),
            "unit_cost_fen": details.unit_cost_fen,
            "expires_at": expires_at,
            "note": details.note,
            "imported_by": actor,
            "imported_at": now,
            "key_count": 0,
        }
        self.conn = session.connection()
        # Converted once, as the column stores them (text on SQLite): the driver then binds a plain value per row.
        db = queries.driver(session)
        self.expires = None if expires_at is None else db.at(expires_at)
        self.changed_at = db.at(now)
        self.batch_id: int | None = None
        self.written = 0

    def write(self, fresh: dict[bytes, ParsedKey]) -> None:
        """Insert these keys (by secret hash; the caller has left out the ones the shop already has)."""
        if self.batch_id is None:
            self.batch_id = self.session.execute(
                insert(KeyBatch).values(**self.batch).returning(KeyBatch.id)
            ).scalar_one()
        items = list(fresh.items())
        sealed = self.vault.encrypt_many([(key.secret, digest) for digest, key in items], self.product.id)
        product_id, batch_id, expires, at = self.product.id, self.batch_id, self.expires, self.changed_at
        queries.insert_rows(
            self.conn,
            CardKey.__table__,
            KEY_COLUMNS,
            (
                (
                    product_id,
                    batch_id,
                    key.card_no,
                    enc,
                    digest,
                    mask_tail(key.secret),
                    "available",
                    expires,
                    at,
                )
                for (digest, key), enc in zip(items, sealed, strict=True)
            ),
        )
        self.written += len(items)

    def finish(self) -> tuple[int, tuple[int, ...]]:
        """(batch id, ids of the orders the new keys filled)."""
        session, product = self.session, self.product
        session.execute(update(KeyBatch).where(KeyBatch.id == self.batch_id).values(key_count=self.written))
        audit.record(
            session,
            actor=self.actor,
            action="keys.import",
            subject=f"batch:{self.batch_id}",
            sku=product.sku,
            count=self.written,
            supplier=self.batch["supplier"],
        )
        outbox.emit_each(session, [("stock", product.id), ("batch", self.batch_id)])
        filled = keys.restocked(session, [product.id], self.actor)
        return self.batch_id, tuple(filled)

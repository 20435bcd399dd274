"""Writing a batch of new keys: one path for a supplier's file (importing) and keys typed in by hand (stock)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from shopdesk.db import queries
from shopdesk.db.models import CardKey, KeyBatch, Product
from shopdesk.services.common import audit, outbox
from shopdesk.services.common.vault import Vault, mask_tail
from shopdesk.services.inventory import keys
from shopdesk.services.inventory.parsing import ParsedKey

# A sealed key's own columns, in the order of SealedKey (the batch's product, id and status go into the statement).
SEALED_COLUMNS = ("card_no", "secret_enc", "secret_hash", "secret_tail", "expires_at", "status_changed_at")
SealedKey = tuple[str | None, bytes, bytes, str, Any, Any]


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
        # Converted once, as the column stores them (text on SQLite): the driver then binds a plain value per row.
        self.db = db = queries.driver(session)
        self.expires = None if expires_at is None else db.at(expires_at)
        self.changed_at = db.at(now)
        self.batch_id: int | None = None
        self.sql = ""
        self.written = 0

    def seal(self, keys: Sequence[ParsedKey], seen: set[bytes]) -> list[SealedKey]:
        """The rows of these keys, hashed and encrypted, leaving out (and adding to `seen`) the hashes in `seen`: a
        secret repeated in a file is kept the first time."""
        sealed = self.vault.hash_and_seal_many([secret for _, _, secret in keys], self.product.id)
        expires, at, add, tail = self.expires, self.changed_at, seen.add, mask_tail
        rows = []
        for (_, card_no, secret), (digest, enc) in zip(keys, sealed, strict=True):
            if digest not in seen:
                add(digest)
                rows.append((card_no, enc, digest, tail(secret), expires, at))
        return rows

    def insert(self, rows: Sequence[SealedKey], *, skip_known: bool = False) -> int:
        """Insert sealed rows; returns how many went in. The batch is created with the first of them.

        A hash the shop already has refuses the whole write (IntegrityError) unless `skip_known`: then its row is
        left out, found by the unique index itself (an import counts them as duplicates in the database)."""
        if not rows:
            return 0
        if self.batch_id is None:
            self.batch_id = self.session.execute(
                insert(KeyBatch).values(**self.batch).returning(KeyBatch.id)
            ).scalar_one()
            # What every row of the batch shares is written into the statement (integers and a fixed word), so the
            # driver binds only the row's own values.
            self.sql = (
                f"INSERT INTO card_key (product_id, batch_id, status, {', '.join(SEALED_COLUMNS)})"
                f" VALUES ({int(self.product.id)}, {int(self.batch_id)}, 'available'"
                f"{', ?' * len(SEALED_COLUMNS)})"
            )
        added = self.db.many(self.sql + " ON CONFLICT (secret_hash) DO NOTHING" if skip_known else self.sql, rows)
        self.written += added
        return added

    def drop_if_empty(self) -> None:
        """Take back the batch row when every key was one the shop already had (the rows go in with the batch's
        id, so it exists before the index has said which are new)."""
        if self.batch_id is not None and not self.written:
            self.db.run("DELETE FROM key_batch WHERE id = ?", (self.batch_id,))
            self.batch_id = None

    def write(self, fresh: dict[bytes, ParsedKey]) -> None:
        """Insert these keys (by secret hash; the caller has left out the ones the shop already has)."""
        self.insert(self.seal(list(fresh.values()), set()))

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

"""Importing a supplier's key file: preview (counts and line-numbered reasons), then all or nothing."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shopdesk.db import queries
from shopdesk.db.models import CardKey, KeyBatch, Product
from shopdesk.services import audit, changefeed, clock, keyimport, orders
from shopdesk.services.catalog import product_by_sku
from shopdesk.services.errors import InvalidInput, ShopError
from shopdesk.services.keyimport import Rejected
from shopdesk.services.vault import Vault, mask_tail

CHUNK = 5_000
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
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class Cancelled(ShopError):
    """The user cancelled; the transaction is rolled back and nothing is written."""


@dataclass(frozen=True)
class ImportOptions:
    sku: str
    supplier: str = ""
    unit_cost_fen: int = 0
    expires_at: datetime | None = None
    note: str = ""
    fmt: str = "auto"
    sep: str | None = None
    encoding: str = "auto"


@dataclass(frozen=True)
class ImportReport:
    sku: str
    product_id: int
    encoding: str
    format: str
    separator: str | None
    header_skipped: bool
    accepted: int
    duplicates_in_file: int
    duplicates_in_db: int
    invalid: tuple[Rejected, ...]
    normalised: tuple[int, ...]  # line numbers whose secret was changed by NFKC / invisible-character removal
    batch_id: int | None = None
    filled_orders: tuple[int, ...] = field(default=())
    dry_run: bool = True


def import_keys(
    session: Session,
    vault: Vault,
    data: bytes,
    options: ImportOptions,
    *,
    actor: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Parse, dedupe (within the file, then against every key ever stored) and, unless dry_run, write.

    Secrets are compared after normalisation; the first occurrence in the file is kept. Raises
    InvalidInput when the file holds no key at all; Cancelled when `progress` returns False.
    """
    product = product_by_sku(session, options.sku)
    now = clock.now()
    if options.expires_at is not None and options.expires_at <= now:
        raise InvalidInput(
            f"The expiry date {options.expires_at:%Y-%m-%d} is already past. Check the date on the supplier's "
            "sheet; keys that are already expired cannot be imported.",
            field="expires",
        )
    if options.unit_cost_fen < 0:
        raise InvalidInput("The unit cost cannot be negative.", field="cost")
    parsed = keyimport.parse(
        data, fmt=options.fmt, sep=options.sep, encoding=options.encoding, expect_pairs=product.kind == "code+secret"
    )
    if not parsed.keys:
        if not parsed.invalid:
            raise InvalidInput("The file holds no key: it is empty or has only blank lines.", field="file")
        shown = "; ".join(f"line {r.line}: {r.reason}" for r in parsed.invalid[:5])
        more = f" (and {len(parsed.invalid) - 5} more)" if len(parsed.invalid) > 5 else ""
        raise InvalidInput(f"No valid key in the file. {shown}{more}.", field="file")

    mac_key = vault.mac_key
    unique: dict[bytes, keyimport.ParsedKey] = {}
    dup_in_file = 0
    for key in parsed.keys:
        digest = hmac.digest(mac_key, key.secret.encode(), hashlib.sha256)
        if digest in unique:
            dup_in_file += 1
        else:
            unique[digest] = key
    parsed.keys.clear()  # `unique` holds what is still needed; a million keys must not sit in memory twice
    in_db = _existing_hashes(session, list(unique))
    for digest in in_db:
        del unique[digest]

    if product.kind == "reusable":
        has_secret = session.execute(
            select(CardKey.id).where(CardKey.product_id == product.id, CardKey.status == "available").limit(1)
        ).first()
        if len(unique) > 1 or (unique and has_secret):
            raise InvalidInput(
                f"{product.sku} is a reusable product: it sells one secret. Import exactly one key, after voiding "
                "the current one if it is being replaced.",
                field="file",
            )

    report = ImportReport(
        sku=product.sku,
        product_id=product.id,
        encoding=parsed.encoding,
        format=parsed.format,
        separator=parsed.separator,
        header_skipped=parsed.header_skipped,
        accepted=len(unique),
        duplicates_in_file=dup_in_file,
        duplicates_in_db=len(in_db),
        invalid=tuple(parsed.invalid),
        normalised=tuple(parsed.normalised_lines),
        dry_run=dry_run,
    )
    if dry_run or not unique:
        return report
    batch_id, filled = _write(session, vault, product, unique, options, actor, now, progress)
    return ImportReport(**{**report.__dict__, "batch_id": batch_id, "filled_orders": filled, "dry_run": False})


def _existing_hashes(session: Session, digests: list[bytes]) -> set[bytes]:
    return {bytes(h) for h in queries.existing_values(session.connection(), CardKey.__table__, "secret_hash", digests)}


def _write(session, vault, product: Product, unique, options: ImportOptions, actor, now, progress):
    total = len(unique)
    batch_id = session.execute(
        insert(KeyBatch)
        .values(
            product_id=product.id,
            supplier=options.supplier.strip(),
            unit_cost_fen=options.unit_cost_fen,
            expires_at=options.expires_at,
            note=options.note,
            imported_by=actor,
            imported_at=now,
            key_count=total,
        )
        .returning(KeyBatch.id)
    ).scalar_one()
    conn = session.connection()
    table = CardKey.__table__
    expires = queries.db_value(conn, table.c.expires_at, options.expires_at)
    changed_at = queries.db_value(conn, table.c.status_changed_at, now)
    done = 0
    items = iter(unique.items())
    while chunk := list(islice(items, CHUNK)):
        sealed = vault.encrypt_many([key.secret for _, key in chunk])
        queries.insert_rows(
            conn,
            table,
            KEY_COLUMNS,
            (
                (
                    product.id,
                    batch_id,
                    key.card_no,
                    enc,
                    digest,
                    mask_tail(key.secret),
                    "available",
                    expires,
                    changed_at,
                )
                for (digest, key), enc in zip(chunk, sealed, strict=True)
            ),
        )
        done += len(chunk)
        if progress is not None and progress(done, total) is False:
            raise Cancelled("Import cancelled; nothing was written.")
    audit.record(
        session,
        actor=actor,
        action="keys.import",
        subject=f"batch:{batch_id}",
        sku=product.sku,
        count=total,
        supplier=options.supplier.strip(),
    )
    changefeed.emit(session, "stock", product.id)
    changefeed.emit(session, "batch", batch_id)
    filled = orders.fill_awaiting(session, actor=actor, product_ids=[product.id])
    return batch_id, tuple(filled)

"""Importing a supplier's key file: preview (counts and line-numbered reasons), then all or nothing."""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from sqlalchemy.orm import Session

from shopdesk.services.catalog.products import product_by_sku
from shopdesk.services.common import access, clock
from shopdesk.services.common.errors import InvalidInput, ShopError
from shopdesk.services.common.vault import Vault
from shopdesk.services.inventory import batches, keys, parsing
from shopdesk.services.inventory.parsing import Rejected

CHUNK = 5_000
Progress = Callable[[int, int], bool]  # (lines read, lines in the file) -> keep going?


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
    if not dry_run:
        access.require(session, "keys.import", subject=f"product:{options.sku}")
    product = product_by_sku(session, options.sku)
    now = clock.now()
    if options.expires_at is not None and options.expires_at.tzinfo is None:
        raise InvalidInput("import.expiry_naive")
    if options.expires_at is not None and options.expires_at <= now:
        raise InvalidInput(
            "import.expiry_past", date=(options.expires_at - timedelta(seconds=1)).astimezone().strftime("%Y-%m-%d")
        )
    if options.unit_cost_fen < 0:
        raise InvalidInput("import.cost_negative")
    parsed, stream = parsing.read_keys(
        data, fmt=options.fmt, sep=options.sep, encoding=options.encoding, expect_pairs=product.kind == "code+secret"
    )
    # Streamed in chunks inside the one transaction: memory holds the file, the hashes seen and one chunk.
    writer = None if dry_run else batches.BatchWriter(session, vault, product, options, actor=actor, now=now)
    seen: set[bytes] = set()
    total = dup_in_file = dup_in_db = accepted = 0
    with _cycle_collection_paused():
        while chunk := list(islice(stream, CHUNK)):
            total += len(chunk)
            if writer is None:
                fresh: dict[bytes, parsing.ParsedKey] = {}
                for digest, key in zip(vault.hash_many([key.secret for key in chunk]), chunk, strict=True):
                    if digest not in seen:
                        seen.add(digest)
                        fresh[digest] = key
                unique = len(fresh)
                new = unique - len(batches.existing_hashes(session, list(fresh)))
            else:  # the unique index of the hashes finds the keys the shop already has, while they go in
                rows = writer.seal(chunk, seen)
                unique = len(rows)
                new = writer.insert(rows, skip_known=True)
            dup_in_file += len(chunk) - unique
            dup_in_db += unique - new
            accepted += new
            if progress is not None and progress(parsed.lines_read, parsed.line_count) is False:
                raise Cancelled("import.cancelled")
    if total == 0:
        if not parsed.invalid:
            raise InvalidInput("import.file_empty")
        shown = "; ".join(f"line {r.line}: {r.reason}" for r in parsed.invalid[:5])
        if len(parsed.invalid) > 5:
            raise InvalidInput("import.no_valid_key/many", problems=shown, more=len(parsed.invalid) - 5)
        raise InvalidInput("import.no_valid_key/few", problems=shown)
    # written rows are already in the table (this transaction): count them there, otherwise as about to be added
    keys.check_one_reusable_secret(session, product.id, adding=accepted if writer is None else 0)
    report = ImportReport(
        sku=product.sku,
        product_id=product.id,
        encoding=parsed.encoding,
        format=parsed.format,
        separator=parsed.separator,
        header_skipped=parsed.header_skipped,
        accepted=accepted,
        duplicates_in_file=dup_in_file,
        duplicates_in_db=dup_in_db,
        invalid=tuple(parsed.invalid),
        normalised=tuple(parsed.normalised_lines),
        dry_run=dry_run,
    )
    if writer is None or not accepted:
        if writer is not None:
            writer.drop_if_empty()
        return report
    batch_id, filled = writer.finish()
    return ImportReport(**{**report.__dict__, "batch_id": batch_id, "filled_orders": filled, "dry_run": False})


@contextmanager
def _cycle_collection_paused():
    """No cyclic garbage collection while the chunks stream: a million keys make millions of tuples, none of them
    in a cycle, and each collection would walk them all again (a fifth of the import's own time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

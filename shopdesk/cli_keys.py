"""`shopdesk keys …`: import a supplier's file, export keys under audit."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.money import parse_yuan

MAX_FILE_BYTES = 512 * 1024 * 1024


def add_parsers(sub, leaf) -> None:
    keys = sub.add_parser("keys", help="card keys: import, export").add_subparsers(
        dest="keys_command", metavar="ACTION", required=True
    )
    p = leaf(keys, "import", cmd_keys_import, "import a supplier's key file (.txt / .csv), all or nothing")
    p.add_argument("file", help="the file, or - for standard input")
    p.add_argument("--sku", required=True)
    p.add_argument("--supplier", default="")
    p.add_argument("--cost", default="0", help="unit cost in yuan, e.g. 9.50")
    p.add_argument("--expires", help="last day the keys can be sold, YYYY-MM-DD")
    p.add_argument("--note", default="")
    p.add_argument("--format", dest="fmt", choices=["auto", "lines", "pairs"], default="auto")
    p.add_argument("--sep", help="separator for pairs: space, tab, comma, |, ---- or :")
    p.add_argument("--encoding", choices=["auto", "utf-8", "gbk", "utf-16"], default="auto")
    p.add_argument("--dry-run", action="store_true", help="preview only: count and check, write nothing")
    p = leaf(keys, "export", cmd_keys_export, "export keys (with their secrets) to a plain CSV or TXT file")
    p.add_argument("--sku", help="only this product (default: every product)")
    p.add_argument("--status", action="append", help="key status to include (repeatable; default available)")
    p.add_argument(
        "--columns", default="card_no,secret", help="comma-separated: id,sku,card_no,secret,status,batch,expires_at"
    )
    p.add_argument("--out", required=True, help="file to write (.csv or .txt)")
    vault = sub.add_parser("vault", help="the key that seals the card secrets").add_subparsers(
        dest="vault_command", metavar="ACTION", required=True
    )
    leaf(vault, "status", cmd_vault_status, "which key seals the shop's secrets, and where it is kept")
    leaf(vault, "rotate", cmd_vault_rotate, "seal every secret under a new key (one transaction, with progress)")


def parse_expiry(text: str | None) -> datetime | None:
    """'2027-06-30' -> the end of that day, local time, as UTC (keys sell through the whole day)."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"--expires {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30.", field="expires"
        ) from None
    local_midnight = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return local_midnight.astimezone(UTC)


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    path = Path(name)
    if not path.is_file():
        raise InvalidInput(f"{name}: no such file. Check the path.", field="file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"{name} is larger than 512 MB; split it into smaller files.", field="file")
    return path.read_bytes()


def cmd_keys_import(args):
    from shopdesk.cli import EXIT_OK, _run
    from shopdesk.services.inventory.importing import ImportOptions, import_keys

    data = _read_input(args.file)
    options = ImportOptions(
        sku=args.sku,
        supplier=args.supplier,
        unit_cost_fen=parse_yuan(args.cost, field="cost", allow_zero=True),
        expires_at=parse_expiry(args.expires),
        note=args.note,
        fmt=args.fmt,
        sep=args.sep,
        encoding=args.encoding,
    )
    report = _run(args, lambda app, s: import_keys(s, app.vault, data, options, actor=app.actor, dry_run=args.dry_run))
    payload = {
        "batch_id": report.batch_id,
        "sku": report.sku,
        "dry_run": report.dry_run,
        "accepted": report.accepted,
        "duplicates_in_file": report.duplicates_in_file,
        "duplicates_in_db": report.duplicates_in_db,
        "invalid": [asdict(r) for r in report.invalid],
        "normalised_lines": list(report.normalised),
        "filled_orders": list(report.filled_orders),
        "encoding": report.encoding,
        "format": report.format,
        "separator": report.separator,
        "header_skipped": report.header_skipped,
    }
    verb = "would import" if report.dry_run else "imported"
    lines = [
        f"{verb} {report.accepted} key(s) into {report.sku}"
        + (f" (batch {report.batch_id})" if report.batch_id else ""),
        f"  duplicates in the file: {report.duplicates_in_file}, already in the shop: {report.duplicates_in_db}",
        f"  read as {report.encoding}, {report.format}"
        + (f" separated by {report.separator!r}" if report.separator else ""),
    ]
    if report.normalised:
        lines.append(
            f"  {len(report.normalised)} secret(s) normalised (full-width or invisible characters): "
            f"lines {', '.join(map(str, report.normalised[:20]))}"
        )
    if report.invalid:
        lines.append(f"  {len(report.invalid)} line(s) rejected:")
        lines += [f"    line {r.line}: {r.reason}" for r in report.invalid[:50]]
    if report.filled_orders:
        lines.append(f"  orders filled from the new stock: {', '.join(map(str, report.filled_orders))}")
    return EXIT_OK, payload, "\n".join(lines)


def cmd_keys_export(args):
    from shopdesk.cli import EXIT_OK, _open
    from shopdesk.services.catalog.products import product_by_sku
    from shopdesk.services.inventory import secrets

    out = Path(args.out)
    columns = [c.strip() for c in args.columns.split(",") if c.strip()]
    statuses = [s for group in (args.status or ["available"]) for s in group.split(",") if s]

    app = _open(args)
    try:
        with app.db.read() as session:
            product_id = product_by_sku(session, args.sku).id if args.sku else None
        with app.db.write() as session:
            secrets.remove_abandoned_exports(session, actor=app.actor)
        result = secrets.export_to_path(
            app.db, app.vault, out, actor=app.actor, product_id=product_id, statuses=statuses, columns=columns
        )
    finally:
        app.close()
    payload = {
        "count": result.count,
        "columns": list(result.columns),
        "out": str(out),
        "audit_id": result.audit_id,
        "started_audit_id": result.started_id,
    }
    return EXIT_OK, payload, f"exported {result.count} key(s) to {out} (audit #{result.audit_id})"


def cmd_vault_status(args):
    from sqlalchemy import func, select

    from shopdesk.cli import EXIT_OK, _open
    from shopdesk.db.models import CardKey
    from shopdesk.services.common import keystore

    app = _open(args)
    try:
        vault = app.vault
        with app.db.read() as session:
            count = session.execute(select(func.count()).select_from(CardKey)).scalar_one()
    finally:
        app.close()
    path = keystore.key_path(app.config.data_dir)
    payload = {"key_id": vault.key_id_hex, "key_file": str(path), "secrets": count}
    return EXIT_OK, payload, f"{count} secret(s) sealed with key {vault.key_id_hex}, kept in {path}"


def cmd_vault_rotate(args):
    from shopdesk.cli import EXIT_OK, _open
    from shopdesk.services.common import keystore

    app = _open(args)
    old = app.vault
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != shown[0] and not args.json:
            shown[0] = percent
            print(f"\rre-sealing {done}/{total} ({percent}%)", end="", file=sys.stderr, flush=True)

    try:
        try:
            with app.db.write() as session:
                new = keystore.rotate(session, app.config.data_dir, old, actor=app.actor, progress=progress)
                from sqlalchemy import func, select

                from shopdesk.db.models import CardKey

                count = session.execute(select(func.count()).select_from(CardKey)).scalar_one()
        except BaseException:
            keystore.abandon_rotation(app.config.data_dir)
            raise
        retired = keystore.finish_rotation(app.config.data_dir, old)
    finally:
        app.close()
    if shown[0] >= 0:
        print(file=sys.stderr)
    payload = {"key_id": new.key_id_hex, "old_key_id": old.key_id_hex, "secrets": count, "retired_key": str(retired)}
    text = (
        f"{count} secret(s) sealed again under key {new.key_id_hex}. The old key {old.key_id_hex} is kept as "
        f"{retired} for backups made before now; delete it once those backups are gone."
    )
    return EXIT_OK, payload, text

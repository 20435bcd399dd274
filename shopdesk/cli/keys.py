"""`shopdesk keys ...`, `shopdesk key check`: import a supplier's file, export keys under audit, check a recall."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from shopdesk.cli.runtime import EXIT_OK, fields, open_shop, write
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
    key = sub.add_parser("key", help="one card key").add_subparsers(dest="key_command", metavar="ACTION", required=True)
    p = leaf(key, "check", cmd_key_check, "after a recall: the supplier checked the key")
    p.add_argument("id", type=int)
    result = p.add_mutually_exclusive_group(required=True)
    result.add_argument("--unused", action="store_true", help="unused: back to stock")
    result.add_argument("--used", action="store_true", help="used: void it")
    p = leaf(key, "reveal", cmd_key_reveal, "print one key's secret (audited, and in the key's history)")
    p.add_argument("id", type=int)
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")


def parse_expiry(text: str | None) -> datetime | None:
    """'2027-06-30' -> the end of that day, local time, as UTC (keys sell through the whole day)."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("import.expiry_invalid", got=repr(text)) from None
    local_midnight = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return local_midnight.astimezone(UTC)


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    path = Path(name)
    if not path.is_file():
        raise InvalidInput("import.file_missing", file=name)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput("import.file_too_large", file=name)
    return path.read_bytes()


def cmd_keys_import(args):
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
    report = write(args, lambda app, s: import_keys(s, app.vault, data, options, actor=app.actor, dry_run=args.dry_run))
    payload = fields(
        report,
        "batch_id sku dry_run accepted duplicates_in_file duplicates_in_db encoding format separator header_skipped",
    ) | {
        "invalid": [asdict(r) for r in report.invalid],
        "normalised_lines": list(report.normalised),
        "filled_orders": list(report.filled_orders),
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
    from shopdesk.services.catalog.products import product_by_sku
    from shopdesk.services.inventory import secrets

    out = Path(args.out)
    columns = [c.strip() for c in args.columns.split(",") if c.strip()]
    statuses = [s for group in (args.status or ["available"]) for s in group.split(",") if s]

    app = open_shop(args)
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


def cmd_key_check(args):
    from shopdesk.services.inventory import stock

    used = bool(args.used)
    status = write(args, lambda app, s: stock.check_recalled(s, args.id, used=used, actor=app.actor))
    return EXIT_OK, {"id": args.id, "status": status}, f"key {args.id}: {status}"


def cmd_key_reveal(args):
    from shopdesk.services.inventory import secrets

    reason = args.reason or "revealed on the command line"
    secret = write(args, lambda app, s: secrets.reveal(s, app.vault, args.id, actor=app.actor, reason=reason))
    return EXIT_OK, {"id": args.id, "secret": secret}, secret

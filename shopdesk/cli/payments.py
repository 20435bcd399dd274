"""`shopdesk payments ...`: the payment inbox (money needing a decision) and reconciling a gateway's statement."""

from __future__ import annotations

from pathlib import Path

from shopdesk.cli.runtime import EXIT_OK, BadArguments, fields, listing, read, write
from shopdesk.services.common.money import format_yuan

ACTS = ("deliver", "refund", "dismiss")


def add_parsers(sub, leaf) -> None:
    payments = sub.add_parser("payments", help="payment inbox and reconciliation").add_subparsers(
        dest="payments_command", metavar="ACTION", required=True
    )
    leaf(payments, "list", cmd_list, "money needing a decision: payments for closed orders, second payments")
    p = leaf(payments, "act", cmd_act, "decide an inbox item: deliver, refund (at the gateway) or dismiss")
    p.add_argument("id", type=int, help="the item's id (payments list)")
    how = p.add_mutually_exclusive_group(required=True)
    for act in ACTS:
        how.add_argument(f"--{act}", dest="act", action="store_const", const=act)
    p.add_argument("--note", default="", help="why (required with --dismiss; the refund's reference with --refund)")
    p = leaf(payments, "reconcile", cmd_reconcile, "compare a gateway statement with the shop's payments")
    p.add_argument("file", help="Alipay 账务明细 CSV, WeChat Pay bill, or CSV with trade_no,amount,time,order")
    p.add_argument("--format", choices=["alipay", "wechat", "csv"], help="the statement's format (default: detected)")
    p.add_argument("--apply", action="store_true", help="record the payments missing in the shop for their orders")


ITEM = (
    "id kind order_id order=order_number order_status customer_id customer=customer_name trade_no method"
    " amount=amount_fen reason received_at note"
)


def cmd_list(args):
    from shopdesk.services.desk import payment_inbox

    rows = read(args, lambda app, s: payment_inbox.inbox(s))
    return listing(
        "payments",
        rows,
        ITEM,
        lambda r: (
            f"{r.id:>5}  {r.kind:<15} {r.order_number or '-':<18} {r.trade_no:<28} {format_yuan(r.amount_fen):>9}"
            f"  {r.customer_name or ''}"
        ),
        empty="no payments waiting for a decision",
    )


def cmd_act(args):
    from shopdesk.services.desk import payment_inbox

    done = write(args, lambda app, s: payment_inbox.act(s, args.id, args.act, actor=app.actor, note=args.note))
    payload = fields(done, "id action outcome replayed order_id case_id")
    text = f"payment {done.id}: {done.outcome}"
    if done.case_id:
        text += f" (case {done.case_id} opened)"
    if done.replayed:
        text = f"payment {done.id} was already decided ({done.outcome}); nothing changed"
    return EXIT_OK, payload, text


def read_file(path: str) -> bytes:
    file = Path(path).expanduser()
    if not file.is_file():
        raise BadArguments("statement.file_missing", file=str(path))
    try:
        return file.read_bytes()
    except OSError as exc:
        raise BadArguments("statement.file_unreadable", file=str(path), why=exc.strerror or str(exc)) from None


def cmd_reconcile(args):
    from shopdesk.services.orders import reconcile, statements

    data = read_file(args.file)
    # the whole file is read and checked before the shop is touched: a bad file writes nothing
    statements.read_statement(data, args.format or "auto")

    def go(app, session):
        return reconcile.reconcile_file(session, data, args.format or "auto", apply=args.apply, actor=app.actor)

    result = write(args, go) if args.apply else read(args, go)
    payload = result.as_json()
    return EXIT_OK, payload, _text(result)


def _text(result) -> str:
    lines = [
        f"{result.format} statement: {result.matched} matched, {len(result.missing_in_shop)} missing in the shop, "
        f"{len(result.missing_in_statement)} missing in the statement, {len(result.amount_mismatch)} amount mismatch"
    ]
    lines += [
        f"  missing in the shop: {e['trade_no']} {e['amount']} order {e['order'] or e['order_ref'] or '?'}"
        for e in result.missing_in_shop
    ]
    lines += [
        f"  missing in the statement: {e['trade_no']} {e['amount']} order {e['order']}"
        for e in result.missing_in_statement
    ]
    lines += [
        f"  amount mismatch: {e['trade_no']} statement {e['amount']}, shop {e['recorded']}"
        for e in result.amount_mismatch
    ]
    for a in result.applied or ():
        lines.append(f"  applied: {a['trade_no']} -> {a['result']}" + (f" ({a['reason']})" if a.get("reason") else ""))
    return "\n".join(lines)

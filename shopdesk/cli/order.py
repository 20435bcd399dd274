"""`shopdesk order ...`: orders, payments, delivery."""

from __future__ import annotations

import functools
from dataclasses import asdict

from shopdesk.cli.runtime import EXIT_OK, BadArguments, fields, listing, read, write
from shopdesk.services.common import notes
from shopdesk.services.common.errors import PaymentRefused
from shopdesk.services.common.money import format_yuan, parse_yuan


def add_parsers(sub, leaf) -> None:
    order = sub.add_parser("order", help="orders").add_subparsers(dest="order_command", metavar="ACTION", required=True)
    p = leaf(order, "create", cmd_order_create, "create an order (and pay it at once with --pay)")
    p.add_argument("--customer", type=int, required=True)
    p.add_argument("--sku", required=True)
    p.add_argument("--qty", type=int, default=1)
    p.add_argument("--pay", choices=["wallet", "external"])
    p.add_argument("--trade-no")
    p.add_argument("--method", default="external", help="gateway name for an external payment (alipay, wechat...)")
    p = leaf(order, "pay", cmd_order_pay, "record a payment and deliver the keys")
    p.add_argument("id", type=int)
    p.add_argument("--trade-no")
    p.add_argument("--amount", help="yuan; must equal the order total")
    p.add_argument("--method", default="external", help="external gateway name, or 'wallet'")
    p = leaf(order, "show", cmd_order_show, "show an order with its keys (masked) and payments")
    p.add_argument("id", type=int)
    p = leaf(order, "message", cmd_order_message, "print the delivery message with the keys (audited as a reveal)")
    p.add_argument("number", help="the order number, e.g. SD20261201000154")
    p = leaf(order, "list", cmd_order_list, "list orders, newest first")
    p.add_argument("--status")
    p.add_argument("--limit", type=int, default=50)


def _order_json(o) -> dict:
    return {
        **fields(
            o,
            "id number customer_id customer=customer_name source external_id status payment_status total=total_fen"
            " paid=paid_fen refunded=refunded_fen created_at pay_deadline paid_at delivered_at closed_at",
        ),
        "lines": [
            {
                "sku": ln.sku,
                "name": ln.name,
                "quantity": ln.quantity,
                "unit_price": format_yuan(ln.unit_price_fen),
                "delivered": ln.delivered_qty,
            }
            for ln in o.lines
        ],
        "delivered_keys": [
            {"id": k.id, "sku": k.sku, "card_no": k.card_no, "secret": k.masked_secret} for k in o.delivered_keys
        ],
        "payments": [
            {"method": p.method, "trade_no": p.trade_no, "amount": format_yuan(p.amount_fen), "at": p.at}
            for p in o.payments
        ],
    }


def _order_text(o) -> str:
    lines = [
        f"order {o.id} {o.number}: {o.status} / {o.payment_status}, total {format_yuan(o.total_fen)}, "
        f"customer {o.customer_name}"
    ]
    lines += [
        f"  {ln.sku} x{ln.quantity} @ {format_yuan(ln.unit_price_fen)} (delivered {ln.delivered_qty})" for ln in o.lines
    ]
    lines += [
        f"  key {k.id}: " + " ".join(part for part in (k.card_no, k.masked_secret) if part) for k in o.delivered_keys
    ]
    lines += [f"  paid {format_yuan(p.amount_fen)} by {p.method}, trade {p.trade_no}" for p in o.payments]
    return "\n".join(lines)


def cmd_order_create(args):
    from shopdesk.services.orders import selling as orders

    if args.pay == "external" and not args.trade_no:
        raise BadArguments("payment.trade_no_missing/cmd_order_create")
    if args.trade_no and not args.pay:
        raise BadArguments("payment.trade_no_unused")

    def go(app, session):
        view = orders.create_order(session, args.customer, [(args.sku, args.qty)], actor=app.actor)
        if args.pay == "wallet":
            view = orders.pay_order(session, view.id, method="wallet", actor=app.actor).order
        elif args.pay == "external":
            method = args.method if args.method != "wallet" else "external"
            view = orders.pay_order(session, view.id, method=method, trade_no=args.trade_no, actor=app.actor).order
        return view

    view = write(args, go)
    return EXIT_OK, _order_json(view), _order_text(view)


def cmd_order_pay(args):
    from shopdesk.services.orders import flagged
    from shopdesk.services.orders import selling as orders

    amount = parse_yuan(args.amount) if args.amount is not None else None
    if args.method != "wallet" and not args.trade_no:
        raise BadArguments("payment.trade_no_missing/cmd_order_pay")
    try:
        result = write(
            args,
            lambda app, s: orders.pay_order(
                s, args.id, method=args.method, trade_no=args.trade_no, amount_fen=amount, actor=app.actor
            ),
        )
    except PaymentRefused as refused:
        # The refusal wrote nothing; the money the gateway took is recorded on its own for a refund.
        flag = functools.partial(flagged.flag_unmatched_payment, refused=refused)
        write(args, lambda app, s: flag(s, actor=app.actor))
        raise
    payload = _order_json(result.order) | {"replayed": result.replayed}
    prefix = "payment already recorded; nothing changed\n" if result.replayed else ""
    return EXIT_OK, payload, prefix + _order_text(result.order)


def cmd_order_show(args):
    from shopdesk.services.orders.detail import load_order_view

    view = read(args, lambda app, s: load_order_view(s, args.id, with_events=True))
    events = [asdict(e) | {"note": notes.english(e.note), "details": notes.parse(e.note)} for e in view.events]
    payload = _order_json(view) | {"events": events}
    return EXIT_OK, payload, _order_text(view)


def cmd_order_list(args):
    from shopdesk.db.models import ORDER_STATUSES
    from shopdesk.services.orders.board import BoardFilter, list_orders

    if args.status and args.status not in ORDER_STATUSES:
        raise BadArguments(
            "order.status_unknown/cmd_order_list", status=repr(args.status), choices=", ".join(ORDER_STATUSES)
        )
    if not 1 <= args.limit <= 10_000:
        raise BadArguments("cli.limit_range")
    rows = read(args, lambda app, s: list_orders(s, BoardFilter(status=args.status or None), limit=args.limit))
    return listing(
        "orders",
        rows,
        "id number customer=customer_name source status payment_status total=total_fen created_at",
        lambda r: (
            f"{r.id:>6}  {r.number}  {r.status:<16} {r.payment_status:<10} {format_yuan(r.total_fen):>10}  "
            f"{r.customer_name}"
        ),
    )


def cmd_order_message(args):
    import os

    from shopdesk.services.orders import message

    lang = getattr(args, "lang", None) or ("zh_CN" if os.environ.get("LANG", "").startswith("zh") else "en")

    def go(app, session):
        order_id = message.order_id_by_number(session, args.number)
        return order_id, message.delivery_message(session, order_id, lang, app.actor, vault=app.vault)

    order_id, text = write(args, go)
    return EXIT_OK, {"id": order_id, "number": args.number, "message": text}, text

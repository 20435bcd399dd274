"""The `shopdesk` command. No subcommand starts the GUI; subcommands do the same work headless.

With --json every subcommand prints one JSON object on stdout. Errors go to stderr: exit 2 for bad
input (nothing written), 1 for a failure.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path

from shopdesk.config import load_config, private_umask
from shopdesk.db.errors import DatabaseProblem
from shopdesk.services.common.errors import PaymentRefused, ShopError
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.common.vault import VaultError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadArguments(ShopError):
    pass


def _add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--json, --data-dir and --db, accepted before and after the subcommand.

    The top-level parser and the subcommands each get their own action objects: the subcommands'
    default to SUPPRESS so that, when the option is not repeated after the subcommand, the value given
    before it survives. (Sharing one action through `parents=` and calling set_defaults() on the top
    parser would change the shared action's default and silently drop the value given first.)
    """
    absent = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print one JSON object on stdout",
    )
    parser.add_argument("--data-dir", default=absent, help="data folder (default: the platform's)")
    parser.add_argument(
        "--db",
        default=absent,
        help="database: a SQLAlchemy URL, or the path of a SQLite file (default: SQLite in the data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, suppress=True)

    parser = argparse.ArgumentParser(prog="shopdesk", description="Back office of a card-key shop.")
    _add_global_options(parser, suppress=False)
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="GUI language (default: the system's)")
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def leaf(group, name: str, handler: Callable, help_: str) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help_, parents=[common], description=help_)
        p.set_defaults(handler=handler)
        return p

    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", metavar="ACTION", required=True
    )
    leaf(db, "upgrade", cmd_db_upgrade, "bring the database schema up to date")
    p = leaf(sub, "doctor", cmd_doctor, "check the shop's invariants; exit 1 with a list of violations")
    p.add_argument(
        "--deep", action="store_true", help="open every sealed secret and check it against its hash (default: 200)"
    )
    p = leaf(sub, "demo", cmd_demo, "fill an empty shop with demo data")
    p.add_argument("--orders", type=int, default=120, help="number of demo orders (default 120)")

    product = sub.add_parser("product", help="products (SKUs)").add_subparsers(
        dest="product_command", metavar="ACTION", required=True
    )
    for name, handler in (("add", cmd_product_add), ("edit", cmd_product_edit)):
        p = leaf(product, name, handler, f"{name} a product")
        if name == "edit":
            p.add_argument("id", type=int)
        required = name == "add"
        p.add_argument("--sku", required=required)
        p.add_argument("--name", required=required)
        p.add_argument("--price", required=required, help="selling price in yuan, e.g. 9.80")
        p.add_argument("--face-value", help="face value in yuan")
        p.add_argument("--category")
        p.add_argument("--kind", choices=["code+secret", "secret", "reusable"])
        p.add_argument("--rollback-policy", choices=["restock", "verify", "void"])
        p.add_argument("--low-stock", type=int, help="low-stock threshold (default 20)")
        on_sale = p.add_mutually_exclusive_group()
        on_sale.add_argument(
            "--inactive", dest="active", action="store_false", default=None, help="take the product off sale"
        )
        if name == "edit":
            on_sale.add_argument(
                "--active", dest="active", action="store_true", default=None, help="put the product back on sale"
            )
    leaf(product, "list", cmd_product_list, "list products with their available stock")

    customer = sub.add_parser("customer", help="customers and wallets").add_subparsers(
        dest="customer_command", metavar="ACTION", required=True
    )
    p = leaf(customer, "add", cmd_customer_add, "add a customer")
    p.add_argument("--name", required=True)
    p.add_argument("--contact", default="")
    p = leaf(customer, "topup", cmd_customer_topup, "credit money paid in to the customer's wallet")
    p.add_argument("id", type=int)
    p.add_argument("amount", help="yuan, e.g. 50.00")
    p.add_argument(
        "--idempotency-key", required=True, help="a unique key for this top-up; repeating it repeats nothing"
    )
    p = leaf(customer, "show", cmd_customer_show, "show a customer and the wallet balance")
    p.add_argument("id", type=int)
    p = leaf(customer, "list", cmd_customer_list, "list customers")
    p.add_argument("--search", default="")

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
    p = leaf(order, "list", cmd_order_list, "list orders, newest first")
    p.add_argument("--status")
    p.add_argument("--limit", type=int, default=50)

    from shopdesk import cli_api, cli_cases, cli_keys

    cli_keys.add_parsers(sub, leaf)
    cli_api.add_parsers(sub, leaf)
    cli_cases.add_parsers(sub, leaf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.handler is None:
        return gui_main(args)
    try:
        result = args.handler(args)
    except (ShopError, DatabaseProblem, VaultError) as exc:
        code = getattr(exc, "exit_code", EXIT_BAD_INPUT) if isinstance(exc, ShopError) else EXIT_FAILURE
        message = getattr(exc, "message", str(exc))
        if args.json:
            print(
                json.dumps({"error": message, "field": getattr(exc, "field", None), "exit": code}, ensure_ascii=False),
                file=sys.stderr,
            )
        else:
            print(f"shopdesk: error: {message}", file=sys.stderr)
        return code
    code, payload, text = result
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, default=_json_default))
    elif text:
        print(text)
    return code


def gui_main(args: argparse.Namespace | None = None) -> int:
    private_umask()
    if args is None:
        args = build_parser().parse_args(sys.argv[1:])
    from shopdesk.ui.main import run_gui

    return run_gui(load_config(args.data_dir, _db_url(args.db), args.lang))


# --- handlers: each returns (exit code, JSON payload, human text) --------------------------------


def _db_url(value: str | None) -> str | None:
    """--db takes a SQLAlchemy URL or, for convenience, the path of a SQLite file."""
    if value is None or "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _config(args):
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = _db_url(args.db)
    if url is not None:
        try:
            make_url(url).get_dialect()
        except ArgumentError:
            raise BadArguments(
                f"--db {args.db!r} is neither a database URL (e.g. postgresql://user@host/shop) "
                "nor the path of a SQLite file.",
                field="db",
            ) from None
    return load_config(args.data_dir, url)


def _open(args, *, upgrade: bool = True):
    from shopdesk.app import ShopApp

    app = ShopApp.open(_config(args), upgrade=upgrade)
    for warning in app.warnings:
        print(f"shopdesk: warning: {warning}", file=sys.stderr)
    return app


def _run(args, fn, *a, **kw):
    app = _open(args)
    try:
        with app.db.write() as session:
            return fn(app, session, *a, **kw)
    finally:
        app.close()


def cmd_db_upgrade(args):
    from shopdesk.app import ShopApp
    from shopdesk.db import migrate

    app = ShopApp.open(_config(args), upgrade=False)
    try:
        before = migrate.current_revision(app.db)
        after = migrate.upgrade(app.db)
    finally:
        app.close()
    return (
        EXIT_OK,
        {"from": before, "to": after, "database": app.config.db_label},
        f"database {app.config.db_label}: schema {before or 'empty'} -> {after}",
    )


def cmd_doctor(args):
    from shopdesk.services.maintenance.doctor import run_checks

    app = _open(args)
    try:
        with app.db.read() as session:
            violations = run_checks(session, deep=args.deep)
    finally:
        app.close()
    payload = {"ok": not violations, "violations": [asdict(v) for v in violations]}
    if not violations:
        return EXIT_OK, payload, "doctor: all invariants hold"
    lines = [f"doctor: {len(violations)} violation(s):"] + [f"  [{v.check}] {v.detail}" for v in violations]
    return EXIT_FAILURE, payload, "\n".join(lines)


def cmd_demo(args):
    from shopdesk.services.maintenance import demo

    if not 0 <= args.orders <= 100_000:
        raise BadArguments("--orders must be between 0 and 100000.", field="orders")

    def go(app, session):
        if not demo.is_empty(session):
            raise BadArguments(
                "This shop already has products; the demo only fills an empty shop. "
                "Use --data-dir with a new folder to try it."
            )
        return demo.seed(session, app.vault, orders_count=args.orders)

    result = _run(args, go)
    return (
        EXIT_OK,
        asdict(result),
        (
            f"demo shop ready: {result.products} products, {result.keys} keys, "
            f"{result.customers} customers, {result.orders} orders"
        ),
    )


def _product_json(p) -> dict:
    return {
        "id": p.id,
        "sku": p.sku,
        "name": p.name,
        "category": p.category,
        "kind": p.kind,
        "price": format_yuan(p.price_fen),
        "face_value": format_yuan(p.face_value_fen),
        "rollback_policy": p.rollback_policy,
        "low_stock_threshold": p.low_stock_threshold,
        "active": p.active,
        "available": p.available,
    }


def cmd_product_add(args):
    from shopdesk.services.catalog import products as catalog

    data = catalog.ProductInput(
        sku=args.sku,
        name=args.name,
        price_fen=parse_yuan(args.price, field="price", allow_zero=True),
        face_value_fen=0
        if args.face_value is None
        else parse_yuan(args.face_value, field="face value", allow_zero=True),
        category=args.category or "",
        kind=args.kind or "code+secret",
        rollback_policy=args.rollback_policy or "verify",
        low_stock_threshold=20 if args.low_stock is None else args.low_stock,
        active=args.active is not False,
    )
    view = _run(args, lambda app, s: catalog.add_product(s, data))
    return EXIT_OK, _product_json(view), f"product {view.id} added: {view.sku} {view.name}"


def cmd_product_edit(args):
    from shopdesk.services.catalog import products as catalog

    def go(app, session):
        cur = catalog.get_product(session, args.id)
        # An option given (even empty) replaces the value and is validated; an option left out keeps it.
        data = catalog.ProductInput(
            sku=cur.sku if args.sku is None else args.sku,
            name=cur.name if args.name is None else args.name,
            price_fen=(cur.price_fen if args.price is None else parse_yuan(args.price, field="price", allow_zero=True)),
            face_value_fen=(
                cur.face_value_fen
                if args.face_value is None
                else parse_yuan(args.face_value, field="face value", allow_zero=True)
            ),
            category=cur.category if args.category is None else args.category,
            kind=args.kind or cur.kind,
            rollback_policy=args.rollback_policy or cur.rollback_policy,
            low_stock_threshold=cur.low_stock_threshold if args.low_stock is None else args.low_stock,
            active=cur.active if args.active is None else args.active,
        )
        return catalog.edit_product(session, args.id, data)

    view = _run(args, go)
    return EXIT_OK, _product_json(view), f"product {view.id} saved: {view.sku} {view.name}"


def cmd_product_list(args):
    from shopdesk.services.catalog import products as catalog

    items = _run(args, lambda app, s: catalog.list_products(s))
    text = (
        "\n".join(
            f"{p.id:>4}  {p.sku:<14} {format_yuan(p.price_fen):>9}  stock {p.available:>6}  {p.name}" for p in items
        )
        or "no products yet"
    )
    return EXIT_OK, {"products": [_product_json(p) for p in items]}, text


def _customer_json(c) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "contact": c.contact,
        "risk_level": c.risk_level,
        "balance": format_yuan(c.balance_fen),
        "orders": c.order_count,
    }


def cmd_customer_add(args):
    from shopdesk.services.money import customers

    view = _run(args, lambda app, s: customers.add_customer(s, args.name, args.contact))
    return EXIT_OK, _customer_json(view), f"customer {view.id} added: {view.name}"


def cmd_customer_topup(args):
    from shopdesk.services.money import customers

    amount = parse_yuan(args.amount)

    def go(app, session):
        entry = customers.topup(session, args.id, amount, idempotency_key=args.idempotency_key, actor=app.actor)
        return entry, customers.get_customer(session, args.id)

    entry, view = _run(args, go)
    payload = _customer_json(view) | {"entry_id": entry.entry_id, "replayed": entry.replayed}
    verb = "already credited" if entry.replayed else "credited"
    return EXIT_OK, payload, f"{format_yuan(amount)} {verb} to {view.name}; balance {format_yuan(view.balance_fen)}"


def cmd_customer_show(args):
    from shopdesk.services.money import customers

    view = _run(args, lambda app, s: customers.get_customer(s, args.id))
    return (
        EXIT_OK,
        _customer_json(view),
        (
            f"customer {view.id}: {view.name} ({view.contact or '-'})\n"
            f"balance {format_yuan(view.balance_fen)}, {view.order_count} order(s)"
        ),
    )


def cmd_customer_list(args):
    from shopdesk.services.money import customers

    items = _run(args, lambda app, s: customers.list_customers(s, args.search))
    text = "\n".join(f"{c.id:>4}  {c.name:<16} {format_yuan(c.balance_fen):>10}  {c.contact}" for c in items)
    return EXIT_OK, {"customers": [_customer_json(c) for c in items]}, text or "no customers yet"


def _order_json(o) -> dict:
    return {
        "id": o.id,
        "number": o.number,
        "customer_id": o.customer_id,
        "customer": o.customer_name,
        "source": o.source,
        "external_id": o.external_id,
        "status": o.status,
        "payment_status": o.payment_status,
        "total": format_yuan(o.total_fen),
        "paid": format_yuan(o.paid_fen),
        "refunded": format_yuan(o.refunded_fen),
        "created_at": o.created_at,
        "pay_deadline": o.pay_deadline,
        "paid_at": o.paid_at,
        "delivered_at": o.delivered_at,
        "closed_at": o.closed_at,
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
        raise BadArguments("--pay external needs --trade-no (the gateway's trade number).", field="trade_no")
    if args.trade_no and not args.pay:
        raise BadArguments("--trade-no is only used with --pay external.", field="trade_no")

    def go(app, session):
        view = orders.create_order(session, args.customer, [(args.sku, args.qty)], actor=app.actor)
        if args.pay == "wallet":
            view = orders.pay_order(session, view.id, method="wallet", actor=app.actor).order
        elif args.pay == "external":
            method = args.method if args.method != "wallet" else "external"
            view = orders.pay_order(session, view.id, method=method, trade_no=args.trade_no, actor=app.actor).order
        return view

    view = _run(args, go)
    return EXIT_OK, _order_json(view), _order_text(view)


def cmd_order_pay(args):
    from shopdesk.services.orders import flagged
    from shopdesk.services.orders import selling as orders

    amount = parse_yuan(args.amount) if args.amount is not None else None
    if args.method != "wallet" and not args.trade_no:
        raise BadArguments("An external payment needs --trade-no (the gateway's trade number).", field="trade_no")
    try:
        result = _run(
            args,
            lambda app, s: orders.pay_order(
                s, args.id, method=args.method, trade_no=args.trade_no, amount_fen=amount, actor=app.actor
            ),
        )
    except PaymentRefused as refused:
        # The refusal wrote nothing; the money the gateway took is recorded on its own for a refund.
        flag = functools.partial(flagged.flag_unmatched_payment, refused=refused)
        _run(args, lambda app, s: flag(s, actor=app.actor))
        raise
    payload = _order_json(result.order) | {"replayed": result.replayed}
    prefix = "payment already recorded; nothing changed\n" if result.replayed else ""
    return EXIT_OK, payload, prefix + _order_text(result.order)


def cmd_order_show(args):
    from shopdesk.services.orders.detail import load_order_view

    view = _run(args, lambda app, s: load_order_view(s, args.id, with_events=True))
    payload = _order_json(view) | {"events": [asdict(e) for e in view.events]}
    return EXIT_OK, payload, _order_text(view)


def cmd_order_list(args):
    from shopdesk.db.models import ORDER_STATUSES
    from shopdesk.services.orders.detail import list_orders

    if args.status and args.status not in ORDER_STATUSES:
        raise BadArguments(
            f"--status {args.status!r} is unknown; use one of {', '.join(ORDER_STATUSES)}.", field="status"
        )
    if not 1 <= args.limit <= 10_000:
        raise BadArguments("--limit must be between 1 and 10000.", field="limit")
    rows = _run(args, lambda app, s: list_orders(s, status=args.status, limit=args.limit))
    payload = {
        "orders": [
            {
                "id": r.id,
                "number": r.number,
                "customer": r.customer_name,
                "source": r.source,
                "status": r.status,
                "payment_status": r.payment_status,
                "total": format_yuan(r.total_fen),
                "created_at": r.created_at,
            }
            for r in rows
        ]
    }
    text = "\n".join(
        f"{r.id:>6}  {r.number}  {r.status:<16} {r.payment_status:<10} {format_yuan(r.total_fen):>10}  "
        f"{r.customer_name}"
        for r in rows
    )
    return EXIT_OK, payload, text or "no orders"


def _json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value):
        return asdict(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")

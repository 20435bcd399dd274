"""`shopdesk customer ...`: customers and their wallets."""

from __future__ import annotations

from shopdesk.cli.runtime import EXIT_OK, fields, listing, read, write
from shopdesk.services.common.money import format_yuan, parse_yuan


def add_parsers(sub, leaf) -> None:
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
    p.add_argument("--search", default="", help="a fragment of the name or contact")
    p = leaf(customer, "history", cmd_customer_history, "every posting on the customer's wallet")
    p.add_argument("id", type=int)
    p = leaf(
        customer, "merge", cmd_customer_merge, "merge a customer into another (owner only): orders, coupons, wallet"
    )
    p.add_argument("from_id", metavar="FROM_ID", type=int, help="the customer that goes away")
    p.add_argument("into_id", metavar="INTO_ID", type=int, help="the customer that stays")
    p = leaf(customer, "block", cmd_customer_block, "blacklist a customer: the storefront refuses new orders")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True, help="why (the desk sees it; the storefront does not)")
    p = leaf(customer, "unblock", cmd_customer_unblock, "take a customer off the blacklist")
    p.add_argument("id", type=int)


def _customer_json(c) -> dict:
    return fields(
        c, "id name contact risk_level balance=balance_fen orders=order_count blocked blocked_reason merged_into"
    )


def cmd_customer_add(args):
    from shopdesk.services.money import customers

    view = write(args, lambda app, s: customers.add_customer(s, args.name, args.contact))
    return EXIT_OK, _customer_json(view), f"customer {view.id} added: {view.name}"


def cmd_customer_topup(args):
    from shopdesk.services.money import customers

    amount = parse_yuan(args.amount)

    def go(app, session):
        entry = customers.topup(session, args.id, amount, idempotency_key=args.idempotency_key, actor=app.actor)
        return entry, customers.get_customer(session, args.id)

    entry, view = write(args, go)
    payload = _customer_json(view) | {"entry_id": entry.entry_id, "replayed": entry.replayed}
    verb = "already credited" if entry.replayed else "credited"
    return EXIT_OK, payload, f"{format_yuan(amount)} {verb} to {view.name}; balance {format_yuan(view.balance_fen)}"


def cmd_customer_show(args):
    from shopdesk.services.money import customers

    view = read(args, lambda app, s: customers.get_customer(s, args.id))
    return EXIT_OK, _customer_json(view), _customer_text(view)


def _customer_text(view) -> str:
    text = (
        f"customer {view.id}: {view.name} ({view.contact or '-'})\n"
        f"balance {format_yuan(view.balance_fen)}, {view.order_count} order(s)"
    )
    if view.merged_into is not None:
        text += f"\nmerged into customer {view.merged_into}"
    if view.blocked:
        text += f"\nblocked: {view.blocked_reason}"
    return text


def cmd_customer_merge(args):
    from shopdesk.services.desk import credit
    from shopdesk.services.money import customers

    def go(app, session):
        customers.merge(session, args.from_id, args.into_id, actor=app.actor)
        credit.refresh(session, args.into_id)  # the survivor's level counts the orders it took
        return customers.get_customer(session, args.into_id)

    view = write(args, go)
    return EXIT_OK, _customer_json(view), f"customer {args.from_id} merged into:\n" + _customer_text(view)


def cmd_customer_block(args):
    from shopdesk.services.desk import credit
    from shopdesk.services.money import customers

    def go(app, session):
        credit.block(session, args.id, args.reason, actor=app.actor)
        return customers.get_customer(session, args.id)

    view = write(args, go)
    return EXIT_OK, _customer_json(view), f"customer {view.id} ({view.name}) blocked: {view.blocked_reason}"


def cmd_customer_unblock(args):
    from shopdesk.services.desk import credit
    from shopdesk.services.money import customers

    def go(app, session):
        credit.unblock(session, args.id, actor=app.actor)
        return customers.get_customer(session, args.id)

    view = write(args, go)
    return EXIT_OK, _customer_json(view), f"customer {view.id} ({view.name}) unblocked"


def cmd_customer_list(args):
    from shopdesk.services.money import customers

    items = read(args, lambda app, s: customers.list_customers(s, args.search))
    return listing(
        "customers",
        items,
        _customer_json,
        lambda c: f"{c.id:>4}  {c.name:<16} {format_yuan(c.balance_fen):>10}  {c.contact}",
        empty="no customers yet",
    )


def cmd_customer_history(args):
    from shopdesk.services.money import customers

    items = read(args, lambda app, s: customers.wallet_history(s, args.id))
    return listing(
        "postings",
        items,
        lambda p: {
            "at": p.at.isoformat(),
            "amount": format_yuan(p.amount_fen),
            "kind": p.kind,
            "order": p.order_number,
            "entry_id": p.entry_id,
            "memo": p.memo,
        },
        lambda p: f"{p.at:%Y-%m-%d %H:%M}  {format_yuan(p.amount_fen):>10}  {p.kind:<16} {p.order_number or '-'}",
        empty="no postings on this wallet",
    )

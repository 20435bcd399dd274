"""`shopdesk product ...`: the catalogue."""

from __future__ import annotations

from shopdesk.cli.runtime import EXIT_OK, fields, listing, read, write
from shopdesk.services.common.money import format_yuan, parse_yuan


def add_parsers(sub, leaf) -> None:
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
        p.add_argument(
            "--low-stock", type=int, help="low-stock threshold (a new product: the setting stock.low_threshold)"
        )
        on_sale = p.add_mutually_exclusive_group()
        on_sale.add_argument(
            "--inactive", dest="active", action="store_false", default=None, help="take the product off sale"
        )
        if name == "edit":
            on_sale.add_argument(
                "--active", dest="active", action="store_true", default=None, help="put the product back on sale"
            )
    leaf(product, "list", cmd_product_list, "list products with their available stock")


def _product_json(p) -> dict:
    return fields(
        p,
        "id sku name category kind price=price_fen face_value=face_value_fen rollback_policy low_stock_threshold active"
        " available",
    )


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
        low_stock_threshold=args.low_stock,
        active=args.active is not False,
    )
    view = write(args, lambda app, s: catalog.add_product(s, data))
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
            delivery_template=cur.delivery_template,
            active=cur.active if args.active is None else args.active,
        )
        return catalog.edit_product(session, args.id, data)

    view = write(args, go)
    return EXIT_OK, _product_json(view), f"product {view.id} saved: {view.sku} {view.name}"


def cmd_product_list(args):
    from shopdesk.services.catalog import products as catalog

    items = read(args, lambda app, s: catalog.list_products(s))
    return listing(
        "products",
        items,
        _product_json,
        lambda p: f"{p.id:>4}  {p.sku:<14} {format_yuan(p.price_fen):>9}  stock {p.available:>6}  {p.name}",
        empty="no products yet",
    )

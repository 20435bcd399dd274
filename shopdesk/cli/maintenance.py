"""`shopdesk db upgrade`, `shopdesk doctor`, `shopdesk demo`: keeping the shop sound."""

from __future__ import annotations

from dataclasses import asdict

from shopdesk.cli.runtime import EXIT_FAILURE, EXIT_OK, BadArguments, config, db_url, open_shop, write


def add_parsers(sub, leaf) -> None:
    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", metavar="ACTION", required=True
    )
    leaf(db, "upgrade", cmd_db_upgrade, "bring the database schema up to date")
    p = leaf(db, "copy", cmd_db_copy, "copy the whole shop into an empty database (SQLite <-> PostgreSQL)")
    p.add_argument("source", help="the shop's database: a URL, or the path of a SQLite file")
    p.add_argument("target", help="an empty database: a URL, or the path of a SQLite file to create")
    p = leaf(sub, "doctor", cmd_doctor, "check the shop's invariants; exit 1 with a list of violations")
    p.add_argument(
        "--deep", action="store_true", help="open every sealed secret and check it against its hash (default: 200)"
    )
    p = leaf(sub, "demo", cmd_demo, "fill an empty shop with demo data")
    p.add_argument("--orders", type=int, default=120, help="number of demo orders (default 120)")
    p.add_argument(
        "--history-days",
        type=int,
        default=60,
        help="days of past orders, cases and key imports behind them, for the reports (0-365, default 60)",
    )


def cmd_db_upgrade(args):
    from shopdesk.app import ShopApp
    from shopdesk.db import migrate

    app = ShopApp.open(config(args), upgrade=False)
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


def cmd_db_copy(args):
    import sys

    from shopdesk.db.engine import Database
    from shopdesk.services.maintenance.copy import copy_shop

    shown: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if not args.json and shown.get(table) != percent:
            shown[table] = percent
            print(f"\r{table}: {done}/{total}", end="", file=sys.stderr, flush=True)

    source, target = Database(db_url(args.source)), Database(db_url(args.target))
    try:
        result = copy_shop(source, target, progress=progress)
    finally:
        source.dispose()
        target.dispose()
    if shown:
        print(file=sys.stderr)
    payload = {
        "source": result.source,
        "target": result.target,
        "tables": result.tables,
        "rows": result.rows,
        "counts": result.counts,
        "doctor": {"ok": not result.violations, "violations": result.violations},
    }
    text = f"{result.rows} rows in {result.tables} tables copied to {result.target}; counts match"
    if result.violations:
        return EXIT_FAILURE, payload, text + "; doctor on the copy:\n" + "\n".join(result.violations)
    return EXIT_OK, payload, text + "; doctor: ok"


def cmd_doctor(args):
    from shopdesk.services.maintenance.doctor import run_checks

    app = open_shop(args)
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
        raise BadArguments("demo.orders_range")
    if not 0 <= args.history_days <= demo.MAX_HISTORY_DAYS:
        raise BadArguments("demo.history_range")

    def go(app, session):
        if not demo.is_empty(session):
            raise BadArguments("demo.shop_not_empty")
        return demo.seed(session, app.vault, orders_count=args.orders, history_days=args.history_days)

    result = write(args, go)
    return (
        EXIT_OK,
        asdict(result),
        (
            f"demo shop ready: {result.products} products, {result.keys} keys, "
            f"{result.customers} customers, {result.orders} orders"
            + (f", {result.cases} cases over the past {result.history_days} days" if result.history_days else "")
        ),
    )

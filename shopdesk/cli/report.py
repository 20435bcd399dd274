"""`shopdesk report ...`: the owner's numbers (the Today page and the Analytics reports) on the command line, and
`shopdesk timezone`: the shop's local days.

`--json` prints one object; `--csv FILE` / `--xlsx FILE` write the report's rows (money in yuan, rates as
fractions). Days are the shop's local days; --from/--to are inclusive local dates (YYYY-MM-DD).
"""

from __future__ import annotations

from datetime import timedelta

from shopdesk.cli.runtime import EXIT_OK, BadArguments, read, write


def add_parsers(sub, leaf) -> None:
    report = sub.add_parser("report", help="the owner's numbers: today, cancellations, SOP, retention, ...")
    group = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)

    def out(p):
        p.add_argument("--csv", metavar="FILE", help="write the rows to a CSV file")
        p.add_argument("--xlsx", metavar="FILE", help="write the rows to an XLSX file")
        return p

    def ranged(p):
        p.add_argument("--from", dest="start", metavar="DATE", help="first local date (default: 29 days ago)")
        p.add_argument("--to", dest="end", metavar="DATE", help="last local date (default: today)")
        return out(p)

    p = out(leaf(group, "today", cmd_today, "today's sales, orders, refunds, cancellations, profit and desk"))
    p.add_argument("--date", help="another local date (YYYY-MM-DD)")
    p = ranged(leaf(group, "cancellations", cmd_cancellations, "cancellations and their rate, broken down"))
    p.add_argument("--by", default="reason", help="class, reason, product, source, hour_of_week or day")
    ranged(leaf(group, "sop", cmd_sop, "first-response compliance and handling times, per agent"))
    ranged(leaf(group, "retention", cmd_retention, "retention offers made and accepted, per reason and offer"))
    ranged(leaf(group, "refunds", cmd_refunds, "refunds by reason"))
    ranged(leaf(group, "products", cmd_products, "sales, cancellation rate and gross profit per product"))
    out(leaf(group, "suppliers", cmd_suppliers, "keys delivered, key-invalid cases and defect rate per batch"))
    p = out(leaf(group, "alerts", cmd_alerts, "anomalies: cancellation rates and defect rates out of the ordinary"))
    p.add_argument("--date", help="the local date (default: today)")
    p = leaf(sub, "timezone", cmd_timezone, "show or set the shop's time zone (its local days)")
    p.add_argument("zone", nargs="?", help="an IANA name, e.g. Asia/Shanghai (owner only)")


def _range(args, session, tz):
    from shopdesk.services.numbers import days

    end = days.parse_date(args.end, field="--to") if args.end else days.today(tz)
    start = days.parse_date(args.start, field="--from") if args.start else end - timedelta(days=29)
    days.check_range(start, end)
    return start, end


def _read_ranged(args, report, **options):
    """report(session, start, end, tz=..., **options) over --from/--to in the shop's days: (start, end, result)."""
    from shopdesk.services.numbers import days

    _check_files(args)

    def go(app, session):
        tz = days.shop_zone(session)
        start, end = _range(args, session, tz)
        return start, end, report(session, start, end, tz=tz, **options)

    return read(args, go)


def _date(args, tz):
    from shopdesk.services.numbers import days

    return days.parse_date(args.date, field="--date") if args.date else days.today(tz)


def _files(args, table) -> list[str]:
    """Write the table where asked; the paths written."""
    from shopdesk.services.numbers import export

    written = []
    for option in ("csv", "xlsx"):
        path = getattr(args, option, None)
        if path:
            written.append(str(export.write_rows(path, table.columns, table.rows, sheet=table.name)))
    return written


def _check_files(args) -> None:
    """Refuse a wrong file name before any work is done."""
    for option, wanted in (("csv", ".csv"), ("xlsx", ".xlsx")):
        path = getattr(args, option, None)
        if path and not str(path).lower().endswith(wanted):
            raise BadArguments("numbers.export_format", file=str(path))


def _finish(args, payload: dict, table, text: str):
    written = _files(args, table)
    if written:
        payload = payload | {"written": written}
        text = text + "\n" + "\n".join(f"written: {w}" for w in written)
    return EXIT_OK, payload, text


def _yuan(fen: int | None) -> str | None:
    from shopdesk.services.common.money import format_yuan

    return None if fen is None else format_yuan(fen)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def cmd_today(args):
    from shopdesk.services.numbers import days, tables, today

    _check_files(args)

    def go(app, session):
        tz = days.shop_zone(session)
        return today.today(session, _date(args, tz), tz=tz)

    view = read(args, go)
    d = view.day
    payload = {
        "date": d.date.isoformat(),
        "sales": _yuan(d.sales_fen),
        "paid_orders": d.paid_orders,
        "refunds": _yuan(d.refunds_fen),
        "cancelled": d.cancelled,
        "cancellation_rate": d.cancellation_rate,
        "closed_unpaid": d.closed_unpaid,
        "gross_profit": _yuan(d.gross_profit_fen),
        "open_cases": view.desk.open_cases,
        "breached_cases": view.desk.breached_cases,
        "awaiting_stock": view.awaiting_stock,
        "orders": d.orders,
        "average_order": _yuan(d.average_fen),
        "first_response_rate": view.desk.first_response_rate,
        "yesterday": tables.json_row(tables.DAY_COLUMNS, tables.day_row(view.yesterday)),
        "last_week": tables.json_row(tables.DAY_COLUMNS, tables.day_row(view.last_week)),
        "alerts": len(view.alerts),
    }
    text = (
        f"{d.date}: sales {payload['sales']} from {d.paid_orders} paid orders; refunds {payload['refunds']}; "
        f"cancelled {d.cancelled} ({_pct(d.cancellation_rate)}); closed unpaid {d.closed_unpaid}; "
        f"gross profit {payload['gross_profit']}\n"
        f"desk: {view.desk.open_cases} open case(s), {view.desk.breached_cases} breached; "
        f"{view.awaiting_stock} order(s) waiting for keys; {len(view.alerts)} alert(s)"
    )
    return _finish(args, payload, tables.today_table(view), text)


def cmd_cancellations(args):
    from shopdesk.services.numbers import reports, tables

    _start, _end, report = _read_ranged(args, reports.cancellations, by=args.by)
    table = tables.cancellations_table(report)
    payload = {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "by": report.by,
        "paid_orders": report.paid_orders,
        "cancelled": report.cancelled,
        "cancellation_rate": report.cancellation_rate,
        "closed_unpaid": report.closed_unpaid,
        "rows": table.json_rows(),
    }
    lines = [
        f"{report.start} to {report.end}: {report.cancelled} of {report.paid_orders} paid orders cancelled "
        f"({_pct(report.cancellation_rate)}); {report.closed_unpaid} closed unpaid"
    ]
    lines += [
        f"  {r['key']}: {r['cancelled']} of {r['paid_orders']} ({_pct(r['cancellation_rate'])})"
        for r in payload["rows"]
    ]
    return _finish(args, payload, table, "\n".join(lines))


def cmd_sop(args):
    from shopdesk.services.numbers import reports, tables

    _start, _end, report = _read_ranged(args, reports.sop)
    whole = {k: v for k, v in tables.sop_row(report.total).items() if k != "agent"}
    payload = {"from": report.start.isoformat(), "to": report.end.isoformat()} | whole
    payload["by_agent"] = [tables.sop_row(a) for a in report.by_agent]
    t = report.total
    lines = [
        f"{report.start} to {report.end}: {t.cases} case(s); first response on time {t.first_response_met} "
        f"({_pct(t.first_response_rate)}), median {t.median_first_response_min} min, p90 {t.p90_first_response_min} "
        f"min; median resolution {t.median_resolution_min} min; {t.breaches} breached"
    ]
    lines += [
        f"  {a.agent or '(unassigned)'}: {a.cases} case(s), on time {_pct(a.first_response_rate)}, "
        f"median first response {a.median_first_response_min} min"
        for a in report.by_agent
    ]
    return _finish(args, payload, tables.sop_table(report), "\n".join(lines))


def cmd_retention(args):
    from shopdesk.services.numbers import reports, tables

    _start, _end, report = _read_ranged(args, reports.retention)
    table = tables.retention_table(report)
    payload = {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "offers_made": report.offers_made,
        "offers_accepted": report.offers_accepted,
        "save_rate": report.save_rate,
        "cases_retained": report.cases_retained,
        "rows": table.json_rows(),
    }
    lines = [
        f"{report.start} to {report.end}: {report.offers_accepted} of {report.offers_made} offers accepted "
        f"({_pct(report.save_rate)}); {report.cases_retained} case(s) retained"
    ]
    lines += [f"  {r['reason']} / {r['offer']}: {r['accepted']} of {r['made']}" for r in payload["rows"]]
    return _finish(args, payload, table, "\n".join(lines))


def _ranged_table(args, report, shape, title: str, line):
    """A report over --from/--to shown as its table: {"from", "to", "rows"}, one line a row for people."""
    start, end, rows = _read_ranged(args, report)
    table = shape(rows)
    payload = {"from": start.isoformat(), "to": end.isoformat(), "rows": table.json_rows()}
    lines = [f"{start} to {end}: {title}"] + [line(r) for r in payload["rows"]]
    return _finish(args, payload, table, "\n".join(lines))


def cmd_refunds(args):
    from shopdesk.services.numbers import reports, tables

    return _ranged_table(
        args,
        reports.refunds,
        tables.refunds_table,
        "refunds by reason",
        lambda r: f"  {r['reason']}: {r['refunds']} refund(s), {r['amount']}",
    )


def cmd_products(args):
    from shopdesk.services.numbers import reports, tables

    return _ranged_table(
        args,
        reports.products,
        tables.products_table,
        "products",
        lambda r: (
            f"  {r['sku']}: sales {r['sales']}, {r['paid_orders']} paid, cancelled {_pct(r['cancellation_rate'])}, "
            f"gross profit {r['gross_profit']}"
        ),
    )


def cmd_suppliers(args):
    from shopdesk.services.numbers import reports, tables

    _check_files(args)
    rows = read(args, lambda app, session: reports.suppliers(session))
    table = tables.suppliers_table(rows)
    payload = {"rows": table.json_rows()}
    lines = [
        f"batch {r['batch']} ({r['sku']}, {r['supplier'] or '-'}): {r['keys_delivered']} delivered, "
        f"{r['key_invalid_cases']} key-invalid case(s), defect rate {_pct(r['defect_rate'])}"
        for r in payload["rows"]
    ]
    return _finish(args, payload, table, "\n".join(lines) or "no key batches")


def cmd_alerts(args):
    from shopdesk.services.numbers import alerts, days, tables

    _check_files(args)

    def go(app, session):
        tz = days.shop_zone(session)
        day = _date(args, tz)
        return day, alerts.alerts(session, day, tz=tz)

    day, found = read(args, go)
    table = tables.alerts_table(found)
    payload = {"date": day.isoformat(), "alerts": table.json_rows()}
    lines = []
    for a in found:
        if a.kind == "product_cancellations":
            lines.append(
                f"{a.sku} on {a.date}: {a.count} of {a.base} paid orders cancelled ({_pct(a.value)}), above "
                f"{_pct(a.threshold)} (its 28-day mean {_pct(a.mean)} + 2 standard deviations)"
            )
        else:
            lines.append(
                f"batch {a.batch_id} of {a.sku} ({a.supplier or '-'}): {a.count} key-invalid case(s) in {a.base} "
                f"keys ({_pct(a.value)}), above {_pct(a.threshold)} (the product's other batches: mean "
                f"{_pct(a.mean)} + 2 standard deviations)"
            )
    return _finish(args, payload, table, "\n".join(lines) or f"{day}: no alerts")


def cmd_timezone(args):
    from shopdesk.services.common import settings
    from shopdesk.services.numbers import days

    if args.zone:
        name = write(args, lambda app, session: days.set_shop_zone(session, args.zone))
        return EXIT_OK, {"timezone": name, "source": "setting"}, f"the shop's time zone is now {name}"

    def go(app, session):
        chosen = settings.get(session, days.SETTING)
        return str(days.shop_zone(session)), "setting" if chosen else "system"

    name, source = read(args, go)
    return EXIT_OK, {"timezone": name, "source": source}, f"{name} ({source})"

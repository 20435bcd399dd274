"""Each report as a table: named columns and rows of plain values, the one shape the Analytics page's tables, the
CLI's `--json`/`--csv`/`--xlsx` and the exports share. A column ending in `_fen` is money (shown in yuan), one
ending in `_rate` a fraction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shopdesk.services.common.money import format_yuan
from shopdesk.services.numbers import alerts as anomaly
from shopdesk.services.numbers import reports, today
from shopdesk.services.numbers.export import header, is_money


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def json_rows(self) -> list[dict[str, Any]]:
        """Rows for JSON: money in yuan strings under the column name without `_fen`."""
        return [json_row(self.columns, row) for row in self.rows]


def json_row(columns, row: dict[str, Any]) -> dict[str, Any]:
    return {header(c): json_value(c, row.get(c)) for c in columns}


def json_value(column: str, value):
    if value is not None and is_money(column):
        return format_yuan(int(value))
    return value


DAY_COLUMNS = (
    "date",
    "orders",
    "paid_orders",
    "sales_fen",
    "average_order_fen",
    "refunds_fen",
    "cancelled",
    "cancellation_rate",
    "closed_unpaid",
    "gross_profit_fen",
)


def day_row(d: today.DayFigures) -> dict[str, Any]:
    return {
        "date": d.date.isoformat(),
        "orders": d.orders,
        "paid_orders": d.paid_orders,
        "sales_fen": d.sales_fen,
        "average_order_fen": d.average_fen,
        "refunds_fen": d.refunds_fen,
        "cancelled": d.cancelled,
        "cancellation_rate": d.cancellation_rate,
        "closed_unpaid": d.closed_unpaid,
        "gross_profit_fen": d.gross_profit_fen,
    }


def today_table(view: today.TodayView) -> Table:
    return Table("today", DAY_COLUMNS, tuple(day_row(d) for d in (view.day, view.yesterday, view.last_week)))


def cancellations_table(report: reports.Cancellations) -> Table:
    rows = []
    for r in report.rows:
        paid = report.paid_orders if r.paid_orders is None else r.paid_orders  # class/reason: the range's total
        rows.append(
            {
                "key": r.key,
                "paid_orders": paid,
                "cancelled": r.cancelled,
                "cancellation_rate": reports.rate(r.cancelled, paid),
            }
        )
    return Table(f"cancellations_{report.by}", ("key", "paid_orders", "cancelled", "cancellation_rate"), tuple(rows))


SOP_COLUMNS = (
    "agent",
    "cases",
    "first_response_met",
    "first_response_missed",
    "first_response_rate",
    "median_first_response_min",
    "p90_first_response_min",
    "median_resolution_min",
    "p90_resolution_min",
    "breaches",
)


def sop_row(f: reports.SopFigures) -> dict[str, Any]:
    return {
        "agent": f.agent,
        "cases": f.cases,
        "first_response_met": f.first_response_met,
        "first_response_missed": f.first_response_missed,
        "first_response_rate": f.first_response_rate,
        "median_first_response_min": f.median_first_response_min,
        "p90_first_response_min": f.p90_first_response_min,
        "median_resolution_min": f.median_resolution_min,
        "p90_resolution_min": f.p90_resolution_min,
        "breaches": f.breaches,
    }


def sop_table(report: reports.SopReport) -> Table:
    return Table("sop_by_agent", SOP_COLUMNS, tuple(sop_row(a) for a in report.by_agent))


def retention_table(report: reports.Retention) -> Table:
    rows = tuple(
        {"reason": r.reason, "offer": r.offer, "made": r.made, "accepted": r.accepted, "save_rate": r.save_rate}
        for r in report.rows
    )
    return Table("retention", ("reason", "offer", "made", "accepted", "save_rate"), rows)


def refunds_table(rows: tuple[reports.RefundRow, ...]) -> Table:
    return Table(
        "refunds",
        ("reason", "refunds", "amount_fen"),
        tuple({"reason": r.reason, "refunds": r.refunds, "amount_fen": r.amount_fen} for r in rows),
    )


def products_table(rows: tuple[reports.ProductRow, ...]) -> Table:
    return Table(
        "products",
        (
            "sku",
            "name",
            "paid_orders",
            "cancelled",
            "cancellation_rate",
            "sales_fen",
            "refunds_fen",
            "cost_fen",
            "gross_profit_fen",
        ),
        tuple(
            {
                "sku": r.sku,
                "name": r.name,
                "paid_orders": r.paid_orders,
                "cancelled": r.cancelled,
                "cancellation_rate": r.cancellation_rate,
                "sales_fen": r.sales_fen,
                "refunds_fen": r.refunds_fen,
                "cost_fen": r.cost_fen,
                "gross_profit_fen": r.gross_profit_fen,
            }
            for r in rows
        ),
    )


def suppliers_table(rows: tuple[reports.BatchRow, ...]) -> Table:
    return Table(
        "suppliers",
        ("supplier", "batch", "sku", "keys", "keys_delivered", "key_invalid_cases", "defect_rate"),
        tuple(
            {
                "supplier": r.supplier,
                "batch": r.batch_id,
                "sku": r.sku,
                "keys": r.keys,
                "keys_delivered": r.keys_delivered,
                "key_invalid_cases": r.key_invalid_cases,
                "defect_rate": r.defect_rate,
            }
            for r in rows
        ),
    )


ALERT_COLUMNS = (
    "kind",
    "sku",
    "date",
    "batch",
    "supplier",
    "value",
    "mean",
    "stdev",
    "threshold",
    "count",
    "base",
)


def alert_row(a: anomaly.Alert) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "sku": a.sku,
        "date": a.date.isoformat() if a.date else None,
        "batch": a.batch_id,
        "supplier": a.supplier,
        "value": a.value,
        "mean": a.mean,
        "stdev": a.stdev,
        "threshold": a.threshold,
        "count": a.count,
        "base": a.base,
    }


def alerts_table(found: list[anomaly.Alert]) -> Table:
    return Table("alerts", ALERT_COLUMNS, tuple(alert_row(a) for a in found))

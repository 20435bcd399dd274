"""`shopdesk report ...` and `shopdesk timezone`: the exact JSON fields scripts read, rates as fractions, money
in yuan, the rows written to CSV and XLSX, and bad input refused with nothing written."""

from __future__ import annotations

import csv
from datetime import timedelta

import openpyxl
import pytest

from shopdesk.services.common import clock
from shopdesk.services.numbers import days
from tests.cli.conftest import STAFF_PW, as_user

TODAY_FIELDS = {
    "date",
    "sales",
    "paid_orders",
    "refunds",
    "cancelled",
    "cancellation_rate",
    "closed_unpaid",
    "gross_profit",
    "open_cases",
    "breached_cases",
    "awaiting_stock",
}


@pytest.fixture
def sold(stocked):
    """Four paid orders of Q-10 (9.80 each): one kept, one cancelled through a customer case (refund to the wallet),
    one through a merchant case (refund at the gateway), one whose key was invalid and was replaced."""
    for trade in ("T-1", "T-2", "T-3", "T-4"):
        run = stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no", trade)
        assert run.code == 0, run.err
    case = stocked.json("case", "open", "2", "--reason", "changed_mind")
    assert stocked("case", "resolve", str(case["id"]), "--outcome", "cancelled").code == 0
    case = stocked.json("case", "open", "3", "--reason", "delivery_late")
    assert stocked("case", "resolve", str(case["id"]), "--outcome", "cancelled", "--refund", "external").code == 0
    case = stocked.json("case", "open", "4", "--reason", "key_invalid")
    if case["status"] != "resolved":  # the rule track replaces a first invalid key itself; a risky customer waits
        assert stocked("case", "resolve", str(case["id"]), "--outcome", "replaced").code == 0
    return stocked


def test_report_today_prints_the_contract_fields_with_money_in_yuan_and_rates_as_fractions(sold):
    today = sold.json("report", "today")
    assert set(today) >= TODAY_FIELDS
    assert today["date"] == days.today(days.zone(days.system_zone_name())).isoformat()
    assert today["sales"] == "39.20" and today["paid_orders"] == 4
    assert today["refunds"] == "19.60"
    assert today["cancelled"] == 2 and today["cancellation_rate"] == 0.5
    assert today["closed_unpaid"] == 0 and today["awaiting_stock"] == 0
    assert today["open_cases"] == 0 and today["breached_cases"] == 0
    # the kept order's key cost nothing (keys stocked without a unit cost): profit = sales - refunds
    assert today["gross_profit"] == "19.60"
    assert today["yesterday"]["paid_orders"] == 0 and today["yesterday"]["cancellation_rate"] is None
    other = sold.json("report", "today", "--date", "2001-01-01")
    assert other["paid_orders"] == 0 and other["sales"] == "0.00" and other["cancellation_rate"] is None


def test_cancellations_by_reason_class_source_and_hour_of_week(sold):
    by_reason = sold.json("report", "cancellations", "--by", "reason")
    assert {k: by_reason[k] for k in ("paid_orders", "cancelled", "cancellation_rate")} == {
        "paid_orders": 4,
        "cancelled": 2,
        "cancellation_rate": 0.5,
    }
    rows = {r["key"]: r for r in by_reason["rows"]}
    assert set(rows) == {"changed_mind", "delivery_late"}  # the replaced order was not cancelled
    assert rows["changed_mind"]["cancelled"] == 1 and rows["changed_mind"]["paid_orders"] == 4
    assert rows["changed_mind"]["cancellation_rate"] == 0.25
    assert set(rows["changed_mind"]) == {"key", "paid_orders", "cancelled", "cancellation_rate"}
    by_class = {r["key"]: r["cancelled"] for r in sold.json("report", "cancellations", "--by", "class")["rows"]}
    assert by_class == {"customer": 1, "merchant": 1}
    by_source = sold.json("report", "cancellations", "--by", "source")["rows"]
    assert [(r["key"], r["paid_orders"], r["cancelled"]) for r in by_source] == [("desk", 4, 2)]
    week = sold.json("report", "cancellations", "--by", "hour_of_week")["rows"]
    assert len(week) == 168 and sum(r["paid_orders"] for r in week) == 4
    assert sum(r["cancelled"] for r in week) == 2
    empty = sold.json("report", "cancellations", "--from", "2001-01-01", "--to", "2001-01-31")
    assert empty["paid_orders"] == 0 and empty["cancellation_rate"] is None and empty["rows"] == []


def test_sop_retention_suppliers_and_alerts_have_their_fields(sold):
    sop = sold.json("report", "sop")
    for field in (
        "cases",
        "first_response_met",
        "first_response_rate",
        "median_first_response_min",
        "p90_first_response_min",
        "median_resolution_min",
        "breaches",
        "by_agent",
    ):
        assert field in sop
    assert sop["cases"] == 3 and sop["first_response_met"] == 3 and sop["first_response_rate"] == 1.0
    retention = sold.json("report", "retention")
    assert {k: retention[k] for k in ("offers_made", "offers_accepted", "save_rate", "rows")} == {
        "offers_made": 0,
        "offers_accepted": 0,
        "save_rate": None,
        "rows": [],
    }
    suppliers = sold.json("report", "suppliers")["rows"]
    assert len(suppliers) == 1
    row = suppliers[0]
    assert {"supplier", "batch", "keys_delivered", "key_invalid_cases", "defect_rate"} <= set(row)
    assert row["keys_delivered"] == 5 and row["key_invalid_cases"] == 1  # four orders and one replacement
    assert row["defect_rate"] == 0.2
    assert sold.json("report", "alerts") == {"date": sold.json("report", "today")["date"], "alerts": []}


def test_rows_are_written_to_csv_and_xlsx(sold, tmp_path):
    out_csv, out_xlsx = tmp_path / "reasons.csv", tmp_path / "reasons.xlsx"
    run = sold("report", "cancellations", "--by", "reason", "--csv", str(out_csv), "--xlsx", str(out_xlsx))
    assert run.code == 0, run.err
    with out_csv.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["key"] for r in rows] == ["changed_mind", "delivery_late"]
    assert rows[0]["cancelled"] == "1" and rows[0]["paid_orders"] == "4" and rows[0]["cancellation_rate"] == "0.25"
    sheet = openpyxl.load_workbook(out_xlsx).active
    values = list(sheet.values)
    assert values[0] == ("key", "paid_orders", "cancelled", "cancellation_rate")
    assert values[1] == ("changed_mind", 4, 1, 0.25)
    money = tmp_path / "today.csv"
    assert sold("report", "today", "--csv", str(money)).code == 0
    with money.open(encoding="utf-8-sig") as f:
        first = next(csv.DictReader(f))
    assert first["sales"] == "39.20" and first["refunds"] == "19.60"  # yuan, two decimals


@pytest.mark.parametrize(
    "args",
    [
        ("report", "cancellations", "--from", "2026-12-05", "--to", "2026-12-01"),
        ("report", "cancellations", "--by", "weather"),
        ("report", "today", "--date", "2026-13-01"),
        ("report", "sop", "--from", "yesterday"),
        ("report", "today", "--csv", "today.txt"),
        ("timezone", "Mars/Olympus"),
        ("timezone", "../../etc/passwd"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(stocked, tmp_path, monkeypatch, args):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    run = stocked.writes_nothing("--json", *args)
    assert run.error()["error"]
    assert list(out.iterdir()) == []


def test_days_are_the_shops_local_days(sold):
    assert sold.json("timezone")["source"] == "system"
    assert sold.json("timezone", "Pacific/Kiritimati") == {"timezone": "Pacific/Kiritimati", "source": "setting"}
    here = (clock.now() + timedelta(hours=14)).date().isoformat()  # UTC+14 all year
    assert sold.json("report", "today")["date"] == here
    assert sold.json("report", "today")["paid_orders"] == 4


def test_only_an_owner_sets_the_time_zone(staffed, monkeypatch):
    as_user(monkeypatch, "xiaowang", STAFF_PW)
    run = staffed("--json", "timezone", "Asia/Shanghai")
    assert run.code == 3 and "only an owner" in run.error()["error"]
    assert staffed.json("timezone")["source"] == "system"
    assert staffed.json("report", "today")["paid_orders"] == 0  # staff read the numbers

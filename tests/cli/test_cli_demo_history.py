"""`shopdesk demo --history-days N`: a demo shop with a past, so every report of the owner's numbers has something
true to show. One shop with 14 days of history is seeded once (through the CLI) for the module's tests, which read
it through `shopdesk report ...`; the default 60 days are seeded once more in the slow suite."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shopdesk.app import ShopApp
from shopdesk.cli import main
from shopdesk.config import load_config
from shopdesk.db.models import Case
from shopdesk.services.common import clock
from shopdesk.services.desk import sop
from shopdesk.services.maintenance import demo
from tests.cli.conftest import Shop
from tests.helpers import pg

DAYS = 14
# The history is laid out backwards from "now" in the shop's local days: seeded (and read) at one fixed moment in one
# zone, the shop is the same on every run, whatever the date and the machine's zone.
SEEDED_AT = datetime.fromisoformat(os.environ.get("SHOPDESK_TEST_DEMO_AT", "2026-11-30T12:00:00+00:00")).astimezone(UTC)
ZONE = "Asia/Shanghai"
STATES = {"pending_payment", "awaiting_stock", "delivered", "completed", "cancelled", "closed"}


def _seed(path, *args) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(path), "timezone", ZONE]) == 0
        clock.freeze(SEEDED_AT)
        try:
            code = main(["--data-dir", str(path), "--json", "demo", *map(str, args)])
        finally:
            clock.reset()
    assert code == 0, out.getvalue()
    return json.loads(out.getvalue().splitlines()[-1])


@pytest.fixture(scope="module")
def seeded(template_dir, tmp_path_factory):
    """(data dir, database URL or None, the command's JSON) of one demo shop with 14 days of history."""
    path = tmp_path_factory.mktemp("demo-history") / "shop"
    shutil.copytree(template_dir, path)
    database = pg.new_shop_database()
    url = database[1] if database else None
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOPDESK_DATA_DIR", str(path.parent / "default-data"))
        if url:
            mp.setenv("SHOPDESK_DB_URL", url)
        else:
            mp.delenv("SHOPDESK_DB_URL", raising=False)
        result = _seed(path, "--history-days", DAYS)
    yield path, url, result
    if database:
        pg.drop_shop_database(database[0])


@pytest.fixture
def shop(seeded, capsys, monkeypatch) -> Shop:
    """The seeded shop, read a few minutes after it was seeded (the clock stays there for the test)."""
    path, url, _ = seeded
    if url:
        monkeypatch.setenv("SHOPDESK_DB_URL", url)
    clock.freeze(SEEDED_AT + timedelta(minutes=5))
    yield Shop(path, capsys)
    clock.reset()


def _today(shop: Shop) -> date:
    return date.fromisoformat(shop.json("report", "today")["date"])


def _range(shop: Shop) -> tuple[str, ...]:
    """--from/--to covering the whole history (and the opening hour before it)."""
    today = _today(shop)
    return "--from", (today - timedelta(days=DAYS + 1)).isoformat(), "--to", today.isoformat()


def test_the_history_is_sound_and_counted(seeded, shop):
    result = seeded[2]
    assert result["history_days"] == DAYS
    assert result["orders"] >= DAYS * 10 + 120  # tens of orders a day, and the recent part's 120 + 7
    assert result["cases"] >= 20
    assert result["customers"] > len(demo.CUSTOMERS)
    shop.doctor_ok()


def test_weekend_evenings_cancel_more_than_the_rest_of_the_week(shop):
    rows = shop.json("report", "cancellations", "--by", "hour_of_week", *_range(shop))["rows"]
    evening = [r for r in rows if r["key"][:3] in ("fri", "sat", "sun") and 19 <= int(r["key"][4:]) <= 23]
    rest = [r for r in rows if r not in evening]

    def rate(group):
        return sum(r["cancelled"] for r in group) / sum(r["paid_orders"] for r in group)

    assert sum(r["paid_orders"] for r in evening) >= 30
    assert rate(evening) > rate(rest) > 0


def test_cancellations_have_reasons_of_all_three_classes(shop):
    classes = shop.json("report", "cancellations", "--by", "class", *_range(shop))
    assert {r["key"] for r in classes["rows"] if r["cancelled"]} >= {"customer", "merchant", "system"}
    reasons = {r["key"] for r in shop.json("report", "cancellations", "--by", "reason", *_range(shop))["rows"]}
    assert "none" not in reasons  # every cancellation went through a case
    assert len(reasons) >= 6


def test_the_bad_suppliers_batch_has_the_highest_defect_rate_and_raises_an_alert(shop):
    bad = demo.HISTORY["bad_batch"]
    rows = shop.json("report", "suppliers")["rows"]
    worst = max(rows, key=lambda r: r["defect_rate"] or 0)
    assert (worst["supplier"], worst["sku"]) == (bad["supplier"], bad["sku"])
    assert worst["keys_delivered"] >= 10 and worst["key_invalid_cases"] >= 2
    assert len([r for r in rows if r["sku"] == bad["sku"]]) >= 3  # the regular supplier's batches before and after
    found = shop.json("report", "alerts")["alerts"]
    assert [(a["kind"], a["batch"]) for a in found if a["kind"] == "batch_defects"] == [
        ("batch_defects", worst["batch"])
    ]


def test_one_products_bad_day_raises_a_cancellation_alert(shop):
    spec = demo.HISTORY["bad_day"]
    day = _today(shop) - timedelta(days=spec["days_ago"])
    found = shop.json("report", "alerts", "--date", day.isoformat())["alerts"]
    product = [a for a in found if a["kind"] == "product_cancellations"]
    assert [(a["sku"], a["date"]) for a in product] == [(spec["sku"], day.isoformat())]
    assert product[0]["base"] >= 10 and product[0]["value"] > product[0]["threshold"]


def test_two_agents_answer_mostly_on_time_with_some_breaches(shop):
    sop = shop.json("report", "sop", *_range(shop))
    agents = {a["agent"]: a for a in sop["by_agent"]}
    for name in demo.STAFF:
        assert agents[name]["cases"] >= 5
    assert sop["first_response_met"] > sop["first_response_missed"] > 0
    assert sop["breaches"] > 0
    assert sop["median_first_response_min"] < 5
    assert sop["median_resolution_min"] < 60 < sop["p90_resolution_min"]  # minutes, and some take hours


def test_retention_offers_of_several_kinds_accepted_and_declined(shop):
    retention = shop.json("report", "retention", *_range(shop))
    assert 0 < retention["offers_accepted"] < retention["offers_made"]
    assert retention["cases_retained"] > 0
    assert len({r["offer"] for r in retention["rows"]}) >= 3
    refunds = {r["reason"] for r in shop.json("report", "refunds", *_range(shop))["rows"]}
    assert len(refunds) >= 4


def test_todays_demo_content_is_still_there(shop):
    orders = shop.json("order", "list", "--limit", "5000")["orders"]
    assert {o["status"] for o in orders} >= STATES
    assert {o["source"] for o in orders} >= {"api", "desk", "demo"}
    assert sum(1 for o in orders if o["status"] == "awaiting_stock") >= 3
    people = shop.json("customer", "list")["customers"]
    assert sum(1 for c in people if c["balance"] != "0.00") >= 5


@pytest.mark.parametrize("value", ["400", "-1", "366"])
def test_history_days_out_of_range_is_refused_and_writes_nothing(sd, value):
    run = sd.writes_nothing("--json", "demo", "--history-days", value)
    assert run.error()["field"] == "history-days"
    assert sd.count("product") == 0


@pytest.mark.slow
@pytest.mark.sqlite_only("a data dir of its own is a SQLite shop: on PostgreSQL it would repeat the SQLite pass")
def test_the_default_history_is_sixty_days_with_both_alerts(cli, tmp_path):
    data = tmp_path / "demo"
    assert cli("--data-dir", data, "timezone", ZONE).code == 0
    clock.freeze(SEEDED_AT)
    run = cli("--data-dir", data, "--json", "demo")
    assert run.code == 0, run.err
    clock.freeze(SEEDED_AT + timedelta(minutes=5))  # the seed let the clock go
    assert run.json()["history_days"] == 60
    assert cli("--data-dir", data, "doctor").code == 0
    today = date.fromisoformat(cli("--data-dir", data, "--json", "report", "today").json()["date"])
    day = today - timedelta(days=demo.HISTORY["bad_day"]["days_ago"])
    found = cli("--data-dir", data, "--json", "report", "alerts", "--date", day.isoformat()).json()["alerts"]
    assert {a["kind"] for a in found} == {"product_cancellations", "batch_defects"}


def test_the_desk_has_open_cases_in_every_clock_colour_when_seeding_ends(seeded, monkeypatch):
    """At the moment the seeding ends, the desk's open cases show each colour: green, amber, red and paused."""
    path, url, _ = seeded
    if url:
        monkeypatch.setenv("SHOPDESK_DB_URL", url)
    app = ShopApp.open(load_config(path))
    try:
        with app.db.read() as session:
            open_cases = session.scalars(select(Case).where(Case.status.in_(sop.CASE_OPEN_STATUSES))).all()
            colours = {sop.clock_state(case, SEEDED_AT).colour for case in open_cases}
    finally:
        app.close()
    assert colours >= {"green", "amber", "red", "paused"}


def test_the_demos_cases_carry_customers_words_in_both_languages_that_the_seed_never_had(seeded, monkeypatch):
    """Each demo case opens with a customer's message (Chinese or English, varied per reason, none from the seed
    corpus), so a retrain on the seed plus the demo's confirmed cases reads new words."""
    from shopdesk.db.models import CaseEvent
    from shopdesk.services.desk import suggestions

    path, url, _ = seeded
    if url:
        monkeypatch.setenv("SHOPDESK_DB_URL", url)
    app = ShopApp.open(load_config(path))
    try:
        with app.db.read() as session:
            opened = session.execute(
                select(Case.reason_code, CaseEvent.note)
                .join(CaseEvent, CaseEvent.case_id == Case.id)
                .where(CaseEvent.kind == "opened")
            ).all()
            data = suggestions.training_data(session)
    finally:
        app.close()
    seed = {s.text for s in suggestions.seed_samples()}
    assert all(note and note.strip() for _, note in opened)
    assert not {note for _, note in opened} & seed
    by_reason: dict[str, set[str]] = {}
    for code, note in opened:
        by_reason.setdefault(code, set()).add(note)
    assert max(len(v) for v in by_reason.values()) >= 3  # a reason's cases are not all worded alike
    chinese = [n for _, n in opened if any("\u4e00" <= ch <= "\u9fff" for ch in n)]
    english = [n for _, n in opened if n.isascii()]
    assert chinese and english
    assert data.shop and {s.text for s in data.shop} <= {note for _, note in opened}

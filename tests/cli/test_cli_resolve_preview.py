"""`shopdesk case resolve ... --dry-run [--json]`: the preview of a resolution (keys by policy, refund and where
to, coupons, compensation, credit) is what the real resolve then does, and a dry run writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shopdesk.services.common import clock

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk(stocked):
    clock.freeze(T0)
    return stocked


def order(shop, qty="2") -> int:
    extra = ["--pay", "external", "--trade-no", f"T-{shop.count('orders') + 1}"]
    return shop.json("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", qty, *extra)["id"]


def test_dry_run_json_previews_the_cancellation_and_writes_nothing(desk):
    oid = order(desk)
    cid = desk.json("case", "open", oid, "--reason", "key_used")["id"]
    run = desk.writes_nothing("--json", "case", "resolve", cid, "--outcome", "cancelled", "--dry-run", code=0)
    preview = run.json()["preview"]
    assert set(run.json()) == {"preview"}
    assert (preview["refund"], preview["refund_to"], preview["coupons"], preview["compensation"]) == (
        "19.60",
        "wallet",
        [],
        "0.00",
    )
    assert [(k["sku"], k["policy"], k["to"]) for k in preview["keys"]] == [("Q-10", "verify", "recalled")] * 2
    assert all(k["secret"].startswith("••••") for k in preview["keys"])
    assert preview["credit"]["after"] in ("normal", "watch", "risky")
    recalled = sorted(k["key"] for k in preview["keys"])

    case = desk.json("case", "resolve", cid, "--outcome", "cancelled")
    assert case["events"][-1]["note"] == "keys: 2 recalled; refund 19.60 to wallet"
    assert desk.count("card_key", "status = 'recalled'") == 2
    ids = [k for k in recalled if desk.count("card_key", f"id = {k} AND status = 'recalled'") == 1]
    assert ids == recalled  # the very keys the preview named


def test_dry_run_with_external_partial_refund_and_compensation(desk):
    oid = order(desk)
    cid = desk.json("case", "open", oid, "--reason", "delivery_late")["id"]
    args = ("case", "resolve", cid, "--outcome", "cancelled", "--refund", "external", "--amount", "5")
    run = desk.writes_nothing("--json", *args, "--compensation", "2", "--dry-run", code=0)
    preview = run.json()["preview"]
    assert (preview["refund"], preview["refund_to"], preview["compensation"]) == ("5.00", "external", "2.00")


def test_dry_run_text_says_what_would_happen(desk):
    oid = order(desk, qty="1")
    cid = desk.json("case", "open", oid, "--reason", "key_used")["id"]
    run = desk.writes_nothing("case", "resolve", cid, "--outcome", "cancelled", "--dry-run", code=0)
    assert "-> recalled (verify)" in run.out
    assert "refund 9.80 to wallet" in run.out
    assert "nothing was written" in run.out


def test_dry_run_of_a_non_cancelling_outcome_rolls_nothing_back(desk):
    oid = order(desk)
    cid = desk.json("case", "open", oid, "--reason", "changed_mind")["id"]
    run = desk.writes_nothing("--json", "case", "resolve", cid, "--outcome", "retained", "--dry-run", code=0)
    preview = run.json()["preview"]
    assert (preview["keys"], preview["refund"], preview["refund_to"], preview["coupons"]) == ([], "0.00", None, [])


def test_dry_run_refuses_what_resolve_would_refuse(desk):
    oid = order(desk)
    cid = desk.json("case", "open", oid, "--reason", "key_used")["id"]
    run = desk.writes_nothing("--json", "case", "resolve", cid, "--outcome", "cancelled", "--amount", "50", "--dry-run")
    assert "refund" in run.err.lower() or "refund" in run.out.lower()
    desk.json("case", "resolve", cid, "--outcome", "cancelled")
    run = desk.writes_nothing("--json", "case", "resolve", cid, "--outcome", "cancelled", "--dry-run")
    assert "already resolved" in run.err


def test_a_viewer_may_not_preview_a_resolution(staffed, monkeypatch):
    from tests.cli.conftest import VIEWER_PW, as_user

    clock.freeze(T0)
    oid = order(staffed)
    cid = staffed.json("case", "open", oid, "--reason", "key_used")["id"]
    as_user(monkeypatch, "kan", VIEWER_PW)
    run = staffed("--json", "case", "resolve", cid, "--outcome", "cancelled", "--dry-run")
    assert run.code == 3, run.err
    assert staffed.count("card_key", "status = 'delivered'") == 2

"""`shopdesk case open | list | show | resolve` and `shopdesk key check`: JSON and text output, the rule track
seen from the command line, and bad input that exits 2 having written nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.services.common import clock

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def iso(at: datetime) -> str:
    return at.isoformat()


def order(shop, *, qty="2", pay=True) -> int:
    """An order of Q-10 (delivered when paid): returns its id."""
    extra = ["--pay", "external", "--trade-no", f"T-{shop.count('orders') + 1}"] if pay else []
    return shop.json("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", qty, *extra)["id"]


@pytest.fixture
def desk(stocked):
    """The stocked shop (Q-10 at 9.80, five keys, rollback policy verify; customer 1) with the clock at T0."""
    clock.freeze(T0)
    return stocked


@pytest.fixture
def delivered(desk):
    return order(desk)


# --- case open -----------------------------------------------------------------------------------------


def test_open_prints_the_case_with_deadlines_and_events(desk, delivered):
    case = desk.json("case", "open", delivered, "--reason", "changed_mind", "--note", "wrong denomination")
    assert (case["id"], case["order_id"], case["customer_id"], case["customer"]) == (1, delivered, 1, "Bob")
    assert case["order_number"].startswith("SD20260302")
    assert (case["status"], case["outcome"], case["class"], case["reason_code"], case["priority"]) == (
        "new",
        None,
        "customer",
        "changed_mind",
        "normal",
    )
    assert case["assignee"] is None and case["version"] == 1
    assert (case["opened_at"], case["first_response_due"], case["resolution_due"]) == (
        iso(T0),
        iso(T0 + timedelta(minutes=5)),
        iso(T0 + timedelta(minutes=30)),
    )
    assert case["clock"] == {
        "target": "first_response",
        "due": iso(T0 + timedelta(minutes=5)),
        "seconds_left": 300.0,
        "colour": "green",
    }
    assert case["events"] == [
        {
            "at": iso(T0),
            "kind": "opened",
            "actor": case["events"][0]["actor"],
            "rule": None,
            "from": None,
            "to": "new",
            "note": "wrong denomination",
        }
    ]


def test_open_with_class_and_priority(desk, delivered):
    case = desk.json("case", "open", delivered, "--reason", "changed_mind", "--class", "system", "--priority", "high")
    assert (case["class"], case["priority"]) == ("system", "high")
    assert case["first_response_due"] == iso(T0 + timedelta(minutes=3))


def test_open_in_text(desk, delivered):
    run = desk("case", "open", delivered, "--reason", "key_used")
    assert run.code == 0, run.err
    first, clock_line, event = run.out.splitlines()
    assert first.startswith("case 1 on order SD20260302") and first.endswith(": new, merchant/key_used, normal")
    assert "first response due" in clock_line and "(5 min 0 s left, green)" in clock_line
    assert " opened by " in event


def test_the_rule_track_settles_an_unpaid_order_at_once(desk):
    unpaid = order(desk, pay=False)
    case = desk.json("case", "open", unpaid, "--reason", "wrong_item")
    assert (case["status"], case["outcome"]) == ("resolved", "cancelled")
    assert [(e["kind"], e["rule"]) for e in case["events"]] == [
        ("opened", None),
        ("taken", None),
        ("resolved", "Unpaid order: close it"),
        ("rolled_back", "Unpaid order: close it"),
    ]
    assert case["clock"] == {"target": "none", "due": None, "seconds_left": None, "colour": "done"}
    assert desk.json("order", "show", unpaid)["status"] == "closed"
    text = desk("case", "show", case["id"]).out
    assert "resolved [Unpaid order: close it] by rules: closed unpaid order" in text


# --- case list / show ----------------------------------------------------------------------------------


def test_list_all_or_open_only(desk):
    a, b = order(desk, qty="1"), order(desk, qty="1")
    first = desk.json("case", "open", a, "--reason", "changed_mind")["id"]
    second = desk.json("case", "open", b, "--reason", "delivery_late")["id"]
    desk.json("case", "resolve", first, "--outcome", "retained")
    listed = desk.json("case", "list")["cases"]
    assert [c["id"] for c in listed] == [second, first]
    assert listed[0] == {
        "id": second,
        "order_id": b,
        "order_number": listed[0]["order_number"],
        "customer": "Bob",
        "class": "merchant",
        "reason_code": "delivery_late",
        "priority": "normal",
        "status": "new",
        "outcome": None,
        "assignee": None,
        "first_response_due": iso(T0 + timedelta(minutes=5)),
        "resolution_due": iso(T0 + timedelta(minutes=30)),
    }
    assert (listed[1]["status"], listed[1]["outcome"]) == ("resolved", "retained")
    assert [c["id"] for c in desk.json("case", "list", "--open")["cases"]] == [second]
    text = desk("case", "list").out.splitlines()
    assert len(text) == 2 and "new" in text[0] and "retained" in text[1]


def test_an_empty_queue(desk):
    assert desk.json("case", "list") == {"cases": []}
    assert desk("case", "list").out == "no cases\n"


def test_show_counts_down_and_goes_red(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "changed_mind")["id"]
    clock.freeze(T0 + timedelta(minutes=4, seconds=30))
    assert desk.json("case", "show", cid)["clock"]["colour"] == "amber"
    clock.freeze(T0 + timedelta(minutes=7))
    shown = desk.json("case", "show", cid)
    assert (shown["clock"]["colour"], shown["clock"]["seconds_left"]) == ("red", -120.0)
    assert "(overdue by 2 min 0 s, red)" in desk("case", "show", cid).out


# --- case resolve --------------------------------------------------------------------------------------


def test_resolve_cancelled_refunds_to_the_wallet_and_recalls_the_keys(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "key_used")["id"]
    case = desk.json("case", "resolve", cid, "--outcome", "cancelled", "--note", "supplier confirmed")
    assert (case["status"], case["outcome"], case["version"]) == ("resolved", "cancelled", 2)
    assert [e["kind"] for e in case["events"]] == ["opened", "taken", "resolved", "rolled_back"]
    assert case["events"][2]["note"] == "supplier confirmed"
    assert case["events"][3]["note"] == "keys: 2 recalled; refund 19.60 to wallet"
    o = desk.json("order", "show", delivered)
    assert (o["status"], o["payment_status"], o["refunded"]) == ("cancelled", "refunded", "19.60")
    assert desk.json("customer", "show", "1")["balance"] == "19.60"
    assert desk.count("card_key", "status = 'recalled'") == 2


def test_resolve_with_a_partial_external_refund_and_compensation(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "delivery_late")["id"]
    case = desk.json(
        "case", "resolve", cid, "--outcome", "cancelled", "--refund", "external", "--amount", "5", "--compensation", "2"
    )
    assert case["events"][-1]["note"] == "keys: 2 recalled; refund 5.00 to external; compensation 2.00"
    o = desk.json("order", "show", delivered)
    assert (o["payment_status"], o["refunded"]) == ("partially_refunded", "5.00")
    assert desk.json("customer", "show", "1")["balance"] == "2.00"


def test_resolve_rejected_with_the_reason_for_the_customer(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "changed_mind")["id"]
    case = desk.json("case", "resolve", cid, "--outcome", "rejected", "--reason", "The keys were redeemed.")
    assert (case["outcome"], case["rejection_reason"]) == ("rejected", "The keys were redeemed.")
    assert desk.json("order", "show", delivered)["status"] == "delivered"


def test_resolve_replaced(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "key_used")["id"]
    case = desk.json("case", "resolve", cid, "--outcome", "replaced")
    assert (case["outcome"], case["events"][-1]["kind"], case["events"][-1]["note"]) == (
        "replaced",
        "keys_replaced",
        "2 key(s) replaced",
    )
    assert desk.count("card_key", "status = 'delivered'") == 2
    assert desk.count("card_key", "status = 'recalled'") == 2


def test_the_second_desk_to_resolve_is_told(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "key_used")["id"]
    desk.json("case", "resolve", cid, "--outcome", "cancelled")
    run = desk.writes_nothing("--json", "case", "resolve", cid, "--outcome", "cancelled")
    assert run.error()["error"] == f"Case {cid} is already resolved (cancelled)."
    assert desk.json("customer", "show", "1")["balance"] == "19.60"  # refunded once


# --- key check -----------------------------------------------------------------------------------------


def test_key_check_after_a_recall(desk, delivered):
    unused, used = (k["id"] for k in desk.json("order", "show", delivered)["delivered_keys"])
    cid = desk.json("case", "open", delivered, "--reason", "key_used")["id"]
    desk.json("case", "resolve", cid, "--outcome", "cancelled")
    assert desk.json("order", "show", delivered)["delivered_keys"] == []
    assert desk.json("key", "check", unused, "--unused") == {"id": unused, "status": "available"}
    assert desk.json("key", "check", used, "--used") == {"id": used, "status": "void"}
    assert desk.count("card_key", "status = 'available'") == 4
    assert desk.count("card_key", "status = 'void'") == 1
    assert desk("key", "check", unused, "--used").code == 2  # checked already
    assert desk("key", "check", used, "--unused").out == ""


def test_key_check_in_text(desk, delivered):
    cid = desk.json("case", "open", delivered, "--reason", "key_used")["id"]
    desk.json("case", "resolve", cid, "--outcome", "cancelled")
    recalled = desk.count("card_key", "status = 'recalled'")
    assert recalled == 2
    run = desk("key", "check", "1", "--unused")
    assert (run.code, run.out) == (0, "key 1: available\n")


# --- bad input -----------------------------------------------------------------------------------------

BAD = [
    (["case", "open", "99", "--reason", "changed_mind"], "No order with id 99", "order"),
    (["case", "open", "{o}", "--reason", "nope"], "Reason 'nope' is unknown", "reason_code"),
    (["case", "open", "{o}", "--reason", ""], "is unknown", "reason_code"),
    (["case", "show", "99"], "No case 99", "case"),
    (["case", "resolve", "99", "--outcome", "retained"], "No case 99", "case"),
    (["case", "resolve", "{c}", "--outcome", "rejected"], "Say why the request is rejected", "reason"),
    (["case", "resolve", "{c}", "--outcome", "rejected", "--reason", "  "], "Say why", "reason"),
    (["case", "resolve", "{c}", "--outcome", "cancelled", "--amount", "19.61"], "at most 19.60", "refund"),
    (["case", "resolve", "{c}", "--outcome", "cancelled", "--amount", "abc"], "is not an amount", "amount"),
    (["case", "resolve", "{c}", "--outcome", "cancelled", "--amount", "1.001"], "more than two decimals", "amount"),
    (["case", "resolve", "{c}", "--outcome", "cancelled", "--compensation", "0"], "must be more than 0", None),
    (
        ["case", "resolve", "{c}", "--outcome", "cancelled", "--compensation", "1"],
        "Compensation is for merchant or system fault",
        "compensation",
    ),
    (["key", "check", "1", "--unused"], "are not recalled", "keys"),
    (["key", "check", "999", "--used"], "are not recalled", "keys"),
]


@pytest.mark.parametrize(("argv", "message", "field"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_exits_2_and_writes_nothing(desk, delivered, argv, message, field):
    cid = desk.json("case", "open", delivered, "--reason", "changed_mind")["id"]
    before = desk.dump()
    run = desk("--json", *[a.format(o=delivered, c=cid) for a in argv])
    assert run.code == 2, run.out
    err = run.error()
    assert message in err["error"]
    if field is not None:
        assert err["field"] == field
    assert desk.dump() == before


def test_bad_input_in_text_mode(desk, delivered):
    before = desk.dump()
    run = desk("case", "open", "99", "--reason", "changed_mind")
    assert (run.code, run.out) == (2, "")
    assert run.err == "shopdesk: error: No order with id 99.\n"
    assert desk.dump() == before


def test_no_case_on_a_closed_order_nor_a_second_one(desk, delivered):
    unpaid = order(desk, pay=False)
    desk.json("case", "open", unpaid, "--reason", "changed_mind")  # the rule closes the order
    desk.json("case", "open", delivered, "--reason", "changed_mind")
    before = desk.dump()
    for target, message in ((unpaid, "is closed"), (delivered, "already has open case 2")):
        run = desk("--json", "case", "open", target, "--reason", "wrong_item")
        assert run.code == 2
        assert message in run.error()["error"]
    assert desk.dump() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["case", "open", "1"],
        ["case", "open", "x", "--reason", "changed_mind"],
        ["case", "open", "1", "--reason", "changed_mind", "--priority", "urgent"],
        ["case", "open", "1", "--reason", "changed_mind", "--class", "supplier"],
        ["case", "resolve", "1"],
        ["case", "resolve", "1", "--outcome", "refunded"],
        ["case", "resolve", "1", "--outcome", "cancelled", "--refund", "cash"],
        ["case", "show"],
        ["case"],
        ["key", "check", "1"],
        ["key", "check", "1", "--used", "--unused"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_malformed_command_lines_exit_2_and_write_nothing(desk, delivered, argv):
    run = desk.writes_nothing(*argv)
    assert "usage:" in run.err

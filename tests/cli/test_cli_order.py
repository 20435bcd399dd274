"""`shopdesk order create | pay | show | list`."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.common import clock
from shopdesk.services.orders import selling as orders

YUAN = re.compile(r"^\d+\.\d{2}$")


def _create(shop, *extra, customer="1", sku="Q-10", qty="1"):
    return shop("--json", "order", "create", "--customer", customer, "--sku", sku, "--qty", qty, *extra)


def _assert_no_plaintext(shop, *texts):
    for secret in shop.secrets:
        for text in texts:
            assert secret not in text, "a plaintext secret leaked into the output"


def _key_statuses(shop) -> dict[str, int]:
    return {s: shop.count("card_key", f"status = '{s}'") for s in ("available", "reserved", "delivered")}


# --- create ----------------------------------------------------------------------------------------


def test_create_reserves_keys_and_waits_for_payment(stocked):
    run = _create(stocked, qty="2")

    assert run.code == 0, run.err
    order = run.json()
    assert order["id"] == 1
    assert order["status"] == "pending_payment"
    assert order["payment_status"] == "unpaid"
    assert order["total"] == "19.60"
    assert order["paid"] == "0.00"
    assert order["customer_id"] == 1
    assert order["source"] == "desk"
    assert order["number"].startswith("SD")
    assert order["lines"] == [{"sku": "Q-10", "name": "Q币 10元", "quantity": 2, "unit_price": "9.80", "delivered": 0}]
    assert order["delivered_keys"] == []
    assert order["payments"] == []
    assert order["pay_deadline"] > order["created_at"]
    assert _key_statuses(stocked) == {"available": 3, "reserved": 2, "delivered": 0}
    assert stocked.json("product", "list")["products"][0]["available"] == 3
    stocked.doctor_ok()


def test_create_and_pay_external_at_once_delivers_masked_keys(stocked):
    run = _create(stocked, "--pay", "external", "--trade-no", "ALI-0001", "--method", "alipay", qty="2")

    assert run.code == 0, run.err
    order = run.json()
    assert order["status"] == "delivered"
    assert order["payment_status"] == "paid"
    assert order["total"] == order["paid"] == "19.60"
    assert order["lines"][0]["delivered"] == 2
    assert order["payments"] == [
        {"method": "alipay", "trade_no": "ALI-0001", "amount": "19.60", "at": order["payments"][0]["at"]}
    ]
    keys = order["delivered_keys"]
    assert len(keys) == 2
    assert len({k["id"] for k in keys}) == 2
    for key in keys:
        assert set(key) >= {"id", "secret"}
        assert key["secret"].startswith("••••")
        assert key["sku"] == "Q-10"
    assert {k["secret"][-4:] for k in keys} <= {s[-4:] for s in stocked.secrets}
    _assert_no_plaintext(stocked, run.out, run.err)
    assert _key_statuses(stocked) == {"available": 3, "reserved": 0, "delivered": 2}
    stocked.doctor_ok()


def test_create_and_pay_from_the_wallet(stocked):
    stocked.json("customer", "topup", "1", "20", "--idempotency-key", "k")

    order = _create(stocked, "--pay", "wallet").json()

    assert order["status"] == "delivered"
    assert order["payments"][0]["method"] == "wallet"
    assert order["payments"][0]["trade_no"] == f"wallet-{order['number']}"
    assert stocked.json("customer", "show", "1")["balance"] == "10.20"
    stocked.doctor_ok()


def test_create_text_output_shows_the_masked_key(stocked):
    run = stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no", "T-1")

    assert run.code == 0, run.err
    first, line, key, paid = run.out.splitlines()
    assert first.startswith("order 1 SD")
    assert first.endswith("delivered / paid, total 9.80, customer Bob")
    assert line == "  Q-10 x1 @ 9.80 (delivered 1)"
    assert re.fullmatch(r"  key \d+: ••••\S{4}", key)
    assert paid == "  paid 9.80 by external, trade T-1"
    _assert_no_plaintext(stocked, run.out)


def test_create_shows_card_numbers_of_code_and_secret_keys(stocked):
    stocked("product", "add", "--sku", "CM-100", "--name", "Mobile 100", "--price", "98.80", "--kind", "code+secret")
    stocked.secrets = stocked.stock("CM-100", 1, card_no=True)

    run = _create(stocked, "--pay", "external", "--trade-no", "W-1", sku="CM-100")

    key = run.json()["delivered_keys"][0]
    assert key["card_no"] == "CARD000000000000"
    assert key["secret"] == "••••" + stocked.secrets[0][-4:]
    _assert_no_plaintext(stocked, run.out)


def test_create_a_reusable_product_delivers_the_one_secret_many_times(sd):
    sd("product", "add", "--sku", "WIN", "--name", "Windows", "--price", "39", "--kind", "reusable")
    sd("customer", "add", "--name", "Ann")
    sd.secrets = sd.stock("WIN", 1)

    order = _create(sd, "--pay", "external", "--trade-no", "R-1", sku="WIN", qty="3").json()

    assert order["status"] == "delivered"
    assert order["total"] == "117.00"
    assert order["lines"][0]["delivered"] == 3
    assert len(order["delivered_keys"]) == 1
    assert sd.count("card_key", "status = 'available'") == 1, "a reusable key stays available"
    sd.doctor_ok()


def test_create_paid_with_too_little_stock_waits_and_is_filled_when_keys_arrive(stocked):
    order = _create(stocked, "--pay", "external", "--trade-no", "BIG-1", qty="7").json()

    assert order["status"] == "awaiting_stock"
    assert order["lines"][0]["delivered"] == 5
    assert len(order["delivered_keys"]) == 5
    stocked.doctor_ok()

    stocked.secrets += stocked.stock("Q-10", 3)
    shown = stocked("--json", "order", "show", "1")

    filled = shown.json()
    assert filled["status"] == "delivered"
    assert filled["lines"][0]["delivered"] == 7
    assert len(filled["delivered_keys"]) == 7
    _assert_no_plaintext(stocked, shown.out)
    assert stocked.json("product", "list")["products"][0]["available"] == 1


BAD_CREATE = [
    (["--sku", "NOPE"], "unknown SKU 'NOPE'", "sku"),
    (["--qty", "0"], "quantity must be a whole number from 1", "quantity"),
    (["--qty", "-2"], "quantity must be a whole number from 1", "quantity"),
    (["--qty", "10001"], "quantity must be a whole number from 1", "quantity"),
    (["--customer", "99"], "No customer with id 99", "customer"),
    (["--pay", "external"], "--pay external needs --trade-no", "trade_no"),
    (["--trade-no", "T-9"], "--trade-no is only used with --pay external", "trade_no"),
    (["--pay", "wallet"], "holds 0.00, not enough for 9.80", None),
]


@pytest.mark.parametrize(("argv", "message", "field"), BAD_CREATE, ids=[" ".join(b[0]) for b in BAD_CREATE])
def test_create_bad_input_exits_2_and_writes_nothing(stocked, argv, message, field):
    before = stocked.dump()
    args = {"--customer": "1", "--sku": "Q-10", "--qty": "1"}
    for option, value in zip(argv[::2], argv[1::2], strict=True):
        args[option] = value
    flat = [part for pair in args.items() for part in pair]

    run = stocked("--json", "order", "create", *flat)

    assert run.code == 2
    err = run.error()
    assert message in err["error"]
    assert err["field"] == field
    assert stocked.dump() == before
    assert stocked.count("orders") == 0
    stocked.doctor_ok()


@pytest.mark.parametrize(
    "argv",
    [["--qty", "two"], ["--customer", "bob"], ["--pay", "cash"], []],
    ids=["qty not a number", "customer not a number", "unknown --pay", "nothing"],
)
def test_create_malformed_command_line_exits_2_and_writes_nothing(stocked, argv):
    base = [] if not argv else ["--customer", "1", "--sku", "Q-10"]

    run = stocked.writes_nothing("order", "create", *base, *argv)
    assert "usage:" in run.err


def test_create_with_a_trade_number_that_paid_another_order_creates_nothing(stocked):
    _create(stocked, "--pay", "external", "--trade-no", "DUP-1")
    before = stocked.dump()

    run = _create(stocked, "--pay", "external", "--trade-no", "DUP-1")

    assert run.code == 2
    assert "already paid order 1" in run.error()["error"]
    assert stocked.dump() == before
    assert stocked.count("orders") == 1


# --- pay -------------------------------------------------------------------------------------------


@pytest.fixture
def pending(stocked):
    """Order 1: two Q-10 keys reserved, 19.60 to pay."""
    assert _create(stocked, qty="2").code == 0
    return stocked


def test_pay_delivers_the_reserved_keys(pending):
    run = pending("--json", "order", "pay", "1", "--trade-no", "WX-77", "--amount", "19.60", "--method", "wechat")

    assert run.code == 0, run.err
    order = run.json()
    assert order["replayed"] is False
    assert order["status"] == "delivered"
    assert order["payment_status"] == "paid"
    assert order["paid"] == "19.60"
    assert order["payments"][0]["method"] == "wechat"
    assert len(order["delivered_keys"]) == 2
    _assert_no_plaintext(pending, run.out)
    assert _key_statuses(pending) == {"available": 3, "reserved": 0, "delivered": 2}
    assert pending.count("journal_entry", "kind = 'sale' AND order_id = 1") == 1
    pending.doctor_ok()


def test_pay_without_amount_pays_the_total(pending):
    order = pending.json("order", "pay", "1", "--trade-no", "T-1")

    assert order["paid"] == order["total"] == "19.60"
    assert order["status"] == "delivered"


def test_pay_from_the_wallet(pending):
    pending.json("customer", "topup", "1", "25", "--idempotency-key", "k")

    order = pending.json("order", "pay", "1", "--method", "wallet")

    assert order["status"] == "delivered"
    assert pending.json("customer", "show", "1")["balance"] == "5.40"
    replay = pending.json("order", "pay", "1", "--method", "wallet")
    assert replay["replayed"] is True
    assert pending.json("customer", "show", "1")["balance"] == "5.40"
    pending.doctor_ok()


def test_a_repeated_identical_payment_is_a_no_op_reported_as_replayed(pending):
    first = pending.json("order", "pay", "1", "--trade-no", "CB-1", "--amount", "19.60")
    before = pending.dump()

    again = pending("--json", "order", "pay", "1", "--trade-no", "CB-1", "--amount", "19.60")
    text = pending("order", "pay", "1", "--trade-no", "CB-1")

    assert again.code == 0
    replay = again.json()
    assert replay["replayed"] is True
    assert replay["delivered_keys"] == first["delivered_keys"]
    assert replay["payments"] == first["payments"]
    assert text.code == 0
    assert text.out.startswith("payment already recorded; nothing changed\n")
    assert pending.dump() == before
    pending.doctor_ok()


def test_paying_twice_with_different_trade_numbers_is_refused_and_flagged(pending):
    pending.json("order", "pay", "1", "--trade-no", "FIRST", "--amount", "19.60")

    run = pending("--json", "order", "pay", "1", "--trade-no", "SECOND", "--amount", "19.60")

    assert run.code == 2
    err = run.error()
    assert err["field"] == "trade_no"
    assert "already paid (trade number FIRST)" in err["error"]
    assert "SECOND" in err["error"] and "flagged for refund" in err["error"]
    assert pending.count("payment") == 1
    assert pending.count("unmatched_payment", "trade_no = 'SECOND' AND amount_fen = 1960") == 1
    pending.doctor_ok()


@pytest.mark.parametrize(
    ("first", "then", "amount"),
    [("FIRST", "SECOND", "500.00"), ("CB-2", "CB-2", "9.80")],
    ids=["a second payment of another amount", "the same trade number with another amount"],
)
def test_a_paid_order_refuses_another_amount_and_writes_nothing(pending, first, then, amount):
    pending.json("order", "pay", "1", "--trade-no", first, "--amount", "19.60")
    run = pending.writes_nothing("--json", "order", "pay", "1", "--trade-no", then, "--amount", amount)
    assert run.error()["field"] == "amount"


def test_a_trade_number_that_paid_another_order_is_refused(pending):
    _create(pending)
    pending.json("order", "pay", "1", "--trade-no", "ONE", "--amount", "19.60")
    run = pending.writes_nothing("--json", "order", "pay", "2", "--trade-no", "ONE", "--amount", "9.80")
    assert "already paid order 1, not order 2" in run.error()["error"]
    assert pending.json("order", "show", "2")["status"] == "pending_payment"


BAD_PAY = [
    (["--amount", "19.00"], "does not match", "amount"),
    (["--amount", "19.61"], "does not match", "amount"),
    (["--amount", "-5"], "negative", "amount"),
    (["--amount", "1.234"], "more than two decimals", "amount"),
    (["--amount", "abc"], "not an amount", "amount"),
    (["--amount", "0"], "more than 0", "amount"),
    (["--trade-no", None], "needs --trade-no", "trade_no"),
    (["--trade-no", "   "], "trade number", "trade_no"),
    (["--method", "bitcoin"], "Payment method 'bitcoin' is unknown", None),
]


@pytest.mark.parametrize(("argv", "message", "field"), BAD_PAY, ids=[" ".join(map(str, b[0])) for b in BAD_PAY])
def test_pay_bad_input_exits_2_and_writes_nothing(pending, argv, message, field):
    args = {"--trade-no": "T-OK", "--amount": "19.60"}
    args[argv[0]] = argv[1]
    flat = [part for option, value in args.items() if value is not None for part in (option, value)]

    run = pending.writes_nothing("--json", "order", "pay", "1", *flat)
    err = run.error()
    assert message in err["error"]
    assert err["field"] == field
    assert pending.json("order", "show", "1")["status"] == "pending_payment"
    pending.doctor_ok()


def test_pay_a_missing_order_exits_2(pending):
    run = pending.writes_nothing("--json", "order", "pay", "9", "--trade-no", "T", "--amount", "1")
    assert "No order with id 9" in run.error()["error"]


def test_pay_with_too_little_in_the_wallet_exits_2(pending):
    pending.json("customer", "topup", "1", "10", "--idempotency-key", "k")
    run = pending.writes_nothing("--json", "order", "pay", "1", "--method", "wallet")
    assert "not enough for 19.60" in run.error()["error"]


def test_pay_a_closed_order_is_refused(pending):
    app = ShopApp.open(load_config(pending.path))
    try:
        clock.freeze(clock.now() + timedelta(hours=1))
        with app.db.write() as session:
            assert orders.close_expired(session) == [1]
    finally:
        app.close()
    before = pending.dump()

    run = pending("--json", "order", "pay", "1", "--trade-no", "LATE", "--amount", "19.60")

    assert run.code == 2
    assert "is closed and cannot take a payment" in run.error()["error"]
    assert "flagged for refund" in run.error()["error"]
    # The order, its keys and the ledger are untouched; the only new facts are the refund flag
    # (with its order event and change-feed rows).
    added = [line for line in pending.dump() if line not in before]
    tables = sorted({line.split(" VALUES")[0].split("INSERT INTO ")[-1].strip('"') for line in added})
    assert [t for t in tables if t != "sqlite_sequence"] == ["change", "order_event", "unmatched_payment"]
    assert "'LATE'" in next(line for line in added if "unmatched_payment" in line)
    # A repeated callback does not flag the same money twice.
    assert pending("--json", "order", "pay", "1", "--trade-no", "LATE", "--amount", "19.60").code == 2
    assert (
        sum('unmatched_payment" VALUES' in line or "unmatched_payment VALUES" in line for line in pending.dump()) == 1
    )
    assert [o["id"] for o in pending.json("order", "list", "--status", "closed")["orders"]] == [1]
    assert _key_statuses(pending) == {"available": 5, "reserved": 0, "delivered": 0}


# --- show ------------------------------------------------------------------------------------------


def test_show_gives_the_order_with_masked_keys_and_events(pending):
    pending.json("order", "pay", "1", "--trade-no", "S-1", "--amount", "19.60")

    run = pending("--json", "order", "show", "1")

    assert run.code == 0, run.err
    order = run.json()
    assert {"id", "status", "payment_status", "total", "lines", "delivered_keys"} <= set(order)
    assert (order["id"], order["status"], order["payment_status"], order["total"]) == (1, "delivered", "paid", "19.60")
    assert all(YUAN.match(order[k]) for k in ("total", "paid", "refunded"))
    assert [set(k) >= {"id", "secret"} for k in order["delivered_keys"]] == [True, True]
    assert all(k["secret"].startswith("••••") for k in order["delivered_keys"])
    assert [e["kind"] for e in order["events"]] == ["created", "paid", "delivered"]
    _assert_no_plaintext(pending, run.out)


def test_show_text_output(pending):
    run = pending("order", "show", "1")

    assert run.code == 0
    assert "pending_payment / unpaid, total 19.60, customer Bob" in run.out
    assert "  Q-10 x2 @ 9.80 (delivered 0)" in run.out


def test_show_a_missing_order_exits_2(pending):
    run = pending("--json", "order", "show", "404")

    assert run.code == 2
    assert "No order with id 404" in run.error()["error"]


def test_show_writes_nothing(pending):
    pending.writes_nothing("--json", "order", "show", "1", code=0)


# --- list ------------------------------------------------------------------------------------------


@pytest.fixture
def three_states(stocked):
    """1 delivered, 2 pending_payment, 3 awaiting_stock."""
    _create(stocked, "--pay", "external", "--trade-no", "A")
    _create(stocked)
    _create(stocked, "--pay", "external", "--trade-no", "C", qty="5")
    return stocked


def test_list_newest_first(three_states):
    listed = three_states.json("order", "list")["orders"]

    assert [(o["id"], o["status"]) for o in listed] == [(3, "awaiting_stock"), (2, "pending_payment"), (1, "delivered")]
    assert [o["total"] for o in listed] == ["49.00", "9.80", "9.80"]
    assert all(o["customer"] == "Bob" for o in listed)
    assert set(listed[0]) == {
        "id",
        "number",
        "customer",
        "source",
        "status",
        "payment_status",
        "total",
        "created_at",
    }


@pytest.mark.parametrize(
    ("status", "ids"),
    [("delivered", [1]), ("pending_payment", [2]), ("awaiting_stock", [3]), ("cancelled", []), ("paid", [])],
)
def test_list_filtered_by_status(three_states, status, ids):
    listed = three_states.json("order", "list", "--status", status)["orders"]

    assert [o["id"] for o in listed] == ids
    assert all(o["status"] == status for o in listed)


def test_list_limit(three_states):
    assert [o["id"] for o in three_states.json("order", "list", "--limit", "2")["orders"]] == [3, 2]


def test_list_text_output(three_states):
    run = three_states("order", "list", "--status", "awaiting_stock")

    assert run.code == 0
    assert len(run.out.splitlines()) == 1
    assert "awaiting_stock" in run.out
    assert "49.00" in run.out
    assert three_states("order", "list", "--status", "closed").out == "no orders\n"


@pytest.mark.parametrize(
    ("argv", "field", "message"),
    [
        (["--status", "bogus"], "status", "--status 'bogus' is unknown; use one of pending_payment"),
        (["--status", "DELIVERED"], "status", "is unknown"),
        (["--limit", "0"], "limit", "between 1 and 10000"),
        (["--limit", "10001"], "limit", "between 1 and 10000"),
    ],
)
def test_list_bad_input_exits_2_and_writes_nothing(three_states, argv, field, message):
    run = three_states.writes_nothing("--json", "order", "list", *argv)
    err = run.error()
    assert err["field"] == field
    assert message in err["error"]

"""`shopdesk customer add | topup | show | list`."""

from __future__ import annotations

import pytest


@pytest.fixture
def bob(sd):
    assert sd("customer", "add", "--name", "Bob", "--contact", "wx:bob").code == 0
    return sd


def _balance(sd, customer_id=1) -> str:
    return sd.json("customer", "show", str(customer_id))["balance"]


# --- add -------------------------------------------------------------------------------------------


def test_add_opens_an_empty_wallet(sd):
    run = sd("--json", "customer", "add", "--name", " 张伟 ", "--contact", "wx:zhangwei")

    assert run.code == 0, run.err
    assert run.json() == {
        "id": 1,
        "name": "张伟",
        "contact": "wx:zhangwei",
        "risk_level": "normal",
        "balance": "0.00",
        "orders": 0,
        "blocked": False,
        "blocked_reason": None,
        "merged_into": None,
    }
    assert sd.count("account", "code = 'wallet:1' AND balance_fen = 0") == 1
    sd.doctor_ok()


def test_add_without_contact_and_text_output(sd):
    run = sd("customer", "add", "--name", "Ann")

    assert run.code == 0
    assert run.out == "customer 1 added: Ann\n"
    assert sd.json("customer", "show", "1")["contact"] == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--name", "   "], "needs a name"),
        (["--name", ""], "needs a name"),
        (["--name", "x" * 201], "limited to 200 characters"),
        (["--name", "Ok", "--contact", "c" * 201], "limited to 200 characters"),
    ],
)
def test_add_bad_input_exits_2_and_writes_nothing(sd, argv, message):
    run = sd.writes_nothing("--json", "customer", "add", *argv)
    assert message in run.error()["error"]


def test_add_without_name_is_refused_by_the_parser(sd):
    run = sd.writes_nothing("customer", "add", "--contact", "x")
    assert "--name" in run.err


# --- topup -----------------------------------------------------------------------------------------


def test_topup_credits_the_wallet(bob):
    run = bob("--json", "customer", "topup", "1", "50.5", "--idempotency-key", "cash-001")

    assert run.code == 0, run.err
    payload = run.json()
    assert payload["balance"] == "50.50"
    assert payload["replayed"] is False
    assert payload["id"] == 1
    assert isinstance(payload["entry_id"], int)
    assert bob.count("journal_entry", "kind = 'topup'") == 1
    assert bob.count("posting") == 2
    bob.doctor_ok()


def test_topup_text_output(bob):
    run = bob("customer", "topup", "1", "20", "--idempotency-key", "k")

    assert run.code == 0
    assert run.out == "20.00 credited to Bob; balance 20.00\n"


@pytest.mark.parametrize("amount", ["0.01", "¥12.30", "1,000", "7.10"])
def test_topup_accepts_yuan_as_people_write_it(bob, amount):
    expected = {"0.01": "0.01", "¥12.30": "12.30", "1,000": "1000.00", "7.10": "7.10"}[amount]

    payload = bob.json("customer", "topup", "1", amount, "--idempotency-key", "k")

    assert payload["balance"] == expected


def test_the_same_topup_repeated_with_the_same_key_credits_once(bob):
    first = bob.json("customer", "topup", "1", "50", "--idempotency-key", "cash-7")
    before = bob.dump()

    again = bob("--json", "customer", "topup", "1", "50", "--idempotency-key", "cash-7")
    text = bob("customer", "topup", "1", "50.00", "--idempotency-key", "cash-7")

    assert again.code == 0
    replay = again.json()
    assert replay["replayed"] is True
    assert replay["entry_id"] == first["entry_id"]
    assert replay["balance"] == "50.00"
    assert text.code == 0
    assert "already credited" in text.out
    assert bob.dump() == before, "a replayed top-up writes nothing"
    assert _balance(bob) == "50.00"
    bob.doctor_ok()


def test_an_idempotency_key_reused_with_a_different_amount_is_refused(bob):
    bob.json("customer", "topup", "1", "50", "--idempotency-key", "cash-8")
    run = bob.writes_nothing("--json", "customer", "topup", "1", "60", "--idempotency-key", "cash-8")
    assert "cash-8" in run.error()["error"]
    assert "different movement" in run.error()["error"]
    assert _balance(bob) == "50.00"
    bob.doctor_ok()


def test_an_idempotency_key_reused_for_another_customer_is_refused(bob):
    bob("customer", "add", "--name", "Eve")
    bob.json("customer", "topup", "1", "50", "--idempotency-key", "cash-9")
    bob.writes_nothing("--json", "customer", "topup", "2", "50", "--idempotency-key", "cash-9")
    assert _balance(bob, 2) == "0.00"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "negative"),
        ("1.234", "more than two decimals"),
        ("abc", "not an amount"),
        ("0", "more than 0"),
        ("0.00", "more than 0"),
        ("Infinity", "not an amount"),
        ("1e20", "too large"),
    ],
)
def test_topup_bad_amount_exits_2_and_writes_nothing(bob, amount, message):
    run = bob.writes_nothing("--json", "customer", "topup", "1", amount, "--idempotency-key", "k-bad")
    err = run.error()
    assert err["field"] == "amount"
    assert message in err["error"]


def test_topup_for_a_missing_customer_exits_2_and_writes_nothing(bob):
    run = bob.writes_nothing("--json", "customer", "topup", "99", "10", "--idempotency-key", "k")
    err = run.error()
    assert err["field"] == "customer"
    assert "No customer with id 99" in err["error"]


def test_topup_needs_an_idempotency_key(bob):
    before = bob.dump()

    missing = bob("customer", "topup", "1", "10")
    blank = bob("--json", "customer", "topup", "1", "10", "--idempotency-key", "  ")

    assert missing.code == 2
    assert "--idempotency-key" in missing.err
    assert blank.code == 2
    assert "idempotency key is required" in blank.error()["error"]
    assert bob.dump() == before


# --- show ------------------------------------------------------------------------------------------


def test_show_gives_id_name_balance_and_order_count(bob):
    bob.json("customer", "topup", "1", "88.80", "--idempotency-key", "k")
    bob("product", "add", "--sku", "P", "--name", "P", "--price", "1")
    bob("order", "create", "--customer", "1", "--sku", "P")  # no keys: stays unpaid, still counts

    payload = bob.json("customer", "show", "1")

    assert payload["id"] == 1
    assert payload["name"] == "Bob"
    assert payload["balance"] == "88.80"
    assert payload["orders"] == 1


def test_show_text_output(bob):
    run = bob("customer", "show", "1")

    assert run.code == 0
    assert run.out == "customer 1: Bob (wx:bob)\nbalance 0.00, 0 order(s)\n"


def test_show_a_missing_customer_exits_2(bob):
    run = bob("--json", "customer", "show", "7")

    assert run.code == 2
    assert "No customer with id 7" in run.error()["error"]


def test_show_writes_nothing(bob):
    bob.writes_nothing("customer", "show", "1", code=0)


# --- list ------------------------------------------------------------------------------------------


def test_list_in_id_order_with_balances_and_order_counts(bob):
    bob("customer", "add", "--name", "Carol", "--contact", "qq:123")
    bob.json("customer", "topup", "2", "5", "--idempotency-key", "k")
    bob("product", "add", "--sku", "P", "--name", "P", "--price", "1")
    bob("order", "create", "--customer", "2", "--sku", "P")

    customers = bob.json("customer", "list")["customers"]

    assert [(c["id"], c["name"], c["balance"], c["orders"]) for c in customers] == [
        (1, "Bob", "0.00", 0),
        (2, "Carol", "5.00", 1),
    ]


def test_list_search_matches_name_or_contact(bob):
    bob("customer", "add", "--name", "Carol", "--contact", "qq:123")

    by_name = bob.json("customer", "list", "--search", "car")["customers"]
    by_contact = bob.json("customer", "list", "--search", "wx:")["customers"]
    nobody = bob.json("customer", "list", "--search", "zzz")["customers"]

    assert [c["name"] for c in by_name] == ["Carol"]
    assert [c["name"] for c in by_contact] == ["Bob"]
    assert nobody == []


def test_list_text_output(bob):
    run = bob("customer", "list")

    assert run.code == 0
    assert "Bob" in run.out
    assert "0.00" in run.out
    assert bob("customer", "list", "--search", "nobody").out == "no customers yet\n"


# --- history and list (issue 13) -------------------------------------------------------------------


def test_history_lists_every_posting_with_its_kind_and_order(stocked):
    assert stocked("customer", "topup", "1", "50", "--idempotency-key", "cash-1").code == 0
    order = stocked.json("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", "1", "--pay", "wallet")

    postings = stocked.json("customer", "history", "1")["postings"]

    assert [(p["amount"], p["kind"], p["order"]) for p in postings] == [
        ("50.00", "topup", None),
        ("-9.80", "sale", order["number"]),
    ]
    assert all(set(p) >= {"at", "amount", "kind", "order"} for p in postings)
    assert stocked.json("customer", "show", "1")["balance"] == "40.20"


def test_history_of_an_unknown_customer_exits_2(sd):
    run = sd("--json", "customer", "history", "99")
    assert run.code == 2
    assert "99" in run.error()["error"]


def test_list_searches_name_or_contact_and_prints_yuan(sd):
    assert sd("customer", "add", "--name", "马超", "--contact", "wx:machao").code == 0
    assert sd("customer", "add", "--name", "黄强", "--contact", "qq:10086").code == 0
    assert sd("customer", "topup", "2", "411.7", "--idempotency-key", "k").code == 0

    rows = sd.json("customer", "list", "--search", "1008")["customers"]
    assert [(r["id"], r["name"], r["contact"], r["balance"]) for r in rows] == [(2, "黄强", "qq:10086", "411.70")]
    assert [r["name"] for r in sd.json("customer", "list", "--search", "马")["customers"]] == ["马超"]

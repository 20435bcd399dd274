"""`shopdesk product add | edit | list`."""

from __future__ import annotations

import pytest


def _add(sd, *extra, sku="G-100", name="Game card 100", price="98.50"):
    return sd("--json", "product", "add", "--sku", sku, "--name", name, "--price", price, *extra)


# --- add -------------------------------------------------------------------------------------------


def test_add_with_every_option(sd):
    run = _add(
        sd,
        "--face-value",
        "100",
        "--kind",
        "secret",
        "--category",
        "游戏点卡",
        "--rollback-policy",
        "restock",
        "--low-stock",
        "5",
    )

    assert run.code == 0, run.err
    assert run.json() == {
        "id": 1,
        "sku": "G-100",
        "name": "Game card 100",
        "category": "游戏点卡",
        "kind": "secret",
        "price": "98.50",
        "face_value": "100.00",
        "rollback_policy": "restock",
        "low_stock_threshold": 5,
        "active": True,
        "available": 0,
    }
    assert sd.count("product") == 1
    assert sd.count("change", "topic = 'product'") == 1
    sd.doctor_ok()


def test_add_defaults(sd):
    payload = _add(sd, price="1").json()

    assert payload["kind"] == "code+secret"
    assert payload["rollback_policy"] == "verify"
    assert payload["low_stock_threshold"] == 20
    assert payload["face_value"] == "0.00"
    assert payload["category"] == ""
    assert payload["price"] == "1.00"
    assert payload["active"] is True


def test_add_a_free_product_and_trims_the_sku(sd):
    payload = _add(sd, sku="  FREE-1 ", price="0").json()

    assert payload["sku"] == "FREE-1"
    assert payload["price"] == "0.00"


def test_add_inactive(sd):
    payload = _add(sd, "--inactive").json()

    assert payload["active"] is False


def test_add_text_output(sd):
    run = sd("product", "add", "--sku", "T-1", "--name", "Text", "--price", "2.5")

    assert run.code == 0
    assert run.out == "product 1 added: T-1 Text\n"


def test_duplicate_sku_is_refused_and_nothing_is_written(sd):
    assert _add(sd).code == 0
    before = sd.dump()

    run = _add(sd, name="Another name", price="1.00")

    assert run.code == 2
    err = run.error()
    assert err["field"] == "sku"
    assert "G-100 already exists" in err["error"]
    assert sd.dump() == before
    assert sd.count("product") == 1
    sd.doctor_ok()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--price", "-5", "negative"),
        ("--price", "1.234", "more than two decimals"),
        ("--price", "abc", "not an amount"),
        ("--price", "", "not an amount"),
        ("--price", "NaN", "not an amount"),
        ("--face-value", "-5", "negative"),
        ("--face-value", "1.234", "more than two decimals"),
        ("--face-value", "abc", "not an amount"),
        ("--sku", "has space", "is not valid"),
        ("--sku", "", "is not valid"),
        ("--name", "   ", "needs a name"),
        ("--name", "x" * 201, "longer than 200"),
        ("--low-stock", "-1", "cannot be negative"),
    ],
)
def test_add_bad_input_exits_2_and_writes_nothing(sd, option, value, message):
    args = {"--sku": "OK-1", "--name": "Fine", "--price": "1.00"}
    args[option] = value
    flat = [part for pair in args.items() for part in pair]

    run = sd.writes_nothing("--json", "product", "add", *flat)
    assert message in run.error()["error"]
    assert sd.count("product") == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--sku", "A", "--name", "B"],  # no --price
        ["--name", "B", "--price", "1"],  # no --sku
        ["--sku", "A", "--name", "B", "--price", "1", "--kind", "bogus"],
        ["--sku", "A", "--name", "B", "--price", "1", "--rollback-policy", "later"],
        ["--sku", "A", "--name", "B", "--price", "1", "--low-stock", "few"],
        ["--sku", "A", "--name", "B", "--price", "1", "--active"],  # only edit can re-activate
    ],
    ids=["no price", "no sku", "bad kind", "bad policy", "bad threshold", "active on add"],
)
def test_add_malformed_command_line_exits_2_and_writes_nothing(sd, argv):
    run = sd.writes_nothing("product", "add", *argv)
    assert run.out == ""
    assert "usage:" in run.err


# --- edit ------------------------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(sd):
    _add(sd, "--face-value", "100", "--category", "cards", "--low-stock", "7")

    run = sd("--json", "product", "edit", "1", "--price", "99.00", "--name", "Renamed")

    assert run.code == 0, run.err
    payload = run.json()
    assert payload["price"] == "99.00"
    assert payload["name"] == "Renamed"
    assert (payload["sku"], payload["face_value"], payload["category"], payload["low_stock_threshold"]) == (
        "G-100",
        "100.00",
        "cards",
        7,
    )
    listed = sd.json("product", "list")["products"]
    assert [(p["name"], p["price"]) for p in listed] == [("Renamed", "99.00")]
    sd.doctor_ok()


def test_edit_every_field(sd):
    _add(sd)

    payload = sd.json(
        "product",
        "edit",
        "1",
        "--sku",
        "G-100B",
        "--name",
        "B",
        "--price",
        "0.01",
        "--face-value",
        "0",
        "--category",
        "",
        "--kind",
        "reusable",
        "--rollback-policy",
        "void",
        "--low-stock",
        "0",
    )

    assert payload == {
        "id": 1,
        "sku": "G-100B",
        "name": "B",
        "category": "",
        "kind": "reusable",
        "price": "0.01",
        "face_value": "0.00",
        "rollback_policy": "void",
        "low_stock_threshold": 0,
        "active": True,
        "available": 0,
    }


def test_edit_takes_a_product_off_sale_and_back(stocked):
    assert stocked.json("product", "edit", "1", "--inactive")["active"] is False
    before = stocked.dump()
    refused = stocked("--json", "order", "create", "--customer", "1", "--sku", "Q-10")
    assert refused.code == 2
    assert "not on sale" in refused.error()["error"]
    assert stocked.dump() == before

    assert stocked.json("product", "edit", "1", "--active")["active"] is True
    assert stocked("order", "create", "--customer", "1", "--sku", "Q-10").code == 0


def test_edit_keeps_stock_count_in_its_output(stocked):
    assert stocked.json("product", "edit", "1", "--low-stock", "3")["available"] == 5


def test_edit_text_output(sd):
    _add(sd)

    run = sd("product", "edit", "1", "--name", "Nicer")

    assert run.code == 0
    assert run.out == "product 1 saved: G-100 Nicer\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--price", "-5"], "negative"),
        (["--price", "1.234"], "more than two decimals"),
        (["--price", "abc"], "not an amount"),
        (["--face-value", "abc"], "not an amount"),
        (["--sku", "OTHER-1"], "belongs to another product"),
        (["--sku", "bad sku"], "is not valid"),
        (["--name", ""], "needs a name"),
        (["--low-stock", "-3"], "cannot be negative"),
    ],
)
def test_edit_bad_input_exits_2_and_writes_nothing(sd, argv, message):
    _add(sd)
    _add(sd, sku="OTHER-1")
    run = sd.writes_nothing("--json", "product", "edit", "1", *argv)
    assert message in run.error()["error"]


def test_edit_a_missing_product_exits_2(sd):
    run = sd.writes_nothing("--json", "product", "edit", "42", "--price", "1")
    assert "No product with id 42" in run.error()["error"]


def test_edit_kind_is_refused_once_the_product_has_keys(stocked):
    run = stocked.writes_nothing("--json", "product", "edit", "1", "--kind", "reusable")
    assert run.error()["field"] == "kind"


def test_edit_active_and_inactive_together_is_refused(sd):
    _add(sd)
    run = sd.writes_nothing("product", "edit", "1", "--active", "--inactive")
    assert "not allowed with argument" in run.err


# --- list ------------------------------------------------------------------------------------------


def test_list_shows_available_stock_per_product(stocked):
    _add(stocked, sku="A-EMPTY", name="Empty", price="5")
    stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", "2")  # reserves two

    products = {p["sku"]: p for p in stocked.json("product", "list")["products"]}

    assert set(products) == {"Q-10", "A-EMPTY"}
    assert products["Q-10"]["available"] == 3
    assert products["Q-10"]["price"] == "9.80"
    assert products["A-EMPTY"]["available"] == 0


def test_list_text_output(stocked):
    run = stocked("product", "list")

    assert run.code == 0
    assert "Q-10" in run.out
    assert "9.80" in run.out
    assert "stock      5" in run.out


def test_list_includes_inactive_products(sd):
    _add(sd, "--inactive")

    assert [p["active"] for p in sd.json("product", "list")["products"]] == [False]


def test_list_writes_nothing(stocked):
    stocked.writes_nothing("--json", "product", "list", code=0)

"""Every refusal of the intake API, over real loopback HTTP, each proving that nothing at all was written
(every row of every table unchanged) — except the flagged refund when a closed order is paid."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import Order, UnmatchedPayment
from shopdesk.services.common import clock
from shopdesk.services.orders import selling as orders

SKU = "GAME-QB-100"
TEN_MB = 10 * 1024 * 1024


def valid_order() -> dict:
    return {
        "external_id": "S-1",
        "customer": {"name": "张伟", "contact": "wx:1"},
        "lines": [{"sku": SKU, "quantity": 1}],
    }


@pytest.fixture
def order(make_order) -> dict:
    """A storefront order of one key (12.50), unpaid."""
    return make_order(1000)


def endpoints(order_id: int) -> dict[str, str]:
    return {
        "order": "/v1/orders",
        "payment": f"/v1/orders/{order_id}/payments",
        "cancel": f"/v1/orders/{order_id}/cancel-requests",
    }


# --- malformed bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["order", "payment", "cancel"])
@pytest.mark.parametrize(
    "body, says",
    [
        (b'{"external_id": "S-1", ', "not valid JSON"),
        (b"{'external_id': 'S-1'}", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'"S-1"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"n": ' + b"9" * 5000 + b"}", "too many digits"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"external_id": "\\ud800"}', "surrogate"),
    ],
    ids=["truncated", "single-quotes", "empty", "array", "string", "null", "not-utf8", "huge-int", "deep", "surrogate"],
)
def test_malformed_json_is_400(refused, order, endpoint, body, says):
    error = refused("POST", endpoints(order["id"])[endpoint], body, 400)
    assert says in error["error"]
    assert error["field"] == "body"


# --- wrong types and values ----------------------------------------------------------------------------

ORDER_CASES = {
    "external_id-int": ({"external_id": 1001}, "external_id"),
    "external_id-empty": ({"external_id": "  "}, "external_id"),
    "external_id-missing": ({"external_id": None}, "external_id"),
    "external_id-too-long": ({"external_id": "S" * 101}, "external_id"),
    "customer-string": ({"customer": "张伟"}, "customer"),
    "customer-missing": ({"customer": None}, "customer"),
    "customer-name-int": ({"customer": {"name": 5}}, "customer.name"),
    "customer-name-missing": ({"customer": {"contact": "wx:1"}}, "customer.name"),
    "customer-contact-list": ({"customer": {"name": "a", "contact": ["wx"]}}, "customer.contact"),
    "lines-object": ({"lines": {"sku": SKU, "quantity": 1}}, "lines"),
    "lines-empty": ({"lines": []}, "lines"),
    "line-string": ({"lines": [SKU]}, "lines[0]"),
    "sku-int": ({"lines": [{"sku": 100, "quantity": 1}]}, "lines[0].sku"),
    "sku-missing": ({"lines": [{"quantity": 1}]}, "lines[0].sku"),
    "quantity-string": ({"lines": [{"sku": SKU, "quantity": "1"}]}, "lines[0].quantity"),
    "quantity-float": ({"lines": [{"sku": SKU, "quantity": 1.0}]}, "lines[0].quantity"),
    "quantity-bool": ({"lines": [{"sku": SKU, "quantity": True}]}, "lines[0].quantity"),
    "quantity-null": ({"lines": [{"sku": SKU, "quantity": None}]}, "lines[0].quantity"),
    "second-line-bad": ({"lines": [{"sku": SKU, "quantity": 1}, {"sku": SKU, "quantity": []}]}, "lines[1].quantity"),
    "note-int": ({"note": 5}, "note"),
    "too-many-lines": ({"lines": [{"sku": SKU, "quantity": 1}] * 101}, "lines"),
}


@pytest.mark.parametrize("change, field", list(ORDER_CASES.values()), ids=list(ORDER_CASES))
def test_an_order_with_a_wrong_type_is_400(refused, change, field):
    body = valid_order() | change
    error = refused("POST", "/v1/orders", body, 400)
    assert error["field"] == field


@pytest.mark.parametrize("quantity", [0, -1, 10_001, 10**9, 10**30])
def test_an_order_quantity_out_of_range_is_400(refused, quantity):
    body = valid_order() | {"lines": [{"sku": SKU, "quantity": quantity}]}
    error = refused("POST", "/v1/orders", body, 400)
    assert error["field"] == "quantity"
    assert "1 to 10000" in error["error"]


def test_an_unknown_sku_is_404(refused):
    body = valid_order() | {"lines": [{"sku": SKU, "quantity": 1}, {"sku": "NO-SUCH-SKU", "quantity": 1}]}
    error = refused("POST", "/v1/orders", body, 404)
    assert error["field"] == "sku"
    assert "unknown SKU 'NO-SUCH-SKU'" in error["error"]


PAYMENT_CASES = {
    "trade_no-int": ({"trade_no": 123}, "trade_no"),
    "trade_no-missing": ({"trade_no": None}, "trade_no"),
    "trade_no-blank": ({"trade_no": "   "}, "trade_no"),
    "amount-bool": ({"amount": True}, "amount"),
    "amount-list": ({"amount": ["12.50"]}, "amount"),
    "amount-object": ({"amount": {"yuan": 12}}, "amount"),
    "amount-missing": ({"amount": None}, "amount"),
    "amount-words": ({"amount": "twelve"}, "amount"),
    "amount-three-decimals": ({"amount": "12.505"}, "amount"),
    "amount-negative": ({"amount": "-12.50"}, "amount"),
    "amount-zero": ({"amount": "0"}, "amount"),
    "amount-huge": ({"amount": "1e30"}, "amount"),
    "method-int": ({"method": 5}, "method"),
    "method-wallet": ({"method": "wallet"}, "method"),
}


@pytest.mark.parametrize("change, field", list(PAYMENT_CASES.values()), ids=list(PAYMENT_CASES))
def test_a_payment_with_a_wrong_type_is_400(refused, order, change, field):
    body = {"trade_no": "ALI-1", "amount": "12.50", "method": "alipay"} | change
    error = refused("POST", f"/v1/orders/{order['id']}/payments", body, 400)
    assert error["field"] == field


@pytest.mark.parametrize(
    "body, field",
    [
        ({"reason_code": 5}, "reason_code"),
        ({"reason_code": "because"}, "reason_code"),
        ({}, "reason_code"),
        ({"reason_code": "changed_mind", "note": ["x"]}, "note"),
        ({"reason_code": "changed_mind", "note": "x" * 2001}, "note"),
    ],
    ids=["int", "unknown", "missing", "note-list", "note-too-long"],
)
def test_a_cancel_request_with_a_wrong_type_is_400(refused, order, body, field):
    error = refused("POST", f"/v1/orders/{order['id']}/cancel-requests", body, 400)
    assert error["field"] == field


@pytest.mark.parametrize("order_id", ["999", "0", "abc", "%C2%B2", "1e3", "-1", "9" * 30])
def test_unknown_orders_are_404(refused, order_id):
    pay = {"trade_no": "ALI-1", "amount": "12.50"}
    refused("POST", f"/v1/orders/{order_id}/payments", pay, 404)
    refused("POST", f"/v1/orders/{order_id}/cancel-requests", {"reason_code": "changed_mind"}, 404)
    refused("GET", f"/v1/orders/{order_id}", None, 404)


# --- size ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["order", "payment", "cancel"])
@pytest.mark.parametrize("signed", [True, False])
def test_a_10_mb_body_is_413(refused, order, endpoint, signed):
    body = b'{"note": "' + b"x" * TEN_MB + b'"}'
    error = refused("POST", endpoints(order["id"])[endpoint], body, 413, sign=signed)
    assert "larger than" in error["error"]


def test_a_body_just_under_the_limit_is_read(refused):
    body = json.dumps(valid_order() | {"note": "x" * (1024 * 1024 - 200)}).encode()
    assert len(body) < 1024 * 1024
    error = refused("POST", "/v1/orders", body, 400)  # read, parsed, then refused for the note's length
    assert error["field"] == "note"


# --- signature ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kw",
    [
        {"sign": False},
        {"secret": "0" * 64},
        {"signature": "0" * 64},
        {"signature": ""},
        {"signature": "not-hex-at-all"},
        {"signature": "签名".encode()},
        {"stamp": ""},
        {"stamp": "yesterday"},
        {"stamp": "1.7e9"},
        {"stamp": "9" * 4000},
        {"headers": {"X-ShopDesk-Signature": "0" * 64}},
    ],
    ids=[
        "unsigned",
        "other-secret",
        "zeros",
        "empty-signature",
        "not-hex",
        "non-ascii",
        "empty-stamp",
        "word-stamp",
        "float-stamp",
        "huge-stamp",
        "overridden",
    ],
)
@pytest.mark.parametrize("endpoint", ["order", "payment", "cancel"])
def test_a_bad_signature_is_401(refused, order, endpoint, kw):
    body = {
        "order": valid_order(),
        "payment": {"trade_no": "ALI-1", "amount": "12.50"},
        "cancel": {"reason_code": "changed_mind"},
    }[endpoint]
    refused("POST", endpoints(order["id"])[endpoint], body, 401, key=f"k-{endpoint}", **kw)


def test_a_signature_over_another_body_is_401(client, refused, secret):
    from shopdesk.services.storefront.signing import sign

    stamp = str(int(clock.now().timestamp()))
    signed_for = json.dumps(valid_order()).encode()
    sent = json.dumps(valid_order() | {"external_id": "S-2"}).encode()
    signature = sign(secret, stamp, "POST", "/v1/orders", "k-1", signed_for)
    refused("POST", "/v1/orders", sent, 401, stamp=stamp, key="k-1", signature=signature)
    # The same headers with the body they were made for: taken (so only the body was wrong).
    ok = client.post("/v1/orders", signed_for, stamp=stamp, key="k-1", signature=signature)
    assert ok.status == 201


def test_an_uppercase_hex_signature_is_taken(client, secret):
    from shopdesk.services.storefront.signing import sign

    stamp = str(int(clock.now().timestamp()))
    body = json.dumps(valid_order()).encode()
    signature = sign(secret, stamp, "POST", "/v1/orders", "k-1", body).upper()
    assert client.post("/v1/orders", body, stamp=stamp, key="k-1", signature=signature).status == 201


def test_a_refused_signature_does_not_burn_the_idempotency_key(client, refused):
    refused("POST", "/v1/orders", valid_order(), 401, key="first-try", secret="f" * 64)
    resp = client.post("/v1/orders", valid_order(), key="first-try")
    assert resp.status == 201
    assert "replayed" not in resp.json()


@pytest.mark.parametrize("offset", [-300, -299, 0, 299, 300])
def test_a_timestamp_within_300_s_is_taken(client, offset):
    now = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    clock.freeze(now)
    resp = client.post("/v1/orders", valid_order(), stamp=int(now.timestamp()) + offset)
    assert resp.status == 201, resp.body


@pytest.mark.parametrize("offset", [-301, 301, -86400, 86400 * 365, -int(datetime(2026, 3, 1, tzinfo=UTC).timestamp())])
def test_a_timestamp_more_than_300_s_away_is_401(refused, offset):
    now = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    clock.freeze(now)
    error = refused("POST", "/v1/orders", valid_order(), 401, stamp=int(now.timestamp()) + offset)
    assert "Stale request" in error["error"]


def test_a_captured_request_replayed_after_the_window_is_401(client, refused, secret):
    """An attacker resending a captured, correctly signed request once it is 301 s old gets nowhere."""
    from shopdesk.services.storefront.signing import sign

    now = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    clock.freeze(now)
    stamp = str(int(now.timestamp()))
    body = json.dumps(valid_order()).encode()
    signature = sign(secret, stamp, "POST", "/v1/orders", "k-1", body)
    assert client.post("/v1/orders", body, stamp=stamp, key="k-1", signature=signature).status == 201
    clock.advance(timedelta(seconds=301))
    error = refused("POST", "/v1/orders", body, 401, stamp=stamp, key="k-1", signature=signature)
    assert error["code"] == "stale"


# --- idempotency conflicts ---------------------------------------------------------------------------------


def test_the_same_idempotency_key_with_another_body_is_409(client, refused):
    assert client.post("/v1/orders", valid_order(), key="order-S-1").status == 201
    other = valid_order() | {"external_id": "S-2"}
    error = refused("POST", "/v1/orders", other, 409, key="order-S-1")
    assert error["field"] == "Idempotency-Key"
    assert "already used" in error["error"]


def test_the_same_idempotency_key_on_another_endpoint_is_409(client, refused, order):
    assert client.post("/v1/orders", valid_order(), key="shared").status == 201
    error = refused(
        "POST", f"/v1/orders/{order['id']}/payments", {"trade_no": "T", "amount": "12.50"}, 409, key="shared"
    )
    assert "POST /v1/orders" in error["error"]


# --- payments refused --------------------------------------------------------------------------------------


def test_an_amount_that_differs_from_the_total_is_refused(refused, order, shop):
    for amount in ("12.49", "12.51", "25.00", "1"):
        error = refused("POST", f"/v1/orders/{order['id']}/payments", {"trade_no": "ALI-1", "amount": amount}, 400)
        assert error["field"] == "amount"
        assert "does not match" in error["error"] and "12.50" in error["error"]
    with shop.db.read() as s:
        assert s.get(Order, order["id"]).status == "pending_payment"


def test_a_payment_with_another_orders_trade_number_is_409(client, refused, make_order):
    first, second = make_order(1), make_order(2)
    assert client.post(f"/v1/orders/{first['id']}/payments", {"trade_no": "ALI-7", "amount": "12.50"}).status == 200

    error = refused("POST", f"/v1/orders/{second['id']}/payments", {"trade_no": "ALI-7", "amount": "12.50"}, 409)

    assert error["field"] == "trade_no"
    assert f"already paid order {first['id']}" in error["error"]
    assert not error.get("flagged_for_refund")


def test_a_repeated_callback_with_another_amount_is_409(client, refused, order):
    path = f"/v1/orders/{order['id']}/payments"
    assert client.post(path, {"trade_no": "ALI-1", "amount": "12.50"}).status == 200
    error = refused("POST", path, {"trade_no": "ALI-1", "amount": "13.50"}, 409)
    assert error["field"] == "amount"


def test_a_second_payment_for_a_paid_order_is_409_and_flagged_for_refund(shop, client, order, snapshot, changes):
    """The customer paid twice: the second payment is real money, so it is flagged for refund, once."""
    path = f"/v1/orders/{order['id']}/payments"
    assert client.post(path, {"trade_no": "ALI-1", "amount": "12.50"}).status == 200
    before = snapshot()
    resp = client.post(path, {"trade_no": "ALI-2", "amount": "12.50"})
    assert resp.status == 409
    error = resp.json()
    assert "already paid" in error["error"] and error["flagged_for_refund"] is True
    assert error["code"] == "payment_refused"
    assert set(changes(before)) <= {"unmatched_payment", "order_event", "change"}
    with shop.db.read() as s:
        flags = s.execute(select(UnmatchedPayment.trade_no, UnmatchedPayment.amount_fen, UnmatchedPayment.reason)).all()
    assert [tuple(f) for f in flags] == [("ALI-2", 1250, "already paid")]
    # the same callback again: still one flag
    assert client.post(path, {"trade_no": "ALI-2", "amount": "12.50"}).status == 409
    with shop.db.read() as s:
        assert s.execute(select(func.count()).select_from(UnmatchedPayment)).scalar_one() == 1


def test_a_second_payment_with_a_trade_number_flagged_for_another_order_is_409_and_flags_nothing(
    client, refused, make_order
):
    first, second = make_order(1), make_order(2)
    for order, trade_no in ((first, "ALI-1"), (second, "ALI-2")):
        assert (
            client.post(f"/v1/orders/{order['id']}/payments", {"trade_no": trade_no, "amount": "12.50"}).status == 200
        )
    paid_twice = client.post(f"/v1/orders/{first['id']}/payments", {"trade_no": "ALI-X", "amount": "12.50"})
    assert (paid_twice.status, paid_twice.json()["flagged_for_refund"]) == (409, True)

    # the same gateway trade number now arrives for the other paid order: a clash, not a second flag (nor a 500)
    error = refused("POST", f"/v1/orders/{second['id']}/payments", {"trade_no": "ALI-X", "amount": "12.50"}, 409)

    assert error["code"] == "conflict" and not error.get("flagged_for_refund")
    assert f"already flagged for order {first['id']}" in error["error"]


@pytest.mark.parametrize("amount", ["13.50", "0.01", "99999999.99"])
def test_a_second_payment_of_another_amount_is_400_and_writes_nothing(refused, client, order, amount):
    path = f"/v1/orders/{order['id']}/payments"
    assert client.post(path, {"trade_no": "ALI-1", "amount": "12.50"}).status == 200
    error = refused("POST", path, {"trade_no": "ALI-FISH", "amount": amount}, 400)
    assert error["field"] == "amount"


@pytest.mark.parametrize("how", ["timeout", "desk"])
def test_a_payment_for_a_closed_order_is_409_and_flagged_for_refund(shop, client, order, snapshot, changes, how):
    if how == "timeout":  # the unpaid timeout closes it, as the hourly sweep does
        clock.advance(timedelta(minutes=16))
        with shop.db.write() as s:
            assert orders.close_expired(s, actor="system") == [order["id"]]
    else:
        with shop.db.write() as s:
            orders.close_order(s, order["id"], actor="t", reason="customer cancelled")
    path = f"/v1/orders/{order['id']}/payments"
    before = snapshot()

    resp = client.post(path, {"trade_no": "LATE-1", "amount": "12.50", "method": "alipay"}, key="late-1")

    assert resp.status == 409
    error = resp.json()
    assert error["flagged_for_refund"] is True
    assert "closed" in error["error"] and "LATE-1" in error["error"]
    with shop.db.read() as s:
        flags = s.execute(
            select(UnmatchedPayment.order_id, UnmatchedPayment.trade_no, UnmatchedPayment.method).add_columns(
                UnmatchedPayment.amount_fen, UnmatchedPayment.reason, UnmatchedPayment.resolved_at
            )
        ).all()
        status = s.get(Order, order["id"]).status
    assert [tuple(f) for f in flags] == [(order["id"], "LATE-1", "alipay", 1250, "order closed", None)]
    assert status == "closed"
    # Only the flag (and its order event and change notices) was written: no payment, no ledger, no key.
    assert set(changes(before)) == {"unmatched_payment", "order_event", "change"}

    # The gateway calls back again: refused again, still flagged once.
    after_first = snapshot()
    again = client.post(path, {"trade_no": "LATE-1", "amount": "12.50", "method": "alipay"}, key="late-1")
    assert (again.status, again.json()["flagged_for_refund"]) == (409, True)
    assert snapshot() == after_first

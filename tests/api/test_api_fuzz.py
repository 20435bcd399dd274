"""Fuzz the running intake API over loopback: random bytes, random JSON, wrong types in every field, huge
numbers, any Unicode (lone surrogates too), odd order ids and headers — never a 5xx, and doctor clean after.

One server and one shop serve all the examples of a test (that is the point: whatever came before, the next
request is still answered sensibly), hence the suppressed function-scoped-fixture health check.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from shopdesk.db.models import Order
from shopdesk.services.desk.reasons import REASONS
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.orders import selling as orders
from shopdesk.services.storefront.server import openapi_document

SKU = "GAME-QB-100"
EXAMPLES = 150
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- values ------------------------------------------------------------------------------------------------


def weighted(*choices: tuple[st.SearchStrategy, int]) -> st.SearchStrategy:
    """One of the strategies, picked in proportion to its weight."""
    return st.sampled_from([strategy for strategy, weight in choices for _ in range(weight)]).flatmap(lambda x: x)


surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
texts = weighted(
    (st.text(max_size=30), 6),
    (st.text(st.characters(codec=None), max_size=30), 2),
    (st.sampled_from(["", " ", "\x00", "\u202e", "🙂", "张伟", "12.50", SKU, "changed_mind", "null", "x" * 5000]), 3),
    (surrogates, 1),
)
huge_ints = st.integers(min_value=-(10**300), max_value=10**300)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), huge_ints, st.floats(allow_nan=True, allow_infinity=True), texts
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12
)
# Literals json.dumps cannot make: numbers past Python's 4300-digit limit, exponents no float holds.
raw_literals = st.one_of(
    st.integers(min_value=4200, max_value=6000).map(lambda n: "9" * n),
    st.sampled_from(["1e999999", "-1e-999999", "NaN", "-Infinity", "1E400", "0.0000000000000000000001", "-0"]),
)


def encode(value) -> st.SearchStrategy[bytes]:
    """A JSON value as bytes, ASCII-escaped (lone surrogates as \\udxxx) or raw (then not valid UTF-8)."""
    return st.sampled_from([True, True, True, False]).map(
        lambda ascii_only: json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    )


def field(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, now and then anything at all."""
    return weighted((valid, 8), (json_values, 1))


def with_raw_literal(document: dict) -> st.SearchStrategy[bytes]:
    """The document with one value swapped for a raw literal (a huge number, NaN, ...)."""

    def swap(args):
        key, literal = args
        marker = "@@RAW@@"
        return json.dumps(document | {key: marker}).replace(f'"{marker}"', literal).encode()

    return st.tuples(st.sampled_from(sorted(document)), raw_literals).map(swap)


def bodies(structured: st.SearchStrategy[dict], example: dict) -> st.SearchStrategy[bytes]:
    return weighted(
        (st.binary(max_size=300), 1),
        (json_values.flatmap(encode), 1),
        (structured.flatmap(encode), 6),
        (with_raw_literal(example), 1),
    )


order_lines = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {
                "sku": field(
                    weighted((st.just(SKU), 6), (st.sampled_from([SKU.lower(), " " + SKU, "NO-SUCH"]) | texts, 1))
                ),
                "quantity": field(
                    weighted(
                        (st.integers(min_value=1, max_value=3), 6), (st.sampled_from([0, -1, 10_001]) | huge_ints, 1)
                    )
                ),
            }
        ),
        json_values,
    ),
    min_size=1,
    max_size=3,
)
new_orders = st.fixed_dictionaries(
    {
        "external_id": field(st.from_regex(r"S-[0-9]{1,6}", fullmatch=True) | st.text(min_size=1, max_size=110)),
        "customer": field(
            st.fixed_dictionaries(
                {"name": field(st.sampled_from(["张伟", "Ann"]) | st.text(min_size=1, max_size=210))},
                optional={"contact": field(st.text(max_size=210))},
            )
        ),
        "lines": field(order_lines),
    },
    optional={"note": field(st.text(max_size=1100)), "extra": field(st.integers())},
)
payments = st.fixed_dictionaries(
    {
        "trade_no": field(st.from_regex(r"GW-[0-9]{1,4}", fullmatch=True) | st.text(min_size=1, max_size=110)),
        "amount": field(
            st.sampled_from(["12.50", "12.5", "12.500", "1.25e1", "¥12.50", "1,2.50", "25.00", "0.01", "-12.50"])
            | st.decimals(allow_nan=True, allow_infinity=True).map(str)
            | st.floats()
            | huge_ints
        ),
    },
    optional={"method": field(st.sampled_from([*orders.PAYABLE_METHODS, "paypal", ""]))},
)
cancel_requests = st.fixed_dictionaries(
    {"reason_code": field(st.sampled_from(sorted(REASONS)))},
    optional={"note": field(st.text(max_size=2100))},
)

# --- how a request is sent ------------------------------------------------------------------------------

header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x10FFFF, exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    max_size=220,
).map(lambda s: s.encode("utf-8"))
idempotency_keys = weighted((st.none(), 4), (st.from_regex(r"k-[0-9]{1,2}", fullmatch=True), 2), (header_text, 1))
signing = st.sampled_from(["ok"] * 10 + ["stale", "future", "unsigned", "other-secret", "garbage"])


def send(client, method: str, path: str, body: bytes | None, key, how: str):
    kw: dict = {"key": key}
    if how in ("stale", "future"):
        from shopdesk.services.common import clock

        kw["stamp"] = int(clock.now().timestamp()) + (-400 if how == "stale" else 400)
    elif how == "unsigned":
        kw["sign"] = False
    elif how == "other-secret":
        kw["secret"] = "0" * 64
    elif how == "garbage":
        kw["signature"] = "zz" * 32
    resp = client.request(method, path, body, **kw)
    event(f"{method} {resp.status}")  # --hypothesis-show-statistics shows what the fuzz reached
    assert resp.status < 500, (method, path, body[:300] if body else body, resp.status, resp.body[:300])
    if resp.headers.get("content-type", "").startswith("application/json"):
        payload = resp.json()
        if resp.status >= 400:
            assert isinstance(payload, dict) and isinstance(payload["error"], str) and payload["error"], payload
    if how != "ok":  # an unsigned or badly signed request never gets past the door
        assert resp.status in (401, 404, 413, 415), (how, resp.status, resp.body[:300])
    return resp


ORDER_REQUIRED = set(openapi_document()["components"]["schemas"]["Order"]["required"])


@pytest.fixture
def targets(shop, client, make_order) -> dict[str, int]:
    """Orders in every state a storefront request can meet: unpaid, delivered, closed."""
    pending = [make_order(f"P{n}")["id"] for n in range(3)]
    delivered = make_order("D")["id"]
    assert client.post(f"/v1/orders/{delivered}/payments", {"trade_no": "GW-D", "amount": "12.50"}).status == 200
    closed = make_order("C")["id"]
    with shop.db.write() as s:
        orders.close_order(s, closed, actor="t", reason="fuzz")
    return {f"pending{n}": oid for n, oid in enumerate(pending)} | {"delivered": delivered, "closed": closed}


def order_paths(targets: dict[str, int]) -> st.SearchStrategy[str]:
    return weighted(
        (st.sampled_from(sorted(str(v) for v in targets.values())), 6),
        (st.integers(min_value=1, max_value=40).map(str), 2),  # the orders the fuzz itself created
        (st.sampled_from(["0", "999999", "-1", "1.0", "0x1", "%C2%B2", "%00", "9" * 19, "%F0%9F%99%82"]), 2),
        (st.text(min_size=1, max_size=20).map(lambda s: quote(s, safe="")), 1),
    )


def doctor_clean(shop) -> None:
    with shop.db.read() as s:
        assert run_checks(s) == []


# --- the fuzz tests -----------------------------------------------------------------------------------------


def test_fuzz_create_order(shop, client, targets):
    example = {"external_id": "S-1", "customer": {"name": "a"}, "lines": [{"sku": SKU, "quantity": 1}]}

    @FUZZ
    @given(body=bodies(new_orders, example), key=idempotency_keys, how=signing)
    def run(body, key, how):
        resp = send(client, "POST", "/v1/orders", body, key, how)
        if resp.status == 201:
            assert resp.json().keys() >= ORDER_REQUIRED

    run()
    doctor_clean(shop)


def test_fuzz_payment(shop, client, targets):
    example = {"trade_no": "GW-1", "amount": "12.50", "method": "alipay"}

    @FUZZ
    @given(order=order_paths(targets), body=bodies(payments, example), key=idempotency_keys, how=signing)
    def run(order, body, key, how):
        resp = send(client, "POST", f"/v1/orders/{order}/payments", body, key, how)
        if resp.status == 200:
            assert resp.json().keys() >= ORDER_REQUIRED
        if resp.status == 409 and resp.json().get("flagged_for_refund"):
            # money for an order that cannot take it (closed, or already paid) is flagged, never a pending one
            with shop.db.read() as s:
                assert s.get(Order, int(order)).status != "pending_payment"

    run()
    doctor_clean(shop)


def test_fuzz_cancel_request(shop, client, targets):
    example = {"reason_code": "changed_mind", "note": "x"}

    @FUZZ
    @given(order=order_paths(targets), body=bodies(cancel_requests, example), key=idempotency_keys, how=signing)
    def run(order, body, key, how):
        resp = send(client, "POST", f"/v1/orders/{order}/cancel-requests", body, key, how)
        if resp.status == 201:
            assert {"case_id", "order_id", "status"} <= resp.json().keys()

    run()
    doctor_clean(shop)


def test_fuzz_order_status(shop, client, targets):
    @FUZZ
    @given(order=order_paths(targets), body=st.none() | st.binary(max_size=100), key=idempotency_keys, how=signing)
    def run(order, body, key, how):
        resp = send(client, "GET", f"/v1/orders/{order}", body, key, how)
        if resp.status == 200:
            payload = resp.json()
            assert payload.keys() >= ORDER_REQUIRED
            assert ("keys" in payload) == (payload["status"] == "delivered")

    run()
    doctor_clean(shop)


def test_fuzz_everything_against_one_shop(shop, client, targets):
    """All endpoints interleaved on one database: whatever a request did, the next is answered sensibly."""
    example = {"external_id": "S-1", "customer": {"name": "a"}, "lines": [{"sku": SKU, "quantity": 1}]}
    requests = st.one_of(
        st.tuples(st.just("POST"), st.just("/v1/orders"), bodies(new_orders, example)),
        st.tuples(st.just("POST"), order_paths(targets).map("/v1/orders/{}/payments".format), payments.flatmap(encode)),
        st.tuples(
            st.just("POST"),
            order_paths(targets).map("/v1/orders/{}/cancel-requests".format),
            cancel_requests.flatmap(encode),
        ),
        st.tuples(st.just("GET"), order_paths(targets).map("/v1/orders/{}".format), st.none()),
    )

    @FUZZ
    @given(batch=st.lists(requests, min_size=1, max_size=5), key=idempotency_keys)
    def run(batch, key):
        for method, path, body in batch:
            send(client, method, path, body, key, "ok")

    run()
    doctor_clean(shop)

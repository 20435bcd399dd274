"""The intake API's happy paths, over real loopback HTTP: orders, payments, cancellation requests, status and
keys, idempotent replays, the OpenAPI document, and the loopback-only rule."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest
from sqlalchemy import func, select, text

from shopdesk.db.models import (
    ApiRequest,
    AuditEvent,
    CardKey,
    Case,
    CaseEvent,
    Customer,
    JournalEntry,
    KeyEvent,
    Order,
    Payment,
)
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.services.storefront.server import IntakeServer, check_loopback, openapi_document

SKU = "GAME-QB-100"


def order_required_fields() -> set[str]:
    return set(openapi_document()["components"]["schemas"]["Order"]["required"])


def key_statuses(shop) -> dict[str, int]:
    with shop.db.read() as s:
        return dict(s.execute(select(CardKey.status, func.count()).group_by(CardKey.status)).all())


# --- POST /v1/orders ----------------------------------------------------------------------------------


def test_create_order_returns_201_with_id_status_total(shop, client, order_body):
    resp = client.post("/v1/orders", order_body("1001", quantity=2))

    assert resp.status == 201
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert order_required_fields() <= body.keys()
    assert body["status"] == "pending_payment"
    assert body["payment_status"] == "unpaid"
    assert body["total"] == "25.00"
    assert body["external_id"] == "S-1001"
    assert body["lines"] == [{"sku": SKU, "quantity": 2, "unit_price": "12.50", "delivered": 0}]
    with shop.db.read() as s:
        stored = s.execute(
            select(Order.source, Order.external_id, Order.total_fen, Order.number, Customer.name, Customer.contact)
            .join(Customer, Customer.id == Order.customer_id)
            .where(Order.id == body["id"])
        ).one()
    assert tuple(stored) == ("api", "S-1001", 2500, body["number"], "张伟", "wx:buyer")
    assert key_statuses(shop) == {"available": 28, "reserved": 2}  # held until payment


def test_orders_from_the_same_contact_share_one_customer(shop, client, order_body):
    first = client.post("/v1/orders", order_body(1)).json()
    second = client.post("/v1/orders", order_body(2)).json()
    with shop.db.read() as s:
        owners = {s.get(Order, o["id"]).customer_id for o in (first, second)}
        n_customers = s.execute(select(func.count()).select_from(Customer)).scalar_one()
    assert len(owners) == 1
    assert n_customers == 1


def test_the_same_external_id_twice_is_a_conflict(client, order_body, snapshot):
    assert client.post("/v1/orders", order_body(7)).status == 201
    before = snapshot()
    resp = client.post("/v1/orders", order_body(7))
    assert resp.status == 409
    assert "S-7" in resp.json()["error"]
    assert snapshot() == before


# --- POST /v1/orders/{id}/payments ------------------------------------------------------------------------


def test_payment_delivers_the_keys(shop, client, make_order):
    order = make_order(1, quantity=2)

    resp = client.post(
        f"/v1/orders/{order['id']}/payments", {"trade_no": "ALI-1", "amount": "25.00", "method": "alipay"}
    )

    assert resp.status == 200
    body = resp.json()
    assert order_required_fields() <= body.keys()
    assert (body["id"], body["status"], body["payment_status"]) == (order["id"], "delivered", "paid")
    assert (body["paid"], body["replayed"]) == ("25.00", False)
    assert body["lines"][0]["delivered"] == 2
    assert "keys" not in body  # plaintext keys only through GET, which is audited
    with shop.db.read() as s:
        payments = s.execute(select(Payment.order_id, Payment.method, Payment.trade_no, Payment.amount_fen)).all()
        sales = s.execute(select(func.count()).where(JournalEntry.kind == "sale")).scalar_one()
    assert [tuple(p) for p in payments] == [(order["id"], "alipay", "ALI-1", 2500)]
    assert sales == 1
    assert key_statuses(shop) == {"available": 28, "delivered": 2}


def test_a_repeated_callback_is_a_no_op_returning_the_original_result(client, make_order, snapshot, changes):
    order = make_order(1)
    pay = {"trade_no": "WX-9", "amount": "12.50", "method": "wechat"}
    first = client.post(f"/v1/orders/{order['id']}/payments", pay, key="pay-WX-9").json()
    before = snapshot()

    # The storefront retries (the same Idempotency-Key, signed afresh): the first answer, nothing written.
    retry = client.post(f"/v1/orders/{order['id']}/payments", pay, key="pay-WX-9")
    assert retry.status == 200
    assert retry.json() == first | {"replayed": True}
    assert snapshot() == before

    # The gateway notifies a second time (a new delivery, the same trade number): the same order, no second
    # payment; only that delivery's answer is kept under its key.
    again = client.post(f"/v1/orders/{order['id']}/payments", pay, key="pay-WX-9-again")
    assert again.status == 200
    assert again.json() == first | {"replayed": True}
    assert list(changes(before)) == ["api_request"]


def test_payment_as_a_number_and_unknown_method_are_taken(shop, client, make_order):
    order = make_order(1)
    resp = client.post(f"/v1/orders/{order['id']}/payments", {"trade_no": "GW-1", "amount": 12.5, "method": "paypal"})
    assert resp.status == 200
    with shop.db.read() as s:
        assert s.execute(select(Payment.method, Payment.amount_fen)).one() == ("external", 1250)


# --- POST /v1/orders/{id}/cancel-requests ---------------------------------------------------------------


def test_cancel_request_opens_a_case(shop, client, make_order):
    order = make_order(1)

    resp = client.post(
        f"/v1/orders/{order['id']}/cancel-requests", {"reason_code": "changed_mind", "note": "bought by mistake"}
    )

    assert resp.status == 201
    body = resp.json()
    assert body["order_id"] == order["id"]
    assert (body["class"], body["reason_code"]) == ("customer", "changed_mind")
    with shop.db.read() as s:
        case = s.execute(
            select(Case.order_id, Case.reason_code, Case.status, Case.first_response_due).where(
                Case.id == body["case_id"]
            )
        ).one()
        opened = s.execute(
            select(CaseEvent.actor, CaseEvent.note).where(
                CaseEvent.case_id == body["case_id"], CaseEvent.kind == "opened"
            )
        ).one()
    # The rule track may settle a standard case the moment it opens: the answer says where it stands.
    assert tuple(case[:3]) == (order["id"], "changed_mind", body["status"])
    assert case.first_response_due.isoformat() == body["first_response_due"]
    assert tuple(opened) == ("storefront", "bought by mistake")


def test_a_second_cancel_request_while_one_is_open_is_a_conflict(shop, client, make_order, snapshot):
    with shop.db.write() as s:  # no rule settles the case: it stays open for a person
        s.execute(text("UPDATE rule SET active = :off"), {"off": False})
    order = make_order(1)
    assert client.post(f"/v1/orders/{order['id']}/cancel-requests", {"reason_code": "changed_mind"}).status == 201
    before = snapshot()
    resp = client.post(f"/v1/orders/{order['id']}/cancel-requests", {"reason_code": "wrong_item"})
    assert resp.status == 409
    assert "already has open case" in resp.json()["error"]
    assert snapshot() == before


# --- GET /v1/orders/{id} ------------------------------------------------------------------------------


def test_get_before_delivery_shows_status_without_keys_and_writes_nothing(client, make_order, snapshot):
    order = make_order(1)
    before = snapshot()

    resp = client.get(f"/v1/orders/{order['id']}")

    assert resp.status == 200
    body = resp.json()
    assert body == order
    assert "keys" not in body
    assert snapshot() == before


def test_get_once_delivered_serves_the_plaintext_keys_and_audits_it(shop, client, make_order):
    order = make_order(1, quantity=2)
    client.post(f"/v1/orders/{order['id']}/payments", {"trade_no": "T-1", "amount": "25.00"})

    resp = client.get(f"/v1/orders/{order['id']}")

    assert resp.status == 200
    body = resp.json()
    assert body["status"] == "delivered"
    with shop.db.read() as s:
        delivered = s.execute(
            select(CardKey.id, CardKey.card_no).where(CardKey.status == "delivered").order_by(CardKey.id)
        ).all()
        audits = s.execute(
            select(AuditEvent.actor, AuditEvent.subject, AuditEvent.detail).where(
                AuditEvent.action == "api.keys_served"
            )
        ).all()
        revealed = s.execute(select(KeyEvent.key_id, KeyEvent.order_id).where(KeyEvent.kind == "revealed")).all()
    assert [k["card_no"] for k in body["keys"]] == [card_no for _, card_no in delivered]
    for key in body["keys"]:
        n = key["card_no"].removeprefix("CARD-")
        assert key == {"sku": SKU, "card_no": f"CARD-{n}", "secret": f"SECRET-{n}-XYZ"}
    [audit] = audits
    assert (audit.actor, audit.subject, json.loads(audit.detail)) == (
        "storefront",
        f"order:{order['id']}",
        {"count": 2},
    )
    assert sorted(revealed) == sorted((kid, order["id"]) for kid, _ in delivered)

    # Every fetch is audited again.
    assert client.get(f"/v1/orders/{order['id']}").json()["keys"] == body["keys"]
    with shop.db.read() as s:
        assert s.execute(select(func.count()).where(AuditEvent.action == "api.keys_served")).scalar_one() == 2


def test_get_refuses_unknown_and_desk_orders(shop, client, snapshot):
    with shop.db.write() as s:
        cid = customers.add_customer(s, "Walk-in").id
        desk = orders.create_order(s, cid, [(SKU, 1)], actor="t")
    before = snapshot()
    for path in (f"/v1/orders/{desk.id}", "/v1/orders/999", "/v1/orders/abc", "/v1/orders/0"):
        resp = client.get(path)
        assert resp.status == 404, path
        assert resp.json()["error"]
    assert snapshot() == before


def test_get_is_signed_too(client, make_order, snapshot):
    order = make_order(1)
    before = snapshot()
    assert client.get(f"/v1/orders/{order['id']}", sign=False).status == 401
    assert client.get(f"/v1/orders/{order['id']}", secret="0" * 64).status == 401
    assert snapshot() == before


# --- Idempotency-Key ---------------------------------------------------------------------------------


def test_a_replayed_idempotency_key_returns_the_first_response_and_writes_nothing(shop, client, order_body, snapshot):
    first = client.post("/v1/orders", order_body(1), key="order-1")
    assert first.status == 201
    with shop.db.read() as s:
        stored = s.execute(select(ApiRequest.idempotency_key, ApiRequest.status_code, ApiRequest.path)).all()
    assert [tuple(r) for r in stored] == [("order-1", 201, "/v1/orders")]
    before = snapshot()

    again = client.post("/v1/orders", order_body(1), key="order-1")

    assert again.status == 201
    assert again.json() == first.json() | {"replayed": True}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("action", "body", "key", "status"),
    [
        pytest.param("payments", {"trade_no": "IK-1", "amount": "12.50"}, "pay-1", 200, id="payment"),
        pytest.param("cancel-requests", {"reason_code": "wrong_item"}, "cancel-1", 201, id="cancel_request"),
    ],
)
def test_an_idempotent_order_action_replays(client, make_order, snapshot, action, body, key, status):
    order = make_order(1)
    path = f"/v1/orders/{order['id']}/{action}"
    first = client.post(path, body, key=key)
    assert first.status == status
    before = snapshot()
    again = client.post(path, body, key=key)
    assert (again.status, again.json()) == (status, first.json() | {"replayed": True})
    assert snapshot() == before


@pytest.mark.parametrize("key", ["k" * 201, b"\xff\xfe"])
def test_an_overlong_or_non_utf8_idempotency_key_is_refused(client, order_body, snapshot, key):
    before = snapshot()
    resp = client.post("/v1/orders", order_body(1), key=key)
    assert resp.status == 400
    assert resp.json()["field"] == "Idempotency-Key"
    assert snapshot() == before


# --- GET /v1/openapi.json -------------------------------------------------------------------------------


def test_openapi_document_is_served_and_matches_the_file(client):
    resp = client.get("/v1/openapi.json", sign=False)  # public: the storefront developer reads it first
    assert resp.status == 200
    assert resp.headers["content-type"].startswith("application/json")
    on_disk = json.loads(resources.files("shopdesk").joinpath("openapi.json").read_text(encoding="utf-8"))
    assert resp.json() == on_disk


def _resolve(doc: dict, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target = doc
        for part in ref[2:].split("/"):
            assert part in target, f"dangling $ref {ref}"
            target = target[part]
        node = target
    return node


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_openapi_document_is_openapi_3_1_and_describes_every_route(server, client):
    doc = client.get("/v1/openapi.json", sign=False).json()

    assert doc["openapi"].startswith("3.1.")
    assert doc["info"]["title"] and doc["info"]["version"]
    for ref in _refs(doc):  # every $ref resolves
        _resolve(doc, {"$ref": ref})
    routes = {
        (route.resource.canonical, route.method.lower())
        for route in server.server.app.router.routes()
        if route.method != "HEAD"
    }
    assert routes == {
        ("/v1/orders", "post"),
        ("/v1/orders/{id}/payments", "post"),
        ("/v1/orders/{id}/cancel-requests", "post"),
        ("/v1/orders/{id}", "get"),
        ("/v1/openapi.json", "get"),
    }
    documented = {(path, method) for path, item in doc["paths"].items() for method in item}
    assert documented == routes
    for path, method in routes:
        operation = doc["paths"][path][method]
        assert operation["responses"], (path, method)
        for code in operation["responses"]:
            assert code.isdigit() and 100 <= int(code) < 600, (path, method, code)
        params = [_resolve(doc, p) for p in operation.get("parameters", [])]
        in_path = {p["name"] for p in params if p["in"] == "path"}
        assert in_path == {"id"} if "{id}" in path else not in_path, (path, method)
        if method == "post":
            schema = _resolve(doc, operation["requestBody"]["content"]["application/json"]["schema"])
            # required fields, or (a cancel request: a reason code or the customer's words) one of several sets
            required = schema.get("required") or [alt["required"] for alt in schema["anyOf"]]
            assert schema["type"] == "object" and required and all(required), path
            assert {"400", "401", "413"} <= operation["responses"].keys(), path
    # The schemes the signature uses exist, and the document itself is public.
    assert set(doc["components"]["securitySchemes"]) == {"timestamp", "signature"}
    assert doc["paths"]["/v1/openapi.json"]["get"]["security"] == []


def test_openapi_cancel_reasons_match_the_service():
    from shopdesk.services.desk.reasons import REASONS

    doc = openapi_document()
    enum = doc["components"]["schemas"]["CancelRequest"]["properties"]["reason_code"]["enum"]
    assert sorted(enum) == sorted(REASONS)
    # a reason code, or the customer's words alone (the AI track reads them): at least one of the two
    assert doc["components"]["schemas"]["CancelRequest"]["anyOf"] == [
        {"required": ["reason_code"]},
        {"required": ["note"]},
    ]
    methods = doc["components"]["schemas"]["Payment"]["properties"]["method"]["enum"]
    assert set(methods) == set(orders.PAYABLE_METHODS) - {"wallet"}


# --- loopback only ------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", ""])
def test_non_loopback_hosts_are_refused(host):
    with pytest.raises(InvalidInput, match="loopback only"):
        check_loopback(host)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_hosts_are_taken(host):
    assert check_loopback(host) == host


def test_the_server_refuses_to_be_built_on_a_public_address(shop):
    with pytest.raises(InvalidInput):
        IntakeServer(lambda *a, **k: None, shop.vault, host="0.0.0.0", port=0)


def test_the_server_listens_on_loopback_only(server):
    addresses = server.server._runner.addresses
    assert addresses and all(addr[0] == "127.0.0.1" for addr in addresses)


def test_serve_api_on_a_public_host_exits_2(data_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--data-dir", str(data_dir), "serve-api", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "loopback only" in proc.stderr
    assert proc.stdout == ""


def test_the_storefront_cannot_pay_or_cancel_an_order_made_on_the_desk(shop, client, snapshot):
    """Only orders the storefront created answer to it: a desk sale is not reachable through the API."""
    with shop.db.write() as s:
        cid = customers.add_customer(s, "柜台客户").id
        desk = orders.create_order(s, cid, [(SKU, 1)], actor="t")
    before = snapshot()
    paid = client.post(f"/v1/orders/{desk.id}/payments", {"trade_no": "DESK-T1", "amount": "12.50"})
    asked = client.post(f"/v1/orders/{desk.id}/cancel-requests", {"reason_code": "changed_mind"})
    assert (paid.status, asked.status) == (404, 404)
    assert "storefront order" in paid.json()["error"]
    assert snapshot() == before

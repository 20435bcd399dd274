"""A storefront cancel request with only the customer's words: the AI track reads them into a reason. Confident, the
case takes it and the rule track settles it at once; unsure, the case goes to a person with three suggestions;
neither words nor a code is refused and writes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from shopdesk.db.models import AuditEvent, Case, CaseEvent, CaseSuggestion, Order
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.desk.reasons import PLACEHOLDER

EMPTY_SKU = "GAME-EMPTY-50"  # no keys: a paid order waits for stock, nothing delivered


@pytest.fixture
def waiting_order(shop, client) -> dict:
    """A storefront order paid and awaiting stock (6.00 yuan, nothing delivered)."""
    with shop.db.write() as s:
        catalog.add_product(s, ProductInput(sku=EMPTY_SKU, name="QB 50", price_fen=600))
    made = client.post(
        "/v1/orders",
        {
            "external_id": "S-AI",
            "customer": {"name": "李娜", "contact": "wx:lina"},
            "lines": [{"sku": EMPTY_SKU, "quantity": 1}],
        },
    )
    assert made.status == 201, made.body
    order = made.json()
    paid = client.post(f"/v1/orders/{order['id']}/payments", {"trade_no": "ALI-AI", "amount": "6.00"})
    assert paid.status == 200, paid.body
    assert paid.json()["status"] == "awaiting_stock"
    return order


def _case(shop, case_id):
    with shop.db.read() as s:
        case = s.execute(select(Case.reason_code, Case.status).where(Case.id == case_id)).one()
        kinds = list(
            s.execute(select(CaseEvent.kind).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).scalars()
        )
        row = s.execute(
            select(
                CaseSuggestion.applied, CaseSuggestion.disagrees, CaseSuggestion.text, CaseSuggestion.alternatives
            ).where(CaseSuggestion.case_id == case_id)
        ).one()
        audit = set(s.execute(select(AuditEvent.action).where(AuditEvent.subject == f"case:{case_id}")).scalars())
        order_status = s.execute(
            select(Order.status).join(Case, Case.order_id == Order.id).where(Case.id == case_id)
        ).scalar_one()
    return case, kinds, row, audit, order_status


def test_only_words_the_model_is_sure_of_are_settled_by_the_rule_track(shop, client, waiting_order):
    resp = client.post(
        f"/v1/orders/{waiting_order['id']}/cancel-requests", {"note": "拍错了，我要的是100面值的，不是这个"}
    )
    assert resp.status == 201, resp.body
    body = resp.json()
    assert (body["reason_code"], body["class"], body["status"]) == ("wrong_item", "customer", "resolved")
    assert body["suggestion"]["reason_code"] == "wrong_item" and body["suggestion"]["model_version"] == 0
    assert body["suggestion"]["confidence"] >= 0.9  # a rule that moves money acts on the model's reason this sure
    case, kinds, row, audit, order_status = _case(shop, body["case_id"])
    assert tuple(case) == ("wrong_item", "resolved") and order_status == "cancelled"
    assert kinds[:2] == ["opened", "reason_suggested"]
    assert row.applied and not row.disagrees and row.text == "拍错了，我要的是100面值的，不是这个"
    assert "ai.reason_applied" in audit


def test_only_words_the_model_is_unsure_of_go_to_a_person(shop, client, waiting_order):
    resp = client.post(f"/v1/orders/{waiting_order['id']}/cancel-requests", {"note": "😀😀🙏"})
    assert resp.status == 201, resp.body
    body = resp.json()
    assert (body["reason_code"], body["status"]) == (PLACEHOLDER, "new")
    assert body["suggestion"]["confidence"] < 0.8
    case, kinds, row, audit, order_status = _case(shop, body["case_id"])
    assert tuple(case) == (PLACEHOLDER, "new") and order_status == "awaiting_stock"  # no money moved
    assert "routed" in kinds and "resolved" not in kinds
    assert not row.applied and len(json.loads(row.alternatives)) == 2  # the runners-up beside the top suggestion
    assert "ai.reason_applied" not in audit


def test_a_code_with_words_keeps_the_code_and_returns_the_models_reading(shop, client, waiting_order):
    resp = client.post(
        f"/v1/orders/{waiting_order['id']}/cancel-requests",
        {"reason_code": "changed_mind", "note": "the code says already redeemed"},
    )
    assert resp.status == 201, resp.body
    body = resp.json()
    assert body["reason_code"] == "changed_mind" and body["suggestion"]["reason_code"] == "key_used"
    _, _, row, _, _ = _case(shop, body["case_id"])
    assert row.disagrees and not row.applied


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "   \n"}, {"reason_code": "", "note": " "}])
def test_neither_words_nor_a_code_is_refused_and_writes_nothing(refused, waiting_order, body):
    error = refused("POST", f"/v1/orders/{waiting_order['id']}/cancel-requests", body, 400)
    assert error["field"] == "reason_code"
    assert "note" in error["error"]


@pytest.fixture
def cold_ai(tmp_path, monkeypatch):
    """A process whose AI track has not warmed up, on an empty seed cache; training is stubbed (it hands back the
    run's seed model) and records the thread it runs on."""
    import threading

    from shopdesk.services.desk import classifier, suggestions

    seed = suggestions.seed_model()
    monkeypatch.setenv("SHOPDESK_CACHE_DIR", str(tmp_path / "cache"))
    for name, value in (("_seed_model", None), ("_warm", False), ("_warming", None)):
        monkeypatch.setattr(suggestions, name, value)
    threads: list[str] = []

    def train(samples):
        threads.append(threading.current_thread().name)
        return seed

    monkeypatch.setattr(classifier, "train", train)
    return threads


def test_the_server_warms_the_ai_track_up_off_its_loop_so_words_train_nothing_in_the_writer(
    cold_ai, shop, client, waiting_order
):
    from shopdesk.services.desk import suggestions

    warming = suggestions._warming  # started by IntakeServer.start()
    assert warming is not None and warming.name == "shopdesk-ai-warm-up" and warming.daemon
    warming.join(60)
    assert suggestions._warm and cold_ai == ["shopdesk-ai-warm-up"]
    resp = client.post(f"/v1/orders/{waiting_order['id']}/cancel-requests", {"note": "拍错了，我要的是100面值的"})
    assert resp.status == 201, resp.body
    assert resp.json()["suggestion"]["model_version"] == 0
    assert cold_ai == ["shopdesk-ai-warm-up"]  # the request read the warm model: no training on the DB thread

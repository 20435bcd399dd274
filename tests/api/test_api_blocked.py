"""A blacklisted customer's new storefront orders are refused (403 customer_blocked, nothing written, the owner's
reason kept at the desk), however the contact is typed and through a merge; their existing orders can still be
paid and cancelled; unblocking restores ordering."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import Customer, Order
from shopdesk.services.desk import credit
from shopdesk.services.money import customers

SKU = "GAME-QB-100"
REASON = "套卡密退款三次 secret-owner-note"


def order(n, contact: str) -> dict:
    return {
        "external_id": f"B-{n}",
        "customer": {"name": "马超", "contact": contact},
        "lines": [{"sku": SKU, "quantity": 1}],
    }


@pytest.fixture
def blocked(shop, client):
    """A storefront customer with one pending order, then blacklisted."""
    first = client.post("/v1/orders", order(0, "+86 138 0013 8000"))
    assert first.status == 201, first.body
    with shop.db.write() as s:
        cid = customers.find_by_contact(s, "13800138000")
        credit.block(s, cid, REASON, actor="boss")
    return cid, first.json()


@pytest.mark.parametrize("contact", ["13800138000", " 138 0013 8000 ", "+86 13800138000", "tel: 138-0013-8000"])
def test_a_blocked_contact_gets_403_customer_blocked_and_nothing_is_written(blocked, refused, contact):
    error = refused("POST", "/v1/orders", order(1, contact), 403)
    assert error["code"] == "customer_blocked"
    assert "套卡密" not in error["error"] and "secret-owner-note" not in str(error)


def test_an_e_mail_contact_typed_otherwise_is_still_blocked(shop, client, refused):
    assert client.post("/v1/orders", order(0, "MaChao@Example.com")).status == 201
    with shop.db.write() as s:
        credit.block(s, customers.find_by_contact(s, "machao@example.com"), REASON, actor="boss")
    assert refused("POST", "/v1/orders", order(1, "  MACHAO@example.COM "), 403)["code"] == "customer_blocked"


def test_existing_orders_are_still_paid_and_cancelled(blocked, client):
    _, first = blocked
    paid = client.post(
        f"/v1/orders/{first['id']}/payments", {"trade_no": "ALI-B1", "amount": "12.50", "method": "alipay"}
    )
    assert paid.status == 200, paid.body
    cancel = client.post(f"/v1/orders/{first['id']}/cancel-requests", {"reason_code": "changed_mind"})
    assert cancel.status == 201, cancel.body


def test_unblocking_restores_ordering(shop, blocked, client):
    cid, _ = blocked
    with shop.db.write() as s:
        credit.unblock(s, cid, actor="boss")
    resp = client.post("/v1/orders", order(2, "13800138000"))
    assert resp.status == 201, resp.body
    with shop.db.read() as s:
        assert s.execute(select(func.count()).where(Order.customer_id == cid)).scalar_one() == 2
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == 1


def test_a_blocked_customer_merged_away_still_blocks_the_contact_and_orders_go_to_the_survivor(shop, client, refused):
    assert client.post("/v1/orders", order(0, "wx:old")).status == 201
    assert client.post("/v1/orders", order(1, "wx:new")).status == 201
    with shop.db.write() as s:
        old, new = customers.find_by_contact(s, "wx:old"), customers.find_by_contact(s, "wx:new")
        customers.merge(s, old, new, actor="boss")
    resp = client.post("/v1/orders", order(2, "WX:OLD"))  # the merged contact's order goes to the survivor
    assert resp.status == 201, resp.body
    with shop.db.read() as s:
        assert s.execute(select(Order.customer_id).where(Order.id == resp.json()["id"])).scalar_one() == new
    with shop.db.write() as s:
        credit.block(s, new, REASON, actor="boss")
    assert refused("POST", "/v1/orders", order(3, "wx:old"), 403)["code"] == "customer_blocked"

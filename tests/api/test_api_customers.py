"""The storefront's customers are people: one contact, however it is typed, is one customer."""

from __future__ import annotations

from sqlalchemy import func, select

from shopdesk.db.models import Customer, Order

SKU = "GAME-QB-100"


def order(n: int, name: str, contact: str) -> dict:
    return {
        "external_id": f"C-{n}",
        "customer": {"name": name, "contact": contact},
        "lines": [{"sku": SKU, "quantity": 1}],
    }


def test_one_contact_typed_three_ways_is_one_customer(client, shop):
    for n, contact in enumerate(["wx:MaChao", "  wx:machao ", "WX:MACHAO"]):
        assert client.post("/v1/orders", order(n, "马超", contact)).status == 201
    assert client.post("/v1/orders", order(9, "马超", "13800138000")).status == 201
    assert client.post("/v1/orders", order(10, "马超", "+86 138 0013 8000")).status == 201
    with shop.db.read() as s:
        people = s.execute(select(Customer.id, Customer.contact).order_by(Customer.id)).all()
        assert [c for _, c in people] == ["wx:MaChao", "13800138000"]  # the contact as first given is kept
        per_customer = dict(s.execute(select(Order.customer_id, func.count()).group_by(Order.customer_id)).all())
        assert per_customer == {people[0].id: 3, people[1].id: 2}

"""Customers matched by contact: one normalised key, stored and indexed; the storefront's orders find their customer."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from shopdesk.db.models import Customer
from shopdesk.services.money import customers
from shopdesk.services.money.customers import contact_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("MaChao@Example.com", "  machao@example.COM "),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("QQ: 10086 123", "10086123"),
        ("qq：10086123", "１００８６１２３"),  # full-width colon and digits
        ("wx:MaChao", " WX:machao "),
    ],
)
def test_variants_of_one_contact_have_one_key(a, b):
    assert contact_key(a) == contact_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [("wx:machao", "wx:machao2"), ("10086123", "10086124"), ("a@x.com", "b@x.com")])
def test_other_contacts_have_other_keys(a, b):
    assert contact_key(a) != contact_key(b)


def test_no_contact_matches_nobody(shop):
    with shop.db.write() as s:
        customers.add_customer(s, "无名", "")
        assert contact_key("   ") == ""
        assert customers.find_by_contact(s, " ") is None


def test_add_and_edit_store_the_key_and_find_by_contact_uses_it(shop):
    with shop.db.write() as s:
        c = customers.add_customer(s, "马超", "wx:MaChao")
        assert s.get(Customer, c.id).contact_key == "wx:machao"
        assert customers.find_by_contact(s, " WX:MACHAO") == c.id
        customers.edit_customer(s, c.id, "马超", "QQ 10086123")
        assert s.execute(select(Customer.contact_key).where(Customer.id == c.id)).scalar_one() == "10086123"
        assert customers.find_by_contact(s, "10086123") == c.id
        assert customers.find_by_contact(s, "wx:machao") is None


@pytest.mark.sqlite_only("the query plan read is SQLite's")
def test_the_lookup_is_index_backed(shop):
    with shop.db.read() as s:
        plan = s.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM customer WHERE contact_key = :k ORDER BY id LIMIT 1"), {"k": "x"}
        ).all()
        assert any("ix_customer_contact_key" in str(row) for row in plan), plan

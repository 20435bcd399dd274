"""0011 fills the normalised contact of the customers there are, and merges none of them (owners merge)."""

from __future__ import annotations

from sqlalchemy import select, text

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.db.models import Customer
from shopdesk.services.money import customers


def test_existing_customers_get_their_contact_key_and_stay_apart(tmp_path):
    db = Database(load_config(tmp_path).db_url)
    try:
        assert migrate.upgrade(db, "0010") == "0010"
        at = "2026-01-05 10:00:00.000000"
        with db.engine.begin() as conn:
            for n, (name, contact) in enumerate(
                [("马超", "wx:MaChao"), ("马超", " wx:machao"), ("黄强", "QQ: 10086 123"), ("无名", "")], start=1
            ):
                conn.execute(
                    text(
                        "INSERT INTO customer (id, name, contact, risk_level, risk_override, risk_note, notes,"
                        " created_at, updated_at) VALUES (:id, :name, :contact, 'normal', false, '', '', :at, :at)"
                    ),
                    {"id": n, "name": name, "contact": contact, "at": at},
                )
    finally:
        db.dispose()

    app = ShopApp.open(load_config(tmp_path))  # upgrades to head
    try:
        with app.db.read() as s:
            keys = s.execute(select(Customer.id, Customer.contact_key).order_by(Customer.id)).all()
            assert keys == [(1, "wx:machao"), (2, "wx:machao"), (3, "10086123"), (4, "")]
            assert customers.find_by_contact(s, "WX:machao") == 1  # the first of the duplicates, until merged
    finally:
        app.close()

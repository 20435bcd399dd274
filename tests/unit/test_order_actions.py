"""Actions on one order (services): refund within permission and limit, idempotent per request; resend once per
request; the delivery message and the detail's recalled keys and refunds. A viewer is refused by the service."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from svc_support import add_customer, add_product, refused

from shopdesk.db.models import AuditEvent, Refund
from shopdesk.services.common.access import PermissionDenied
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.desk import cases
from shopdesk.services.inventory import secrets
from shopdesk.services.orders import actions, message
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders.detail import load_order_view
from shopdesk.services.staff import users

OWNER, STAFF, VIEWER = ("boss", "boss passphrase"), ("wang", "wang passphrase"), ("kan", "kan passphrase")


def delivered(shop, qty: int = 2) -> int:
    add_product(shop, "P-1", keys=3, price_fen=1000)
    cid = add_customer(shop, wallet_fen=10_000)
    with shop.db.write() as s:
        order = orders.create_order(s, cid, [("P-1", qty)], actor=shop.actor)
        orders.pay_order(s, order.id, method="wallet", actor=shop.actor)
    return order.id


def count(shop, action: str) -> int:
    with shop.db.read() as s:
        return s.execute(select(func.count()).where(AuditEvent.action == action)).scalar_one()


def test_refund_from_the_desk_is_once_per_request_and_shows_under_payments(shop):
    order_id = delivered(shop)
    with shop.db.write() as s:
        view = actions.refund_order(s, order_id, 500, destination="wallet", actor=shop.actor, request_id="r1")
        again = actions.refund_order(s, order_id, 500, destination="wallet", actor=shop.actor, request_id="r1")
    assert view.refunded_fen == again.refunded_fen == 500
    assert [(r.destination, r.amount_fen) for r in view.refunds] == [("wallet", 500)]
    assert view.status == "delivered" and view.payment_status == "partially_refunded"
    with shop.db.write() as s:
        actions.refund_order(s, order_id, 1400, destination="external", actor=shop.actor, request_id="r2")
    # What is left, whole, is a cancellation (the keys come back): the desk's, not a refund here
    with refused(shop, InvalidInput, match="open a case"), shop.db.write() as s:
        actions.refund_order(s, order_id, 100, destination="wallet", actor=shop.actor, request_id="r3")
    with shop.db.read() as s:
        assert s.execute(select(func.count()).select_from(Refund)).scalar_one() == 2
        assert [r.destination for r in load_order_view(s, order_id).refunds] == ["wallet", "external"]


def test_resend_is_recorded_once_per_click_and_needs_a_delivered_order(shop):
    order_id = delivered(shop)
    with shop.db.write() as s:
        assert actions.resend_delivery(s, order_id, actor=shop.actor, request_id="c1") is True
        assert actions.resend_delivery(s, order_id, actor=shop.actor, request_id="c1") is False
        assert actions.resend_delivery(s, order_id, actor=shop.actor, request_id="c2") is True
        kinds = [e.kind for e in load_order_view(s, order_id, with_events=True).events]
    assert kinds.count("delivery_resent") == 2
    assert count(shop, "order.delivery_resent") == 2
    cid = add_customer(shop, "乙")
    with shop.db.write() as s:
        unpaid = orders.create_order(s, cid, [("P-1", 1)], actor=shop.actor)
        with pytest.raises(Conflict, match="only a delivered order"):
            actions.resend_delivery(s, unpaid.id, actor=shop.actor, request_id="c3")


def test_the_message_reveals_each_key_on_the_record(shop):
    order_id = delivered(shop)
    with shop.db.write() as s:
        text = message.delivery_message(s, order_id, "zh_CN", shop.actor, vault=shop.vault)
    assert text.count("卡密：") == 2 and "【Product P-1】共 2 张" in text
    assert count(shop, "key.reveal") == 2 and count(shop, "order.message") == 1


def test_a_cancelled_order_keeps_showing_its_recalled_keys_and_refund(shop):
    order_id = delivered(shop)
    with shop.db.write() as s:
        keys_before = [k.id for k in load_order_view(s, order_id).delivered_keys]
        case = cases.open_case(s, order_id, reason_code="changed_mind", actor=shop.actor, run_rules=False)
        cases.resolve(s, case.id, "cancelled", actor=shop.actor, refund="wallet")
        view = load_order_view(s, order_id)
    assert view.delivered_keys == ()
    assert [k.id for k in view.recalled_keys] == keys_before
    assert {k.went for k in view.recalled_keys} <= {"restocked", "recalled", "void"}
    assert [(r.destination, r.amount_fen) for r in view.refunds] == [("wallet", 2000)]


@pytest.fixture
def staffed(shop):
    shop.protect(*OWNER, display_name="老板")
    for (name, pw), role in ((STAFF, "staff"), (VIEWER, "viewer")):
        with shop.db.write() as s:
            users.add_user(s, shop.wrapping_key, name, role, pw, actor=shop.actor)
    return shop


def test_a_viewer_cannot_copy_reveal_refund_or_resend(staffed):
    order_id = delivered(staffed)
    with staffed.db.read() as s:
        key_id = load_order_view(s, order_id).delivered_keys[0].id
    staffed.login(*VIEWER)
    attempts = [
        lambda s: message.delivery_message(s, order_id, "en", "kan", vault=staffed.vault),
        lambda s: secrets.reveal(s, staffed.vault, key_id, actor="kan"),
        lambda s: actions.refund_order(s, order_id, 100, destination="wallet", actor="kan", request_id="v1"),
        lambda s: actions.resend_delivery(s, order_id, actor="kan", request_id="v2"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied), staffed.db.write() as s:
            attempt(s)
    assert count(staffed, "key.reveal") == count(staffed, "order.message") == count(staffed, "order.refund") == 0
    assert count(staffed, "order.delivery_resent") == 0
    assert count(staffed, "denied") == 4  # each refusal on the record
    with staffed.db.read() as s:
        assert load_order_view(s, order_id).refunded_fen == 0


def test_staff_refunds_stop_at_the_roles_limit(staffed):
    order_id = delivered(staffed, qty=3)
    with staffed.db.write() as s:
        users.set_refund_limit(s, "staff", 1000, actor="boss")
    staffed.login(*STAFF)
    with pytest.raises(PermissionDenied, match="refund up to"), staffed.db.write() as s:
        actions.refund_order(s, order_id, 2000, destination="wallet", actor="wang", request_id="s1")
    with staffed.db.write() as s:
        assert (
            actions.refund_order(s, order_id, 900, destination="wallet", actor="wang", request_id="s2").refunded_fen
            == 900
        )

"""Confirming a payment by hand (补单) takes the callback's path; the inbox's decisions are permission-checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from svc_support import add_product, refused

from shopdesk.db.models import Payment, UnmatchedPayment
from shopdesk.services.common import access, clock
from shopdesk.services.common.access import Identity, PermissionDenied
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.desk import payment_inbox
from shopdesk.services.orders import reconcile
from shopdesk.services.orders import selling as orders


@pytest.fixture
def pending(shop, cust):
    add_product(shop, "P-1", keys=3, price_fen=980)
    with shop.db.write() as s:
        return orders.create_order(s, cust, [("P-1", 1)], actor="t").id


def _confirm(shop, order_id, trade="HAND-1", amount=980, method="alipay"):
    with shop.db.write() as s:
        return reconcile.confirm_payment(s, order_id, trade_no=trade, amount_fen=amount, method=method, actor="t")


def _count(shop, model) -> int:
    with shop.db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_hand_confirmation_pays_and_delivers_once(shop, pending):
    first = _confirm(shop, pending)
    assert (first.order.status, first.replayed, first.refused) == ("delivered", False, None)
    again = _confirm(shop, pending)
    assert again.replayed is True and _count(shop, Payment) == 1


def test_a_wrong_amount_is_refused_as_the_callback_refuses_it(shop, pending):
    with refused(shop, InvalidInput, match="does not match"):
        _confirm(shop, pending, amount=900)
    with refused(shop, InvalidInput, match="came through a gateway"):
        _confirm(shop, pending, method="wallet")


def test_a_hand_confirmation_for_a_closed_order_is_flagged_for_refund(shop, pending):
    try:
        clock.freeze(clock.now() + timedelta(hours=1))
        with shop.db.write() as s:
            orders.close_expired(s)
    finally:
        clock.freeze(None)
    done = _confirm(shop, pending, trade="LATE")
    assert done.refused is not None and done.flag_id is not None and done.order.status == "closed"
    assert _count(shop, Payment) == 0 and _count(shop, UnmatchedPayment) == 1
    with shop.db.read() as s:
        [item] = payment_inbox.inbox(s)
    assert (item.kind, item.trade_no, item.amount_fen) == ("closed_order", "LATE", 980)


def _flag_second_payment(shop, order_id):
    _confirm(shop, order_id, trade="ONE")
    return _confirm(shop, order_id, trade="TWO").flag_id


@pytest.mark.parametrize("action", ["deliver", "refund", "dismiss"])
def test_a_viewer_is_refused_every_decision(shop, pending, action):
    flag = _flag_second_payment(shop, pending)
    with shop.db.write() as s:
        s.info["identity"] = Identity("kan", "viewer")
        s.info["_protected"] = True
        with pytest.raises(PermissionDenied):
            payment_inbox.act(s, flag, action, actor="kan", note="n")
    with shop.db.read() as s:
        assert len(payment_inbox.inbox(s)) == 1


def test_a_decision_is_made_once(shop, pending):
    flag = _flag_second_payment(shop, pending)
    with shop.db.write() as s:
        assert payment_inbox.act(s, flag, "dismiss", actor="t", note="our test").outcome == "dismissed"
    with shop.db.write() as s:
        assert payment_inbox.act(s, flag, "dismiss", actor="t", note="again").replayed is True
    with refused(shop, Conflict, match="already decided"), shop.db.write() as s:
        payment_inbox.act(s, flag, "refund", actor="t")
    with shop.db.read() as s:
        assert payment_inbox.inbox(s) == [] and payment_inbox.inbox_total(s) == (0, 0)
    assert access.PERMISSIONS  # the permissions the inbox names exist
    assert set(payment_inbox.PERMISSION.values()) <= set(access.PERMISSIONS)


def test_a_flagged_trade_number_pays_no_other_order_and_a_paid_one_is_never_refunded(shop, cust, pending):
    """One gateway payment is one sum of money: flagged as a second payment of order 1, it cannot also pay order 2
    (and so be delivered and refunded both)."""
    _confirm(shop, pending, trade="FIRST")
    second = _confirm(shop, pending, trade="T9")  # order 1 is paid: T9 is its second payment, flagged
    assert second.flag_id is not None
    with shop.db.write() as s:
        other = orders.create_order(s, cust, [("P-1", 1)], actor="t").id
    with refused(shop, Conflict, match="already flagged for order"):
        _confirm(shop, other, trade="T9")
    with shop.db.write() as s:
        assert payment_inbox.act(s, second.flag_id, "refund", actor="t", note="at the gateway").outcome == "refunded"
    assert _count(shop, Payment) == 1


def test_an_inbox_refund_keeps_to_the_roles_refund_limit(shop, pending):
    from shopdesk.db.models import RoleLimit

    _confirm(shop, pending, trade="FIRST")
    flag = _confirm(shop, pending, trade="SECOND").flag_id
    with shop.db.write() as s:
        s.merge(RoleLimit(role="staff", refund_limit_fen=500))  # 5.00; the flag is 9.80
    with pytest.raises(PermissionDenied, match="limit"), shop.db.write() as s:
        s.info["identity"] = Identity("wang", "staff")
        payment_inbox.act(s, flag, "refund", actor="wang", note="n")
    with shop.db.read() as s:
        assert s.get(UnmatchedPayment, flag).resolved_at is None  # still waiting for someone allowed

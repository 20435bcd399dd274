"""Merging customers (orders, coupons, wallet by one ledger entry, audit, doctor clean, refusals write nothing,
look-ups follow the merge) and the blacklist (block/unblock, owner's permission, the desk sees why)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from svc_support import add_product, doctor, refused, stock, unique

from shopdesk.db.models import AuditEvent, Coupon, Customer, JournalEntry, Order
from shopdesk.services.common import clock
from shopdesk.services.common.access import PermissionDenied
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import credit, queue
from shopdesk.services.money import customers
from shopdesk.services.orders import selling
from shopdesk.services.staff import users

OWNER, STAFF, VIEWER = ("boss", "boss passphrase"), ("wang", "wang passphrase"), ("kan", "kan passphrase")


def _customer(shop, name, contact, *, wallet_fen=0):
    with shop.db.write() as s:
        cid = customers.add_customer(s, name, contact).id
        if wallet_fen:
            customers.topup(s, cid, wallet_fen, idempotency_key=unique("topup"), actor="test")
    return cid


def _order(shop, cid, sku="MG-1"):
    with shop.db.write() as s:
        return selling.create_order(s, cid, [(sku, 1)], actor="test").id


def _coupon(shop, cid):
    with shop.db.write() as s:
        now = clock.now()
        c = Coupon(
            code=unique("CPN"), value_fen=100, customer_id=cid, expires_at=now + timedelta(days=3), created_at=now
        )
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def two(shop):
    pid = add_product(shop, "MG-1", price_fen=500)
    stock(shop, pid, 10)
    a = _customer(shop, "马超", "QQ: 10086123", wallet_fen=3000)
    b = _customer(shop, "马超（新号）", "machao@example.com", wallet_fen=1000)
    return shop, a, b


def test_merge_moves_orders_coupons_and_the_wallet_in_one_entry(two):
    shop, a, b = two
    oa, ob, coupon = _order(shop, a), _order(shop, b), _coupon(shop, a)
    with shop.db.write() as s:
        view = customers.merge(s, a, b, actor="boss")
    assert (view.id, view.balance_fen, view.order_count, view.merged_into) == (b, 4000, 2, None)
    with shop.db.read() as s:
        assert {o.customer_id for o in s.execute(select(Order).where(Order.id.in_([oa, ob]))).scalars()} == {b}
        assert s.get(Coupon, coupon).customer_id == b
        gone = customers.get_customer(s, a)
        assert (gone.merged_into, gone.balance_fen, gone.order_count) == (b, 0, 0)
        assert s.get(Customer, a).merged_at is not None
        assert "QQ: 10086123" in s.get(Customer, b).notes  # the other contact is kept in the notes
        entries = s.execute(select(JournalEntry).where(JournalEntry.kind == "merge")).scalars().all()
        assert len(entries) == 1
        history = customers.wallet_history(s, b)
        assert [(p.kind, p.amount_fen) for p in history][-1] == ("merge", 3000)
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "customer.merged")).scalar_one()
        detail = json.loads(event.detail)
        assert (detail["from_customer"], detail["into_customer"], detail["orders"], detail["coupons"]) == (a, b, 1, 1)
        assert [c.id for c in customers.list_customers(s)] == [b]
        assert customers.find_by_contact(s, "qq 10086123") == b  # the merged contact finds the survivor
    assert doctor(shop) == []
    with refused(shop, Conflict, match="top up customer"), shop.db.write() as s:
        customers.topup(s, a, 100, idempotency_key="late-topup", actor="boss")


def test_an_empty_wallet_posts_nothing_and_a_chain_of_merges_ends_at_the_last_survivor(two):
    shop, a, b = two
    c = _customer(shop, "马超三号", "138 0013 8000")
    with shop.db.write() as s:
        customers.merge(s, c, a, actor="boss")  # c's wallet is empty: no entry
        assert s.execute(select(func.count()).where(JournalEntry.kind == "merge")).scalar_one() == 0
        customers.merge(s, a, b, actor="boss")
    with shop.db.read() as s:
        assert s.get(Customer, c).merged_into_id == b  # re-pointed to the survivor
        assert customers.find_by_contact(s, "+86 13800138000") == b
        assert customers.get_customer(s, b).balance_fen == 4000
        assert [x.id for x in customers.list_customers(s, "马超")] == [b]
    assert doctor(shop) == []


@pytest.mark.parametrize(
    ("pick", "error", "match"),
    [
        (lambda a, b, c: (a, a), InvalidInput, "into itself"),
        (lambda a, b, c: (a, 9999), NotFound, "No customer with id 9999"),
        (lambda a, b, c: (9999, a), NotFound, "No customer with id 9999"),
        (lambda a, b, c: (c, a), Conflict, "already merged"),
        (lambda a, b, c: (a, c), Conflict, "merge into"),
    ],
)
def test_bad_merges_are_refused_and_write_nothing(two, pick, error, match):
    shop, a, b = two
    c = _customer(shop, "旧号", "wx:old")
    with shop.db.write() as s:
        customers.merge(s, c, b, actor="boss")
    from_id, into_id = pick(a, b, c)
    with refused(shop, error, match=match), shop.db.write() as s:
        customers.merge(s, from_id, into_id, actor="boss")


@pytest.fixture
def staffed(two):
    shop, a, b = two
    shop.protect(*OWNER, display_name="老板")
    for (name, pw), role in ((STAFF, "staff"), (VIEWER, "viewer")):
        with shop.db.write() as s:
            users.add_user(s, shop.wrapping_key, name, role, pw, actor=shop.actor)
    return shop, a, b


def _denied(shop, actor):
    with shop.db.read() as s:
        return s.execute(
            select(func.count()).where(AuditEvent.action == "denied", AuditEvent.actor == actor)
        ).scalar_one()


@pytest.mark.parametrize("who", [STAFF, VIEWER])
def test_only_the_owner_merges_a_refusal_is_audited(staffed, who):
    shop, a, b = staffed
    shop.login(*who)
    with pytest.raises(PermissionDenied), shop.db.write() as s:
        customers.merge(s, a, b, actor=who[0])
    assert _denied(shop, who[0]) == 1
    with shop.db.read() as s:
        assert s.get(Customer, a).merged_into_id is None
        assert customers.wallet_history(s, a)[-1].kind == "topup"
    shop.login(*OWNER)
    with shop.db.write() as s:
        assert customers.merge(s, a, b, actor="boss").balance_fen == 4000


def test_block_and_unblock_are_audited_and_the_desk_sees_why(two):
    shop, a, _ = two
    with refused(shop, InvalidInput, match="why"), shop.db.write() as s:
        credit.block(s, a, "   ", actor="boss")
    with shop.db.write() as s:
        prof = credit.block(s, a, "退款后又来下单，疑似套卡密", actor="boss")
        assert (prof.blocked, prof.blocked_reason) == (True, "退款后又来下单，疑似套卡密")
        shown = customers.get_customer(s, a)
        assert (shown.blocked, shown.blocked_reason) == (True, "退款后又来下单，疑似套卡密")
        history = queue.customer_history(s, a)
        assert history["blocked"] is True and history["blocked_reason"] == "退款后又来下单，疑似套卡密"
        assert history["credit"].blocked is True
        row = s.get(Customer, a)
        assert row.blocked_by == "boss" and row.blocked_at is not None
    with shop.db.write() as s:
        prof = credit.unblock(s, a, actor="boss")
        assert (prof.blocked, prof.blocked_reason) == (False, None)
        actions = s.execute(select(AuditEvent.action).where(AuditEvent.subject == f"customer:{a}")).scalars().all()
        assert "customer.blocked" in actions and "customer.unblocked" in actions
    assert doctor(shop) == []


@pytest.mark.parametrize("who", [STAFF, VIEWER])
def test_blocking_needs_the_credit_override_permission(staffed, who):
    shop, a, _ = staffed
    shop.login(*who)
    with pytest.raises(PermissionDenied), shop.db.write() as s:
        credit.block(s, a, "no", actor=who[0])
    assert _denied(shop, who[0]) == 1
    with shop.db.read() as s:
        assert s.get(Customer, a).blocked_at is None


def test_a_blocked_customer_merged_away_keeps_the_contact_blocked(two):
    shop, a, b = two
    with shop.db.write() as s:
        credit.block(s, a, "拒付", actor="boss")
        view = customers.merge(s, a, b, actor="boss")
        assert view.blocked and view.blocked_reason == "拒付"
        with pytest.raises(Conflict, match="block or unblock"):
            credit.unblock(s, a, actor="boss")


@pytest.mark.breaks_invariants
def test_the_doctor_names_a_merge_pointing_at_a_merged_or_missing_customer(two):
    shop, a, b = two
    with shop.db.write() as s:
        customers.merge(s, a, b, actor="boss")
    assert doctor(shop) == []
    with shop.db.write() as s:
        s.execute(update(Customer).where(Customer.id == b).values(merged_into_id=a))  # damage: a loop
    found = [v.detail for v in doctor(shop) if v.check == "a merged customer points at a customer kept"]
    assert f"customer {a} is merged into customer {b} which is merged too" in found


def test_the_case_workspace_shows_a_merged_in_order_and_why_the_customer_is_blocked(two):
    from shopdesk.services.desk import cases, workspace

    shop, a, b = two
    oa = _order(shop, a)
    with shop.db.write() as s:
        case_id = cases.open_case(s, oa, reason_code="changed_mind", actor="staff-a").id
        customers.merge(s, a, b, actor="boss")
        credit.block(s, b, "恶意退款", actor="boss")
    with shop.db.read() as s:
        bundle = workspace.load_case(s, case_id, "zh_CN")
        assert bundle.case.customer_id == b  # the case follows its order to the survivor
        assert (bundle.history["blocked"], bundle.history["blocked_reason"]) == (True, "恶意退款")
        assert bundle.history["credit"].blocked_reason == "恶意退款"

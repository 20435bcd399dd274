"""After-sales cases: opening (staff, API, rule track), the lifecycle and its events, outcomes, reopening,
the reason taxonomy, one open case per order, and the version guard when two staff act at once."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from desk_support import (
    T0,
    add_customer,
    add_product,
    balances,
    case_row,
    count,
    delivered_ids,
    events,
    make_order,
    open_case,
    order_keys,
    order_row,
    view,
    write,
)
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError
from svc_support import refused, snapshot, stock

from shopdesk.db.models import Case, CaseEvent, JournalEntry, Reason, Refund
from shopdesk.services.common import clock, notes
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.desk import cases
from shopdesk.services.desk import queue as queue_service
from shopdesk.services.desk import reasons as reasons_service
from shopdesk.services.orders import selling as orders
from shopdesk.services.storefront import intake, signing


@pytest.fixture
def game(shop):
    """A product with 10 keys at 10.00; rollback policy verify."""
    return add_product(shop, "GAME-10", keys=10, price_fen=1000)


@pytest.fixture
def delivered(shop, cust, game):
    """A delivered order of two keys, paid externally at T0."""
    clock.freeze(T0)
    return make_order(shop, cust, [("GAME-10", 2)])


# --- opening ----------------------------------------------------------------------------------------


def test_staff_open_a_case_with_deadlines_from_the_policy(shop, delivered):
    clock.advance(timedelta(minutes=3))
    opened = open_case(shop, delivered, "changed_mind", note="customer asked on WeChat")
    assert (opened.status, opened.resp_class, opened.reason_code) == ("new", "customer", "changed_mind")
    assert opened.first_response_due == T0 + timedelta(minutes=3 + 5)
    assert opened.resolution_due == T0 + timedelta(minutes=3 + 30)
    v = view(shop, opened.id)
    assert (v.status, v.outcome, v.assignee, v.priority, v.version) == ("new", None, None, "normal", 1)
    assert v.opened_at == T0 + timedelta(minutes=3)
    [event] = v.events
    assert (event.kind, event.actor, event.to_status, event.note) == (
        "opened",
        "staff-a",
        "new",
        "customer asked on WeChat",
    )
    assert order_row(shop, delivered).status == "delivered"  # opening changes nothing on the order


def test_the_class_comes_from_the_reason_unless_given(shop, delivered):
    assert open_case(shop, delivered, "key_used").resp_class == "merchant"
    other = make_order(shop, add_customer(shop, "王芳"), [("GAME-10", 1)])
    opened = open_case(shop, other, "changed_mind", resp_class="system", priority="high")
    assert opened.resp_class == "system"
    assert opened.first_response_due - clock.now() == timedelta(minutes=3)
    assert opened.resolution_due - clock.now() == timedelta(minutes=20)
    assert view(shop, opened.id).priority == "high"


def test_a_cancel_request_from_the_storefront_opens_a_case(shop, cust, game):
    with shop.db.write() as s:
        delivered = orders.create_order(
            s, cust, [("GAME-10", 1)], actor="storefront", source="api", external_id="W-1"
        ).id
        orders.pay_order(s, delivered, method="external", trade_no="W-PAY-1", actor="storefront")
    body = json.dumps({"reason_code": "wrong_item", "note": "meant the 50 card"}).encode()
    with shop.db.write() as s:
        secret = intake.api_secret(s)
    request = signing.signed_request(secret, "POST", f"/v1/orders/{delivered}/cancel-requests", body, key="c-1")
    verified = signing.verify(secret, request)
    with shop.db.write() as s:
        status, payload = intake.handle(s, shop.vault, request, verified, "cancel_request", {"id": str(delivered)})
    assert status == 201
    assert (payload["status"], payload["class"], payload["reason_code"]) == ("new", "customer", "wrong_item")
    v = view(shop, payload["case_id"])
    assert (v.events[0].kind, v.events[0].actor, v.events[0].note) == ("opened", "storefront", "meant the 50 card")


def test_the_rule_track_settles_a_case_as_it_opens(shop, cust, game):
    paid_waiting = make_order(shop, cust, [("GAME-10", 11)])  # 10 in stock: delivered 10, awaits 1
    assert order_row(shop, paid_waiting).status == "awaiting_stock"
    unpaid = make_order(shop, cust, [("GAME-10", 1)], pay=None)
    # partly delivered: the unpaid-close rule does not apply, nor the not-delivered refund rule
    assert open_case(shop, paid_waiting, "changed_mind").status == "new"
    opened = open_case(shop, unpaid, "changed_mind")
    assert opened.status == "resolved"
    v = view(shop, opened.id)
    assert v.outcome == "cancelled"
    assert [(e.kind, e.rule) for e in v.events] == [
        ("opened", None),
        ("taken", None),
        ("resolved", "Unpaid order: close it"),
        ("rolled_back", "Unpaid order: close it"),
    ]
    assert order_row(shop, unpaid).status == "closed"


def test_run_rules_false_leaves_the_case_to_a_person(shop, cust, game):
    unpaid = make_order(shop, cust, [("GAME-10", 1)], pay=None)
    opened = open_case(shop, unpaid, "changed_mind", run_rules=False)
    assert opened.status == "new"
    assert order_row(shop, unpaid).status == "pending_payment"


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_no_case_on_a_closed_or_cancelled_order(shop, cust, game, status):
    oid = make_order(shop, cust, [("GAME-10", 1)], pay=None)
    if status == "closed":
        write(shop, orders.close_order, oid, actor="t", reason="test")
    else:
        write(shop, orders.pay_order, oid, method="external", trade_no="T-1", actor="t")
        case_id = open_case(shop, oid, "key_used").id
        write(shop, cases.resolve, case_id, "cancelled", actor="t")
    with refused(shop, Conflict, match=f"is {status}"):
        open_case(shop, oid, "changed_mind")


def test_no_case_on_a_missing_order(shop):
    with refused(shop, NotFound, match="No order with id 999"):
        open_case(shop, 999, "changed_mind")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"reason": "nope"}, "Reason 'nope' is unknown"),
        ({"reason": ""}, "is unknown"),
        ({"resp_class": "supplier"}, "customer, merchant or system"),
        ({"priority": "urgent"}, "normal or high"),
    ],
)
def test_bad_open_input_writes_nothing(shop, delivered, kw, message):
    reason = kw.pop("reason", "changed_mind")
    with refused(shop, InvalidInput, match=message):
        open_case(shop, delivered, reason, **kw)


def test_one_open_case_per_order(shop, delivered):
    first = open_case(shop, delivered, "changed_mind").id
    with refused(shop, Conflict, match=f"already has open case {first}"):
        open_case(shop, delivered, "wrong_item")
    # the database refuses it too, whatever the code above it does
    with pytest.raises(IntegrityError), shop.db.engine.begin() as conn:
        row = conn.execute(select(Case.__table__).where(Case.id == first)).one()._asdict()
        conn.execute(insert(Case.__table__).values({**row, "id": None}))
    # once the case is over, the next request opens a new one
    write(shop, cases.resolve, first, "rejected", actor="staff-a", rejection_reason="keys were already used")
    second = open_case(shop, delivered, "wrong_item").id
    assert second != first


# --- the lifecycle -----------------------------------------------------------------------------------


def test_new_in_progress_waiting_in_progress_resolved_closed(shop, delivered):
    cid = open_case(shop, delivered).id
    v = write(shop, cases.take, cid, actor="staff-a", note="on it")
    assert (v.status, v.assignee, v.first_responded_at, v.version) == ("in_progress", "staff-a", clock.now(), 2)
    clock.advance(timedelta(minutes=2))
    v = write(shop, cases.wait_for_customer, cid, actor="staff-a", note="asked for a screenshot")
    assert (v.status, v.version) == ("waiting_customer", 3)
    clock.advance(timedelta(minutes=10))
    v = write(shop, cases.resume, cid, actor="staff-a", note="screenshot received")
    assert (v.status, v.version) == ("in_progress", 4)
    v = write(shop, cases.resolve, cid, "retained", actor="staff-a", note="customer keeps it")
    assert (v.status, v.outcome, v.resolved_at, v.version) == ("resolved", "retained", clock.now(), 5)
    v = write(shop, cases.close, cid, actor="staff-a")
    assert (v.status, v.outcome, v.version) == ("closed", "retained", 6)
    assert [(e.kind, e.from_status, e.to_status, e.actor) for e in v.events] == [
        ("opened", None, "new", "staff-a"),
        ("taken", "new", "in_progress", "staff-a"),
        ("waiting_customer", "in_progress", "waiting_customer", "staff-a"),
        ("resumed", "waiting_customer", "in_progress", "staff-a"),
        ("resolved", "in_progress", "resolved", "staff-a"),
        ("closed", "resolved", "closed", "staff-a"),
    ]
    assert v.events[3].note == "screenshot received"
    assert order_row(shop, delivered).status == "delivered"  # retained: the order stands


def test_resolving_a_new_case_records_that_the_resolver_took_it(shop, delivered):
    cid = open_case(shop, delivered).id
    clock.advance(timedelta(minutes=1))
    v = write(shop, cases.resolve, cid, "retained", actor="staff-b")
    assert (v.assignee, v.first_responded_at) == ("staff-b", clock.now())
    assert [(e.kind, e.actor) for e in v.events] == [
        ("opened", "staff-a"),
        ("taken", "staff-b"),
        ("resolved", "staff-b"),
    ]
    assert notes.english(v.events[1].note) == "resolved straight from new"


def test_assign_and_notes_are_events(shop, delivered):
    cid = open_case(shop, delivered).id
    v = write(shop, cases.assign, cid, "  staff-c ", actor="owner")
    assert (v.assignee, v.status) == ("staff-c", "new")
    v = write(shop, cases.add_note, cid, "  called the customer ", actor="staff-c")
    assert [(e.kind, e.actor, e.note) for e in v.events][1:] == [
        ("assigned", "owner", "staff-c"),
        ("note", "staff-c", "called the customer"),
    ]
    assert v.version == 2  # a note is not a change of the case itself


@pytest.mark.parametrize(
    ("step", "error", "message"),
    [
        (lambda s, c: cases.wait_for_customer(s, c, actor="a"), Conflict, "take it first"),
        (lambda s, c: cases.resume(s, c, actor="a"), Conflict, "not waiting for the customer"),
        (lambda s, c: cases.close(s, c, actor="a"), Conflict, "resolve it before closing"),
        (lambda s, c: cases.reopen(s, c, actor="a"), Conflict, "still open"),
        (lambda s, c: cases.assign(s, c, "  ", actor="a"), InvalidInput, "Name the staff member"),
        (lambda s, c: cases.add_note(s, c, " \n", actor="a"), InvalidInput, "The note is empty"),
        (lambda s, c: cases.resolve(s, c, "refunded", actor="a"), InvalidInput, "The outcome is one of"),
        (lambda s, c: cases.correct_reason(s, c, "bogus", actor="a"), InvalidInput, "unknown"),
    ],
)
def test_steps_out_of_order_are_refused_and_write_nothing(shop, delivered, step, error, message):
    cid = open_case(shop, delivered).id
    with refused(shop, error, match=message), shop.db.write() as s:
        step(s, cid)


def test_unknown_case(shop):
    for fn in (
        lambda s: queue_service.get_case(s, 42),
        lambda s: cases.take(s, 42, actor="a"),
        lambda s: cases.resolve(s, 42, "retained", actor="a"),
    ):
        with pytest.raises(NotFound, match="No case 42"), shop.db.write() as s:
            fn(s)


def test_resolved_cases_cannot_be_worked_or_resolved_again(shop, delivered):
    cid = open_case(shop, delivered).id
    write(shop, cases.resolve, cid, "retained", actor="staff-a")
    before = snapshot(shop)
    for fn, message in (
        (lambda s: cases.take(s, cid, actor="b"), "only new or in-progress"),
        (lambda s: cases.assign(s, cid, "b", actor="b"), "reopen it to reassign"),
        (lambda s: cases.resolve(s, cid, "cancelled", actor="b"), r"already resolved \(retained\)"),
    ):
        with pytest.raises(Conflict, match=message), shop.db.write() as s:
            fn(s)
    assert snapshot(shop) == before


# --- outcomes ------------------------------------------------------------------------------------------


def test_rejected_needs_a_reason_the_customer_can_be_told(shop, delivered):
    cid = open_case(shop, delivered).id
    before = snapshot(shop)
    for blank in ("", "   "):
        with pytest.raises(InvalidInput, match="Say why the request is rejected"):
            write(shop, cases.resolve, cid, "rejected", actor="staff-a", rejection_reason=blank)
    assert snapshot(shop) == before
    v = write(shop, cases.resolve, cid, "rejected", actor="staff-a", rejection_reason=" The keys were redeemed. ")
    assert (v.outcome, v.rejection_reason) == ("rejected", "The keys were redeemed.")
    assert order_row(shop, delivered).status == "delivered"
    assert set(order_keys(shop, delivered).values()) == {"delivered"}


def test_a_reason_is_required_to_resolve(shop, delivered):
    cid = open_case(shop, delivered).id
    with shop.db.write() as s:  # a case carried over without a reason
        s.execute(text("UPDATE cases SET reason_code = '' WHERE id = :c"), {"c": cid})
    with refused(shop, InvalidInput, match="Set the reason before resolving"):
        write(shop, cases.resolve, cid, "retained", actor="staff-a")
    write(shop, cases.correct_reason, cid, "changed_mind", actor="staff-a")
    assert write(shop, cases.resolve, cid, "retained", actor="staff-a").outcome == "retained"


def test_cancelled_rolls_the_order_back(shop, cust, delivered, game):
    cid = open_case(shop, delivered, "key_used").id
    v = write(shop, cases.resolve, cid, "cancelled", actor="staff-a", refund="wallet")
    assert (v.status, v.outcome) == ("resolved", "cancelled")
    assert [e.kind for e in v.events] == ["opened", "taken", "resolved", "rolled_back"]
    assert v.events[-1].note == "keys: 2 recalled; refund 20.00 to wallet"
    o = order_row(shop, delivered)
    assert (o.status, o.payment_status, o.refunded_fen) == ("cancelled", "refunded", 2000)
    assert set(order_keys(shop, delivered).values()) == {"recalled"}
    assert balances(shop)[f"wallet:{cust}"] == 2000


def test_replaced_swaps_the_delivered_keys_for_fresh_ones(shop, delivered, game):
    old = delivered_ids(shop, delivered)
    cid = open_case(shop, delivered, "key_invalid", run_rules=False).id
    v = write(shop, cases.resolve, cid, "replaced", actor="staff-a")
    assert (v.outcome, [e.kind for e in v.events][-1], v.events[-1].note) == (
        "replaced",
        "keys_replaced",
        notes.coded("case.keys_replaced", keys=2),
    )
    new = delivered_ids(shop, delivered)
    assert len(new) == 2 and not set(new) & set(old)
    keys = order_keys(shop, delivered)
    assert {k: keys[k] for k in old} == dict.fromkeys(old, "recalled")
    o = order_row(shop, delivered)
    assert (o.status, o.payment_status) == ("delivered", "paid")


def test_replaced_without_stock_is_refused_and_writes_nothing(shop, cust):
    add_product(shop, "LAST-1", keys=1)
    oid = make_order(shop, cust, [("LAST-1", 1)])
    cid = open_case(shop, oid, "key_invalid").id
    assert view(shop, cid).status == "new"  # no stock: the replace rule did not match
    with refused(shop, Conflict, match="No key of that product is in stock"):
        write(shop, cases.resolve, cid, "replaced", actor="staff-a")


# --- reopen ------------------------------------------------------------------------------------------


def test_reopen_within_seven_days(shop, delivered):
    cid = open_case(shop, delivered).id
    write(shop, cases.resolve, cid, "retained", actor="staff-a")
    write(shop, cases.close, cid, actor="staff-a")
    clock.advance(timedelta(days=7))
    v = write(shop, cases.reopen, cid, actor="staff-b", note="customer came back")
    assert (v.status, v.outcome, v.resolved_at, v.assignee) == ("in_progress", None, None, "staff-b")
    assert (v.events[-1].kind, v.events[-1].from_status, v.events[-1].to_status) == (
        "reopened",
        "closed",
        "in_progress",
    )
    assert case_row(shop, cid).closed_at is None


def test_no_reopen_after_seven_days(shop, delivered):
    cid = open_case(shop, delivered).id
    write(shop, cases.resolve, cid, "retained", actor="staff-a")
    clock.advance(timedelta(days=7, seconds=1))
    with refused(shop, Conflict, match="more than 7 days ago"):
        write(shop, cases.reopen, cid, actor="staff-b")


def test_no_reopen_while_the_order_has_another_open_case(shop, delivered):
    first = open_case(shop, delivered).id
    write(shop, cases.resolve, first, "retained", actor="staff-a")
    second = open_case(shop, delivered, "wrong_item").id
    with pytest.raises(Conflict, match=f"already has open case {second}"):
        write(shop, cases.reopen, first, actor="staff-b")


def test_a_reopened_cancellation_is_not_rolled_back_twice(shop, cust, delivered):
    cid = open_case(shop, delivered, "key_used").id
    write(shop, cases.resolve, cid, "cancelled", actor="staff-a")
    money = balances(shop)
    entries = count(shop, JournalEntry)
    write(shop, cases.reopen, cid, actor="staff-a")
    v = write(shop, cases.resolve, cid, "cancelled", actor="staff-a")
    assert v.outcome == "cancelled"
    assert balances(shop) == money
    assert count(shop, JournalEntry) == entries
    assert count(shop, Refund) == 1


# --- reasons -----------------------------------------------------------------------------------------


def test_fourteen_seeded_reasons_with_labels(shop):
    with shop.db.read() as s:
        seeded = reasons_service.reasons(s)
    assert len(seeded) == 14
    assert {r.code: r.resp_class for r in seeded} == reasons_service.REASONS
    assert all(r.label_en.strip() and r.label_zh.strip() and r.active for r in seeded)
    assert {r.code: r.label_zh for r in seeded}["key_invalid"] == "卡密无效"
    assert [r.resp_class for r in seeded] == sorted(r.resp_class for r in seeded)


def test_the_taxonomy_is_editable(shop, delivered):
    v = write(shop, reasons_service.save_reason, "region_locked", "merchant", "Region locked", "锁区")
    assert (v.code, v.resp_class, v.active) == ("region_locked", "merchant", True)
    assert open_case(shop, delivered, "region_locked").resp_class == "merchant"
    write(shop, reasons_service.save_reason, "region_locked", "merchant", "Region-locked key", "锁区卡", active=False)
    with shop.db.read() as s:
        assert "region_locked" not in {r.code for r in reasons_service.reasons(s)}
        [kept] = [r for r in reasons_service.reasons(s, include_inactive=True) if r.code == "region_locked"]
    assert (kept.label_en, kept.label_zh, kept.active) == ("Region-locked key", "锁区卡", False)
    assert count(shop, Reason) == 16  # never deleted: past cases name it (14 shipped, the placeholder, this one)
    other = make_order(shop, add_customer(shop, "周杰"), [("GAME-10", 1)])
    with pytest.raises(InvalidInput, match="unknown"):
        open_case(shop, other, "region_locked")


@pytest.mark.parametrize(
    ("code", "resp_class", "en", "zh", "message"),
    [
        ("", "customer", "x", "x", "1-40 letters"),
        ("bad code", "customer", "x", "x", "1-40 letters"),
        ("原因", "customer", "x", "x", "1-40 letters"),
        ("x" * 41, "customer", "x", "x", "1-40 letters"),
        ("ok_code", "supplier", "x", "x", "Responsibility is one of"),
        ("ok_code", "customer", " ", "x", "label in English and in Chinese"),
        ("ok_code", "customer", "x", "", "label in English and in Chinese"),
    ],
)
def test_bad_reasons_are_refused(shop, code, resp_class, en, zh, message):
    with refused(shop, InvalidInput, match=message):
        write(shop, reasons_service.save_reason, code, resp_class, en, zh)


def test_the_reason_can_be_corrected_later_with_a_trail(shop, delivered):
    cid = open_case(shop, delivered, "changed_mind").id
    write(shop, cases.resolve, cid, "retained", actor="staff-a")
    v = write(shop, cases.correct_reason, cid, "key_used", actor="owner", note="customer said so later")
    assert (v.resp_class, v.reason_code, v.status) == ("merchant", "key_used", "resolved")
    last = v.events[-1]
    assert (last.kind, last.actor) == ("reason_corrected", "owner")
    assert last.note == "customer/changed_mind -> merchant/key_used: customer said so later"


# --- two staff, one case -------------------------------------------------------------------------------


def test_two_sessions_with_the_same_version_one_wins(shop, cust, delivered):
    cid = open_case(shop, delivered, "key_used").id
    seen_by_a = view(shop, cid).version
    seen_by_b = view(shop, cid).version
    write(shop, cases.resolve, cid, "cancelled", actor="staff-a", version=seen_by_a)
    money = balances(shop)
    before = snapshot(shop)
    with pytest.raises(Conflict) as info:
        write(shop, cases.resolve, cid, "cancelled", actor="staff-b", version=seen_by_b)
    assert "resolved" in info.value.message
    assert snapshot(shop) == before
    assert balances(shop) == money
    assert balances(shop)[f"wallet:{cust}"] == 2000  # refunded once


def test_a_stale_version_is_told_who_changed_the_case(shop, delivered):
    cid = open_case(shop, delivered).id
    stale = view(shop, cid).version
    write(shop, cases.take, cid, actor="staff-a", version=stale)
    before = snapshot(shop)
    with pytest.raises(Conflict, match="changed by someone else .*in_progress, handled by staff-a") as info:
        write(shop, cases.resolve, cid, "retained", actor="staff-b", version=stale)
    assert info.value.field == "version"
    assert snapshot(shop) == before
    for step in (
        lambda s: cases.take(s, cid, actor="staff-b", version=stale),
        lambda s: cases.assign(s, cid, "staff-b", actor="staff-b", version=stale),
        lambda s: cases.wait_for_customer(s, cid, actor="staff-b", version=stale),
        lambda s: cases.correct_reason(s, cid, "wrong_item", actor="staff-b", version=stale),
    ):
        with pytest.raises(Conflict, match="changed by someone else"), shop.db.write() as s:
            step(s)
    assert snapshot(shop) == before


def test_two_sessions_open_at_the_same_time(shop, delivered):
    """Two transactions read the same version; the second write waits for the first and then loses."""
    cid = open_case(shop, delivered, "key_used").id
    with shop.db.read() as s:
        version = queue_service.get_case(s, cid).version
    with shop.db.write() as first:
        cases.resolve(first, cid, "rejected", actor="staff-a", version=version, rejection_reason="used")
    with pytest.raises(Conflict), shop.db.write() as second:
        cases.resolve(second, cid, "cancelled", actor="staff-b", version=version)
    assert order_row(shop, delivered).status == "delivered"
    assert view(shop, cid).outcome == "rejected"


def test_two_threads_resolve_the_same_case(shop, cust, delivered):
    cid = open_case(shop, delivered, "key_used").id
    version = view(shop, cid).version
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def resolve(actor: str) -> None:
        barrier.wait()
        try:
            with shop.db.write() as s:
                results[actor] = cases.resolve(s, cid, "cancelled", actor=actor, version=version).assignee
        except Conflict as exc:
            results[actor] = exc

    threads = [threading.Thread(target=resolve, args=(a,)) for a in ("staff-a", "staff-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [a for a, r in results.items() if isinstance(r, str)]
    losers = [r for r in results.values() if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert results[winners[0]] == winners[0]
    assert balances(shop)[f"wallet:{cust}"] == 2000
    assert count(shop, Refund) == 1
    assert count(shop, CaseEvent, CaseEvent.case_id == cid, CaseEvent.kind == "resolved") == 1


# --- the queue -----------------------------------------------------------------------------------------


def test_the_queue_nearest_deadline_first_with_filters(shop, cust, game):
    stock(shop, game, 10)
    other = add_customer(shop, "赵敏")
    a = open_case(shop, make_order(shop, cust, [("GAME-10", 1)]), "changed_mind").id  # first response T0+5
    clock.advance(timedelta(minutes=1))
    b = open_case(shop, make_order(shop, other, [("GAME-10", 1)]), "key_used", priority="high").id  # T0+1+3
    clock.advance(timedelta(minutes=1))
    c = open_case(shop, make_order(shop, cust, [("GAME-10", 1)]), "delivery_late").id  # T0+2+5
    write(shop, cases.take, a, actor="staff-a")  # answered: now due at resolution, T0+30
    d = open_case(shop, make_order(shop, other, [("GAME-10", 1)]), "wrong_item").id
    write(shop, cases.resolve, d, "retained", actor="staff-b")
    with shop.db.read() as s:
        assert [r.id for r in queue_service.list_cases(s)] == [b, c, a]
        assert [r.id for r in queue_service.list_cases(s, open_only=False)] == [b, c, a, d]
        assert [r.id for r in queue_service.list_cases(s, assignee="staff-a")] == [a]
        assert [r.id for r in queue_service.list_cases(s, unassigned=True)] == [b, c]
        assert [r.id for r in queue_service.list_cases(s, resp_class="merchant")] == [b, c]
        assert [r.id for r in queue_service.list_cases(s, reason_code="delivery_late")] == [c]
        assert [r.id for r in queue_service.list_cases(s, customer_id=other, open_only=False)] == [b, d]
        [row] = [r for r in queue_service.list_cases(s, open_only=False) if r.id == d]
    assert (row.status, row.outcome, row.customer_name, row.customer_id) == ("resolved", "retained", "赵敏", other)


def test_customer_history_beside_a_case(shop, cust, delivered):
    cid = open_case(shop, delivered, "key_used").id
    write(shop, cases.resolve, cid, "cancelled", actor="staff-a")
    with shop.db.read() as s:
        history = queue_service.customer_history(s, cust)
    assert [o.id for o in history["orders"]] == [delivered]
    assert [c.id for c in history["cases"]] == [cid]
    assert history["credit"].cancellations_30d == 1


def test_every_change_is_a_case_event(shop, delivered):
    cid = open_case(shop, delivered).id
    write(shop, cases.take, cid, actor="a")
    write(shop, cases.assign, cid, "b", actor="a")
    write(shop, cases.correct_reason, cid, "wrong_item", actor="b")
    write(shop, cases.wait_for_customer, cid, actor="b")
    write(shop, cases.resume, cid, actor="b")
    write(shop, cases.resolve, cid, "retained", actor="b")
    write(shop, cases.close, cid, actor="b")
    write(shop, cases.reopen, cid, actor="b")
    kinds = [k for k, _ in events(shop, cid)]
    assert kinds == [
        "opened",
        "taken",
        "assigned",
        "reason_corrected",
        "waiting_customer",
        "resumed",
        "resolved",
        "closed",
        "reopened",
    ]
    assert view(shop, cid).version == len(kinds)  # one version per change (opening is version 1)


def test_a_long_queue_is_cut_after_the_most_urgent_cases(shop, cust, game):
    """The limit keeps the cases due soonest: a new case whose first response is due first is not cut off
    because its resolution is due late."""
    a = open_case(shop, make_order(shop, cust, [("GAME-10", 1)]), "changed_mind").id
    write(shop, cases.take, a, actor="staff-a")  # next due: resolution at T0+30
    clock.advance(timedelta(minutes=1))
    b = open_case(shop, make_order(shop, cust, [("GAME-10", 1)]), "changed_mind").id
    write(shop, cases.take, b, actor="staff-a")  # T0+31
    clock.advance(timedelta(minutes=19))
    c = open_case(shop, make_order(shop, cust, [("GAME-10", 1)]), "changed_mind").id  # first response T0+25
    with shop.db.read() as s:
        assert [r.id for r in queue_service.list_cases(s)] == [c, a, b]
        assert [r.id for r in queue_service.list_cases(s, limit=2)] == [c, a]

"""The rule track: the four seeded rules, editable rules as data, labels on every automatic action, preview
on past cases, and rules that could loop but cannot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from desk_support import (
    T0,
    add_customer,
    add_product,
    balances,
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
from sqlalchemy import select
from svc_support import key_counts, snapshot, unique

from shopdesk.db.models import AuditEvent, CardKey, Case, KeyEvent, Refund
from shopdesk.services.common import clock, notes
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.desk import cases, credit, rules
from shopdesk.services.inventory import stock as inventory

CLOSE = "Unpaid order: close it"
REFUND = "Paid, not delivered, customer reason: cancel and refund"
REPLACE = "Key invalid with stock: replace the key"
RISKY = "Risky customer: always to a person"


@pytest.fixture
def cust(shop):
    clock.freeze(T0)
    return add_customer(shop, wallet_fen=100_00)


@pytest.fixture
def game(shop):
    return add_product(shop, "RULE-10", keys=10, price_fen=1000)


def make_risky(app, customer_id):
    write(app, credit.override, customer_id, "risky", note="chargebacks elsewhere", actor="owner")


def stock_expiring(app, product_id, n, expires_at):
    batch = unique("EXP")
    with app.db.write() as s:
        inventory.add_keys(
            s, app.vault, product_id, [(None, f"{batch}-{i}") for i in range(n)], actor="t", expires_at=expires_at
        )


# --- the seeded rules ----------------------------------------------------------------------------------


def test_four_rules_are_seeded_in_order(shop):
    with shop.db.read() as s:
        seeded = rules.list_rules(s)
    assert [(r.position, r.name, r.action, r.active) for r in seeded] == [
        (1, RISKY, "to_person", True),
        (2, CLOSE, "close_unpaid", True),
        (3, REFUND, "cancel_refund", True),
        (4, REPLACE, "replace_key", True),
    ]
    assert seeded[0].conditions == {"customer_risk": ["risky"]}


def test_unpaid_order_is_closed(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 2)], pay=None)
    assert key_counts(shop, game) == {"available": 8, "reserved": 2}
    opened = open_case(shop, oid, "wrong_item")
    assert opened.status == "resolved"
    v = view(shop, opened.id)
    assert (v.outcome, v.assignee) == ("cancelled", "rules")
    assert [(e.kind, e.rule, e.actor) for e in v.events] == [
        ("opened", None, "staff-a"),
        ("taken", None, "rules"),
        ("resolved", CLOSE, "rules"),
        ("rolled_back", CLOSE, "rules"),
    ]
    assert notes.english(v.events[2].note) == "closed unpaid order"
    o = order_row(shop, oid)
    assert (o.status, o.payment_status) == ("closed", "unpaid")
    assert key_counts(shop, game) == {"available": 10}


@pytest.mark.parametrize(("pay", "destination"), [("wallet", "wallet"), ("external", "external")])
def test_paid_not_delivered_with_a_customer_reason_is_cancelled_and_refunded(shop, cust, pay, destination):
    add_product(shop, "EMPTY-1", price_fen=3000)  # no stock: the order waits
    oid = make_order(shop, cust, [("EMPTY-1", 1)], pay=pay)
    assert order_row(shop, oid).status == "awaiting_stock"
    money = balances(shop)
    opened = open_case(shop, oid, "changed_mind")
    assert opened.status == "resolved"
    v = view(shop, opened.id)
    assert v.outcome == "cancelled"
    assert [(e.kind, e.rule) for e in v.events][-2:] == [("resolved", REFUND), ("rolled_back", REFUND)]
    assert notes.english(v.events[-2].note) == f"cancelled and refunded ({destination})"
    assert v.events[-1].note == f"keys: no keys; refund 30.00 to {destination}"
    o = order_row(shop, oid)
    assert (o.status, o.payment_status, o.refunded_fen) == ("cancelled", "refunded", 3000)
    with shop.db.read() as s:
        assert s.execute(select(Refund.destination, Refund.amount_fen)).all() == [(destination, 3000)]
    after = balances(shop)
    if destination == "wallet":
        assert after[f"wallet:{cust}"] == money[f"wallet:{cust}"] + 3000
    else:
        assert after["clearing"] == money["clearing"] + 3000
        assert after[f"wallet:{cust}"] == money[f"wallet:{cust}"]


def test_a_merchant_reason_on_an_undelivered_order_goes_to_a_person(shop, cust):
    add_product(shop, "EMPTY-1", price_fen=3000)
    oid = make_order(shop, cust, [("EMPTY-1", 1)])
    opened = open_case(shop, oid, "out_of_stock")
    assert opened.status == "new"
    assert events(shop, opened.id) == [("opened", None)]
    assert order_row(shop, oid).status == "awaiting_stock"


def test_partly_delivered_is_delivered(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 12)])
    assert order_row(shop, oid).status == "awaiting_stock"
    assert open_case(shop, oid, "changed_mind").status == "new"


def test_a_delivered_reusable_line_counts_as_delivered(shop, cust):
    """The customer has seen the shared secret: no automatic refund even though no key row is held."""
    add_product(shop, "SHARED-1", keys=1, kind="reusable", price_fen=500)
    add_product(shop, "EMPTY-1", price_fen=3000)
    oid = make_order(shop, cust, [("SHARED-1", 1), ("EMPTY-1", 1)])
    assert order_row(shop, oid).status == "awaiting_stock"
    opened = open_case(shop, oid, "changed_mind")
    assert opened.status == "new"
    assert order_row(shop, oid).refunded_fen == 0


def test_key_invalid_with_stock_replaces_the_key(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 2)])
    old = delivered_ids(shop, oid)
    opened = open_case(shop, oid, "key_invalid")
    assert opened.status == "resolved"
    v = view(shop, opened.id)
    assert v.outcome == "replaced"
    assert [(e.kind, e.rule) for e in v.events][-2:] == [("resolved", REPLACE), ("keys_replaced", REPLACE)]
    new = delivered_ids(shop, oid)
    assert len(new) == 2 and not set(new) & set(old)
    assert {k: s for k, s in order_keys(shop, oid).items() if k in old} == dict.fromkeys(old, "recalled")
    with shop.db.read() as s:
        kinds = s.execute(
            select(KeyEvent.key_id, KeyEvent.kind).where(KeyEvent.case_id == opened.id).order_by(KeyEvent.id)
        ).all()
    assert sorted(kinds) == sorted([(k, "recalled") for k in old] + [(k, "delivered") for k in new])
    assert order_row(shop, oid).status == "delivered"
    assert key_counts(shop, game) == {"available": 6, "delivered": 2, "recalled": 2}


def test_a_second_key_invalid_claim_on_the_same_order_goes_to_a_person(shop, cust, game):
    """The rule track replaces a key once per order line: a second claim is a person's call, with the earlier
    replacement shown (a customer who claims every key is invalid does not empty the stock)."""
    oid = make_order(shop, cust, [("RULE-10", 1)])
    [old] = delivered_ids(shop, oid)
    first = open_case(shop, oid, "key_invalid")
    assert view(shop, first.id).outcome == "replaced"
    [fresh] = delivered_ids(shop, oid)
    before = key_counts(shop, game)

    second = open_case(shop, oid, "key_invalid")

    assert second.status == "new"
    v = view(shop, second.id)
    routed = [e for e in v.events if e.kind == "routed"]
    assert [e.rule for e in routed] == [REPLACE]
    assert f"case {first.id}: key {old} -> key {fresh}" in routed[0].note
    assert key_counts(shop, game) == before  # no key moved
    assert delivered_ids(shop, oid) == [fresh]
    assert [(r.case_id, r.old_key_id, r.new_key_id) for r in earlier(shop, oid)] == [(first.id, old, fresh)]


def earlier(app, order_id):
    with app.db.read() as s:
        return rules.earlier_replacements(s, order_id)


def test_key_invalid_without_enough_stock_goes_to_a_person(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 6)])  # 4 left: not enough to replace 6
    opened = open_case(shop, oid, "key_invalid")
    assert opened.status == "new"
    assert key_counts(shop, game) == {"available": 4, "delivered": 6}


def test_expired_stock_does_not_count_for_a_replacement(shop, cust):
    """Keys past their expiry (not yet swept) cannot replace anything: the case goes to a person."""
    pid = add_product(shop, "EXP-1", keys=1)
    oid = make_order(shop, cust, [("EXP-1", 1)])
    stock_expiring(shop, pid, 3, T0 + timedelta(hours=1))
    clock.advance(timedelta(hours=2))
    opened = open_case(shop, oid, "key_invalid")
    assert opened.status == "new"
    assert order_row(shop, oid).status == "delivered"


def test_a_risky_customer_always_goes_to_a_person(shop, cust, game):
    make_risky(shop, cust)
    oid = make_order(shop, cust, [("RULE-10", 1)], pay=None)  # would be closed by rule 2
    opened = open_case(shop, oid, "changed_mind")
    assert opened.status == "new"
    v = view(shop, opened.id)
    assert [(e.kind, e.rule, e.note) for e in v.events] == [
        ("opened", None, ""),
        ("routed", RISKY, notes.coded("case.person_decides")),
    ]
    assert order_row(shop, oid).status == "pending_payment"


def test_inactive_rules_do_not_act(shop, cust, game):
    with shop.db.read() as s:
        close = next(r for r in rules.list_rules(s) if r.name == CLOSE)
    write(
        shop,
        rules.save_rule,
        name=close.name,
        conditions=close.conditions,
        action=close.action,
        position=close.position,
        active=False,
        rule_id=close.id,
        actor="owner",
    )
    oid = make_order(shop, cust, [("RULE-10", 1)], pay=None)
    assert open_case(shop, oid, "changed_mind").status == "new"
    with shop.db.read() as s:
        assert close.id not in {r.id for r in rules.list_rules(s, include_inactive=False)}


def test_position_decides_which_rule_acts(shop, cust, game):
    write(
        shop,
        rules.save_rule,
        name="Big unpaid orders: a person looks",
        conditions={"order_status": ["pending_payment"], "reason_code": ["paid_twice"]},
        action="to_person",
        position=0,
        actor="owner",
    )
    oid = make_order(shop, cust, [("RULE-10", 1)], pay=None)
    opened = open_case(shop, oid, "paid_twice")
    assert opened.status == "new"
    assert events(shop, opened.id)[-1] == ("routed", "Big unpaid orders: a person looks")
    other = make_order(shop, cust, [("RULE-10", 1)], pay=None)
    assert open_case(shop, other, "wrong_item").status == "resolved"  # the seeded close rule still acts


# --- loops ---------------------------------------------------------------------------------------------


def test_a_rule_acts_at_most_once_and_only_on_open(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 1)])
    opened = open_case(shop, oid, "key_invalid")  # replaced: the order is delivered again, stock remains
    assert opened.status == "resolved"
    replaced = count(shop, KeyEvent, KeyEvent.case_id == opened.id)
    # the same facts still match the replace rule; running the track again does nothing
    for _ in range(3):
        assert write(shop, cases.apply_rules, opened.id) is None
    write(shop, cases.reopen, opened.id, actor="staff-a")
    assert write(shop, cases.apply_rules, opened.id) is None
    assert count(shop, KeyEvent, KeyEvent.case_id == opened.id) == replaced
    assert [k for k, r in events(shop, opened.id) if r] == ["resolved", "keys_replaced"]


def test_a_rule_that_would_loop_cannot(shop, cust, game):
    """A to_person rule leaves the case new, so it would match again on every run: it acts once."""
    write(
        shop,
        rules.save_rule,
        name="Everything to a person",
        conditions={},
        action="to_person",
        position=0,
        actor="owner",
    )
    oid = make_order(shop, cust, [("RULE-10", 1)])
    cid = open_case(shop, oid, "changed_mind").id
    for _ in range(5):
        assert write(shop, cases.apply_rules, cid) is None
    assert events(shop, cid) == [("opened", None), ("routed", "Everything to a person")]


def test_a_routed_case_is_not_settled_by_a_later_rule_on_a_rerun(shop, cust, game):
    """Risky customer, unpaid order: routed to a person on open. Re-running the track must not now close it
    through the next rule."""
    make_risky(shop, cust)
    oid = make_order(shop, cust, [("RULE-10", 1)], pay=None)
    cid = open_case(shop, oid, "changed_mind").id
    before = snapshot(shop)
    assert write(shop, cases.apply_rules, cid) is None
    assert snapshot(shop) == before
    assert order_row(shop, oid).status == "pending_payment"


def test_run_rules_on_an_unknown_case(shop):
    with pytest.raises(NotFound, match="No case 7"):
        write(shop, cases.apply_rules, 7)


# --- editing -------------------------------------------------------------------------------------------


def test_a_rule_is_data(shop):
    saved = write(
        shop,
        rules.save_rule,
        name="  Late delivery, high value: to a person ",
        conditions={"reason_code": ["delivery_late"], "delivered": True},
        action="to_person",
        position=5,
        actor="owner",
    )
    assert (saved.name, saved.position, saved.active) == ("Late delivery, high value: to a person", 5, True)
    assert saved.conditions == {"delivered": True, "reason_code": ["delivery_late"]}
    edited = write(
        shop,
        rules.save_rule,
        name=saved.name,
        conditions={"reason_code": ["delivery_late", "out_of_stock"]},
        action="to_person",
        position=6,
        rule_id=saved.id,
        actor="owner",
    )
    assert edited.id == saved.id and edited.position == 6
    with shop.db.read() as s:
        assert [r.id for r in rules.list_rules(s)][-1] == saved.id
        audits = s.execute(select(AuditEvent.action, AuditEvent.subject).where(AuditEvent.action == "rule.saved")).all()
    assert audits == [("rule.saved", f"rule:{saved.id}")] * 2


@pytest.mark.parametrize(
    ("conditions", "action", "message"),
    [
        ({}, "refund_everything", "A rule's action is one of"),
        ([], "to_person", "Conditions are an object"),
        ({"order_status": "paid"}, "to_person", "a non-empty list"),
        ({"order_status": []}, "to_person", "a non-empty list"),
        ({"order_status": [1]}, "to_person", "a non-empty list"),
        ({"delivered": "yes"}, "to_person", "true or false"),
        ({"total_over": 100}, "to_person", "Unknown condition 'total_over'"),
    ],
)
def test_bad_rules_are_refused(shop, conditions, action, message):
    before = snapshot(shop)
    with pytest.raises(InvalidInput, match=message):
        write(shop, rules.save_rule, name="x", conditions=conditions, action=action, position=9, actor="owner")
    with pytest.raises(InvalidInput, match=message), shop.db.read() as s:
        rules.preview(s, conditions, action)
    assert snapshot(shop) == before


def test_a_rule_needs_a_name_and_an_existing_id(shop):
    with pytest.raises(InvalidInput, match="Give the rule a name"):
        write(shop, rules.save_rule, name=" ", conditions={}, action="to_person", position=1, actor="owner")
    with pytest.raises(NotFound, match="No rule 99"):
        write(shop, rules.save_rule, name="x", conditions={}, action="to_person", position=1, rule_id=99, actor="o")


# --- preview -------------------------------------------------------------------------------------------


def test_preview_on_past_cases(shop, cust, game):
    other = add_customer(shop, "钱七")
    a = make_order(shop, cust, [("RULE-10", 1)])
    b = make_order(shop, other, [("RULE-10", 1)])
    c = make_order(shop, cust, [("RULE-10", 1)])
    ca = open_case(shop, a, "key_used").id
    cb = open_case(shop, b, "key_used").id
    cc = open_case(shop, c, "changed_mind").id
    write(shop, cases.resolve, ca, "cancelled", actor="staff-a")  # order a is cancelled now
    make_risky(shop, other)
    number = {oid: order_row(shop, oid).number for oid in (a, b, c)}
    before = snapshot(shop)
    with shop.db.read() as s:
        assert rules.preview(s, {"reason_code": ["key_used"]}, "to_person") == [(cb, number[b]), (ca, number[a])]
        assert rules.preview(s, {"order_status": ["delivered"]}, "to_person") == [(cc, number[c]), (cb, number[b])]
        assert rules.preview(s, {"customer_risk": ["risky"]}, "to_person") == [(cb, number[b])]
        assert rules.preview(s, {"resp_class": ["customer"], "delivered": True}, "cancel_refund") == [(cc, number[c])]
        assert rules.preview(s, {}, "to_person", limit=2) == [(cc, number[c]), (cb, number[b])]
        assert rules.preview(s, {"reason_code": ["paid_twice"]}, "to_person") == []
    assert snapshot(shop) == before  # a preview changes nothing


def test_stock_available_in_facts(shop, cust, game):
    oid = make_order(shop, cust, [("RULE-10", 5)])
    cid = open_case(shop, oid, "changed_mind").id
    with shop.db.read() as s:
        f = rules.facts(s, s.get(Case, cid))
    assert (f.order_status, f.payment_status, f.delivered, f.stock_available) == ("delivered", "paid", True, True)
    with shop.db.write() as s:
        s.execute(CardKey.__table__.update().where(CardKey.status == "available", CardKey.id > 9).values(status="void"))
    with shop.db.read() as s:
        assert rules.facts(s, s.get(Case, cid)).stock_available is False  # 4 left for 5 delivered

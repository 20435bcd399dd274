"""SOP clocks on a fake clock: countdown colours, pauses that move the deadline, breaches recorded exactly
once (however often and from however many desktops the sweep runs), escalation, and policy versions."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from desk_support import T0, add_customer, add_product, case_row, events, make_order, open_case, view, write
from sqlalchemy import select
from svc_support import refused

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.models import AuditEvent, Case, SopPolicy
from shopdesk.services.common import clock, notes
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.desk import cases, sop
from shopdesk.services.desk import queue as case_queue


@pytest.fixture
def order(shop):
    """A delivered order (no rule settles a changed-mind case on it)."""
    clock.freeze(T0)
    add_product(shop, "SOP-1", keys=20)
    return make_order(shop, add_customer(shop), [("SOP-1", 1)])


@pytest.fixture
def case_id(shop, order):
    return open_case(shop, order, "changed_mind").id


def state(app, case_id) -> sop.ClockState:
    with app.db.read() as s:
        return sop.clock_state(s.get(Case, case_id))


def sweep(app) -> list[sop.Breach]:
    with app.db.write() as s:
        return sop.record_breaches(s)


def save_policy(app, priority: str = "normal", *, first_response_minutes=5, resolution_minutes=30, **settings):
    """The owner saves the customer class's policy of `priority` (targets 5 and 30 minutes unless given)."""
    return write(
        app,
        sop.save_policy,
        "customer",
        priority,
        first_response_minutes=first_response_minutes,
        resolution_minutes=resolution_minutes,
        actor="owner",
        **settings,
    )


def at(minutes: float, seconds: float = 0) -> None:
    clock.freeze(T0 + timedelta(minutes=minutes, seconds=seconds))


# --- countdowns ----------------------------------------------------------------------------------------


def test_first_response_countdown_green_amber_red(shop, case_id):
    s = state(shop, case_id)
    assert (s.target, s.due, s.seconds_left, s.share_left, s.colour) == (
        "first_response",
        T0 + timedelta(minutes=5),
        300,
        1.0,
        "green",
    )
    at(4)  # exactly 20% left: still green
    assert (state(shop, case_id).seconds_left, state(shop, case_id).colour) == (60, "green")
    at(4, 1)
    assert state(shop, case_id).colour == "amber"
    at(5)
    assert (state(shop, case_id).seconds_left, state(shop, case_id).colour) == (0, "red")
    at(7)
    assert (state(shop, case_id).seconds_left, state(shop, case_id).colour) == (-120, "red")


def test_after_the_first_response_the_resolution_clock_runs(shop, case_id):
    at(1)
    write(shop, cases.take, case_id, actor="staff-a")
    s = state(shop, case_id)
    assert (s.target, s.due, s.colour) == ("resolution", T0 + timedelta(minutes=30), "green")
    at(24)  # 6 of 30 minutes left: 20%
    assert state(shop, case_id).colour == "green"
    at(24, 1)
    assert state(shop, case_id).colour == "amber"
    at(30)
    assert state(shop, case_id).colour == "red"


def test_a_finished_case_has_no_clock(shop, case_id):
    write(shop, cases.resolve, case_id, "retained", actor="staff-a")
    at(100)
    s = state(shop, case_id)
    assert (s.target, s.due, s.colour) == ("none", None, "done")
    assert sweep(shop) == []


def test_waiting_on_the_customer_pauses_and_resume_moves_the_deadline(shop, case_id):
    write(shop, cases.take, case_id, actor="staff-a")
    at(10)
    write(shop, cases.wait_for_customer, case_id, actor="staff-a")
    assert case_row(shop, case_id).paused_since == clock.now()
    at(40)  # 30 minutes on hold: past the original deadline, but the clock is stopped
    s = state(shop, case_id)
    assert (s.colour, s.due, s.seconds_left) == ("paused", T0 + timedelta(minutes=60), 20 * 60)
    assert sweep(shop) == []
    write(shop, cases.resume, case_id, actor="staff-a")
    row = case_row(shop, case_id)
    assert (row.resolution_due, row.paused_since) == (T0 + timedelta(minutes=60), None)
    s = state(shop, case_id)
    assert (s.colour, s.due) == ("green", T0 + timedelta(minutes=60))
    at(59)
    assert sweep(shop) == []
    at(60)
    assert [b.kind for b in sweep(shop)] == ["resolution"]


def test_a_policy_without_pause_states_keeps_the_clock_running(shop, order):
    save_policy(shop, pause_states=())
    cid = open_case(shop, order, "changed_mind").id
    write(shop, cases.take, cid, actor="staff-a")
    write(shop, cases.wait_for_customer, cid, actor="staff-a")
    assert case_row(shop, cid).paused_since is None
    at(30)
    assert state(shop, cid).colour == "red"
    assert [b.kind for b in sweep(shop)] == ["resolution"]


def test_deadlines_survive_a_restart(shop, case_id):
    write(shop, cases.take, case_id, actor="staff-a")
    at(5)
    write(shop, cases.wait_for_customer, case_id, actor="staff-a")
    at(20)
    before = state(shop, case_id)
    other = ShopApp.open(load_config(shop.config.data_dir))  # a fresh process's view of the same data
    try:
        with other.db.read() as s:
            after = sop.clock_state(s.get(Case, case_id))
            listed = {r.id: r for r in case_queue.list_cases(s)}[case_id]
    finally:
        other.close()
    assert after == before
    assert sop.clock_state(listed) == before  # the queue rows carry what the clock needs


# --- breaches ------------------------------------------------------------------------------------------


def test_a_breach_is_recorded_exactly_once(shop, order, case_id):
    at(4, 59)
    assert sweep(shop) == []
    at(5)
    [breach] = sweep(shop)
    assert (breach.case_id, breach.kind, breach.actions) == (case_id, "first_response", ("notify_owner",))
    assert breach.order_number.startswith("SD")
    for _ in range(3):
        assert sweep(shop) == []
    at(6)
    assert sweep(shop) == []
    assert [k for k, _ in events(shop, case_id)].count("breach") == 1
    assert case_row(shop, case_id).first_response_breached_at == T0 + timedelta(minutes=5)


def test_two_desktops_sweeping_record_each_breach_once(shop, case_id):
    at(31)
    desktops = [ShopApp.open(load_config(shop.config.data_dir)) for _ in range(2)]
    found: list[list[sop.Breach]] = []
    barrier = threading.Barrier(2)

    def run(app):
        barrier.wait()
        with app.db.write() as s:
            found.append(sop.record_breaches(s))

    try:
        threads = [threading.Thread(target=run, args=(app,)) for app in desktops]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        for app in desktops:
            app.close()
    assert sorted(len(f) for f in found) == [0, 2]
    assert sorted(b.kind for f in found for b in f) == ["first_response", "resolution"]
    assert [k for k, _ in events(shop, case_id)].count("breach") == 2


def test_first_response_and_resolution_breaches_are_separate(shop, case_id):
    at(6)
    assert [b.kind for b in sweep(shop)] == ["first_response"]
    write(shop, cases.take, case_id, actor="staff-a")  # late, but answered
    at(29)
    assert sweep(shop) == []
    at(30)
    assert [(b.kind, b.actions) for b in sweep(shop)] == [("resolution", ("notify_owner",))]
    assert case_row(shop, case_id).resolution_breached_at == T0 + timedelta(minutes=30)


def test_at_twice_the_target_the_priority_is_raised_once(shop, case_id):
    write(shop, cases.take, case_id, actor="staff-a")
    at(30)
    assert [b.kind for b in sweep(shop)] == ["resolution"]
    at(59, 59)
    assert sweep(shop) == []
    at(60)
    [double] = sweep(shop)
    assert (double.kind, double.actions) == ("double", ("raise_priority",))
    row = case_row(shop, case_id)
    assert (row.priority, row.escalation_level) == ("high", 2)
    v = view(shop, case_id)
    assert (v.events[-1].kind, v.events[-1].note) == ("escalated", notes.coded("case.escalated_twice"))
    at(200)
    assert sweep(shop) == []
    assert [k for k, _ in events(shop, case_id)].count("escalated") == 1


def test_escalation_steps_come_from_the_case_policy(shop, order, case_id):
    save_policy(shop, escalation=({"at": "2x", "action": "notify_owner"},))
    at(60)
    breaches = {b.kind: b.actions for b in sweep(shop)}
    # the case opened under the seeded policy: notify at breach, raise the priority at 2x
    assert breaches == {
        "first_response": ("notify_owner",),
        "resolution": ("notify_owner",),
        "double": ("raise_priority",),
    }
    assert case_row(shop, case_id).priority == "high"


def test_without_a_raise_step_the_priority_stays(shop, order):
    save_policy(shop, escalation=({"at": "2x", "action": "notify_owner"},))
    cid = open_case(shop, order, "changed_mind").id
    at(60)
    breaches = {b.kind: b.actions for b in sweep(shop)}
    assert breaches == {"first_response": (), "resolution": (), "double": ("notify_owner",)}
    assert case_row(shop, cid).priority == "normal"


# --- policies ------------------------------------------------------------------------------------------


def test_seeded_policies(shop):
    with shop.db.read() as s:
        got = {(p.resp_class, p.priority): p for p in sop.policies(s)}
    assert len(got) == 6
    for (_, priority), p in got.items():
        assert (p.first_response_minutes, p.resolution_minutes) == ((5, 30) if priority == "normal" else (3, 20))
        assert p.pause_states == ("waiting_customer",)
        assert p.escalation == ({"at": "breach", "action": "notify_owner"}, {"at": "2x", "action": "raise_priority"})


def test_a_policy_change_applies_to_new_cases_only(shop, order, case_id):
    at(1)
    saved = save_policy(shop, first_response_minutes=10, resolution_minutes=60, pause_states=())
    with shop.db.read() as s:
        assert sop.policy_for(s, "customer", "normal") == saved
        assert len(sop.policies(s)) == 6
        audit = s.execute(select(AuditEvent.action, AuditEvent.subject).order_by(AuditEvent.id.desc())).first()
    assert tuple(audit) == ("sop.policy_saved", "customer/normal")
    old = case_row(shop, case_id)
    assert (old.first_response_due, old.resolution_due) == (T0 + timedelta(minutes=5), T0 + timedelta(minutes=30))
    assert old.policy_id != saved.id
    # the old case still pauses as its own policy said
    write(shop, cases.take, case_id, actor="staff-a")
    write(shop, cases.wait_for_customer, case_id, actor="staff-a")
    assert case_row(shop, case_id).paused_since == clock.now()
    write(shop, cases.resume, case_id, actor="staff-a")
    write(shop, cases.resolve, case_id, "retained", actor="staff-a")
    new = open_case(shop, order, "wrong_item")
    assert (new.first_response_due, new.resolution_due) == (T0 + timedelta(minutes=11), T0 + timedelta(minutes=61))
    assert case_row(shop, new.id).policy_id == saved.id


def test_the_paused_state_follows_the_case_policy_after_escalation(shop, case_id):
    """Raised to high priority by escalation, the case still follows the policy it opened under."""
    save_policy(shop, "high", first_response_minutes=3, resolution_minutes=20, pause_states=())
    write(shop, cases.take, case_id, actor="staff-a")
    at(60)
    sweep(shop)
    assert case_row(shop, case_id).priority == "high"
    write(shop, cases.wait_for_customer, case_id, actor="staff-a")
    assert case_row(shop, case_id).paused_since == clock.now()


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"resp_class": "supplier"}, "Policies exist per class"),
        ({"priority": "urgent"}, "Policies exist per class"),
        ({"first_response_minutes": 0}, "Targets are whole minutes"),
        ({"resolution_minutes": 30 * 24 * 60 + 1}, "Targets are whole minutes"),
        ({"first_response_minutes": 7 * 24 * 60 + 1, "resolution_minutes": 30 * 24 * 60}, "Targets are whole minutes"),
        ({"first_response_minutes": 40, "resolution_minutes": 30}, "cannot be due after the resolution"),
        ({"pause_states": ("in_progress",)}, "can pause the clock"),
        ({"escalation": ({"at": "3x", "action": "notify_owner"},)}, "An escalation step is"),
        ({"escalation": ({"at": "breach", "action": "page_ceo"},)}, "An escalation step is"),
    ],
)
def test_bad_policies_are_refused(shop, kw, message):
    args = {"resp_class": "customer", "priority": "normal", "first_response_minutes": 5, "resolution_minutes": 30}
    args.update(kw)
    with refused(shop, InvalidInput, match=message), shop.db.write() as s:
        sop.save_policy(s, args.pop("resp_class"), args.pop("priority"), actor="owner", **args)


def test_no_policy_no_case(shop, order):
    with shop.db.write() as s:
        s.execute(SopPolicy.__table__.update().where(SopPolicy.resp_class == "system").values(active=False))
    with pytest.raises(NotFound, match="No SOP policy for system/normal"):
        open_case(shop, order, "payment_glitch")


def test_a_reopened_case_gets_a_fresh_resolution_target(shop):
    """Reopening days later must not make the case overdue (and breach) the moment it reopens."""
    from datetime import timedelta

    from shopdesk.services.catalog import products as catalog
    from shopdesk.services.catalog.products import ProductInput
    from shopdesk.services.common import clock
    from shopdesk.services.desk import cases, sop
    from shopdesk.services.inventory import stock as inventory
    from shopdesk.services.money import customers
    from shopdesk.services.orders import selling as orders

    with shop.db.write() as s:
        product = catalog.add_product(s, ProductInput(sku="RO-1", name="reopen", price_fen=500, kind="secret"))
        inventory.add_keys(s, shop.vault, product.id, [(None, "REOPEN-KEY-0001")], actor="t")
        customer = customers.add_customer(s, "丙")
        order = orders.create_order(s, customer.id, [("RO-1", 1)], actor="t")
        orders.pay_order(s, order.id, method="alipay", trade_no="RO-T1", actor="t")
        case_id = cases.open_case(s, order.id, reason_code="delivery_worry", actor="t", run_rules=False).id
        cases.resolve(s, case_id, "rejected", actor="t", rejection_reason="the key was delivered at once")
    clock.advance(timedelta(days=3))
    with shop.db.write() as s:
        view = cases.reopen(s, case_id, actor="staff")
        assert view.clock.colour != "red" and abs(view.clock.seconds_left - 30 * 60) < 60
        assert abs((view.resolution_due - clock.now()) - timedelta(minutes=30)) < timedelta(minutes=1)
        assert sop.record_breaches(s) == []

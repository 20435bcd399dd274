"""Business calendars in the shop: saving and refusing them, China's public calendar as a starting point, SOP
policies that count open hours (deadlines, pauses, reopening, the breach sweep), the queue's closed-until, and who
may change them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from desk_support import add_customer, add_product, case_row, make_order, open_case, write
from svc_support import refused

from shopdesk.services.common import access, clock, settings
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.common.zone import SETTING
from shopdesk.services.desk import calendar, cases, sop
from shopdesk.services.desk import queue as case_queue
from shopdesk.services.staff import users

SH = ZoneInfo("Asia/Shanghai")
HOURS = "mon-fri 09:00-21:00"


def sh(*args) -> datetime:
    return datetime(*args, tzinfo=SH).astimezone(UTC)


@pytest.fixture
def shop_sh(shop):
    with shop.db.write() as s:
        settings.put(s, SETTING, "Asia/Shanghai")
    return shop


def save(app, name="shop", **kw):
    return write(app, calendar.save_calendar, name, actor="owner", **kw)


def use_calendar(app, name: str | None = "shop", **targets):
    targets = {"first_response_minutes": 5, "resolution_minutes": 60, **targets}
    return write(app, sop.save_policy, "customer", "normal", calendar_name=name, actor="owner", **targets)


@pytest.fixture
def order(shop_sh):
    clock.freeze(sh(2026, 12, 1, 20, 58))  # a Tuesday, two minutes before closing
    add_product(shop_sh, "CAL-1", keys=5)
    return make_order(shop_sh, add_customer(shop_sh), [("CAL-1", 1)])


def test_a_calendar_is_saved_canonically_with_its_days(shop_sh):
    holiday = calendar.DayView(date(2026, 10, 1), "holiday", "")
    view = save(shop_sh, hours="sat-sun 10:00-18:00,mon-fri 9:00-21:00", add_days=(holiday,))
    assert view.hours == "mon-fri 09:00-21:00, sat-sun 10:00-18:00" and [d.day for d in view.days] == [
        date(2026, 10, 1)
    ]
    later = save(shop_sh, add_days=(calendar.DayView(date(2026, 10, 1), "workday", ""),))  # same day, other kind
    assert later.hours == view.hours and [(d.day, d.kind) for d in later.days] == [(date(2026, 10, 1), "workday")]
    assert save(shop_sh, remove_days=(date(2026, 10, 1),)).days == ()
    with shop_sh.db.read() as s:
        assert [c.name for c in calendar.calendars(s)] == ["shop"]


def test_chinas_public_calendar_fills_a_year_from_the_library(shop_sh):
    days = calendar.china_days(2026)
    assert calendar.DayView(date(2026, 10, 1), "holiday", "National Day") in days
    assert date(2026, 10, 10) in {d.day for d in days if d.kind == "workday"}  # a Saturday worked (调休)
    save(shop_sh, hours=HOURS, add_days=(calendar.DayView(date(2026, 3, 3), "holiday", "own"),))
    view = save(shop_sh, year=2026, year_days=tuple(days))
    assert len(view.year(2026)) == len(days) and date(2026, 3, 3) not in {d.day for d in view.days}  # replaced
    assert calendar.china_names(2026, "zh_CN")["National Day"] == "国庆节"
    save(shop_sh, year=2026, year_days=())  # cleared, then filled again in one service call
    refilled = write(shop_sh, calendar.fill_from_public_calendar, "shop", 2026, actor="owner")
    assert refilled.year(2026) == tuple(days) and refilled.hours == HOURS


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"hours": "mon-fri 25:00-21:00"}, "25:00-21:00"),
        ({"hours": "funday 9-5"}, "funday"),
        ({"hours": "mon 09:00-12:00 11:00-13:00"}, "overlap"),
        ({"hours": "mon 12:00-09:00"}, "does not end after"),
        ({}, "is new: give its opening hours"),
        (
            {
                "hours": HOURS,
                "add_days": (calendar.DayView(date(2026, 1, 1), "holiday", ""),) * 1
                + (calendar.DayView(date(2026, 1, 1), "workday", ""),),
            },
            "both a holiday and a make-up",
        ),
        ({"hours": HOURS, "year": 1900, "year_days": ()}, "not a year"),
        ({"hours": HOURS, "year": 2026, "year_days": (calendar.DayView(date(2027, 1, 1), "holiday", ""),)}, "not in"),
    ],
)
def test_bad_calendars_are_refused_and_write_nothing(shop_sh, kw, message):
    with refused(shop_sh, InvalidInput, match=message), shop_sh.db.write() as s:
        calendar.save_calendar(s, "shop", actor="owner", **kw)


def test_bad_dates_and_unknown_calendars_are_refused(shop_sh):
    with pytest.raises(InvalidInput, match="'2026-02-30' is not a date"):
        calendar.parse_day("2026-02-30", "--holiday")
    with refused(shop_sh, NotFound, match="No calendar 'nope'"):
        use_calendar(shop_sh, "nope")


def test_deadlines_count_open_hours_and_skip_closed_days(shop_sh, order):
    save(shop_sh, hours=HOURS, add_days=(calendar.DayView(date(2026, 12, 2), "holiday", ""),))
    use_calendar(shop_sh)
    opened = open_case(shop_sh, order)
    assert opened.first_response_due == sh(2026, 12, 3, 9, 3)  # Wednesday is a holiday: Thursday 09:03
    assert opened.resolution_due == sh(2026, 12, 3, 9, 58)
    with shop_sh.db.read() as s:
        row = case_queue.list_cases(s)[0]
        assert row.closed_until is None  # 20:58: still open
    clock.freeze(sh(2026, 12, 1, 22, 0))
    with shop_sh.db.read() as s:
        assert case_queue.list_cases(s)[0].closed_until == sh(2026, 12, 3, 9, 0)
        assert case_queue.get_case(s, opened.id).closed_until == sh(2026, 12, 3, 9, 0)


def test_without_a_calendar_the_clock_runs_round_the_clock(shop_sh, order):
    save(shop_sh, hours=HOURS)
    use_calendar(shop_sh)
    use_calendar(shop_sh, None)  # the policy goes back to 24/7
    opened = open_case(shop_sh, order)
    assert opened.first_response_due == clock.now() + timedelta(minutes=5)
    with shop_sh.db.read() as s:
        assert case_queue.list_cases(s)[0].closed_until is None


def test_a_later_policy_edit_keeps_the_calendar_unless_told(shop_sh):
    save(shop_sh, hours=HOURS)
    first = use_calendar(shop_sh)
    again = write(
        shop_sh, sop.save_policy, "customer", "normal", first_response_minutes=7, resolution_minutes=60, actor="o"
    )
    assert first.calendar_id is not None and again.calendar_id == first.calendar_id


def test_a_pause_moves_the_deadline_by_the_open_time_it_lasted(shop_sh, order):
    save(shop_sh, hours=HOURS)
    use_calendar(shop_sh)
    clock.freeze(sh(2026, 12, 1, 20, 0))
    case_id = open_case(shop_sh, order).id  # resolution due 21:00 (60 open minutes)
    write(shop_sh, cases.take, case_id, actor="owner")
    clock.freeze(sh(2026, 12, 1, 20, 30))
    write(shop_sh, cases.wait_for_customer, case_id, actor="owner")  # 30 open minutes left
    clock.freeze(sh(2026, 12, 2, 10, 0))  # 30 open minutes paused (20:30-21:00) plus 60 of Wednesday morning
    write(shop_sh, cases.resume, case_id, actor="owner")
    assert case_row(shop_sh, case_id).resolution_due == sh(2026, 12, 2, 10, 30)  # still 30 open minutes left


def test_the_sweep_breaches_only_after_the_open_time_passed(shop_sh, order):
    save(shop_sh, hours=HOURS)
    use_calendar(shop_sh, escalation=({"at": "breach", "action": "notify_owner"},))
    case_id = open_case(shop_sh, order).id
    clock.freeze(sh(2026, 12, 2, 8, 59))  # eleven hours later, but only two open minutes
    with shop_sh.db.write() as s:
        assert sop.record_breaches(s) == []
    clock.freeze(sh(2026, 12, 2, 9, 3))
    with shop_sh.db.write() as s:
        found = sop.record_breaches(s)
    assert [(b.case_id, b.kind, b.actions) for b in found] == [(case_id, "first_response", ("notify_owner",))]
    clock.freeze(sh(2026, 12, 2, 9, 58))  # the resolution target (60 open minutes) ...
    with shop_sh.db.write() as s:
        assert [b.kind for b in sop.record_breaches(s)] == ["resolution"]
    clock.freeze(sh(2026, 12, 2, 10, 57))  # ... and twice it, in open time, a minute short
    with shop_sh.db.write() as s:
        assert sop.record_breaches(s) == []
    clock.freeze(sh(2026, 12, 2, 10, 58))
    with shop_sh.db.write() as s:
        assert [b.kind for b in sop.record_breaches(s)] == ["double"]


def test_staff_and_viewers_may_read_calendars_but_not_change_them(shop_sh):
    save(shop_sh, hours=HOURS)
    shop_sh.protect("boss", "boss passphrase")
    for name, role in (("wang", "staff"), ("kan", "viewer")):
        with shop_sh.db.write() as s:
            users.add_user(s, shop_sh.wrapping_key, name, role, f"{name} passphrase", actor=shop_sh.actor)
    for name in ("wang", "kan"):
        shop_sh.login(name, f"{name} passphrase")
        with shop_sh.db.read() as s:
            assert [c.name for c in calendar.calendars(s)] == ["shop"]
        with pytest.raises(access.PermissionDenied, match="desk.settings"), shop_sh.db.write() as s:
            calendar.save_calendar(s, "shop", hours="mon-sun 00:00-24:00", actor=name)
        with pytest.raises(access.PermissionDenied), shop_sh.db.write() as s:
            sop.save_policy(
                s,
                "customer",
                "normal",
                first_response_minutes=5,
                resolution_minutes=60,
                calendar_name="shop",
                actor=name,
            )
    with shop_sh.db.read() as s:
        assert calendar.get(s, "shop").hours == HOURS

"""Opening hours without a database: the syntax (and its refusals), and the open-time arithmetic the SOP clocks
count in, by example and as properties (also across DST changes in zones that have them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk.hours import OpenHours, format_hours, makeup_ranges, parse_hours

SHANGHAI, NEW_YORK, BERLIN = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
SHOP = "mon-fri 09:00-21:00, sat-sun 10:00-18:00"


def local(tz, *args) -> datetime:
    return datetime(*args, tzinfo=tz)


def test_the_syntax_reads_and_writes_back_canonically():
    week = parse_hours("MON-fri 9:00-12:00 13:00-21:00,  sat 10:00-18:00, sun 10:00-18:00")
    assert week[0] == ((540, 720), (780, 1260)) and week[5] == week[6] == ((600, 1080),)
    assert format_hours(week) == "mon-fri 09:00-12:00 13:00-21:00, sat-sun 10:00-18:00"
    assert format_hours(parse_hours("sat-mon 00:00-24:00")) == "mon 00:00-24:00, sat-sun 00:00-24:00"  # wraps
    assert format_hours(parse_hours(SHOP)) == SHOP
    assert makeup_ranges(parse_hours("tue-fri 08:00-20:00, sat 10:00-12:00")) == ((480, 1200),)  # Monday closed


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("mon-fri 25:00-21:00", "'25:00-21:00' is not a time range"),
        ("funday 9-5", "'funday' is not a day"),
        ("mon-fri 9-5", "'9-5' is not a time range"),
        ("mon-fri 09:00-12:00 11:00-13:00", "on mon, 09:00-12:00 and 11:00-13:00 overlap"),
        ("mon-fri 09:00-12:00, wed 10:00-11:00", "on wed, 09:00-12:00 and 10:00-11:00 overlap"),
        ("mon 21:00-09:00", "'21:00-09:00' does not end after it starts"),
        ("mon 09:00-09:00", "'09:00-09:00' does not end after it starts"),
        ("mon 09:60-10:00", "'09:60-10:00' is not a time range"),
        ("mon", "'mon' needs days and then times"),
        ("", "Opening hours are empty"),
    ],
)
def test_bad_hours_are_refused_naming_the_bad_part(text, named):
    with pytest.raises(InvalidInput, match=named):
        parse_hours(text)


def test_a_first_response_at_closing_time_is_due_the_next_open_morning():
    hours = OpenHours(parse_hours(SHOP), SHANGHAI)
    opened = local(SHANGHAI, 2026, 12, 1, 20, 58)  # a Tuesday
    assert hours.add(opened, timedelta(minutes=5)) == local(SHANGHAI, 2026, 12, 2, 9, 3)
    assert hours.add(opened, timedelta(minutes=2)) == local(SHANGHAI, 2026, 12, 1, 21, 0)  # at the closing boundary
    friday = local(SHANGHAI, 2026, 12, 4, 20, 58)
    assert hours.add(friday, timedelta(minutes=5)) == local(SHANGHAI, 2026, 12, 5, 10, 3)  # Saturday's hours
    night = local(SHANGHAI, 2026, 12, 2, 3, 0)  # opened while closed: counts from the opening
    assert hours.add(night, timedelta(minutes=5)) == local(SHANGHAI, 2026, 12, 2, 9, 5)
    assert hours.between(opened, local(SHANGHAI, 2026, 12, 2, 9, 3)) == timedelta(minutes=5)
    assert not hours.is_open(night) and hours.next_open(night) == local(SHANGHAI, 2026, 12, 2, 9, 0)


def test_holidays_are_skipped_and_make_up_days_open_with_weekday_hours():
    hours = OpenHours(
        parse_hours("mon-fri 09:00-21:00"),
        SHANGHAI,
        holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),
        workdays=frozenset({date(2026, 10, 10)}),  # a Saturday worked (调休)
    )
    eve = local(SHANGHAI, 2026, 9, 30, 20, 58)
    assert hours.add(eve, timedelta(minutes=5)) == local(SHANGHAI, 2026, 10, 5, 9, 3)  # Thu-Fri holiday, weekend
    friday = local(SHANGHAI, 2026, 10, 9, 20, 58)
    assert hours.add(friday, timedelta(minutes=5)) == local(SHANGHAI, 2026, 10, 10, 9, 3)  # the make-up Saturday
    assert hours.add(friday, timedelta(hours=13)) == local(SHANGHAI, 2026, 10, 12, 9, 58)  # Sunday is closed


def test_across_a_dst_change_open_time_is_real_elapsed_time():
    hours = OpenHours(parse_hours("mon-sun 00:00-24:00"), NEW_YORK)
    start = local(NEW_YORK, 2026, 3, 7, 12, 0)  # noon the day before clocks spring forward
    end = local(NEW_YORK, 2026, 3, 9, 12, 0)
    assert hours.between(start, end) == timedelta(hours=47)  # the Sunday has 23 hours
    night = OpenHours(parse_hours("sun 01:00-04:00"), NEW_YORK)  # 02:00-03:00 does not exist that night
    sunday = local(NEW_YORK, 2026, 3, 8, 0, 0)
    assert night.between(sunday, sunday + timedelta(days=1)) == timedelta(hours=2)


ZONES = st.sampled_from([SHANGHAI, NEW_YORK, BERLIN])
RANGES = st.lists(st.integers(0, 96), min_size=2, max_size=6, unique=True).map(sorted)


@st.composite
def calendars(draw):
    week = []
    for _ in range(7):
        cuts = draw(RANGES)  # quarter-hour cut points: pairs of them make non-overlapping ranges
        pairs = [(a * 15, b * 15) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
        week.append(tuple(pairs) if draw(st.booleans()) else ())
    if not any(week):
        week[0] = ((540, 1260),)
    tz = draw(ZONES)
    base = date(2026, 3, 1)
    spread = st.integers(0, 300).map(lambda n: base + timedelta(days=n))
    holidays = frozenset(draw(st.lists(spread, max_size=8)))
    workdays = frozenset(draw(st.lists(spread, max_size=4))) - holidays
    return OpenHours(tuple(week), tz, holidays, workdays)


STARTS = st.integers(0, 300 * 24 * 60).map(lambda m: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=m))


@settings(max_examples=300, deadline=None)
@given(hours=calendars(), start=STARTS, minutes=st.integers(1, 3 * 24 * 60))
def test_property_the_open_time_to_the_deadline_is_the_target(hours, start, minutes):
    due = hours.add(start, timedelta(minutes=minutes))
    assert hours.between(start, due) == timedelta(minutes=minutes)
    # Due inside the opening hours, or exactly at a closing time; never earlier than the target in wall time.
    assert due - start >= timedelta(minutes=minutes)  # open time is part of the elapsed time
    day = due.astimezone(hours.zone).date()
    around = [iv for d in (day - timedelta(days=1), day, day + timedelta(days=1)) for iv in hours.intervals_on(d)]
    assert any(a < due <= b for a, b in around)


@settings(max_examples=200, deadline=None)
@given(hours=calendars(), start=STARTS, first=st.integers(1, 2000), second=st.integers(1, 2000))
def test_property_open_time_adds_up(hours, start, first, second):
    a = timedelta(minutes=first)
    b = timedelta(minutes=second)
    assert hours.add(hours.add(start, a), b) == hours.add(start, a + b)
    end = hours.add(start, a + b)
    assert hours.between(end, start) == -(a + b)


@settings(max_examples=100, deadline=None)
@given(start=STARTS, minutes=st.integers(1, 5000), tz=ZONES)
def test_property_round_the_clock_hours_are_plain_elapsed_time(start, minutes, tz):
    hours = OpenHours(parse_hours("mon-sun 00:00-24:00"), tz)
    assert hours.add(start, timedelta(minutes=minutes)) == start + timedelta(minutes=minutes)


def test_hours_read_chinese_day_names_as_a_chinese_merchant_writes_them():
    from shopdesk.services.desk.hours import parse_hours

    assert parse_hours("周一-周五 09:00-21:00, 周六-周日 10:00-18:00") == parse_hours(
        "mon-fri 09:00-21:00, sat-sun 10:00-18:00"
    )
    assert parse_hours("周天 10:00-12:00") == parse_hours("sun 10:00-12:00")

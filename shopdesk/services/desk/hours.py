"""Opening hours: the weekly-hours syntax and the open-time arithmetic the SOP clocks count in. No database here.

Syntax: comma-separated groups, each days then one or more ranges, e.g.
    "mon-fri 09:00-12:00 13:00-21:00, sat-sun 10:00-18:00"
Days are mon tue wed thu fri sat sun (or 周一 .. 周日, as a Chinese merchant writes them), one or a range (a range
may wrap: "sat-mon"); times are 24-hour HH:MM and a range ends later the same day (24:00 is midnight at its end).
A day named in no group is closed.

A holiday is closed all day. A make-up working day (调休: a weekend day the state declares a working day) opens with
the Monday-to-Friday hours: Monday's, or the first of Tuesday..Friday that opens when Monday is closed.

Times are wall-clock times in the shop's zone; what is counted is real elapsed time, so a 00:00-24:00 day on a
DST change counts 23 or 25 hours. A wall time that does not exist (inside a spring-forward gap) reads with the
offset before the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from shopdesk.services.common.errors import InvalidInput

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZH_DAYS = {"周一": "mon", "周二": "tue", "周三": "wed", "周四": "thu", "周五": "fri", "周六": "sat", "周日": "sun"}
ZH_DAYS["周天"] = "sun"
Range = tuple[int, int]  # minutes from local midnight: [start, end)
Week = tuple[tuple[Range, ...], ...]  # seven days, Monday first
SEARCH_DAYS = 800  # closed this many days in a row (all holidays): the rest counts round the clock
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_hours(text: str) -> Week:
    """The weekly hours of a text, or one sentence naming the bad part."""
    week: list[list[Range]] = [[] for _ in DAYS]
    for group in (g.strip() for g in (text or "").split(",")):
        if not group:
            continue
        tokens = group.split()
        days = _days(tokens[0])
        if len(tokens) < 2:
            raise InvalidInput("calendar.hours_group_invalid", part=repr(group))
        for token in tokens[1:]:
            span = _range(token)
            for d in days:
                for other in week[d]:
                    if span[0] < other[1] and other[0] < span[1]:
                        raise InvalidInput(
                            "calendar.hours_overlap", day=DAYS[d], first=_fmt_range(other), second=_fmt_range(span)
                        )
                week[d].append(span)
    if not any(week):
        raise InvalidInput("calendar.hours_empty")
    return tuple(tuple(sorted(day)) for day in week)


def _days(token: str) -> list[int]:
    names = [ZH_DAYS.get(n, n) for n in token.lower().split("-")]
    if len(names) > 2 or any(n not in DAYS for n in names):
        raise InvalidInput("calendar.hours_day_unknown", part=repr(token))
    first, last = DAYS.index(names[0]), DAYS.index(names[-1])
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


def _range(token: str) -> Range:
    start, sep, end = token.partition("-")
    if not sep:
        raise InvalidInput("calendar.hours_time_invalid", part=repr(token))
    a, b = _minute(start, token), _minute(end, token)
    if b <= a:
        raise InvalidInput("calendar.hours_range_reversed", part=repr(token))
    return a, b


def _minute(text: str, token: str) -> int:
    m = _TIME.match(text.strip())
    if m is None or int(m[2]) > 59 or int(m[1]) * 60 + int(m[2]) > 24 * 60:
        raise InvalidInput("calendar.hours_time_invalid", part=repr(token))
    return int(m[1]) * 60 + int(m[2])


def _fmt_minute(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def _fmt_range(r: Range) -> str:
    return f"{_fmt_minute(r[0])}-{_fmt_minute(r[1])}"


def format_hours(week: Week) -> str:
    """The canonical text: consecutive days with the same ranges grouped, closed days left out."""
    groups: list[str] = []
    d = 0
    while d < 7:
        e = d
        while e + 1 < 7 and week[e + 1] == week[d]:
            e += 1
        if week[d]:
            days = DAYS[d] if d == e else f"{DAYS[d]}-{DAYS[e]}"
            groups.append(f"{days} " + " ".join(_fmt_range(r) for r in week[d]))
        d = e + 1
    return ", ".join(groups)


def makeup_ranges(week: Week) -> tuple[Range, ...]:
    """The hours of a make-up working day: Monday's, else the first weekday (Tue..Fri) that opens."""
    for d in range(5):
        if week[d]:
            return week[d]
    return ()


@dataclass(frozen=True)
class OpenHours:
    """A calendar ready to count with: weekly hours, exceptions by local date, the zone they are read in."""

    week: Week
    zone: tzinfo
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def ranges_on(self, day: date) -> tuple[Range, ...]:
        if day in self.holidays:
            return ()
        if day in self.workdays:
            return makeup_ranges(self.week)
        return self.week[day.weekday()]

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's open intervals in UTC, in order."""
        midnight = datetime.combine(day, time(0), tzinfo=self.zone)
        out: list[tuple[datetime, datetime]] = []
        for a, b in self.ranges_on(day):
            start, end = _utc(midnight, a), _utc(midnight, b)
            if out:  # a wall time in a DST gap reads one hour late: never let it reach back over the last range
                start = max(start, out[-1][1])
            if end > start:
                out.append((start, end))
        return out

    def _intervals_from(self, at: datetime):
        day = at.astimezone(self.zone).date() - timedelta(days=1)  # yesterday's 24:00 may reach past midnight
        closed = 0
        while closed < SEARCH_DAYS:
            found = self.intervals_on(day)
            closed = 0 if found else closed + 1
            for a, b in found:
                if b > at:
                    yield a, b
            day += timedelta(days=1)

    def add(self, start: datetime, length: timedelta) -> datetime:
        """The moment `length` of open time after `start` (at a closing time when it runs out there)."""
        left = length
        if left <= timedelta(0):
            return start
        cursor = start
        for a, b in self._intervals_from(start):
            s = max(a, cursor)
            if b - s >= left:
                return s + left
            left -= b - s
            cursor = b
        return cursor + left  # no opening within SEARCH_DAYS: the rest counts round the clock

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The open time from `start` to `end` (negative when end comes first)."""
        if end < start:
            return -self.between(end, start)
        total = timedelta(0)
        for a, b in self._intervals_from(start):
            if a >= end:
                break
            total += min(b, end) - max(a, start)
        return total

    def is_open(self, at: datetime) -> bool:
        return any(a <= at < b for a, b in self._first_intervals(at))

    def next_open(self, at: datetime) -> datetime | None:
        """`at` when open, else the next opening (None when none within SEARCH_DAYS)."""
        for a, _b in self._intervals_from(at):
            return max(a, at)
        return None

    def _first_intervals(self, at: datetime):
        for a, b in self._intervals_from(at):
            if a > at:
                return
            yield a, b


def _utc(midnight: datetime, minute: int) -> datetime:
    # Wall-clock arithmetic on an aware datetime keeps the zone and reads the offset of the resulting wall time.
    return (midnight + timedelta(minutes=minute)).astimezone(UTC)

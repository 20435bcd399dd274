"""The shop's local days: its time zone, and how a range of local dates becomes UTC bounds the database can use.

Timestamps are stored in UTC. A fact belongs to the local date and hour a wall clock in the shop's time zone
(setting `shop.timezone`, default the system's) showed when it happened. A range of local dates is cut into
*spans* of constant UTC offset: inside a span, local time is UTC plus a fixed number of seconds, so the dates of
the range are one contiguous UTC interval there and the database groups by local hour with a plain shift.
A zone without daylight saving time (China's) gives one span; a range across a DST change gives two or three.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import func, literal_column
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from shopdesk.services.common import access, clock, settings
from shopdesk.services.common import zone as zone_setting
from shopdesk.services.common.errors import InvalidInput

SETTING = zone_setting.SETTING
MAX_DAYS = 3660  # a report spans at most ten years

# The zone reader lives in services.common (the desk below reads it too); the numbers use it from there.
system_zone_name = zone_setting.system_zone_name
zone = zone_setting.zone
shop_zone = zone_setting.shop_zone


def set_shop_zone(session: Session, name: str) -> str:
    """Set the shop's time zone (owner only); every desktop's figures follow it."""
    access.require_owner(session, subject=SETTING)
    zone(name)  # refuses before anything is written
    settings.put(session, SETTING, name.strip())
    return name.strip()


def today(tz: tzinfo) -> date:
    return clock.now().astimezone(tz).date()


def local_date(at: datetime, tz: tzinfo) -> date:
    return at.astimezone(tz).date()


def check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput("numbers.range_reversed", start=start.isoformat(), end=end.isoformat())
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput("numbers.range_too_long", days=MAX_DAYS)


def parse_date(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise InvalidInput("numbers.date_invalid", label=field, got=repr(text)) from None


@dataclass(frozen=True)
class Span:
    """UTC instants [start, end) (naive UTC, as stored) during which local time = UTC + offset seconds."""

    start: datetime
    end: datetime
    offset: int


def _offset(tz: tzinfo, at_utc: datetime) -> int:
    return int(at_utc.replace(tzinfo=UTC).astimezone(tz).utcoffset().total_seconds())


def _transitions(tz: tzinfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """The instants in [start, end) where the zone's offset changes (to the second)."""
    step = timedelta(hours=6)
    t = start
    current = _offset(tz, t)
    while t < end:
        nxt = min(t + step, end)
        if _offset(tz, nxt) != current:
            lo, hi = t, nxt  # the change lies in (lo, hi]
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid <= lo:
                    break
                if _offset(tz, mid) == current:
                    lo = mid
                else:
                    hi = mid
            yield hi
            current = _offset(tz, hi)
        t = nxt


def spans(tz: tzinfo, start: date, end: date) -> list[Span]:
    """The UTC spans holding every instant whose local date lies in [start, end] (inclusive)."""
    check_range(start, end)
    first = datetime.combine(start, datetime.min.time())  # naive local midnight
    last = datetime.combine(end + timedelta(days=1), datetime.min.time())
    # Every instant of those dates lies within a day either side of the naive bounds read as UTC.
    window_start, window_end = first - timedelta(days=1), last + timedelta(days=1)
    cuts = [window_start, *_transitions(tz, window_start, window_end), window_end]
    out = []
    for seg_start, seg_end in zip(cuts, cuts[1:], strict=False):
        offset = _offset(tz, seg_start)
        shift = timedelta(seconds=offset)
        lo, hi = max(seg_start, first - shift), min(seg_end, last - shift)
        if lo < hi:
            out.append(Span(lo, hi, offset))
    return out


def as_utc(naive: datetime) -> datetime:
    return naive.replace(tzinfo=UTC)


def local_hour(session: Session, column, offset: int) -> ColumnElement[str]:
    """The local 'YYYY-MM-DD HH' of a stored UTC timestamp, shifted by `offset` seconds, in SQL."""
    return _local_text(session, column, offset, "%Y-%m-%d %H", "YYYY-MM-DD HH24")


def local_day(session: Session, column, offset: int) -> ColumnElement[str]:
    """The local 'YYYY-MM-DD' of a stored UTC timestamp, shifted by `offset` seconds, in SQL."""
    return _local_text(session, column, offset, "%Y-%m-%d", "YYYY-MM-DD")


def _local_text(session: Session, column, offset: int, sqlite_format: str, pg_format: str) -> ColumnElement[str]:
    # The offset is an int written into the SQL (not a parameter): the same expression in SELECT and GROUP BY
    # must be the same text for PostgreSQL.
    offset = int(offset)
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime(sqlite_format, column, literal_column(f"'{offset:+d} seconds'"))
    return func.to_char(column + literal_column(f"interval '{offset} seconds'"), pg_format)


def dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]

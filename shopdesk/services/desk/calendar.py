"""Business calendars: named weekly opening hours with holidays and make-up working days, in the shop's zone.

An SOP policy may name a calendar; its deadlines then count only open time (see hours.py for the syntax and the
arithmetic). Holidays and make-up days are kept per date and edited per year; the mainland-China ones of a year
can be filled in from the `holidays` library's public calendar (never a table typed by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from shopdesk.db.models import BusinessCalendar, CalendarDay, SopPolicy
from shopdesk.db.queries import driver
from shopdesk.services.common import access, audit, clock, outbox
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.common.zone import shop_zone
from shopdesk.services.desk.hours import OpenHours, format_hours, parse_hours

KINDS = ("holiday", "workday")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class DayView:
    day: date
    kind: str  # "holiday" | "workday"
    note: str


@dataclass(frozen=True)
class CalendarView:
    id: int
    name: str
    hours: str
    days: tuple[DayView, ...]
    updated_at: datetime
    updated_by: str

    def year(self, year: int) -> tuple[DayView, ...]:
        return tuple(d for d in self.days if d.day.year == year)


def parse_day(text: str, label: str = "date") -> date:
    """A YYYY-MM-DD date, or one sentence saying what was wrong."""
    try:
        day = date.fromisoformat((text or "").strip())
        if len((text or "").strip()) != 10:
            raise ValueError(text)
        return day
    except ValueError:
        raise InvalidInput("calendar.date_invalid", label=label, got=repr(text)) from None


def check_year(year: int) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput("calendar.year_invalid", got=repr(year), first=FIRST_YEAR, last=LAST_YEAR)
    return year


def _china(year: int, language: str):
    import holidays

    check_year(year)
    return holidays.country_holidays("CN", years=year, language=language)


def china_days(year: int) -> list[DayView]:
    """Mainland China's public holidays and make-up working days (调休) of a year, from the `holidays` library.
    The notes are the library's English names; china_names() words them in another language for the UI."""
    cn = _china(year, "en_US")
    days = [DayView(d, "holiday", str(name)) for d, name in sorted(cn.items()) if d.year == year]
    workdays = getattr(cn, "weekend_workdays", set())
    days += [DayView(d, "workday", "") for d in sorted(workdays) if d.year == year]
    return sorted(days, key=lambda v: v.day)


def china_names(year: int, language: str) -> dict[str, str]:
    """The library's English holiday names of a year -> the same names in `language` (zh_CN, zh_TW, en_US)."""
    english, other = _china(year, "en_US"), _china(year, language)
    return {str(english[d]): str(other[d]) for d in english if d in other}


def calendars(session: Session) -> list[CalendarView]:
    rows = session.execute(select(BusinessCalendar).order_by(BusinessCalendar.name)).scalars().all()
    days = _days_of(session, [r.id for r in rows])
    return [_view(r, days.get(r.id, ())) for r in rows]


def get(session: Session, name: str) -> CalendarView:
    row = _row(session, name)
    return _view(row, _days_of(session, [row.id]).get(row.id, ()))


def calendar_id(session: Session, name: str) -> int:
    return _row(session, name).id


def name_of(session: Session, calendar_id: int | None) -> str | None:
    if calendar_id is None:
        return None
    return session.execute(select(BusinessCalendar.name).where(BusinessCalendar.id == calendar_id)).scalar()


def hours_for(session: Session, calendar_id: int | None) -> OpenHours | None:
    """The calendar ready to count with (None: no calendar, the clock runs round the clock)."""
    if calendar_id is None:
        return None
    row = session.get(BusinessCalendar, calendar_id)
    if row is None:
        return None
    return _hours(row.hours, _days_of(session, [row.id]).get(row.id, ()), shop_zone(session))


def all_hours(session: Session) -> dict[int, OpenHours]:
    """Every calendar by id, ready to count with (the sweep and the queue read them once)."""
    rows = session.execute(select(BusinessCalendar)).scalars().all()
    days = _days_of(session, [r.id for r in rows])
    tz = shop_zone(session)
    return {r.id: _hours(r.hours, days.get(r.id, ()), tz) for r in rows}


# Every case view asks (a cancellation's result too): built once.
_POLICY_CALENDARS = select(SopPolicy.id, SopPolicy.calendar_id).where(
    SopPolicy.id.in_(bindparam("b_ids", expanding=True)), SopPolicy.calendar_id.is_not(None)
)


def _hours_of(session: Session, calendar_ids: list[int]) -> dict[int, OpenHours]:
    """The calendars `calendar_ids` by id, ready to count with (only those: a case's view asks for its own)."""
    rows = session.execute(
        select(BusinessCalendar.id, BusinessCalendar.hours).where(BusinessCalendar.id.in_(calendar_ids))
    ).all()
    days = _days_of(session, [cid for cid, _ in rows])
    tz = shop_zone(session)
    return {cid: _hours(text, days.get(cid, ()), tz) for cid, text in rows}


def closed_until(session: Session, policy_ids, now: datetime) -> dict[int, datetime]:
    """For the policies (by id) whose calendar is closed at `now`: when it opens next. Their clocks stand still
    until then; the desk words such a deadline as a time ("due tomorrow 09:05") rather than a countdown."""
    ids = {i for i in policy_ids if i is not None}
    if not ids:
        return {}
    pairs = driver(session).rows(_POLICY_CALENDARS, {"b_ids": sorted(ids)})
    if not pairs:
        return {}
    hours = _hours_of(session, sorted({cid for _, cid in pairs}))
    opens: dict[int, datetime | None] = {}
    for cid, h in hours.items():
        opens[cid] = None if h.is_open(now) else h.next_open(now)
    return {pid: opens[cid] for pid, cid in pairs if opens.get(cid) is not None}


@access.needs("desk.settings")
def save_calendar(
    session: Session,
    name: str,
    *,
    hours: str | None = None,
    add_days: tuple[DayView, ...] = (),
    remove_days: tuple[date, ...] = (),
    year: int | None = None,
    year_days: tuple[DayView, ...] | None = None,
    actor: str,
) -> CalendarView:
    """Create or change a calendar. `hours` replaces the weekly hours (needed for a new calendar); `add_days` adds
    or changes single days, `remove_days` drops them; `year` with `year_days` replaces that year's days whole.
    Everything is checked before anything is written."""
    name = (name or "").strip()
    if not 0 < len(name) <= 60:
        raise InvalidInput("calendar.name_invalid", name=repr(name))
    week = parse_hours(hours) if hours is not None else None
    if year is not None:
        check_year(year)
        if any(d.day.year != year for d in year_days or ()):
            bad = next(d for d in year_days or () if d.day.year != year)
            raise InvalidInput("calendar.day_other_year", day=bad.day.isoformat(), year=year)
    _check_days(add_days)
    _check_days(year_days or ())
    row = session.execute(select(BusinessCalendar).where(BusinessCalendar.name == name)).scalar_one_or_none()
    if row is None and week is None:
        raise InvalidInput("calendar.hours_needed", name=name)
    now = clock.now()
    if row is None:
        row = BusinessCalendar(name=name, hours=format_hours(week), updated_at=now, updated_by=actor)
        session.add(row)
        session.flush()
    else:
        if week is not None:
            row.hours = format_hours(week)
        row.updated_at, row.updated_by = now, actor
    if year is not None:
        session.execute(
            delete(CalendarDay).where(
                CalendarDay.calendar_id == row.id, CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))
            )
        )
        _put_days(session, row.id, year_days or ())
    if remove_days:
        session.execute(delete(CalendarDay).where(CalendarDay.calendar_id == row.id, CalendarDay.day.in_(remove_days)))
    _put_days(session, row.id, add_days)
    session.flush()
    audit.record(session, actor=actor, action="sop.calendar_saved", subject=name, hours=row.hours)
    outbox.emit(session, "setting", row.id)
    return get(session, name)


def fill_from_public_calendar(session: Session, name: str, year: int, *, actor: str) -> CalendarView:
    """Replace a calendar's days of `year` with mainland China's public holidays and make-up working days."""
    return save_calendar(session, name, year=year, year_days=tuple(china_days(check_year(year))), actor=actor)


def _check_days(days: tuple[DayView, ...]) -> None:
    seen: dict[date, str] = {}
    for d in days:
        if d.kind not in KINDS:
            raise InvalidInput("calendar.day_kind_unknown", kind=repr(d.kind), choices=", ".join(KINDS))
        if seen.get(d.day, d.kind) != d.kind:
            raise InvalidInput("calendar.day_twice", day=d.day.isoformat())
        seen[d.day] = d.kind


def _put_days(session: Session, calendar_id: int, days: tuple[DayView, ...]) -> None:
    if not days:
        return
    wanted = {d.day: d for d in days}
    old = session.execute(
        select(CalendarDay).where(CalendarDay.calendar_id == calendar_id, CalendarDay.day.in_(list(wanted)))
    ).scalars()
    for row in old:
        d = wanted.pop(row.day)
        row.kind, row.note = d.kind, d.note[:100]
    for d in wanted.values():
        session.add(CalendarDay(calendar_id=calendar_id, day=d.day, kind=d.kind, note=d.note[:100]))


def _row(session: Session, name: str) -> BusinessCalendar:
    row = session.execute(
        select(BusinessCalendar).where(BusinessCalendar.name == (name or "").strip())
    ).scalar_one_or_none()
    if row is None:
        raise NotFound("calendar.not_found", name=repr(name))
    return row


def _days_of(session: Session, ids: list[int]) -> dict[int, tuple[DayView, ...]]:
    if not ids:
        return {}
    out: dict[int, list[DayView]] = {}
    rows = session.execute(
        select(CalendarDay.calendar_id, CalendarDay.day, CalendarDay.kind, CalendarDay.note)
        .where(CalendarDay.calendar_id.in_(ids))
        .order_by(CalendarDay.day)
    )
    for cid, day, kind, note in rows:
        out.setdefault(cid, []).append(DayView(day, kind, note or ""))
    return {k: tuple(v) for k, v in out.items()}


def _hours(text: str, days: tuple[DayView, ...], tz) -> OpenHours:
    return OpenHours(
        parse_hours(text),
        tz,
        frozenset(d.day for d in days if d.kind == "holiday"),
        frozenset(d.day for d in days if d.kind == "workday"),
    )


def _view(row: BusinessCalendar, days) -> CalendarView:
    return CalendarView(row.id, row.name, row.hours, tuple(days), row.updated_at, row.updated_by)

"""Business calendars: weekly opening hours, public holidays and make-up working days (the desk's SOP clocks)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime


class BusinessCalendar(Base):
    """A named calendar. `hours` is the weekly opening hours in the canonical text form
    ("mon-fri 09:00-21:00, sat-sun 10:00-18:00"), read in the shop's time zone."""

    __tablename__ = "business_calendar"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    hours: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class CalendarDay(Base):
    """One exception to the weekly hours: a holiday (closed all day) or a make-up working day (调休)."""

    __tablename__ = "calendar_day"
    __table_args__ = (
        CheckConstraint("kind IN ('holiday', 'workday')", name="kind"),
        UniqueConstraint("calendar_id", "day"),  # uq_calendar_day_calendar_id
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("business_calendar.id"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(String(100), default="")

"""The desk's clock words: the case view's clock input, durations ("22 hours 25 min", never "1345 min") and a
deadline that lies in a later open period of the business calendar ("due tomorrow 09:05")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale

from shopdesk.services.desk.workspace import CaseBundle


@dataclass(frozen=True)
class ClockInput:
    """The stored fields sop.clock_state reads, for a case loaded into the case view."""

    status: str
    opened_at: object
    first_response_due: object
    resolution_due: object
    first_responded_at: object
    paused_since: object


def clock_input(bundle: CaseBundle) -> ClockInput:
    c = bundle.case
    return ClockInput(
        c.status, c.opened_at, c.first_response_due, c.resolution_due, c.first_responded_at, bundle.paused_since
    )


def duration(seconds: float) -> str:
    """A length of time in words, to the minute: "45 minute(s)", "22 hour(s) 25 minute(s)" (zh_CN "22 小时 25 分"),
    past a day without the minutes: "3 day(s) 2 hour(s)"."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(QCoreApplication.translate("DeskClock", "%n day(s)", None, days))
    if hours:
        parts.append(QCoreApplication.translate("DeskClock", "%n hour(s)", None, hours))
    if (mins or not parts) and not days:  # past a day the minutes are noise
        parts.append(QCoreApplication.translate("DeskClock", "%n minute(s)", None, mins))
    return " ".join(parts)


def when(at: datetime, now: datetime) -> str:
    """A moment worded from `now`, in this desktop's time: "today 21:00", "tomorrow 09:05", "Mon 12-07 09:05"."""
    local, today = at.astimezone(), now.astimezone().date()
    hm = f"{local:%H:%M}"
    if local.date() == today:
        return QCoreApplication.translate("DeskClock", "today %1").replace("%1", hm)
    if local.date() == today + timedelta(days=1):
        return QCoreApplication.translate("DeskClock", "tomorrow %1").replace("%1", hm)
    weekday = QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return (
        QCoreApplication.translate("DeskClock", "%1 %2 %3")
        .replace("%1", weekday)
        .replace("%2", f"{local:%m-%d}")
        .replace("%3", hm)
    )


def closed_text(state, closed_until: datetime | None, now: datetime) -> str | None:
    """While the case's business calendar is closed (and the deadline not yet passed): when it is due, in words.
    None when the countdown should tick as usual."""
    if closed_until is None or closed_until <= now or state.due is None or state.colour in ("done", "red"):
        return None
    if state.target == "first_response":
        return QCoreApplication.translate("DeskClock", "Reply due %1").replace("%1", when(state.due, now))
    return QCoreApplication.translate("DeskClock", "Due %1").replace("%1", when(state.due, now))

"""Who else is here: each desktop announces itself every few seconds (a heartbeat row, announced through the change
feed), with the case it has open and whether it is viewing or editing it. The desk shows "小李 is viewing" on a
case another desktop has open; the case's version guard still decides who wins when both save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import DesktopPresence, StaffUser
from shopdesk.services.common import clock, outbox
from shopdesk.services.common.errors import InvalidInput

BEAT = timedelta(seconds=10)  # how often a desktop announces itself
ONLINE = timedelta(seconds=30)  # silent for longer: gone (closed, crashed, network down)
MODES = ("viewing", "editing")


@dataclass(frozen=True)
class Desktop:
    desktop_id: str
    user_name: str
    shown: str  # the user's display name (or their name)
    host: str
    case_id: int | None
    case_mode: str | None
    seen_at: datetime


def beat(
    session: Session, desktop_id: str, user_name: str, *, host: str = "", case_id: int | None = None, mode=None
) -> None:
    """This desktop is here (and has this case open, viewing or editing it)."""
    if mode is not None and mode not in MODES:
        raise InvalidInput("presence.mode_unknown", mode=repr(mode), choices=", ".join(MODES))
    values = {
        "user_name": user_name[:64],
        "host": host[:100],
        "case_id": case_id,
        "case_mode": mode if case_id is not None else None,
        "seen_at": clock.now(),
    }
    moved = session.execute(update(DesktopPresence).where(DesktopPresence.desktop_id == desktop_id).values(**values))
    if moved.rowcount == 0:
        session.add(DesktopPresence(desktop_id=desktop_id, **values))
        session.flush()
    outbox.emit(session, "desktop", 0)


def leave(session: Session, desktop_id: str) -> None:
    """This desktop closes: it is gone at once rather than after the silence."""
    session.execute(delete(DesktopPresence).where(DesktopPresence.desktop_id == desktop_id))
    outbox.emit(session, "desktop", 0)


def online(session: Session) -> list[Desktop]:
    """The desktops heard from lately, most recent first."""
    since = clock.now() - ONLINE
    rows = session.execute(
        select(DesktopPresence, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.name == DesktopPresence.user_name)
        .where(DesktopPresence.seen_at >= since)
        .order_by(DesktopPresence.seen_at.desc())
    ).all()
    return [
        Desktop(p.desktop_id, p.user_name, shown or p.user_name, p.host, p.case_id, p.case_mode, p.seen_at)
        for p, shown in rows
    ]


def on_case(session: Session, case_id: int, *, besides: str) -> list[Desktop]:
    """The other desktops that have this case open (editing first)."""
    return others_on(online(session), case_id, besides=besides)


def others_on(desktops: list[Desktop], case_id: int | None, *, besides: str | None) -> list[Desktop]:
    """Of these desktops, the others that have this case open, editing first."""
    if case_id is None:
        return []
    here = [d for d in desktops if d.case_id == case_id and d.desktop_id != besides]
    return sorted(here, key=lambda d: d.case_mode != "editing")

"""The shop's time zone (setting `shop.timezone`, default the system's): one reader for every services package.

The numbers read their local days in it and the desk's business calendars open and close in it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from shopdesk.services.common import settings
from shopdesk.services.common.errors import InvalidInput

SETTING = "shop.timezone"


def system_zone_name() -> str:
    """The system's IANA zone name (UTC when the system names none)."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # noqa: BLE001 - a machine without a zone configured reads UTC
        return "UTC"


def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name, or a clear refusal."""
    name = (name or "").strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput("numbers.timezone_unknown", zone=repr(name)) from None


def shop_zone(session: Session) -> ZoneInfo:
    """The shop's time zone: the setting, else the system's. A broken setting falls back to the system's."""
    name = settings.get(session, SETTING)
    if name:
        try:
            return zone(name)
        except InvalidInput:
            pass
    return zone(system_zone_name())

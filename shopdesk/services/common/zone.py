"""The shop's time zone (setting `shop.timezone`, default the system's): one reader for every services package.

The numbers read their local days in it and the desk's business calendars open and close in it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from shopdesk.services.common import settings
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.zonenames import system_zone_name, zone

SETTING = "shop.timezone"


def shop_zone(session: Session) -> ZoneInfo:
    """The shop's time zone: the setting, else the system's. A broken setting falls back to the system's."""
    name = settings.get(session, SETTING)
    if name:
        try:
            return zone(name)
        except InvalidInput:
            pass
    return zone(system_zone_name())

"""IANA time-zone names: the system's, and a clear refusal of a name that is none (no settings here: the
settings registry checks `shop.timezone` with `zone`, and `common.zone` reads the setting)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shopdesk.services.common.errors import InvalidInput


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

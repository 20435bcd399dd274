"""Shop settings stored in the database, so every desktop sharing it agrees."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Setting
from shopdesk.services.common import outbox


def get(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()
    return default if value is None else value


def get_int(session: Session, key: str, default: int) -> int:
    value = get(session, key)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
    outbox.emit(session, "setting", 0)


def delete(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
        session.flush()
        outbox.emit(session, "setting", 0)

"""A case's timeline: the one writer of case events (opened, taken, a note, an offer, a breach, the rule that acted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from shopdesk.db.models import CaseEvent
from shopdesk.services.common import clock

_INSERT = insert(CaseEvent.__table__)


def row(
    case_id: int,
    kind: str,
    actor: str,
    *,
    note: str = "",
    rule: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    at: datetime | None = None,
) -> dict:
    """One event as a row, to write with others in one statement (`write`)."""
    return {
        "case_id": case_id,
        "kind": kind,
        "actor": actor,
        "rule": rule,
        "from_status": from_status,
        "to_status": to_status,
        "at": at or clock.now(),
        "note": note,
    }


def record(session: Session, case_id: int, kind: str, actor: str, **details) -> None:
    """Append one event to the case's timeline (`details` as for `row`)."""
    write(session, [row(case_id, kind, actor, **details)])


def write(session: Session, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(_INSERT, rows)

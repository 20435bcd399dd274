"""A case's timeline: the one writer of case events (opened, taken, a note, an offer, a breach, the rule that acted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from shopdesk.db.queries import driver
from shopdesk.services.common import clock

# Every case change writes one or two: one executemany on the driver's cursor (db.queries.Driver).
_INSERT = (
    "INSERT INTO case_event (case_id, kind, actor, rule, from_status, to_status, at, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_ORDER = ("case_id", "kind", "actor", "rule", "from_status", "to_status", "at", "note")


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
        db = driver(session)
        db.many(_INSERT, [tuple(db.bind(r[column]) for column in _ORDER) for r in rows])

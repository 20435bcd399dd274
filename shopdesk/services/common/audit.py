"""The audit trail: who revealed, exported or imported what, and when. Rows are only ever appended, each one
linked into the audit hash chain (`chain.py`) in the same transaction: no key, no event (VaultError)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import AuditEvent
from shopdesk.db.queries import driver
from shopdesk.services.common import chain, clock, outbox


@dataclass(frozen=True)
class AuditRow:
    id: int
    actor: str
    action: str
    subject: str
    detail: dict
    at: datetime


# Written once, run on the driver's cursor (db.queries.Driver): every payment writes one.
_INSERT = "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES (?, ?, ?, ?, ?) RETURNING id"


def record(session: Session, *, actor: str, action: str, subject: str, announce: bool = True, **detail) -> int:
    """Append one event. `announce=False` when the write it belongs to already tells the change feed (money).
    In a session a user is logged in to, the actor is that user, whatever the caller says. The event joins the
    hash chain (services/common/chain)."""
    who = session.info.get("identity")
    if who is not None and who.role != "system":
        actor = who.name
    head = chain.begin(session, chain.AUDIT)
    text, at = json.dumps(detail, ensure_ascii=False), clock.now()
    db = driver(session)
    event_id = db.run(_INSERT, (actor, action, subject, text, db.at(at))).fetchall()[0][0]
    chain.append(session, head, event_id, chain.audit_content(event_id, actor, action, subject, text, at))
    sealed_late(session, head, actor=actor)
    if announce:
        outbox.emit(session, "audit", event_id)
    return event_id


def sealed_late(session: Session, head: chain.Head | None, *, actor: str) -> None:
    """When an append sealed rows written without the key (pending), the trail says which: sealing them late
    vouches only for what the file held by then."""
    if head is not None and head.late is not None:
        first, last, count = head.late
        record(
            session,
            actor=actor,
            action="trail.sealed_late",
            subject=f"chain:{head.name}",
            first=first,
            last=last,
            rows=count,
        )


def recent(
    session: Session, *, action: str | None = None, subject: str | None = None, limit: int = 200
) -> list[AuditRow]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action == action)
    if subject:
        query = query.where(AuditEvent.subject == subject)
    return [
        AuditRow(e.id, e.actor, e.action, e.subject, json.loads(e.detail or "{}"), e.at)
        for e in session.execute(query).scalars()
    ]

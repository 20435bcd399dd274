"""Alerts off the desktop, the enqueue side: an event becomes one outbox row per hook that wants it, written in the
transaction of the event itself (a restart loses nothing; a rolled-back event sends nothing).

    webhooks.enqueue(session, "paid_order", number="SD-1", amount="12.00", items=[...])

A no-op costing one small read per transaction when no hook subscribes. Payloads carry codes and safe facts
(order number, SKU and product name, amounts, case id, minutes late); a key that could carry a secret or a
customer's contact is refused as a bug. The senders (services/maintenance/webhook_sender) format and post them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.db.models import WebhookDelivery
from shopdesk.db.queries import driver
from shopdesk.services.common import clock

EVENTS = ("breach", "paid_order", "awaiting_stock", "low_stock", "anomaly", "backup_failed")
TEST_EVENT = "test"  # `webhook test`: sent at once, never queued

# Words a payload key may not contain: what is in a payload leaves the shop, so a key's secret, its card number,
# the API secret or a customer's contact never go in (a bug, caught here rather than on someone's phone).
_FORBIDDEN = ("secret", "card_no", "password", "passphrase", "contact", "phone", "email", "token")
_CACHE = "_webhook_subscribers"
_INSERT = insert(WebhookDelivery.__table__)
_ACTIVE = "SELECT id, events FROM webhook WHERE active"  # every payment asks: on the driver's cursor


def subscribers(session: Session, event: str) -> list[int]:
    """The ids of the active hooks that want `event` (read once per transaction)."""
    known = session.info.get(_CACHE)
    if known is None:
        known = {}
        for hook_id, events in driver(session).run(_ACTIVE).fetchall():
            for name in events.split(","):
                known.setdefault(name.strip(), []).append(hook_id)
        session.info[_CACHE] = known
    return known.get(event, [])


def wants(session: Session, event: str) -> bool:
    return bool(subscribers(session, event))


def forget_subscribers(session: Session) -> None:
    """A hook was added, changed or removed in this transaction: read them again."""
    session.info.pop(_CACHE, None)


def check_safe(data: Mapping[str, Any], where: str = "data") -> None:
    for key, value in data.items():
        lowered = str(key).lower()
        if any(word in lowered for word in _FORBIDDEN):
            # A bug, not an error a person can fix: never translated, so it needs no template.
            raise ValueError("webhook payload " + where + "." + str(key) + ": no secrets or contacts off the desktop")
        if isinstance(value, Mapping):
            check_safe(value, f"{where}.{key}")
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, Mapping):
                    check_safe(item, f"{where}.{key}[]")


def payload(event: str, data: Mapping[str, Any], at=None) -> dict[str, Any]:
    """The message every format is made from: the event's code, when (UTC, ISO 8601) and its facts."""
    check_safe(data)
    return {"event": event, "at": (at or clock.now()).isoformat(timespec="seconds"), "data": dict(data)}


def enqueue(session: Session, event: str, *, dedupe: str | None = None, **data: Any) -> int:
    """Queue `event` for every hook that wants it, in the caller's transaction; returns the rows written.

    `dedupe` names an event that reaches each hook once however often it is raised (an anomaly seen again)."""
    if event not in EVENTS:
        raise ValueError("unknown webhook event " + repr(event) + "; add it to webhooks.EVENTS")
    hooks = subscribers(session, event)
    if not hooks:
        return 0
    now = clock.now()
    body = json.dumps(payload(event, data, now), ensure_ascii=False, sort_keys=True, default=str)
    rows = [
        {
            "webhook_id": hook_id,
            "event": event,
            "payload": body,
            "dedupe": dedupe,
            "created_at": now,
            "attempts": 0,
            "next_attempt_at": now,
            "last_error": "",
            "state": "pending",
        }
        for hook_id in hooks
    ]
    if dedupe is None:
        session.connection().execute(_INSERT, rows)
        return len(rows)
    seen = set(
        session.execute(
            select(WebhookDelivery.webhook_id).where(
                WebhookDelivery.dedupe == dedupe, WebhookDelivery.webhook_id.in_(hooks)
            )
        ).scalars()
    )
    written = 0
    for row in rows:
        if row["webhook_id"] in seen:
            continue
        try:
            with session.begin_nested():  # another desktop queued the same alert first: theirs stands
                session.connection().execute(_INSERT, [row])
            written += 1
        except IntegrityError:
            pass
    return written

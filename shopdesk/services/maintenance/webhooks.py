"""The owner's webhooks: add (a generic hook gets its signing secret, sealed under the vault), list (URLs masked,
never a secret), remove, and what the outbox holds for each. Sending lives in `webhook_sender`."""

from __future__ import annotations

import re
import secrets as pysecrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import WEBHOOK_KINDS, Webhook, WebhookDelivery
from shopdesk.services.common import access, audit, clock, keystore, webhooks
from shopdesk.services.common.errors import InvalidInput, NotFound

EVENTS = webhooks.EVENTS
KINDS = WEBHOOK_KINDS
MAX_URL = 2000


@dataclass(frozen=True)
class HookView:
    id: int
    url: str  # masked: a robot's key, a bot's token and query values are shown by their first characters only
    kind: str
    events: tuple[str, ...]
    active: bool
    created_at: datetime
    created_by: str
    pending: int
    failed: int
    sent: int
    last_state: str | None  # the newest delivery's state ("pending", "sent", "failed"), None before any
    last_at: datetime | None  # when it was sent, or queued
    last_error: str


@dataclass(frozen=True)
class AddedHook:
    id: int
    url: str  # masked
    kind: str
    events: tuple[str, ...]
    secret: str | None  # a generic hook's signing secret: shown once, here


def parse_events(value: str | Iterable[str]) -> tuple[str, ...]:
    """`E1,E2` (or a list) checked against the events the shop raises, in EVENTS order, without repeats."""
    names = [n.strip() for n in (value.split(",") if isinstance(value, str) else value)]
    names = [n for n in names if n]
    choices = ", ".join(EVENTS)
    if not names:
        raise InvalidInput("webhooks.events_missing", choices=choices)
    for name in names:
        if name not in EVENTS:
            raise InvalidInput("webhooks.event_unknown", event=name, choices=choices)
    return tuple(e for e in EVENTS if e in names)


def check_url(url: str, kind: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > MAX_URL:
        raise InvalidInput("webhooks.url_invalid", url=mask_url(url)[:200])
    if kind == "telegram" and not dict(parse_qsl(parts.query)).get("chat_id"):
        raise InvalidInput("webhooks.telegram_chat_missing")
    return url


def mask_url(url: str) -> str:
    """The URL as a screen or a list may show it: scheme, host and path, with a bot token and every query value
    cut to its first 4 characters (a robot's key and a bot's token are what lets anyone post)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url[:12] + "…"
    path = re.sub(r"/bot([^/]{4})[^/]*", r"/bot\1…", parts.path)
    query = "&".join(f"{k}={v[:4] + '…' if len(v) > 4 else v}" for k, v in parse_qsl(parts.query))
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def add_hook(session: Session, url: str, *, kind: str, events: str | Iterable[str], actor: str) -> AddedHook:
    access.require_owner(session, subject="webhook")
    if kind not in KINDS:
        raise InvalidInput("webhooks.kind_unknown", kind=kind, choices=", ".join(KINDS))
    url = check_url(url, kind)
    chosen = parse_events(events)
    hook = Webhook(url=url, kind=kind, events=",".join(chosen), active=True, created_at=clock.now(), created_by=actor)
    session.add(hook)
    session.flush()
    secret = None
    if kind == "generic":
        secret = pysecrets.token_hex(32)
        hook.secret_sealed = keystore.seal_webhook_secret(keystore.vault_of(session), hook.id, secret)
        session.flush()
    webhooks.forget_subscribers(session)
    audit.record(
        session, actor=actor, action="webhook.added", subject=f"webhook:{hook.id}", kind=kind, url=mask_url(url)
    )
    return AddedHook(hook.id, mask_url(url), kind, chosen, secret)


def remove_hook(session: Session, hook_id: int, *, actor: str) -> int:
    """Remove a hook and its outbox rows (what it had not sent yet is dropped); returns the rows dropped."""
    access.require_owner(session, subject=f"webhook:{hook_id}")
    hook = session.get(Webhook, hook_id)
    if hook is None:
        raise NotFound("webhooks.not_found", hook=hook_id)
    dropped = session.execute(delete(WebhookDelivery).where(WebhookDelivery.webhook_id == hook_id)).rowcount
    session.delete(hook)
    session.flush()
    webhooks.forget_subscribers(session)
    audit.record(session, actor=actor, action="webhook.removed", subject=f"webhook:{hook_id}", dropped=dropped)
    return dropped


def get_hook(session: Session, hook_id: int) -> Webhook:
    hook = session.get(Webhook, hook_id)
    if hook is None:
        raise NotFound("webhooks.not_found", hook=hook_id)
    return hook


def list_hooks(session: Session) -> list[HookView]:
    d = WebhookDelivery
    counts: dict[tuple[int, str], int] = {
        (hook_id, state): n
        for hook_id, state, n in session.execute(
            select(d.webhook_id, d.state, func.count()).group_by(d.webhook_id, d.state)
        ).all()
    }
    newest = select(func.max(d.id)).group_by(d.webhook_id)
    last = {
        r.webhook_id: r
        for r in session.execute(
            select(d.webhook_id, d.state, d.sent_at, d.created_at, d.last_error).where(d.id.in_(newest))
        ).all()
    }
    out = []
    for hook in session.execute(select(Webhook).order_by(Webhook.id)).scalars():
        row = last.get(hook.id)
        out.append(
            HookView(
                hook.id,
                mask_url(hook.url),
                hook.kind,
                tuple(e for e in hook.events.split(",") if e),
                hook.active,
                hook.created_at,
                hook.created_by,
                counts.get((hook.id, "pending"), 0),
                counts.get((hook.id, "failed"), 0),
                counts.get((hook.id, "sent"), 0),
                row.state if row else None,
                (row.sent_at or row.created_at) if row else None,
                row.last_error if row else "",
            )
        )
    return out


@dataclass(frozen=True)
class QueueCounts:
    pending: int
    failed: int


def queue_counts(session: Session) -> QueueCounts:
    d = WebhookDelivery
    by_state = dict(session.execute(select(d.state, func.count()).group_by(d.state)).all())
    return QueueCounts(by_state.get("pending", 0), by_state.get("failed", 0))

"""Sending the webhook outbox: whichever ShopDesk process runs (the GUI, `serve-api`, `shopdesk webhook flush`).

One row at a time: a sender claims the oldest due row of a hook (`claim_next`: a guarded UPDATE moves its next
attempt a lease ahead, so two processes never send the same row), posts it outside any transaction with aiohttp,
then records the outcome (`record_result`). A failure is tried again with back-off (30 s, 1, 2, 4 … min, capped
at 1 h) and given up after a day; a hook's rows go out in order (a newer row waits behind the oldest). A sender
that dies mid-post leaves its row to come due again when the lease runs out: a receiver may see a row twice
(its `id` tells), never lose one. No Qt here: `write`/`read` are the caller's async DB executors.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Webhook, WebhookDelivery
from shopdesk.services.common import clock, keystore, settings, webhooks
from shopdesk.services.maintenance import webhook_text
from shopdesk.services.maintenance.webhooks import get_hook

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-ShopDesk-Signature"
TIMEOUT_S = 10.0
FIRST_RETRY_S = 30
MAX_RETRY_S = 3600
GIVE_UP_AFTER = timedelta(hours=24)
LEASE = timedelta(minutes=2)  # a claimed row comes due again after this if its sender never says how it went
RETRYABLE_4XX = (408, 425, 429)
USER_AGENT = "ShopDesk-Webhook/1"

Runner = Callable[..., Awaitable[Any]]  # await write(fn, *args): fn(session, *args) in a transaction


@dataclass(frozen=True)
class Job:
    delivery_id: int
    hook_id: int
    kind: str
    url: str
    secret: str | None
    event: str
    message: dict  # {"event", "at", "data"} as queued
    attempts: int  # this attempt included
    shop: str
    language: str


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    error: str


@dataclass
class FlushResult:
    sent: int = 0
    retrying: int = 0  # failed this time, tried again later
    failed: int = 0  # given up this time
    pending: int = 0  # still queued afterwards (not due yet, or waiting behind a hook's older row)
    gave_up: int = 0  # every row given up so far


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, 4 min … at most an hour."""
    return timedelta(seconds=min(FIRST_RETRY_S * 2 ** max(attempts - 1, 0), MAX_RETRY_S))


# --- the database side ------------------------------------------------------------------------------------

_d = WebhookDelivery


def _heads():
    """Each hook's oldest pending row: a hook's messages go out in order."""
    return select(func.min(_d.id)).where(_d.state == "pending").group_by(_d.webhook_id)


def next_due(session: Session) -> datetime | None:
    """When the first row can be sent (None: nothing queued). A cheap read before any write."""
    return session.execute(select(func.min(_d.next_attempt_at)).where(_d.id.in_(_heads()))).scalar()


def _shop_facts(session: Session, kind: str) -> tuple[str, str]:
    shop = settings.get(session, "shop.name") or "ShopDesk"
    language = settings.get(session, "shop.language") or ""
    if language not in webhook_text.LANGUAGES:
        language = webhook_text.DEFAULT_LANGUAGE[kind]
    return shop, language


def _secret(session: Session, hook: Webhook) -> str | None:
    if hook.secret_sealed is None:
        return None
    return keystore.open_webhook_secret(keystore.vault_of(session), hook.id, hook.secret_sealed)


def claim_next(session: Session) -> Job | None:
    """Take the oldest due row (write session): its next attempt moves a lease ahead under a guard that only one
    sender passes; None when nothing is due."""
    now = clock.now()
    for _ in range(5):  # another sender took the one found: look again
        row = session.execute(
            select(_d.id, _d.webhook_id, _d.event, _d.payload, _d.attempts)
            .join(Webhook, Webhook.id == _d.webhook_id)
            .where(_d.id.in_(_heads()), _d.next_attempt_at <= now, Webhook.active)
            .order_by(_d.next_attempt_at, _d.id)
            .limit(1)
        ).first()
        if row is None:
            return None
        claimed = session.execute(
            update(_d)
            .where(_d.id == row.id, _d.state == "pending", _d.next_attempt_at <= now)
            .values(next_attempt_at=now + LEASE, attempts=_d.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            continue
        hook = session.get(Webhook, row.webhook_id)
        shop, language = _shop_facts(session, hook.kind)
        return Job(
            row.id,
            hook.id,
            hook.kind,
            hook.url,
            _secret(session, hook),
            row.event,
            json.loads(row.payload),
            row.attempts + 1,
            shop,
            language,
        )
    return None


def record_result(session: Session, delivery_id: int, outcome: Outcome) -> str:
    """Write how the attempt went; returns the row's state ("sent", "pending" to retry, "failed": given up)."""
    now = clock.now()
    row = session.get(WebhookDelivery, delivery_id)
    if row is None:  # the hook was removed meanwhile
        return "failed"
    if outcome.ok:
        values = {"state": "sent", "sent_at": now, "last_status": outcome.status, "last_error": ""}
    else:
        permanent = outcome.status is not None and 400 <= outcome.status < 500 and outcome.status not in RETRYABLE_4XX
        late = now - row.created_at >= GIVE_UP_AFTER
        values = {"last_status": outcome.status, "last_error": outcome.error[:500]}
        if permanent or late:
            values["state"] = "failed"
        else:
            values["next_attempt_at"] = now + retry_delay(row.attempts)
    session.execute(
        update(_d).where(_d.id == delivery_id).values(**values).execution_options(synchronize_session=False)
    )
    return values.get("state", "pending")


def pending_count(session: Session) -> tuple[int, int]:
    """(pending, failed) rows."""
    by_state = dict(session.execute(select(_d.state, func.count()).group_by(_d.state)).all())
    return by_state.get("pending", 0), by_state.get("failed", 0)


def test_job(session: Session, hook_id: int) -> Job:
    """A test message for a hook, sent at once and never queued (`webhook test`)."""
    hook = get_hook(session, hook_id)
    shop, language = _shop_facts(session, hook.kind)
    message = webhooks.payload(webhooks.TEST_EVENT, {"hook": hook.id})
    return Job(0, hook.id, hook.kind, hook.url, _secret(session, hook), webhooks.TEST_EVENT, message, 1, shop, language)


# --- the wire -------------------------------------------------------------------------------------------------


def sign(secret: str, body: bytes) -> str:
    """The X-ShopDesk-Signature header: hex HMAC-SHA256 of the exact body bytes under the hook's secret."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def build_request(job: Job) -> tuple[str, bytes, dict[str, str]]:
    """(url, body, headers) of the POST for the hook's format."""
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    data = job.message.get("data", {})
    if job.kind == "generic":
        doc = {
            "id": job.delivery_id,
            "event": job.event,
            "at": job.message.get("at"),
            "shop": job.shop,
            "data": data,
        }
        body = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        if job.secret:
            headers[SIGNATURE_HEADER] = sign(job.secret, body)
        return job.url, body, headers
    text = webhook_text.sentence(job.event, data, job.language, job.shop)
    if job.kind == "wecom":
        doc = {"msgtype": "text", "text": {"content": text}}
        return job.url, json.dumps(doc, ensure_ascii=False).encode(), headers
    parts = urlsplit(job.url)
    query = parse_qsl(parts.query)
    chat_id = dict(query).get("chat_id", "")
    url = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "chat_id"])))
    doc = {"chat_id": chat_id, "text": text}
    return url, json.dumps(doc, ensure_ascii=False).encode(), headers


async def post(http, job: Job, *, timeout: float = TIMEOUT_S) -> Outcome:
    """POST the job; a 2xx is success (企业微信 also needs errcode 0 in its answer)."""
    import aiohttp

    url, body, headers = build_request(job)
    try:
        async with http.post(url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            text = await resp.text(errors="replace")
            if not 200 <= resp.status < 300:
                return Outcome(False, resp.status, f"HTTP {resp.status}: {text[:200]}")
            if job.kind == "wecom":
                try:
                    errcode = json.loads(text).get("errcode", 0)
                except (ValueError, AttributeError):
                    errcode = 0
                if errcode:
                    return Outcome(False, resp.status, f"errcode {errcode}: {text[:200]}")
            return Outcome(True, resp.status, "")
    except TimeoutError:
        return Outcome(False, None, f"no answer within {timeout:g} s")
    except aiohttp.ClientError as exc:
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:300])


async def send_test(read: Runner, hook_id: int, *, timeout: float = TIMEOUT_S) -> Outcome:
    import aiohttp

    job = await read(test_job, hook_id)
    async with aiohttp.ClientSession() as http:
        return await post(http, job, timeout=timeout)


async def flush(
    write: Runner, *, read: Runner | None = None, timeout: float = TIMEOUT_S, limit: int | None = None
) -> FlushResult:
    """Send every row due now, one at a time; rows that fail wait for their next attempt. With `read`, a look
    first: nothing due takes no write lock."""
    import aiohttp

    result = FlushResult()
    if read is not None:
        due = await read(next_due)
        if due is None or due > clock.now():
            result.pending, result.gave_up = await read(pending_count)
            return result
    async with aiohttp.ClientSession() as http:
        while limit is None or result.sent + result.retrying + result.failed < limit:
            job = await write(claim_next)
            if job is None:
                break
            outcome = await post(http, job, timeout=timeout)
            state = await write(record_result, job.delivery_id, outcome)
            if state == "sent":
                result.sent += 1
            elif state == "failed":
                result.failed += 1
                log.warning("webhook %s: gave up delivery %s: %s", job.hook_id, job.delivery_id, outcome.error)
            else:
                result.retrying += 1
    result.pending, result.gave_up = await (read or write)(pending_count)
    return result


async def run_forever(write: Runner, read: Runner | None = None, *, every: float = 15.0, extra=None) -> None:
    """The background sender of a long-running process: a flush every `every` seconds (and `extra()` after each,
    e.g. the anomaly check); a failure (the database server away, a bug) is logged and the loop goes on."""
    while True:
        try:
            await flush(write, read=read)
            if extra is not None:
                await extra()
        except asyncio.CancelledError:
            raise
        except Exception:  # the next round tries again; the rows are safe in the outbox
            log.exception("webhook sender: this round failed")
        await asyncio.sleep(every)


class AnomalyWatch:
    """Looks for anomaly alerts at most once per `every` seconds while a hook wants them, and queues the new ones
    (each alert once per hook, across processes: the outbox row's `dedupe` is the alert's key)."""

    def __init__(self, write: Runner, read: Runner, *, every: float = 3600.0, monotonic=None):
        import time

        self.write, self.read, self.every = write, read, every
        self._monotonic = monotonic or time.monotonic
        self._last: float | None = None

    async def __call__(self) -> int:
        from shopdesk.services.numbers import alerts

        now = self._monotonic()
        if self._last is not None and now - self._last < self.every:
            return 0
        self._last = now
        if not await self.read(webhooks.wants, "anomaly"):
            return 0
        found = await self.read(alerts.alerts)
        return await self.write(alerts.announce, found) if found else 0

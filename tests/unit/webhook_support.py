"""Helpers for the webhook tests: hooks added through the service, the outbox read as plain rows, the sender run
on a real event loop with the shop's database in worker threads."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select

from shopdesk.app import ShopApp
from shopdesk.db.models import WebhookDelivery
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.maintenance import webhook_sender, webhooks


def add_hook(app: ShopApp, url: str, kind: str = "generic", events: str = "paid_order") -> webhooks.AddedHook:
    with app.db.write() as s:
        return webhooks.add_hook(s, url, kind=kind, events=events, actor="owner")


def runner(app: ShopApp, how: str):
    async def run(fn, *args):
        return await asyncio.to_thread(app.db.run, how, fn, *args)

    return run


def flush(app: ShopApp, *, timeout: float = 2.0) -> webhook_sender.FlushResult:
    return asyncio.run(webhook_sender.flush(runner(app, "write"), read=runner(app, "read"), timeout=timeout))


def deliveries(app: ShopApp) -> list[dict]:
    with app.db.read() as s:
        rows = s.execute(select(WebhookDelivery).order_by(WebhookDelivery.id)).scalars().all()
        return [
            {
                "id": r.id,
                "hook": r.webhook_id,
                "event": r.event,
                "data": json.loads(r.payload)["data"],
                "payload": r.payload,
                "state": r.state,
                "attempts": r.attempts,
                "next": r.next_attempt_at,
                "created": r.created_at,
                "error": r.last_error,
                "status": r.last_status,
            }
            for r in rows
        ]


def add_product(app: ShopApp, sku: str, *, threshold: int = 20, price_fen: int = 1000) -> int:
    with app.db.write() as s:
        return catalog.add_product(
            s, ProductInput(sku=sku, name=f"商品 {sku}", price_fen=price_fen, low_stock_threshold=threshold)
        ).id

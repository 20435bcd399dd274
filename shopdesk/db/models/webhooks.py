"""Outbound webhooks: the hooks the owner registered and the outbox of deliveries they are sent from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime

WEBHOOK_KINDS = ("generic", "wecom", "telegram")
DELIVERY_STATES = ("pending", "sent", "failed")


class Webhook(Base):
    """Where alerts go: a URL, its format (`kind`), the events it wants (comma list) and, for a generic hook, the
    secret its body is signed with, sealed under the shop's vault (base64, as the API secret is)."""

    __tablename__ = "webhook"
    __table_args__ = (CheckConstraint("kind IN ('generic', 'wecom', 'telegram')", name="kind"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    events: Mapped[str] = mapped_column(String(200))
    secret_sealed: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class WebhookDelivery(Base):
    """One message to one hook, written in the transaction of the event that caused it (never lost on a restart).

    A sender claims a due row by moving `next_attempt_at` past now under a guard (one sender per row); a failure
    schedules the next attempt with back-off, until the row is given up (`failed`). `dedupe` names an event that
    must reach a hook once (an anomaly alert), unique per hook."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'sent', 'failed')", name="state"),
        Index("ix_webhook_delivery_due", "state", "webhook_id", "id"),
        UniqueConstraint("webhook_id", "dedupe"),  # uq_webhook_delivery_webhook_id
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhook.id"))
    event: Mapped[str] = mapped_column(String(24))
    payload: Mapped[str] = mapped_column(Text)
    dedupe: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_status: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

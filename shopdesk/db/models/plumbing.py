"""Plumbing: order timelines, the outbox, the audit trail, settings, API requests and signatures, flagged payments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime


class OrderEvent(Base):
    __tablename__ = "order_event"
    __table_args__ = (Index("ix_order_event_order", "order_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class Change(Base):
    """The outbox: every write appends here in its own transaction; readers follow the id."""

    __tablename__ = "change"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused, so readers can follow them

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    topic: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_action", "action", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    prev_hash: Mapped[str | None] = mapped_column(String(64))  # the hash chain (see services/common/chain)
    hash: Mapped[str | None] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ApiRequest(Base):
    """A storefront request done under an Idempotency-Key: a replay gets this response back."""

    __tablename__ = "api_request"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    body_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiSignature(Base):
    """A storefront signature already accepted: refused if sent again before it expires (pruned as it goes)."""

    __tablename__ = "api_signature"
    __table_args__ = (Index("ix_api_signature_expires", "expires_at"),)

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UnmatchedPayment(Base):
    """Money a gateway took that no order can keep (order closed, already paid): flagged for refund."""

    __tablename__ = "unmatched_payment"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount"),
        Index("ix_unmatched_payment_open", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    trade_no: Mapped[str] = mapped_column(String(100), unique=True)
    method: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(100))

"""Products and their card keys: batches, keys, key events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime


class Product(Base):
    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("kind IN ('code+secret', 'secret', 'reusable')", name="kind"),
        CheckConstraint("rollback_policy IN ('restock', 'verify', 'void')", name="rollback_policy"),
        CheckConstraint("price_fen >= 0 AND face_value_fen >= 0", name="money"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(16), default="code+secret")
    price_fen: Mapped[int] = mapped_column(BigInteger)
    face_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    rollback_policy: Mapped[str] = mapped_column(String(8), default="verify")
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=20)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The message pasted into QQ/WeChat with the keys ("" = the default wording, in the operator's language).
    delivery_template: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))


class KeyBatch(Base):
    __tablename__ = "key_batch"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    supplier: Mapped[str] = mapped_column(String(200), default="")
    unit_cost_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    key_count: Mapped[int] = mapped_column(Integer, default=0)


KEY_STATUSES = ("available", "reserved", "delivered", "recalled", "void", "expired")


class CardKey(Base):
    __tablename__ = "card_key"
    __table_args__ = (
        CheckConstraint(
            "status IN ('available', 'reserved', 'delivered', 'recalled', 'void', 'expired')", name="status"
        ),
        # A reserved or delivered key always says which order line holds it.
        CheckConstraint("status NOT IN ('reserved', 'delivered') OR order_line_id IS NOT NULL", name="held_by_line"),
        Index("ix_card_key_product_status", "product_id", "status", "id"),
        Index("ix_card_key_order_line", "order_line_id"),
        Index("ix_card_key_batch", "batch_id"),
        Index("ix_card_key_status_expires", "status", "expires_at"),
        Index("ix_card_key_status_changed", "status_changed_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("key_batch.id"))
    card_no: Mapped[str | None] = mapped_column(String(200))
    secret_enc: Mapped[bytes] = mapped_column(LargeBinary)
    secret_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    secret_tail: Mapped[str] = mapped_column(String(4), default="")
    status: Mapped[str] = mapped_column(String(12), default="available")
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KeyEvent(Base):
    __tablename__ = "key_event"
    __table_args__ = (
        Index("ix_key_event_key", "key_id", "id"),
        Index("ix_key_event_order", "order_id", "kind"),  # an order's deliveries; the keys a case is about
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("card_key.id"))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(100))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")

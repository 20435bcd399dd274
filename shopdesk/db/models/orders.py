"""Orders, their lines, payments, refunds and coupons."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime

ORDER_STATUSES = (
    "pending_payment",
    "paid",
    "awaiting_stock",
    "delivered",
    "completed",
    "closed",
    "cancelled",
)
PAYMENT_STATUSES = ("unpaid", "paid", "partially_refunded", "refunded")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending_payment', 'paid', 'awaiting_stock', 'delivered', 'completed', 'closed', 'cancelled')",
            name="status",
        ),
        CheckConstraint(
            "payment_status IN ('unpaid', 'paid', 'partially_refunded', 'refunded')", name="payment_status"
        ),
        CheckConstraint("source IN ('desk', 'api', 'simulator', 'demo')", name="source"),
        CheckConstraint("total_fen >= 0 AND refunded_fen >= 0 AND refunded_fen <= paid_fen", name="money"),
        UniqueConstraint("source", "external_id", name="uq_orders_source_external_id"),
        Index("ix_orders_status_created", "status", "created_at"),
        Index("ix_orders_customer", "customer_id"),
        Index("ix_orders_pay_deadline", "pay_deadline"),
        # The owner's numbers read ranges of orders by creation time, from the index alone.
        Index("ix_orders_created_figures", "created_at", "status", "paid_fen", "refunded_fen", "source"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    source: Mapped[str] = mapped_column(String(12), default="desk")
    external_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="pending_payment")
    payment_status: Mapped[str] = mapped_column(String(20), default="unpaid")
    total_fen: Mapped[int] = mapped_column(BigInteger)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    pay_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0 AND delivered_qty >= 0 AND delivered_qty <= quantity", name="qty"),
        Index("ix_order_line_order", "order_id"),
        Index("ix_order_line_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(BigInteger)
    # Reusable products sell one secret many times: such a line holds no key rows, its deliveries
    # are the key events of kind 'delivered' that name its order.
    delivered_qty: Mapped[int] = mapped_column(Integer, default=0)


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    method: Mapped[str] = mapped_column(String(24))
    trade_no: Mapped[str] = mapped_column(String(100), unique=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Refund(Base):
    __tablename__ = "refund"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount"),
        CheckConstraint("destination IN ('wallet', 'external')", name="destination"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    destination: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Coupon(Base):
    __tablename__ = "coupon"
    __table_args__ = (CheckConstraint("value_fen > 0 AND used_count >= 0", name="value"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    value_fen: Mapped[int] = mapped_column(BigInteger)
    min_order_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    max_uses: Mapped[int | None] = mapped_column(Integer)
    used_count: Mapped[int] = mapped_column(Integer, default=0)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CouponUse(Base):
    __tablename__ = "coupon_use"
    __table_args__ = (UniqueConstraint("coupon_id", "order_id", name="uq_coupon_use_coupon_order"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupon.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    discount_fen: Mapped[int] = mapped_column(BigInteger)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    restored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

"""SQLAlchemy 2 typed models. The constraints here are the last line of defence of the domain rules."""

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
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shopdesk.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BigInteger ids that are still SQLite rowid aliases (INTEGER PRIMARY KEY).
Id = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- catalogue --------------------------------------------------------------------------------


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
    __table_args__ = (Index("ix_key_event_key", "key_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("card_key.id"))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(100))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


# --- customers and money ------------------------------------------------------------------------


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (CheckConstraint("risk_level IN ('normal', 'watch', 'risky')", name="risk_level"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200), default="")
    risk_level: Mapped[str] = mapped_column(String(8), default="normal")
    risk_override: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # set by hand
    risk_note: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


ACCOUNT_KINDS = ("wallet", "revenue", "refunds", "compensation", "clearing")


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("kind IN ('wallet', 'revenue', 'refunds', 'compensation', 'clearing')", name="kind"),
        CheckConstraint("kind <> 'wallet' OR balance_fen >= 0", name="wallet_not_negative"),
        CheckConstraint("(kind = 'wallet') = (customer_id IS NOT NULL)", name="wallet_has_customer"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), unique=True)
    balance_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class JournalEntry(Base):
    __tablename__ = "journal_entry"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    input_hash: Mapped[str] = mapped_column(String(64))
    memo: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Posting(Base):
    __tablename__ = "posting"
    __table_args__ = (
        CheckConstraint("amount_fen <> 0", name="not_zero"),
        Index("ix_posting_account", "account_id"),
        Index("ix_posting_entry", "entry_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    amount_fen: Mapped[int] = mapped_column(BigInteger)


# --- orders -----------------------------------------------------------------------------------

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


# --- after-sales ------------------------------------------------------------------------------

CASE_OPEN_STATUSES = ("new", "in_progress", "waiting_customer")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("resp_class IN ('customer', 'merchant', 'system')", name="resp_class"),
        CheckConstraint("status IN ('new', 'in_progress', 'waiting_customer', 'resolved', 'closed')", name="status"),
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('retained', 'cancelled', 'replaced', 'rejected')", name="outcome"
        ),
        # One open case per order.
        Index(
            "uq_cases_one_open_per_order",
            "order_id",
            unique=True,
            sqlite_where=text("status IN ('new', 'in_progress', 'waiting_customer')"),
            postgresql_where=text("status IN ('new', 'in_progress', 'waiting_customer')"),
        ),
        Index("ix_cases_status_due", "status", "first_response_due"),
        Index("ix_cases_order", "order_id"),  # a customer's cases (credit profile), an order's history
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    resp_class: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(40))
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    status: Mapped[str] = mapped_column(String(20), default="new")
    outcome: Mapped[str | None] = mapped_column(String(10))
    assignee: Mapped[str | None] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SOP: the policy in force when the case opened, the pause in progress, each breach recorded once.
    policy_id: Mapped[int | None] = mapped_column(Id)  # sop_policy.id; policy versions are never deleted
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    rejection_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    rolled_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(
        Integer, default=1, server_default=text("1")
    )  # bumped by every change: two staff, one winner


class CaseEvent(Base):
    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case", "case_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(100))
    rule: Mapped[str | None] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


# --- plumbing ---------------------------------------------------------------------------------


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


# --- the after-sales desk's editable data -----------------------------------------------------------


class Reason(Base):
    """The reason taxonomy: a code within a responsibility class, labelled in both languages."""

    __tablename__ = "reason"
    __table_args__ = (CheckConstraint("resp_class IN ('customer', 'merchant', 'system')", name="resp_class"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    resp_class: Mapped[str] = mapped_column(String(10))
    label_en: Mapped[str] = mapped_column(String(100))
    label_zh: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SopPolicy(Base):
    """Targets per (class, priority). An edit writes a new active version; open cases keep theirs."""

    __tablename__ = "sop_policy"
    __table_args__ = (
        CheckConstraint("resp_class IN ('customer', 'merchant', 'system')", name="resp_class"),
        CheckConstraint("first_response_minutes > 0 AND resolution_minutes > 0", name="targets"),
        Index(
            "uq_sop_policy_active",
            "resp_class",
            "priority",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    resp_class: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(10))
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    pause_states: Mapped[str] = mapped_column(String(100), default="waiting_customer")  # comma-separated
    escalation: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {"at": "breach"|"2x", "action"}
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class Rule(Base):
    """One step of the rule track: conditions (JSON) and the action that settles a standard case."""

    __tablename__ = "rule"
    __table_args__ = (
        CheckConstraint("action IN ('close_unpaid', 'cancel_refund', 'replace_key', 'to_person')", name="action"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    conditions: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RetentionOffer(Base):
    __tablename__ = "retention_offer"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('price_protection', 'swap', 'compensation_coupon', 'compensation_credit', 'alternative', "
            "'keep_coupon')",
            name="kind",
        ),
        CheckConstraint("answer IS NULL OR answer IN ('accepted', 'declined')", name="answer"),
        Index("ix_retention_offer_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: product to swap to, coupon value, ...
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    offered_by: Mapped[str] = mapped_column(String(100))
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(String(10))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReplyTemplate(Base):
    """话术: what staff say for a reason, with {customer}, {order}, {amount} placeholders."""

    __tablename__ = "reply_template"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)

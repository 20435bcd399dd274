"""The after-sales desk: cases, their events, and the desk's editable data (reasons, SOP, rules, offers, replies)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime

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
        Index("ix_cases_opened", "opened_at"),  # the owner's numbers: cases opened in a range
        Index("ix_cases_reason", "reason_code", "order_id"),  # the supplier report: the key-defect cases
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
    calendar_id: Mapped[int | None] = mapped_column(Id)  # business_calendar.id: deadlines count open hours only
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

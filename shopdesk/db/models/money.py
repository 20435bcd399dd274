"""Customers and money: accounts (wallets and the shop's own), journal entries and their postings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (
        CheckConstraint("risk_level IN ('normal', 'watch', 'risky')", name="risk_level"),
        # Prefixes of a name or contact (the order search's short fragments) read these.
        Index("ix_customer_name", "name"),
        Index("ix_customer_contact", "contact"),
        Index("ix_customer_contact_key", "contact_key"),  # the storefront finds a customer by contact
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200), default="")
    # The contact as matched (services/money/customers.contact_key): same key, same customer.
    contact_key: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    risk_level: Mapped[str] = mapped_column(String(8), default="normal")
    risk_override: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # set by hand
    risk_note: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Merged into another customer (services/money/merging): the survivor, and when. Hidden from lists and look-ups.
    merged_into_id: Mapped[int | None] = mapped_column(Id)  # no FK: SQLite adds no constraint to a table
    merged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Blacklisted (services/desk/credit.block): the storefront refuses new orders from the contact.
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blocked_reason: Mapped[str | None] = mapped_column(Text)
    blocked_by: Mapped[str | None] = mapped_column(String(100))
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
    prev_hash: Mapped[str | None] = mapped_column(String(64))  # the hash chain (see services/common/chain)
    hash: Mapped[str | None] = mapped_column(String(64))


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

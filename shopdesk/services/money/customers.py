"""Customers and their wallets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Account, Customer, JournalEntry, Order, Posting
from shopdesk.services.common import access, clock, outbox
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.money import ledger, merging


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    contact: str
    risk_level: str
    notes: str
    balance_fen: int
    order_count: int = 0
    blocked: bool = False
    blocked_reason: str | None = None
    merged_into: int | None = None  # merged into that customer (the survivor): hidden from lists and look-ups


_LABEL = re.compile(r"^(qq|tel|phone|mobile|手机|电话)\s*[:：]?\s*", re.IGNORECASE)
_DIGITS = re.compile(r"^\+?[\d\s\-().]+$")


def contact_key(contact: str) -> str:
    """The contact as customers are matched by: e-mails trimmed and case-folded, phone and QQ numbers as their
    digits (a "QQ:" or "tel" label, spaces, dashes and a +86 prefix dropped), anything else without spaces and
    case-folded. Full-width characters count as their ASCII forms."""
    text = unicodedata.normalize("NFKC", contact or "").strip()
    if not text:
        return ""
    if "@" in text:
        return "".join(text.split()).casefold()
    rest = _LABEL.sub("", text, count=1)
    if _DIGITS.match(rest) and sum(ch.isdigit() for ch in rest) >= 5:
        digits = "".join(ch for ch in rest if ch.isdigit())
        if len(digits) == 15 and digits.startswith("0086"):
            digits = digits[4:]
        elif len(digits) == 13 and digits.startswith("86") and digits[2] == "1":
            digits = digits[2:]
        return digits
    return "".join(text.split()).casefold()


def find_by_contact(session: Session, contact: str) -> int | None:
    """The first customer with this contact (as matched by `contact_key`), through the contact index; a merged
    customer's contact finds the customer it was merged into."""
    key = contact_key(contact)
    if not key:
        return None
    found = session.execute(
        select(Customer.id, Customer.merged_into_id).where(Customer.contact_key == key).order_by(Customer.id).limit(1)
    ).first()
    if found is None:
        return None
    return found.id if found.merged_into_id is None else merging.survivor_of(session, found.merged_into_id)


def _clean(name: str, contact: str) -> tuple[str, str]:
    name, contact = name.strip(), contact.strip()
    if not name:
        raise InvalidInput("customer.name_missing")
    if len(name) > 200 or len(contact) > 200:
        raise InvalidInput("customer.too_long")
    return name, contact


def add_customer(session: Session, name: str, contact: str = "", notes: str = "") -> CustomerView:
    name, contact = _clean(name, contact)
    now = clock.now()
    customer = Customer(
        name=name,
        contact=contact,
        contact_key=contact_key(contact),
        notes=notes,
        risk_level="normal",
        created_at=now,
        updated_at=now,
    )
    session.add(customer)
    session.flush()
    ledger.open_wallet(session, customer.id)
    outbox.emit(session, "customer", customer.id)
    return get_customer(session, customer.id)


def edit_customer(session: Session, customer_id: int, name: str, contact: str = "", notes: str = "") -> CustomerView:
    customer = _load(session, customer_id)
    customer.name, customer.contact = _clean(name, contact)
    customer.contact_key = contact_key(customer.contact)
    customer.notes = notes
    customer.updated_at = clock.now()
    session.flush()
    outbox.emit(session, "customer", customer.id)
    return get_customer(session, customer_id)


def get_customer(session: Session, customer_id: int) -> CustomerView:
    c = _load(session, customer_id)
    orders = session.execute(select(func.count()).where(Order.customer_id == customer_id)).scalar_one()
    return _view(c, ledger.wallet_balance(session, c.id), orders)


def _view(c: Customer, balance_fen: int, orders: int) -> CustomerView:
    return CustomerView(
        c.id,
        c.name,
        c.contact,
        c.risk_level,
        c.notes,
        balance_fen,
        orders,
        c.blocked_at is not None,
        c.blocked_reason if c.blocked_at is not None else None,
        c.merged_into_id,
    )


def list_customers(session: Session, search: str = "") -> list[CustomerView]:
    orders = select(func.count()).where(Order.customer_id == Customer.id).correlate(Customer).scalar_subquery()
    query = (
        select(Customer, Account.balance_fen, orders)
        .outerjoin(Account, Account.customer_id == Customer.id)
        .where(Customer.merged_into_id.is_(None))
        .order_by(Customer.id)
    )
    if search.strip():
        # Case-insensitive on both databases (SQLite's LIKE is, PostgreSQL's is not); % and _ are the text typed.
        text = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{text}%"
        query = query.where(Customer.name.ilike(like, escape="\\") | Customer.contact.ilike(like, escape="\\"))
    return [_view(c, bal or 0, n) for c, bal, n in session.execute(query)]


def merge(session: Session, from_id: int, into_id: int | None, *, actor: str) -> CustomerView:
    """Merge customer `from_id` into `into_id` (owner only; see services/money/merging): the survivor's view. The
    survivor's credit level is left to `desk.credit.refresh` (the CLI and the customer page call it) or the next
    rollback. (`into_id` None: the person has not chosen the customer to keep yet.)"""
    if into_id is None:
        raise InvalidInput("customer.merge_target_missing")
    merging.merge_records(session, from_id, into_id, actor=actor)
    return get_customer(session, into_id)


@dataclass(frozen=True)
class WalletPosting:
    at: datetime
    amount_fen: int  # + into the wallet, - out of it
    kind: str  # the journal entry's kind: topup, sale, refund, compensation, reversal:...
    order_number: str | None
    entry_id: int
    memo: str


def wallet_history(session: Session, customer_id: int) -> list[WalletPosting]:
    """Every posting on the customer's wallet, oldest first, with its reason (the entry's kind) and order."""
    _load(session, customer_id)
    query = (
        select(JournalEntry.at, Posting.amount_fen, JournalEntry.kind, Order.number, JournalEntry.id, JournalEntry.memo)
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .join(Account, Account.id == Posting.account_id)
        .outerjoin(Order, Order.id == JournalEntry.order_id)
        .where(Account.code == ledger.wallet_code(customer_id))
        .order_by(JournalEntry.id)
    )
    return [WalletPosting(*row) for row in session.execute(query)]


@access.needs("money.topup")
def topup(
    session: Session, customer_id: int, amount_fen: int, *, idempotency_key: str, actor: str, memo: str = ""
) -> ledger.EntryResult:
    """Money paid in from outside (cash, transfer) credited to the wallet (not a merged customer's: the survivor's)."""
    customer = _load(session, customer_id)
    if customer.merged_into_id is not None:
        raise Conflict("customer_merge.topup_merged", customer=customer_id, survivor=customer.merged_into_id)
    if amount_fen <= 0:
        raise InvalidInput("wallet.topup_not_positive")
    return ledger.post(
        session,
        kind="topup",
        postings=[(ledger.wallet_code(customer_id), amount_fen), ("clearing", -amount_fen)],
        idempotency_key=idempotency_key,
        actor=actor,
        memo=memo,
    )


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer.not_found/create_order", customer=customer_id)
    return customer

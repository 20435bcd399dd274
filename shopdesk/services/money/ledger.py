"""Double-entry ledger. Entries are immutable; a reversal is a new entry; every call is idempotent.

Sign convention: an account's balance is the sum of its postings. A wallet's positive balance is money
the shop holds for the customer; revenue grows positive; `clearing` (money outside: payment gateways)
and the contra accounts `refunds` and `compensation` go negative as money flows through them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.db.models import Account, JournalEntry, Posting
from shopdesk.db.queries import driver
from shopdesk.services.common import audit, chain, clock, outbox
from shopdesk.services.common.errors import Conflict, IdempotencyConflict, InsufficientFunds, InvalidInput, NotFound
from shopdesk.services.common.money import MAX_FEN, format_yuan

SYSTEM_ACCOUNTS = ("revenue", "refunds", "compensation", "clearing")

# Every payment posts an entry: its statements, written once for the driver's cursor (db.queries.Driver).
_accounts = Account.__table__
_ACCOUNT_IDS = select(_accounts.c.code, _accounts.c.id).where(
    _accounts.c.code.in_(bindparam("b_codes", expanding=True))
)
_SQL_ENTRY_BY_KEY = "SELECT id, kind, reverses_id, input_hash FROM journal_entry WHERE idempotency_key = ?"
_SQL_INSERT_ENTRY = (
    "INSERT INTO journal_entry (kind, order_id, case_id, reverses_id, idempotency_key, input_hash, memo, actor, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
_SQL_ACCOUNT_ID = "SELECT id FROM account WHERE code = ?"
_SQL_INSERT_POSTINGS = "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, ?)"
_SQL_APPLY_AMOUNT = (
    "UPDATE account SET balance_fen = balance_fen + ? WHERE id = ? AND (kind != 'wallet' OR balance_fen + ? >= 0)"
)


class _Prior(NamedTuple):
    id: int
    kind: str
    reverses_id: int | None
    input_hash: str


@dataclass(frozen=True)
class EntryResult:
    entry_id: int
    kind: str
    postings: tuple[tuple[str, int], ...]
    reverses_id: int | None
    replayed: bool = False


def wallet_code(customer_id: int) -> str:
    return f"wallet:{customer_id}"


def open_wallet(session: Session, customer_id: int) -> int:
    """The customer's wallet account id, created empty on first use."""
    code = wallet_code(customer_id)
    found = session.execute(select(Account.id).where(Account.code == code)).scalar_one_or_none()
    if found is not None:
        return found
    return session.execute(
        insert(Account).values(code=code, kind="wallet", customer_id=customer_id, balance_fen=0).returning(Account.id)
    ).scalar_one()


def balance(session: Session, code: str) -> int:
    value = session.execute(select(Account.balance_fen).where(Account.code == code)).scalar_one_or_none()
    if value is None:
        raise NotFound("ledger.account_not_found", account=repr(code))
    return value


def wallet_balance(session: Session, customer_id: int) -> int:
    value = session.execute(
        select(Account.balance_fen).where(Account.code == wallet_code(customer_id))
    ).scalar_one_or_none()
    return value or 0


def post(
    session: Session,
    *,
    kind: str,
    postings: Sequence[tuple[str, int]],
    idempotency_key: str,
    actor: str,
    order_id: int | None = None,
    case_id: int | None = None,
    memo: str = "",
    _reverses_id: int | None = None,
) -> EntryResult:
    """Record one balanced entry. Same key + same input returns the first result; other input is refused."""
    if not idempotency_key or not idempotency_key.strip():
        raise InvalidInput("ledger.idempotency_key_missing")
    lines = _validate(postings)
    digest = _input_hash(kind, lines, order_id, case_id, _reverses_id)

    prior = _find_by_key(session, idempotency_key)
    if prior is not None:
        return _replay(session, prior, digest, idempotency_key)

    session.flush()  # what the ORM holds back goes first (the statements below bypass its autoflush)
    account_ids = _account_ids(session, [code for code, _ in lines])
    head = chain.begin(session, chain.JOURNAL)  # locks the chain before the entry takes its id; no key, no entry
    now = clock.now()
    db = driver(session)
    entry_row = (kind, order_id, case_id, _reverses_id, idempotency_key, digest, memo, actor, db.at(now))
    try:
        if db.sqlite:
            # A failed INSERT in SQLite undoes only itself: no savepoint needed around it.
            entry_id = db.run(_SQL_INSERT_ENTRY, entry_row).fetchall()[0][0]
        else:
            with session.begin_nested():
                entry_id = driver(session).run(_SQL_INSERT_ENTRY, entry_row).fetchall()[0][0]
    except IntegrityError:
        # Another writer took the key or reversed the entry between our check and insert.
        prior = _find_by_key(session, idempotency_key)
        if prior is not None:
            return _replay(session, prior, digest, idempotency_key)
        raise Conflict("ledger.already_reversed/post", entry=_reverses_id) from None
    db.many(_SQL_INSERT_POSTINGS, [(entry_id, account_ids[c], a) for c, a in lines])
    _apply_balances(session, lines, account_ids)
    # Sealed once its postings are in: adding, changing or removing a posting breaks the link.
    chain.append(
        session,
        head,
        entry_id,
        chain.journal_content(
            entry_id, kind, order_id, case_id, _reverses_id, idempotency_key, digest, memo, actor, now, lines
        ),
    )
    audit.sealed_late(session, head, actor=actor)
    # Every movement of money is in the trail too: who moved how much, where, for which order or case.
    audit.record(
        session,
        actor=actor,
        action=f"money.{kind}",
        announce=False,
        subject=f"entry:{entry_id}",
        order=order_id,
        case=case_id,
        postings=[[code, amount] for code, amount in lines],
    )
    for code in {c for c, _ in lines}:
        if code.startswith("wallet:"):
            outbox.emit(session, "customer", int(code.split(":", 1)[1]))
    return EntryResult(entry_id, kind, tuple(lines), _reverses_id)


def reverse(session: Session, entry_id: int, *, idempotency_key: str, actor: str, memo: str = "") -> EntryResult:
    """Post the mirror image of an entry. An entry is reversed at most once; a reversal is not reversed."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None:
        raise NotFound("ledger.entry_not_found", entry=entry_id)
    prior = _find_by_key(session, idempotency_key)
    if prior is None:
        if entry.reverses_id is not None:
            raise Conflict("ledger.reversal_reversed", entry=entry_id)
        taken = session.execute(
            select(JournalEntry.id).where(JournalEntry.reverses_id == entry_id)
        ).scalar_one_or_none()
        if taken is not None:
            raise Conflict("ledger.already_reversed/reverse", entry=entry_id, reversal=taken)
    mirror = [(code, -amount) for code, amount in _postings_of(session, entry_id)]
    return post(
        session,
        kind=f"reversal:{entry.kind}",
        postings=mirror,
        idempotency_key=idempotency_key,
        actor=actor,
        order_id=entry.order_id,
        case_id=entry.case_id,
        memo=memo or f"reverses entry {entry_id}",
        _reverses_id=entry_id,
    )


def entry_by_key(session: Session, idempotency_key: str) -> EntryResult | None:
    """The entry recorded under this idempotency key, if any."""
    prior = _find_by_key(session, idempotency_key)
    return _result(session, prior, replayed=True) if prior is not None else None


def entries_for_order(session: Session, order_id: int) -> list[EntryResult]:
    ids = session.execute(
        select(JournalEntry.id).where(JournalEntry.order_id == order_id).order_by(JournalEntry.id)
    ).scalars()
    return [_result(session, session.get(JournalEntry, i), replayed=False) for i in ids]


# --- internals ---------------------------------------------------------------------------------


def _validate(postings: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    merged: dict[str, int] = defaultdict(int)
    for code, amount in postings:
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise InvalidInput("ledger.posting_not_whole", account=code, got=repr(amount))
        if abs(amount) > MAX_FEN:
            raise InvalidInput("ledger.posting_too_large", account=code, amount=amount)
        merged[code] += amount
    lines = sorted((c, a) for c, a in merged.items() if a != 0)
    if len(lines) < 2:
        raise InvalidInput("ledger.too_few_postings")
    total = sum(a for _, a in lines)
    if total != 0:
        raise InvalidInput("ledger.unbalanced", total=format_yuan(total))
    return lines


def _input_hash(kind, lines, order_id, case_id, reverses_id) -> str:
    payload = json.dumps([kind, lines, order_id, case_id, reverses_id], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def _find_by_key(session: Session, key: str):
    """The entry (id, kind, reverses_id, input_hash) recorded under this idempotency key, if any."""
    row = driver(session).run(_SQL_ENTRY_BY_KEY, (key,)).fetchone()
    return _Prior(*row) if row is not None else None


def _replay(session: Session, prior: JournalEntry, digest: str, key: str) -> EntryResult:
    if prior.input_hash != digest:
        raise IdempotencyConflict("ledger.idempotency_key_reused", key=repr(key), entry=prior.id)
    return _result(session, prior, replayed=True)


def _result(session: Session, entry: JournalEntry, *, replayed: bool) -> EntryResult:
    return EntryResult(entry.id, entry.kind, tuple(_postings_of(session, entry.id)), entry.reverses_id, replayed)


def _postings_of(session: Session, entry_id: int) -> list[tuple[str, int]]:
    return [
        (code, amount)
        for code, amount in session.execute(
            select(Account.code, Posting.amount_fen)
            .join(Account, Account.id == Posting.account_id)
            .where(Posting.entry_id == entry_id)
            .order_by(Account.code)
        )
    ]


def _account_ids(session: Session, codes: list[str]) -> dict[str, int]:
    conn = session.connection()
    # System accounts are created by a migration and never change: remember their ids per connection.
    system = conn.info.get("shopdesk.system_accounts")
    if system is None:
        system = dict(conn.execute(_ACCOUNT_IDS, {"b_codes": list(SYSTEM_ACCOUNTS)}).all())
        conn.info["shopdesk.system_accounts"] = system
    found = {c: system[c] for c in codes if c in system}
    db = driver(session)
    for code in codes:
        if code not in found:
            row = db.run(_SQL_ACCOUNT_ID, (code,)).fetchone()
            if row is not None:
                found[code] = row[0]
    for code in codes:
        if code in found:
            continue
        if code.startswith("wallet:"):
            found[code] = open_wallet(session, int(code.split(":", 1)[1]))
        else:
            raise NotFound("ledger.account_not_found", account=repr(code))
    return found


def _apply_balances(session: Session, lines: list[tuple[str, int]], ids: dict[str, int]) -> None:
    # Debits first so an overdraft is found before anything else moves; the guarded UPDATE is the
    # real check (it holds under concurrent writers), the CHECK constraint the last resort.
    db = driver(session)
    for code, amount in sorted(lines, key=lambda line: line[1]):
        if db.run(_SQL_APPLY_AMOUNT, (amount, ids[code], amount)).rowcount != 1:
            have = balance(session, code)
            raise InsufficientFunds(
                "wallet.insufficient_funds",
                wallet=code.split(":", 1)[1],
                have=format_yuan(have),
                need=format_yuan(-amount),
            )

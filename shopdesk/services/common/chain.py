"""The tamper-evident trail: audit events and journal entries are two hash chains.

Each row carries `prev_hash` (the hash of the row before it in its chain) and `hash` = HMAC-SHA256 over
`prev_hash` and the row's canonical content (a stable JSON of every column but the hashes; a journal entry's
includes its postings, account code and amount), keyed by a sub-key of the shop's data key. Editing, deleting
or inserting a row (or a posting) breaks a link that only the key could mend; `chain_head` remembers the last
link, so cutting rows off the end shows too.

Appending (`begin` before the row is inserted, `append` once it and its postings are): `begin` locks the heads
(SELECT ... FOR UPDATE where the dialect has it; SQLite's single writer serialises anyway), always both in the
same order so two writers never deadlock on them; `append` writes the row's hashes and moves its head, in the
caller's transaction. Nothing is cached across appends, so a savepoint that rolls back undoes its links too.

Without the key (the vault is locked or missing) a row is still written, with NULL hashes, under the same
lock: it is pending. The next append with the key first seals every pending row, in id order, then its own,
and returns what it sealed late (`Head.late`) so the writer records a `trail.sealed_late` event: the late
sealing is itself in the trail. Verification accepts pending rows only at the end of a chain (after its head)
and counts them; a NULL-hash row inside the chain is an inserted one. (Refusing writes without the key would
be stricter, but ShopDesk lets a second desktop write before it unlocks; see DESIGN.md section 5.) Rows from
before the chains existed (an upgraded shop) are sealed the same way, in id order, when the chain gets its head
(at the shop's first unlock, or at the first append), so an upgraded shop starts with a complete chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.db.locks import on_server, serialize
from shopdesk.db.models import Account, AuditEvent, ChainHead, JournalEntry, Posting
from shopdesk.db.queries import driver
from shopdesk.services.common.errors import Conflict
from shopdesk.services.common.vault import Vault, VaultError

AUDIT, JOURNAL = "audit", "journal"
NAMES = (AUDIT, JOURNAL)
TABLES = {AUDIT: "audit_event", JOURNAL: "journal_entry"}
GENESIS = "0" * 64  # the prev_hash of a chain's first row
ENABLED = True  # bench/chain.py only: False writes no links (and needs no key)
_CHUNK = 2000

_audit, _entries, _heads = AuditEvent.__table__, JournalEntry.__table__, ChainHead.__table__
_TABLE = {AUDIT: _audit, JOURNAL: _entries}
# Both heads, locked in name order, each with whether rows wait after it (pending: written without the key).
_LOCK_HEADS = (
    select(
        _heads.c.name,
        _heads.c.last_id,
        _heads.c.hash,
        case(
            (_heads.c.name == AUDIT, select(_audit.c.id).where(_audit.c.id > _heads.c.last_id).exists()),
            else_=select(_entries.c.id).where(_entries.c.id > _heads.c.last_id).exists(),
        ).label("pending"),
    )
    .order_by(_heads.c.name)
    .with_for_update(of=_heads)
)
_MOVE_HEAD = (
    update(_heads)
    .where(_heads.c.name == bindparam("b_name"))
    .values(last_id=bindparam("b_last"), hash=bindparam("b_hash"))
)
_SET_LINK = {
    name: update(t).where(t.c.id == bindparam("b_id")).values(prev_hash=bindparam("b_prev"), hash=bindparam("b_hash"))
    for name, t in _TABLE.items()
}
# The lock for SQLite's own driver, and the link and head moves for the driver's cursor (db.queries.Driver, both
# dialects): every payment runs them, and they are the chain's whole cost per row.
_SQLITE_LOCK = (
    "SELECT name, last_id, hash, CASE name WHEN 'audit' THEN EXISTS (SELECT 1 FROM audit_event WHERE id > last_id)"
    " ELSE EXISTS (SELECT 1 FROM journal_entry WHERE id > last_id) END FROM chain_head ORDER BY name"
)
_SQL_SET_LINK = {name: f"UPDATE {TABLES[name]} SET prev_hash = ?, hash = ? WHERE id = ?" for name in NAMES}
_SQL_MOVE_HEAD = "UPDATE chain_head SET last_id = ?, hash = ? WHERE name = ?"
_keys: weakref.WeakKeyDictionary[Vault, bytes] = weakref.WeakKeyDictionary()


# --- hashing ----------------------------------------------------------------------------------------


def chain_key(vault: Vault) -> bytes:
    """The HMAC key of both chains, derived from the data key (a rotation changes it)."""
    key = _keys.get(vault)
    if key is None:
        key = _keys[vault] = vault.derive(b"trail hash chain")
    return key


def _iso(at: datetime | None) -> str | None:
    if at is None:
        return None
    if at.tzinfo is None:  # a stored naive value is UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _canonical(obj: dict) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def audit_content(id: int, actor: str, action: str, subject: str, detail: str, at: datetime) -> bytes:
    """The canonical content of an audit event: every column but the hashes."""
    return _canonical(
        {
            "t": "audit_event",
            "id": id,
            "actor": actor,
            "action": action,
            "subject": subject,
            "detail": detail,
            "at": _iso(at),
        }
    )


def journal_content(
    id: int,
    kind: str,
    order_id: int | None,
    case_id: int | None,
    reverses_id: int | None,
    idempotency_key: str | None,
    input_hash: str,
    memo: str,
    actor: str,
    at: datetime,
    postings: Sequence[tuple[str | None, int]],
) -> bytes:
    """The canonical content of a journal entry: every column but the hashes, and its postings (code, amount)."""
    return _canonical(
        {
            "t": "journal_entry",
            "id": id,
            "kind": kind,
            "order_id": order_id,
            "case_id": case_id,
            "reverses_id": reverses_id,
            "idempotency_key": idempotency_key,
            "input_hash": input_hash,
            "memo": memo,
            "actor": actor,
            "at": _iso(at),
            "postings": sorted([code or "", amount] for code, amount in postings),
        }
    )


def link(key: bytes, prev_hash: str, content: bytes) -> str:
    """A row's hash: HMAC-SHA256 over the previous row's hash and this row's content."""
    return hmac.new(key, prev_hash.encode() + b"\n" + content, hashlib.sha256).hexdigest()


# --- appending --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """A chain's head, locked for this transaction: the row to come links to `hash`."""

    name: str
    key: bytes
    last_id: int
    hash: str
    late: tuple[int, int, int] | None = None  # pending rows this append sealed first: (first id, last id, count)


def _session_key(session: Session) -> bytes:
    """The chain key of the session's vault (the way keystore.vault_of finds it); its VaultError when locked."""
    vault = session.info.get("vault")
    if vault is None:
        raise session.info.get("vault_error") or VaultError("vault.locked")
    return chain_key(vault)


def begin(session: Session, name: str) -> Head | None:
    """Lock the heads before a row of chain `name` is inserted, first sealing the rows pending after its head.

    None when there is no key (the row stays pending: NULL hashes) or the chains are switched off (the benchmark's
    baseline); `append` then writes nothing."""
    if not ENABLED:
        return None
    heads = _locked_heads(session)
    vault = session.info.get("vault")
    if vault is None:
        return None
    key = chain_key(vault)
    row = heads.get(name)
    if row is None and on_server(session):
        # Another desktop may be giving this chain its head right now (its first row ever): wait for it, then look
        # again with a fresh read, which sees a head it committed meanwhile.
        serialize(session, "chain.start", name)
        session.info.pop(_CACHE, None)
        heads = _locked_heads(session)
        row = heads.get(name)
    if row is None:
        head = start(session, name, key)
    else:
        head = Head(name, key, row[0], row[1])
        if row[2]:
            head = _seal_pending(session, head)
    heads[name] = [head.last_id, head.hash, False]
    return head


_CACHE = "shopdesk.chain_heads"


def _locked_heads(session: Session) -> dict[str, list]:
    """{name: [last_id, hash, pending]} of the heads, locked: read once per transaction (savepoint included),
    and kept in step by `append`. Keyed by the innermost transaction, so a savepoint that rolls back (taking its
    links and head moves with it) leaves nothing behind here: the next append reads the heads again."""
    txn = session.get_nested_transaction() or session.get_transaction()
    cached = session.info.get(_CACHE)
    if cached is not None and cached[0] is txn:
        return cached[1]
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        rows = conn.connection.dbapi_connection.execute(_SQLITE_LOCK).fetchall()
        heads = {name: [last_id, digest, bool(pending)] for name, last_id, digest, pending in rows}
    else:
        heads = {row.name: [row.last_id, row.hash, row.pending] for row in conn.execute(_LOCK_HEADS)}
    session.info[_CACHE] = (txn, heads)
    return heads


def _seal_pending(session: Session, head: Head) -> Head:
    """Seal the rows after the head, when every one of them is unsealed (anything else there was not written by
    ShopDesk: it is left as it is, for verification to name)."""
    table = _TABLE[head.name]
    if (
        session.execute(select(table.c.id).where(table.c.id > head.last_id, table.c.hash.is_not(None)).limit(1)).first()
        is not None
    ):
        return head
    first = session.execute(select(table.c.id).where(table.c.id > head.last_id).order_by(table.c.id).limit(1)).scalar()
    last_id, last_hash, count = _seal_all(session, head.name, head.key, after=head.last_id, prev=head.hash)
    session.connection().execute(_MOVE_HEAD, {"b_name": head.name, "b_last": last_id, "b_hash": last_hash})
    return Head(head.name, head.key, last_id, last_hash, late=(first, last_id, count))


def append(session: Session, head: Head | None, row_id: int, content: bytes) -> str | None:
    """Seal the row `row_id` (inserted after `begin`) onto its chain and move the head; returns its hash."""
    if head is None:
        return None
    digest = link(head.key, head.hash, content)
    db = driver(session)
    db.run(_SQL_SET_LINK[head.name], (head.hash, digest, row_id))
    db.run(_SQL_MOVE_HEAD, (row_id, digest, head.name))
    session.info[_CACHE][1][head.name] = [row_id, digest, False]
    return digest


def unstarted(session: Session) -> list[str]:
    """The chains with rows but no head, none of them sealed: a shop upgraded from before the chains. (Sealed
    rows without a head are damage, left for verification to name.)"""
    have = set(session.execute(select(_heads.c.name)).scalars())
    out = []
    for name in NAMES:
        t = _TABLE[name]
        rows = name not in have and session.execute(select(t.c.id).limit(1)).first() is not None
        if rows and session.execute(select(t.c.id).where(t.c.hash.is_not(None)).limit(1)).first() is None:
            out.append(name)
    return out


def start(session: Session, name: str, key: bytes) -> Head:
    """Give chain `name` its head, first sealing, in id order, the rows written before the chains existed.

    Refused (Conflict chain.head_missing) when some row is sealed already: the head was deleted, and sealing
    the rest would hide what was done to them."""
    table = _TABLE[name]
    if session.execute(select(table.c.id).where(table.c.hash.is_not(None)).limit(1)).first() is not None:
        raise Conflict("chain.head_missing", chain=name)
    last_id, last_hash, count = _seal_all(session, name, key)
    try:
        with session.begin_nested():
            session.execute(_heads.insert().values(name=name, last_id=last_id, hash=last_hash))
    except IntegrityError:  # another writer started it first (a server database): take its head
        pass
    row = session.connection().execute(_LOCK_HEADS.where(_heads.c.name == name)).one()
    return Head(name, key, row.last_id, row.hash)  # rows from before the chains: not "late", there was no chain


def reseal(session: Session, vault: Vault) -> None:
    """Both chains recomputed under `vault`'s key (a rotation, after verifying them under the old one)."""
    key = chain_key(vault)
    session.info.pop(_CACHE, None)  # the heads move here: a later append in this transaction reads them again
    for name in NAMES:
        last_id, last_hash, _ = _seal_all(session, name, key)
        moved = session.execute(_MOVE_HEAD, {"b_name": name, "b_last": last_id, "b_hash": last_hash})
        if moved.rowcount == 0:
            session.execute(_heads.insert().values(name=name, last_id=last_id, hash=last_hash))


def _seal_all(session: Session, name: str, key: bytes, *, after: int = 0, prev: str = GENESIS) -> tuple[int, str, int]:
    """Every row of the chain after id `after` linked anew in id order, from `prev`; the last (id, hash), and how
    many rows."""
    last_id, count = after, 0
    for chunk in _rows(session, name, after):
        count += len(chunk)
        batch = []
        for row_id, _prev, _hash, content in chunk:
            digest = link(key, prev, content)
            batch.append({"b_id": row_id, "b_prev": prev, "b_hash": digest})
            prev, last_id = digest, row_id
        session.connection().execute(_SET_LINK[name], batch)
    return last_id, prev, count


def _rows(session: Session, name: str, after: int = 0) -> Iterator[list[tuple[int, str | None, str | None, bytes]]]:
    """The chain's rows after id `after` as (id, prev_hash, hash, canonical content), in chunks by id (a chunk may
    be rewritten before the next is read)."""
    conn = session.connection()
    last = after
    if name == AUDIT:
        t = _audit
        query = select(t.c.id, t.c.prev_hash, t.c.hash, t.c.actor, t.c.action, t.c.subject, t.c.detail, t.c.at)
        while rows := conn.execute(query.where(t.c.id > last).order_by(t.c.id).limit(_CHUNK)).all():
            yield [
                (r.id, r.prev_hash, r.hash, audit_content(r.id, r.actor, r.action, r.subject, r.detail, r.at))
                for r in rows
            ]
            last = rows[-1].id
        return
    t, p, a = _entries, Posting.__table__, Account.__table__
    query = select(
        t.c.id, t.c.prev_hash, t.c.hash, t.c.kind, t.c.order_id, t.c.case_id, t.c.reverses_id, t.c.idempotency_key,
        t.c.input_hash, t.c.memo, t.c.actor, t.c.at,
    )  # fmt: skip
    postings = (
        select(p.c.entry_id, a.c.code, p.c.amount_fen)
        .select_from(p.outerjoin(a, a.c.id == p.c.account_id))
        .where(p.c.entry_id.between(bindparam("b_lo"), bindparam("b_hi")))
    )
    while rows := conn.execute(query.where(t.c.id > last).order_by(t.c.id).limit(_CHUNK)).all():
        lines: dict[int, list[tuple[str | None, int]]] = {}
        for entry_id, code, amount in conn.execute(postings, {"b_lo": rows[0].id, "b_hi": rows[-1].id}):
            lines.setdefault(entry_id, []).append((code, amount))
        yield [
            (
                r.id, r.prev_hash, r.hash,
                journal_content(
                    r.id, r.kind, r.order_id, r.case_id, r.reverses_id, r.idempotency_key, r.input_hash, r.memo,
                    r.actor, r.at, lines.get(r.id, ()),
                ),
            )
            for r in rows
        ]  # fmt: skip
        last = rows[-1].id


# --- verifying --------------------------------------------------------------------------------------

# What can be wrong with a link (the `problem` of a Break; scripts read these words).
CONTENT_CHANGED = "content_changed"  # the row's columns (or postings) are not what was sealed
LINK_MISSING = "link_missing"  # the row is genuine but the row before it is gone (deleted)
NOT_SEALED = "not_sealed"  # the row carries no hash: inserted outside ShopDesk
AFTER_HEAD = "after_head"  # a sealed-looking row beyond the chain's head: inserted
TRUNCATED = "truncated"  # the head names a last row that is not there: rows cut off the end
HEAD_MISSING = "head_missing"  # rows, but no head


@dataclass(frozen=True)
class Break:
    chain: str
    table: str
    id: int
    problem: str
    detail: str


@dataclass(frozen=True)
class Verdict:
    chain: str
    checked: int  # rows looked at, pending ones included
    broken: Break | None
    pending: int = 0  # rows after the head written without the key, sealed by the next append with it

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(session: Session, name: str, vault: Vault | None = None) -> Verdict:
    """Recompute chain `name` (with the session's key unless `vault` is given) and return its first broken link."""
    key = chain_key(vault) if vault is not None else _session_key(session)
    table = TABLES[name]
    head = session.execute(select(_heads.c.last_id, _heads.c.hash).where(_heads.c.name == name)).first()
    head_id = head.last_id if head is not None else 0
    checked, pending, expected, last_id, pending_from = 0, 0, GENESIS, 0, None

    def broken(row_id: int, problem: str, detail: str) -> Verdict:
        return Verdict(name, checked, Break(name, table, row_id, problem, f"{table} row {row_id}: {detail}"))

    for chunk in _rows(session, name):
        for row_id, prev, digest, content in chunk:
            checked += 1
            if digest is None or prev is None:
                if row_id <= head_id:
                    return broken(row_id, NOT_SEALED, "not sealed into the chain (inserted outside ShopDesk)")
                pending_from, pending = pending_from or row_id, pending + 1  # after the head: written without the key
                continue
            if pending_from is not None:  # a sealed row after an unsealed one: that one was slipped in
                return broken(pending_from, NOT_SEALED, "not sealed into the chain (inserted outside ShopDesk)")
            if not hmac.compare_digest(link(key, prev, content), digest):
                return broken(row_id, CONTENT_CHANGED, "its content is not what was sealed (edited or forged)")
            if prev != expected:
                return broken(row_id, LINK_MISSING, "the row before it in the chain is missing (deleted)")
            if head is None:
                return broken(row_id, HEAD_MISSING, "the chain has no head (chain_head row deleted)")
            if row_id > head_id:
                return broken(row_id, AFTER_HEAD, f"comes after the chain's head (row {head_id}): inserted")
            expected, last_id = digest, row_id
    if head is not None and (head.last_id != last_id or head.hash != expected):
        return broken(
            head.last_id,
            TRUNCATED,
            f"the chain's head names this row, but the chain ends at row {last_id or 'none'} (rows cut off the end)",
        )
    return Verdict(name, checked, None, pending)


def verify_all(session: Session, vault: Vault | None = None) -> list[Verdict]:
    return [verify(session, name, vault) for name in NAMES]


def heads(session: Session) -> dict[str, tuple[int, str]]:
    """Each chain's head as it stands: {name: (last sealed row id, its hash)}; a chain not started is absent."""
    return {name: (last_id, digest) for name, last_id, digest in session.execute(select(_heads))}

"""The one place a card key changes status: a guarded transition, its key events and its outbox rows, together.

`transition` moves keys `WHERE status IN (:expected)` and returns only the keys that really moved, so two
desktops or two callbacks can never both take one key. `pick` is the stock pick (available, unexpired, oldest
first) and `take` hands keys over, opening each secret first: a damaged one is quarantined, never sold. Keys that
come back on sale are announced to the restock listeners (orders waiting for stock take them first).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from shopdesk.db.locks import skip_locked
from shopdesk.db.models import KEY_STATUSES, CardKey, Product
from shopdesk.db.queries import driver
from shopdesk.services.common import audit, clock, notes, outbox, webhooks
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.common.keystore import vault_of

STATUSES = KEY_STATUSES
EVENT_FOR = {
    "available": "restocked",
    "reserved": "reserved",
    "delivered": "delivered",
    "recalled": "recalled",
    "void": "void",
    "expired": "expired",
}
KEEP = object()  # `line=KEEP`: the keys stay on the order line they are on


class Moved(NamedTuple):
    key_id: int
    product_id: int


_keys = CardKey.__table__
# What every delivery and rollback runs, written once for the driver's cursor (db.queries.Driver).
_INSERT_EVENTS = "INSERT INTO key_event (key_id, kind, actor, order_id, case_id, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
# A key past its expiry is never sold, even before the hourly sweep marks it expired.
_SELLABLE = (
    select(_keys.c.id, _keys.c.secret_enc, _keys.c.secret_hash, _keys.c.product_id)
    .where(
        _keys.c.product_id == bindparam("b_product"),
        _keys.c.status == "available",
        or_(_keys.c.expires_at.is_(None), _keys.c.expires_at > bindparam("b_now")),
    )
    .order_by(_keys.c.id)
    .limit(bindparam("b_limit"))
)
# Two desktops delivering the same product at once take different keys instead of queueing for the same ones.
_PICK = skip_locked(_SELLABLE)
_HELD = "SELECT id, secret_enc, secret_hash, product_id FROM card_key WHERE order_line_id = ? AND status = 'reserved'"
_AVAILABLE_OF_REUSABLE = (
    select(Product.sku, Product.kind, func.count(CardKey.id))
    .outerjoin(CardKey, (CardKey.product_id == Product.id) & (CardKey.status == "available"))
    .where(Product.id.in_(bindparam("b_products", expanding=True)), Product.kind == "reusable")
    .group_by(Product.id)
)


_CHUNK = 500  # ids per guarded UPDATE (well under any driver's limit on parameters)


@functools.cache
def _statement(ids: int, expected: int, set_line: bool, of_product: bool) -> str:
    """UPDATE card_key SET status, status_changed_at[, order_line_id] WHERE (id IN ids | order_line_id) AND status
    IN expected [AND product_id] RETURNING id, product_id; `ids` 0 means by line. Parameters in that order."""
    sets = "status = ?, status_changed_at = ?" + (", order_line_id = ?" if set_line else "")
    where = f"id IN ({', '.join('?' * ids)})" if ids else "order_line_id = ?"
    where += " AND status = ?" if expected == 1 else f" AND status IN ({', '.join('?' * expected)})"
    if of_product:
        where += " AND product_id = ?"
    return f"UPDATE card_key SET {sets} WHERE {where} RETURNING id, product_id"


def transition(
    session: Session,
    ids: Sequence[int] | None = None,
    *,
    expected: str | Sequence[str],
    to: str,
    actor: str,
    of_line: int | None = None,
    line: object = None,
    product_id: int | None = None,
    order_id: int | None = None,
    case_id: int | None = None,
    event: str | None = None,
    note: str = "",
    notes: dict[int, str] | None = None,
) -> list[Moved]:
    """Move the keys `ids` (or every key on the order line `of_line`) that are in `expected` to status `to`.

    `line` is the order line the keys are then held by (None frees them; KEEP leaves them where they are).
    Writes one key event per moved key (kind `event`, by default the one of the new status; `notes` per key
    overrides `note`) and the outbox rows for the keys and their products. Returns the keys that moved."""
    if ids is not None and not ids:
        return []
    statuses = [expected] if isinstance(expected, str) else list(expected)
    if not statuses:
        return []
    at = clock.now()
    db = driver(session)
    head = [to, db.at(at)] + ([] if line is KEEP else [line])
    tail = statuses + ([] if product_id is None else [product_id])
    set_line = line is not KEEP
    moved: list[Moved] = []
    if of_line is not None:
        sql = _statement(0, len(statuses), set_line, product_id is not None)
        moved.extend(Moved(*r) for r in db.run(sql, [*head, of_line, *tail]).fetchall())
    else:
        ids = list(ids)
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            sql = _statement(len(part), len(statuses), set_line, product_id is not None)
            moved.extend(Moved(*r) for r in db.run(sql, [*head, *part, *tail]).fetchall())
    if not moved:
        return moved
    kind = event or EVENT_FOR[to]
    record_events(
        session,
        [m.key_id for m in moved],
        kind,
        actor,
        order_id=order_id,
        case_id=case_id,
        note=note,
        notes=notes,
        _at=at,
    )
    products = sorted({m.product_id for m in moved})
    outbox.emit_each(session, [*(("stock", p) for p in products), *(("key", m.key_id) for m in moved)])
    if to == "available":
        restocked(session, products, actor)
    return moved


def record_events(
    session: Session,
    ids: Iterable[int],
    kind: str,
    actor: str,
    *,
    order_id: int | None = None,
    case_id: int | None = None,
    note: str = "",
    notes: dict[int, str] | None = None,
    _at=None,
) -> None:
    """Key events without a status change (a secret revealed or served, a key moved to another product)."""
    db = driver(session)
    at = db.at(_at or clock.now())
    rows = [(k, kind, actor, order_id, case_id, at, notes.get(k, note) if notes else note) for k in ids]
    db.many(_INSERT_EVENTS, rows)


# --- the stock pick and the hand-over --------------------------------------------------------------------


def pick(session: Session, product_id: int, limit: int, *, shared: bool = False):
    """Up to `limit` keys of the product that can be sold now, oldest first: (id, secret_enc, secret_hash, product).

    The keys are this transaction's until it ends (other writers pass over them), unless `shared`: the one secret
    of a reusable product is sold to everyone at once."""
    params = {"b_product": product_id, "b_limit": limit, "b_now": clock.now()}
    return session.connection().execute(_SELLABLE if shared else _PICK, params).all()


def take(
    session: Session,
    product_id: int,
    line_id: int,
    order_id: int,
    qty: int,
    *,
    to: str,
    actor: str,
    case_id: int | None = None,
    note: str = "",
) -> list[int]:
    """Move up to `qty` available keys of the product onto the order line (reserved or delivered); returns their
    ids. Every secret is opened before its key is taken: a damaged one is quarantined and the next one taken."""
    taken: list[int] = []
    while len(taken) < qty:
        rows = pick(session, product_id, qty - len(taken))
        if not rows:
            break
        sound = _sound(session, rows, "available", order_id)
        if sound:
            moved = transition(
                session,
                sound,
                expected="available",
                to=to,
                actor=actor,
                line=line_id,
                product_id=product_id,
                order_id=order_id,
                case_id=case_id,
                note=note,
            )
            taken.extend(m.key_id for m in moved)
    if taken and webhooks.wants(session, "low_stock"):
        _announce_low_stock(session, product_id, len(taken))
    return taken


def _announce_low_stock(session: Session, product_id: int, taken: int) -> None:
    """The product's stock fell below its threshold with this take: told once per crossing, not on every sale
    (counted up to the threshold only, so a million keys cost nothing)."""
    product = session.execute(
        select(Product.sku, Product.name, Product.kind, Product.low_stock_threshold).where(Product.id == product_id)
    ).one()
    limit = product.low_stock_threshold
    if product.kind == "reusable" or limit <= 0:
        return
    sellable = _SELLABLE.with_only_columns(_keys.c.id).limit(limit).subquery()
    left = session.execute(
        select(func.count()).select_from(sellable), {"b_product": product_id, "b_now": clock.now()}
    ).scalar_one()
    if left < limit <= left + taken:
        webhooks.enqueue(
            session,
            "low_stock",
            product_id=product_id,
            sku=product.sku,
            name=product.name,
            available=left,
            threshold=limit,
        )


def deliver_reserved(session: Session, line_id: int, order_id: int, actor: str) -> list[int]:
    """The keys the line holds (reserved when the order was made) become delivered; damaged ones are quarantined."""
    rows = driver(session).run(_HELD, (line_id,)).fetchall()
    sound = _sound(session, rows, "reserved", order_id) if rows else []
    moved = transition(
        session, sound, expected="reserved", to="delivered", actor=actor, line=line_id, order_id=order_id
    )
    return [m.key_id for m in moved]


def reusable_secret(session: Session, product_id: int, order_id: int, copies: int, actor: str) -> bool:
    """A reusable product sells its one secret again: a delivery event names the order (no status change)."""
    rows = pick(session, product_id, 1, shared=True)
    sound = _sound(session, rows, "available", order_id) if rows else []
    if not sound:
        return False
    record_events(
        session, sound, "delivered", actor, order_id=order_id, note=notes.coded("key.reusable", copies=copies)
    )
    return True


def _sound(session: Session, rows, status: str, order_id: int | None) -> list[int]:
    """The ids whose secret opens and matches its hash; the others are quarantined."""
    vault = vault_of(session)
    good, damaged = [], []
    for key_id, blob, digest, product_id in rows:
        (good if vault.secret_opens(blob, digest, product_id) else damaged).append(key_id)
    if damaged:
        quarantine(session, damaged, expected=status, order_id=order_id)
    return good


def quarantine(session: Session, ids: Sequence[int], *, expected: str, order_id: int | None) -> list[Moved]:
    """Take keys whose secret does not open out of sale (void, event `quarantined`), with an audit event and an
    alert for their products."""
    moved = transition(
        session,
        ids,
        expected=expected,
        to="void",
        actor="system",
        line=None,
        order_id=order_id,
        event="quarantined",
        note=notes.coded("key.damaged"),
    )
    if moved:
        audit.record(
            session,
            actor="system",
            action="key.quarantined",
            subject="keys",
            keys=[m.key_id for m in moved],
            order=order_id,
        )
        outbox.emit_many(session, "alert", sorted({m.product_id for m in moved}))
    return moved


# --- rules that hold on every path ------------------------------------------------------------------------


class OneSecretOnly(Conflict, InvalidInput):
    """A reusable product sells one secret: never two on sale at once (a conflict with what is there, from input)."""


def check_one_reusable_secret(session: Session, product_ids: int | Sequence[int], *, adding: int = 0) -> None:
    """A reusable product sells one secret: it never has two available, whichever way they would arrive (an import,
    a batch added by hand, a key moved or put back on sale). `adding`: keys about to be inserted (one product)."""
    ids = [product_ids] if isinstance(product_ids, int) else list(product_ids)
    if not ids:
        return
    rows = session.connection().execute(_AVAILABLE_OF_REUSABLE, {"b_products": ids}).all()
    for sku, kind, have in rows:
        if kind == "reusable" and have + adding > 1:
            raise OneSecretOnly("key.one_secret_only", sku=sku, count=have + adding)


RestockListener = Callable[[Session, Sequence[int], str], Iterable[int] | None]
_restock_listeners: list[RestockListener] = []


def when_restocked(listener: RestockListener) -> RestockListener:
    """Call `listener(session, product_ids, actor)` whenever keys of those products come (back) on sale, in the
    transaction that did it. The composition root connects the orders waiting for stock here."""
    if listener not in _restock_listeners:
        _restock_listeners.append(listener)
    return listener


def restocked(session: Session, product_ids: Sequence[int], actor: str) -> list[int]:
    """Keys of these products are on sale (new, or back): the rule is checked and the listeners told. Returns what
    the listeners report (the orders that got keys)."""
    check_one_reusable_secret(session, product_ids)
    out: list[int] = []
    for listener in _restock_listeners:
        out.extend(listener(session, product_ids, actor) or ())
    return out

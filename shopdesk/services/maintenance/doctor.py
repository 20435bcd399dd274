"""`shopdesk doctor`: the invariants of DESIGN.md section 5, checked with plain SQL, read-only; the trail's hash
chains recomputed with the shop's key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session

from shopdesk.db.models import Base, CardKey, Product, ReasonModel
from shopdesk.services.common import chain, keystore
from shopdesk.services.common.vault import VaultError


@dataclass(frozen=True)
class Violation:
    check: str
    detail: str


# Each check is a query returning one row per violation: (subject, detail).
CHECKS: dict[str, str] = {
    "entry postings sum to zero": """
        SELECT e.id, 'entry ' || e.id || ' postings sum to ' || COALESCE(SUM(p.amount_fen), 0)
          || ' over ' || COUNT(p.id) || ' posting(s)'
        FROM journal_entry e LEFT JOIN posting p ON p.entry_id = e.id
        GROUP BY e.id HAVING COALESCE(SUM(p.amount_fen), 0) <> 0 OR COUNT(p.id) < 2""",
    "cached balances equal postings": """
        SELECT a.id, 'account ' || a.code || ' says ' || a.balance_fen || ' but its postings sum to '
          || COALESCE((SELECT SUM(p.amount_fen) FROM posting p WHERE p.account_id = a.id), 0)
        FROM account a
        WHERE a.balance_fen <> COALESCE((SELECT SUM(p.amount_fen) FROM posting p WHERE p.account_id = a.id), 0)""",
    "wallets never negative": """
        SELECT a.id, 'wallet ' || a.code || ' is ' || a.balance_fen FROM account a
        WHERE a.kind = 'wallet' AND a.balance_fen < 0""",
    "a reversal mirrors its entry": """
        SELECT r.id, 'entry ' || r.id || ' reverses entry ' || r.reverses_id || ' but does not mirror it'
        FROM journal_entry r WHERE r.reverses_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM (
            SELECT account_id, SUM(amount_fen) AS s FROM posting WHERE entry_id = r.id GROUP BY account_id
          ) x LEFT JOIN (
            SELECT account_id, SUM(amount_fen) AS s FROM posting WHERE entry_id = r.reverses_id GROUP BY account_id
          ) y ON x.account_id = y.account_id
          WHERE y.s IS NULL OR x.s <> -y.s)""",
    "a merged customer points at a customer kept": """
        SELECT c.id, 'customer ' || c.id || ' is merged into customer ' || c.merged_into_id
          || CASE WHEN s.id IS NULL THEN ' which does not exist' ELSE ' which is merged too' END
        FROM customer c LEFT JOIN customer s ON s.id = c.merged_into_id
        WHERE c.merged_into_id IS NOT NULL AND (s.id IS NULL OR s.merged_into_id IS NOT NULL)""",
    "held keys belong to a line of their product": """
        SELECT k.id, 'key ' || k.id || ' is ' || k.status || ' for line '
          || COALESCE(CAST(k.order_line_id AS TEXT), 'none')
          || CASE WHEN l.id IS NULL THEN ' which does not exist' ELSE ' of product ' || l.product_id END
        FROM card_key k LEFT JOIN order_line l ON l.id = k.order_line_id
        WHERE k.status IN ('reserved', 'delivered') AND (l.id IS NULL OR l.product_id <> k.product_id)""",
    "reserved keys belong to unpaid orders": """
        SELECT k.id, 'key ' || k.id || ' is reserved for order ' || o.id || ' which is ' || o.status
        FROM card_key k JOIN order_line l ON l.id = k.order_line_id JOIN orders o ON o.id = l.order_id
        WHERE k.status = 'reserved' AND o.status <> 'pending_payment'""",
    "delivered keys match the line's count": """
        SELECT l.id, 'line ' || l.id || ' of order ' || l.order_id || ' says ' || l.delivered_qty
          || ' delivered but holds ' || COUNT(k.id) || ' delivered key(s)'
        FROM order_line l JOIN product p ON p.id = l.product_id
        LEFT JOIN card_key k ON k.order_line_id = l.id AND k.status = 'delivered'
        WHERE p.kind <> 'reusable'
        GROUP BY l.id HAVING COUNT(k.id) <> l.delivered_qty""",
    "order status agrees with its deliveries": """
        SELECT o.id, 'order ' || o.number || ' is ' || o.status || ' with ' || SUM(l.delivered_qty) || ' of '
          || SUM(l.quantity) || ' key(s) delivered'
        FROM orders o JOIN order_line l ON l.order_id = o.id
        GROUP BY o.id
        HAVING (o.status IN ('delivered', 'completed') AND SUM(l.delivered_qty) <> SUM(l.quantity))
            OR (o.status IN ('pending_payment', 'closed', 'paid') AND SUM(l.delivered_qty) <> 0)
            OR (o.status = 'awaiting_stock' AND SUM(l.delivered_qty) >= SUM(l.quantity))""",
    "order status agrees with its payments": """
        SELECT o.id, 'order ' || o.number || ' is ' || o.status || '/' || o.payment_status || ', paid '
          || o.paid_fen || ' of ' || o.total_fen || ', payments sum to '
          || COALESCE((SELECT SUM(amount_fen) FROM payment WHERE order_id = o.id), 0)
        FROM orders o
        WHERE o.paid_fen <> COALESCE((SELECT SUM(amount_fen) FROM payment WHERE order_id = o.id), 0)
           OR o.refunded_fen <> COALESCE((SELECT SUM(amount_fen) FROM refund WHERE order_id = o.id), 0)
           OR (o.payment_status = 'unpaid' AND o.paid_fen <> 0)
           OR (o.payment_status <> 'unpaid' AND o.paid_fen <> o.total_fen)
           OR (o.payment_status = 'refunded' AND o.refunded_fen <> o.paid_fen)
           OR (o.payment_status = 'partially_refunded' AND NOT (o.refunded_fen > 0 AND o.refunded_fen < o.paid_fen))
           OR (o.payment_status = 'paid' AND o.refunded_fen <> 0)
           OR (o.status IN ('paid', 'awaiting_stock', 'delivered', 'completed')
               AND o.payment_status NOT IN ('paid', 'partially_refunded'))
           OR (o.status IN ('pending_payment', 'closed') AND o.payment_status <> 'unpaid')""",
    "flagged payments are real money of their order": """
        SELECT u.id, 'flagged payment ' || u.trade_no || ' of ' || u.amount_fen || ' for order ' || o.number
          || CASE WHEN p.id IS NOT NULL THEN ' is also recorded as a payment'
                  ELSE ' does not equal the order total ' || o.total_fen END
        FROM unmatched_payment u JOIN orders o ON o.id = u.order_id
        LEFT JOIN payment p ON p.trade_no = u.trade_no
        WHERE p.id IS NOT NULL OR u.amount_fen <> o.total_fen""",
    "every payment has its ledger entry": """
        SELECT p.id, 'payment ' || p.trade_no || ' of order ' || p.order_id || ' has no matching ledger entry'
        FROM payment p LEFT JOIN journal_entry e ON e.id = p.entry_id
        WHERE e.id IS NULL OR e.order_id IS NULL OR e.order_id <> p.order_id""",
    "every active user holds a copy of the key": """
        SELECT u.id, 'user ' || u.name || ' is active but holds no copy of the shop''s key'
        FROM staff_user u LEFT JOIN key_wrap w ON w.user_id = u.id WHERE u.active AND w.id IS NULL""",
    "a disabled user holds no copy of the key": """
        SELECT u.id, 'user ' || u.name || ' is disabled but still holds a copy of the shop''s key'
        FROM staff_user u JOIN key_wrap w ON w.user_id = u.id WHERE NOT u.active""",
    "a shop with users has an owner": """
        SELECT 0, 'the shop has users but no active owner'
        WHERE EXISTS (SELECT 1 FROM staff_user)
          AND NOT EXISTS (SELECT 1 FROM staff_user WHERE role = 'owner' AND active)""",
    "a shop with users keeps its key sealed": """
        SELECT 0, 'the shop has users but its data key is not sealed in the database (setting vault.key.sealed)'
        WHERE EXISTS (SELECT 1 FROM staff_user)
          AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'vault.key.sealed')""",
    "a case's suggestion names an existing case": """
        SELECT g.id, 'the model''s suggestion ' || g.id || ' names case ' || g.case_id || ' which does not exist'
        FROM case_suggestions g LEFT JOIN cases c ON c.id = g.case_id WHERE c.id IS NULL""",
}


SAMPLE = 200


def run_checks(session: Session, *, deep: bool = False) -> list[Violation]:
    """Every invariant; sealed secrets are opened and matched to their hash — all of them when `deep`, else a
    sample of 200."""
    out: list[Violation] = []
    for name, sql in CHECKS.items():
        for _subject, detail in session.execute(text(sql)).all():
            out.append(Violation(name, detail))
    out.extend(secret_checks(session, deep=deep))
    out.extend(model_checks(session))
    out.extend(chain_checks(session))
    if session.get_bind().dialect.name == "sqlite":
        result = session.execute(text("PRAGMA quick_check")).scalars().all()
        if result != ["ok"]:
            out.extend(Violation("sqlite file integrity", line) for line in result)
        for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")).all():
            out.append(Violation("foreign keys", f"{table} row {rowid} points at a missing {parent}"))
    else:
        # PostgreSQL checks its own pages; what a superuser with the triggers off can still break are references.
        out.extend(foreign_key_checks(session))
    return out


def foreign_key_checks(session: Session) -> list[Violation]:
    """Every reference of the models, followed: a row pointing at a parent that is not there (any database)."""
    out: list[Violation] = []
    for table in Base.metadata.sorted_tables:
        key = list(table.primary_key.columns)[0]
        for fk in table.foreign_key_constraints:
            parent = fk.referred_table.alias("parent")
            on = and_(*(parent.c[e.column.name] == e.parent for e in fk.elements))
            present = and_(*(e.parent.is_not(None) for e in fk.elements))
            orphans = select(key).select_from(table.outerjoin(parent, on)).where(present)
            orphans = orphans.where(list(parent.primary_key)[0].is_(None)).order_by(key)
            for rowid in session.execute(orphans).scalars():
                out.append(Violation("foreign keys", f"{table.name} row {rowid} points at a missing {parent.name}"))
    return out


def secret_checks(session: Session, *, deep: bool) -> list[Violation]:
    """Sealed secrets open with the shop's key, on their own row, and match their hash."""
    name = "sealed secrets open on their own row"
    try:
        vault = keystore.vault_of(session)
    except VaultError as exc:
        has = keystore.holds_secrets(session)
        return [Violation("the vault key is this shop's", exc.message)] if has else []
    query = (
        select(CardKey.id, Product.sku, CardKey.status, CardKey.secret_enc, CardKey.secret_hash, CardKey.product_id)
        .join(Product, Product.id == CardKey.product_id)
        .order_by(CardKey.id)
    )
    if not deep:
        query = query.where(CardKey.id.in_(keystore.sample_ids(session, SAMPLE)))
    out = []
    for key_id, sku, status, blob, digest, product_id in session.execute(query).yield_per(5000):
        if status == "void" and _quarantined(session, key_id):
            continue  # already taken out of sale for this very reason
        if not vault.secret_opens(blob, digest, product_id):
            out.append(
                Violation(name, f"key {key_id} ({sku}, {status}): its secret does not open or does not match its hash")
            )
    return out


MODEL_CHECK = "stored reason models match their digest"


def model_checks(session: Session) -> list[Violation]:
    """Each stored reason model's bytes hash to the digest kept beside them. A model that does not is reported here
    and never used: the desk reads with the newest model that loads, else the seed model (not fatal)."""
    out = []
    rows = session.execute(
        select(ReasonModel.id, ReasonModel.version, ReasonModel.digest).order_by(ReasonModel.version)
    )
    for model_id, version, digest in rows.all():
        blob = session.execute(select(ReasonModel.blob).where(ReasonModel.id == model_id)).scalar_one()
        if blob is None or hashlib.sha256(bytes(blob)).hexdigest() != digest:
            out.append(
                Violation(
                    MODEL_CHECK,
                    f"reason model {version}: its bytes do not match their digest (corrupted; the desk uses the"
                    " newest model that loads, else the seed model)",
                )
            )
    return out


CHAIN_CHECK = "the trail's hash chains are intact"


def chain_checks(session: Session) -> list[Violation]:
    """Each chain's first broken link, naming the table and row (nothing to say without the key: the vault check
    above already says the key is missing when it matters)."""
    try:
        keystore.vault_of(session)
    except VaultError:
        return []
    return [
        Violation(CHAIN_CHECK, f"{v.chain} chain: {v.broken.detail}")
        for v in chain.verify_all(session)
        if v.broken is not None
    ]


def _quarantined(session: Session, key_id: int) -> bool:
    return (
        session.execute(
            text("SELECT 1 FROM key_event WHERE key_id = :k AND kind = 'quarantined' LIMIT 1"), {"k": key_id}
        ).first()
        is not None
    )

"""A shop with N orders for the board bench, built in seconds: migrations via ShopApp, then sqlite3 executemany.

    python bench/board_data.py DIR [N]      (builds DIR if it holds no shop yet; N defaults to 1,000,000)

Rows respect the schema (CHECKs, UNIQUEs, foreign keys are on while inserting): customers with wallets,
orders in every status over the past year, one or two lines each, and for every paid order a journal
entry and a payment with a trade number. No keys: the board never reads them.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.maintenance.demo import PRODUCTS

CUSTOMERS = 20_000
CHUNK = 50_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
# (status, payment_status, share): the last NEWEST orders are recent and mostly still unpaid
STATUS_MIX = (
    ("completed", "paid", 0.55),
    ("delivered", "paid", 0.3095),
    ("closed", "unpaid", 0.12),
    ("cancelled", "refunded", 0.02),
    ("awaiting_stock", "paid", 0.0005),
)
SOURCE_MIX = (("api", 0.7), ("desk", 0.2), ("simulator", 0.1))


def ts(at: datetime) -> str:
    """How SQLAlchemy stores the UTC DateTime columns in SQLite (`at` is naive UTC here; isoformat is C-fast)."""
    return at.isoformat(" ", "microseconds")


def _extra(con: sqlite3.Connection, table: str, given: str) -> tuple[str, str]:
    """Columns added by later migrations that are NOT NULL without a default, with a zero value each,
    so the insert keeps working as the schema grows: (", col1, col2", ", 0, ''")."""
    named = {c.strip() for c in given.split(",")}
    cols, vals = [], []
    for _cid, name, kind, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and not pk and name not in named:
            cols.append(name)
            vals.append("''" if any(t in kind.upper() for t in ("CHAR", "TEXT", "CLOB")) else "0")
    return "".join(f", {c}" for c in cols), "".join(f", {v}" for v in vals)


def _insert(con: sqlite3.Connection, table: str, columns: str, values: str) -> str:
    more_cols, more_vals = _extra(con, table, columns)
    return f"INSERT INTO {table} ({columns}{more_cols}) VALUES ({values}{more_vals})"


def _pick(rng: random.Random, mix) -> tuple:
    r = rng.random()
    for *item, share in mix:
        r -= share
        if r <= 0:
            return tuple(item)
    return tuple(mix[0][:-1])


def build(data_dir: Path, n: int = 1_000_000, *, seed: int = 11) -> Path:
    """Create the shop in data_dir (migrated, 13 products) and bulk-insert n orders. Returns the db path."""
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as session:
            for sku, name, category, kind, face, price, _stock in PRODUCTS:
                catalog.add_product(
                    session,
                    ProductInput(
                        sku=sku, name=name, category=category, kind=kind, price_fen=price, face_value_fen=face * 100
                    ),
                )
    finally:
        app.close()
    path = data_dir / DB_FILENAME
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = OFF")
    products = con.execute("SELECT id, price_fen FROM product ORDER BY id").fetchall()
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    start = now - timedelta(days=365)
    con.execute("BEGIN")
    base_c = con.execute("SELECT coalesce(max(id), 0) FROM customer").fetchone()[0]
    con.executemany(
        _insert(
            con,
            "customer",
            "id, name, contact, risk_level, notes, created_at, updated_at",
            "?, ?, ?, 'normal', '', ?, ?",
        ),
        (
            (
                base_c + i,
                rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else ""),
                f"wx:user{base_c + i:06d}" if i % 2 else f"qq:{100000000 + base_c + i}",
                ts(start),
                ts(start),
            )
            for i in range(1, CUSTOMERS + 1)
        ),
    )
    con.execute(
        "INSERT INTO account (code, kind, customer_id, balance_fen) "
        "SELECT 'wallet:' || id, 'wallet', id, 0 FROM customer WHERE id > ?",
        (base_c,),
    )
    con.execute("COMMIT")

    step = (now - start) / n
    base_o = con.execute("SELECT coalesce(max(id), 0) FROM orders").fetchone()[0]
    base_e = con.execute("SELECT coalesce(max(id), 0) FROM journal_entry").fetchone()[0]
    entry_id = base_e
    insert_order = _insert(
        con,
        "orders",
        "id, number, customer_id, source, external_id, status, payment_status, total_fen, paid_fen, refunded_fen, "
        "note, created_at, pay_deadline, paid_at, delivered_at, closed_at, updated_at",
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?",
    )
    insert_line = _insert(
        con, "order_line", "order_id, product_id, quantity, unit_price_fen, delivered_qty", "?, ?, ?, ?, ?"
    )
    insert_entry = _insert(
        con,
        "journal_entry",
        "id, kind, order_id, idempotency_key, input_hash, memo, actor, at",
        "?, 'sale', ?, ?, '', '', 'bench', ?",
    )
    insert_payment = _insert(con, "payment", "order_id, method, trade_no, amount_fen, entry_id, at", "?, ?, ?, ?, ?, ?")
    for lo in range(1, n + 1, CHUNK):
        orders, lines, entries, payments = [], [], [], []
        for i in range(lo, min(n, lo + CHUNK - 1) + 1):
            oid = base_o + i
            at = start + step * i
            recent = n - i < 40
            status, pay = ("pending_payment", "unpaid") if recent else _pick(rng, STATUS_MIX)
            (source,) = _pick(rng, SOURCE_MIX)
            picked = [rng.choice(products) for _ in range(1 if rng.random() < 0.9 else 2)]
            qtys = [1 if rng.random() < 0.8 else rng.randint(2, 3) for _ in picked]
            total = sum(p[1] * q for p, q in zip(picked, qtys, strict=True))
            paid = pay != "unpaid"
            paid_at = at + timedelta(seconds=20) if paid else None
            delivered = status in ("delivered", "completed")
            closed = at + timedelta(minutes=15) if status in ("closed", "cancelled") else None
            orders.append(
                (
                    oid,
                    f"SD{at:%Y%m%d}{oid:07d}",
                    base_c + rng.randint(1, CUSTOMERS),
                    source,
                    f"WEB-{oid:09d}" if source == "api" else None,
                    status,
                    pay,
                    total,
                    total if paid else 0,
                    total if pay == "refunded" else 0,
                    ts(at),
                    ts(at + timedelta(minutes=15)),
                    ts(paid_at) if paid_at else None,
                    ts(paid_at) if delivered else None,
                    ts(closed) if closed else None,
                    ts(closed or paid_at or at),
                )
            )
            for (pid, price), q in zip(picked, qtys, strict=True):
                lines.append((oid, pid, q, price, q if delivered else 0))
            if paid:
                entry_id += 1
                method = "wallet" if source == "desk" and rng.random() < 0.5 else rng.choice(("alipay", "wechat"))
                trade = f"wallet-SD{oid:07d}" if method == "wallet" else f"{rng.randint(2000, 2099)}{oid:012d}"
                entries.append((entry_id, oid, f"payment:{trade}", ts(paid_at)))
                payments.append((oid, method, trade, total, entry_id, ts(paid_at)))
        con.execute("BEGIN")
        con.executemany(insert_order, orders)
        con.executemany(insert_line, lines)
        con.executemany(insert_entry, entries)
        con.executemany(insert_payment, payments)
        con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def main() -> int:
    data_dir = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    started = time.perf_counter()
    build(data_dir, n)
    print(f"{n:,} orders in {time.perf_counter() - started:.1f} s -> {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pay + deliver throughput: the service layer against the raw-SQLite limit, in one run.

    python bench/delivery.py [N]        (N orders per side, default 2000)

Both shops first get the same N unpaid orders (each holding one reserved key; not timed). Then each
payment is one write transaction (BEGIN IMMEDIATE ... COMMIT, WAL, synchronous=FULL, foreign_keys=ON):
record the external payment (guarded transition, ledger entry, payment row) and deliver the key.

- service side: ShopApp + db.write() + shopdesk.services.orders.record_payment, the transaction under
  `shopdesk order pay ID --trade-no T` (which then also reads the order back to print it);
- raw side: the same SQL statements written by hand with the sqlite3 module, on a second shop whose
  schema, indexes and pragmas come from the same migrations, stocked the same way.

The two sides run interleaved in rounds (alternating which goes first), so a disk or CPU that gets
busier or quieter during the run weighs on both alike. Both shops are checked with `doctor`
afterwards (so the raw side is a faithful reproduction, not a shortcut), and the temporary shops are
deleted. The last line printed is `ratio X`, X = service rate / raw rate.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from harness import race

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.db.engine import BUSY_TIMEOUT_MS
from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import keystore
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders import state

SKU = "BENCH-10"
PRICE_FEN = 980
ACTOR = "bench"
WARMUP = 20
ROUNDS = 10


def prepare_shop(data_dir: Path, keys: int) -> tuple[int, int, list[tuple[int, int]]]:
    """Migrate a new shop, stock one product with `keys` keys, and create `keys` unpaid one-key orders.

    Returns (product id, customer id, [(order id, line id)])."""
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as session:
            product = catalog.add_product(
                session, catalog.ProductInput(sku=SKU, name="Bench card 10", price_fen=PRICE_FEN, kind="secret")
            )
            customer = customers.add_customer(session, "Bench customer")
        with app.db.write() as session:
            inventory.add_keys(
                session,
                app.vault,
                product.id,
                [(None, f"BENCH-{data_dir.name}-{i:08d}-SECRET") for i in range(keys)],
                actor=ACTOR,
            )
        made = []
        for start in range(0, keys, 500):
            with app.db.write() as session:
                for _ in range(start, min(keys, start + 500)):
                    view = orders.create_order(session, customer.id, [(SKU, 1)], actor=ACTOR)
                    made.append((view.id, view.lines[0].id))
        return product.id, customer.id, made
    finally:
        app.close()


def check(data_dir: Path, expected_delivered: int) -> None:
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.read() as session:
            violations = run_checks(session)
            delivered = state.count_by_status(session).get("delivered", 0)
    finally:
        app.close()
    if violations or delivered != expected_delivered:
        sys.exit(f"{data_dir}: {delivered} delivered (expected {expected_delivered}); doctor: {violations}")


# --- service side ----------------------------------------------------------------------------------


class ServiceShop:
    """One payment = one db.write() transaction through shopdesk.services.orders.pay_order."""

    def __init__(self, data_dir: Path, unpaid: list[tuple[int, int]]):
        self.app = ShopApp.open(load_config(data_dir))
        self.unpaid = unpaid

    def order(self, i: int) -> None:
        order_id, _line = self.unpaid[i]
        with self.app.db.write() as session:
            paid = orders.record_payment(session, order_id, method="external", trade_no=f"SVC-{i:08d}", actor=ACTOR)
            if paid.status != "delivered":
                raise RuntimeError(f"order {order_id} is {paid.status}")

    def close(self) -> None:
        self.app.close()


# --- raw side --------------------------------------------------------------------------------------


def _ts(at: datetime) -> str:
    """How SQLAlchemy stores the UTC DateTime columns in SQLite."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class RawShop:
    """The statements the service layer issues for one order, by hand."""

    def __init__(self, db_path: Path, product_id: int, unpaid: list[tuple[int, int]]):
        self.vault = keystore.read_key_file(keystore.key_path(db_path.parent))
        con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        self.con = con
        self.product_id = product_id
        self.unpaid = unpaid
        accounts = dict(con.execute("SELECT code, id FROM account WHERE code IN ('clearing', 'revenue')"))
        self.clearing, self.revenue = accounts["clearing"], accounts["revenue"]

    def order(self, i: int) -> None:
        con = self.con
        ts = _ts(datetime.now(UTC))
        con.execute("BEGIN IMMEDIATE")
        try:
            order_id, line_id = self.unpaid[i]
            # every key is opened before it is handed over (a damaged one is never sold)
            reserved = [
                key_id
                for key_id, blob, digest, product_id in con.execute(
                    "SELECT id, secret_enc, secret_hash, product_id FROM card_key"
                    " WHERE order_line_id = ? AND status = 'reserved'",
                    (line_id,),
                )
                if self.vault.secret_opens(blob, digest, product_id)
            ]
            total = con.execute("SELECT total_fen FROM orders WHERE id = ?", (order_id,)).fetchone()[0]

            # pay: guarded transition, ledger entry, payment row
            trade_no = f"RAW-{i:08d}"
            moved = con.execute(
                "UPDATE orders SET status = 'paid', updated_at = ?, payment_status = 'paid', paid_fen = ?,"
                " paid_at = ? WHERE id = ? AND status = 'pending_payment'",
                (ts, total, ts, order_id),
            ).rowcount
            if moved != 1:
                raise RuntimeError("order changed under us")
            entry_id = con.execute(
                "INSERT INTO journal_entry (kind, order_id, case_id, reverses_id, idempotency_key, input_hash, memo,"
                " actor, at) VALUES ('sale', ?, NULL, NULL, ?, ?, ?, ?, ?)",
                (order_id, f"payment:{trade_no}", "0" * 64, f"order {order_id} paid", ACTOR, ts),
            ).lastrowid
            con.executemany(
                "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, ?)",
                [(entry_id, self.clearing, -total), (entry_id, self.revenue, total)],
            )
            for account_id, amount in ((self.clearing, -total), (self.revenue, total)):
                if (
                    con.execute(
                        "UPDATE account SET balance_fen = balance_fen + ?"
                        " WHERE id = ? AND (kind != 'wallet' OR balance_fen + ? >= 0)",
                        (amount, account_id, amount),
                    ).rowcount
                    != 1
                ):
                    raise RuntimeError("insufficient funds")
            con.execute(
                "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES (?, 'money.sale', ?, ?, ?)",
                (ACTOR, f"entry:{entry_id}", f'{{"order": {order_id}, "postings": [["clearing", {-total}]]}}', ts),
            )
            con.execute(
                "INSERT INTO payment (order_id, method, trade_no, amount_fen, entry_id, at)"
                " VALUES (?, 'external', ?, ?, ?, ?)",
                (order_id, trade_no, total, entry_id, ts),
            )
            con.execute(
                "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, 'paid', ?, ?, ?)",
                (order_id, ACTOR, ts, f"external {trade_no}"),
            )

            # deliver: reserved -> delivered, key events, line count, order delivered, events, outbox
            marks = ",".join("?" * len(reserved))
            delivered = [
                r[0]
                for r in con.execute(
                    f"UPDATE card_key SET status = 'delivered', order_line_id = ?, status_changed_at = ?"
                    f" WHERE id IN ({marks}) AND status = 'reserved' RETURNING id",
                    (line_id, ts, *reserved),
                )
            ]
            con.executemany(
                "INSERT INTO key_event (key_id, kind, actor, order_id, case_id, at, note)"
                " VALUES (?, 'delivered', ?, ?, NULL, ?, '')",
                [(k, ACTOR, order_id, ts) for k in delivered],
            )
            con.execute(
                "UPDATE order_line SET delivered_qty = ? WHERE id = ? AND delivered_qty = 0",
                (len(delivered), line_id),
            )
            if (
                con.execute(
                    "UPDATE orders SET status = 'delivered', updated_at = ?, delivered_at = ?"
                    " WHERE id = ? AND status = 'paid'",
                    (ts, ts, order_id),
                ).rowcount
                != 1
            ):
                raise RuntimeError("order changed under us")
            con.execute(
                "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, 'delivered', ?, ?, ?)",
                (order_id, ACTOR, ts, f"{len(delivered)} key(s)"),
            )
            con.executemany(
                "INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)",
                [("order", order_id, ts), ("stock", self.product_id, ts)],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="orders per side (default 2000)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    n, warmup = args.n, min(WARMUP, args.n)

    root = Path(tempfile.mkdtemp(prefix="shopdesk-bench-"))
    try:
        service_dir, raw_dir = root / "service", root / "raw"
        _, _, service_unpaid = prepare_shop(service_dir, n + warmup)
        raw_product, _, raw_unpaid = prepare_shop(raw_dir, n + warmup)

        service = ServiceShop(service_dir, service_unpaid)
        raw = RawShop(raw_dir / DB_FILENAME, raw_product, raw_unpaid)
        try:
            service_seconds, raw_seconds = race(service.order, raw.order, n, warmup, rounds=min(ROUNDS, n))
        finally:
            service.close()
            raw.close()

        check(service_dir, n + warmup)
        check(raw_dir, n + warmup)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    service_rate, raw_rate = n / service_seconds, n / raw_seconds
    print(f"payments: {n} per side (+{warmup} warm-up), each pay external + deliver in one transaction")
    print(f"service layer: {service_rate:9.1f} tx/s  ({service_seconds * 1000 / n:.3f} ms per payment)")
    print(f"raw sqlite3:   {raw_rate:9.1f} tx/s  ({raw_seconds * 1000 / n:.3f} ms per payment)")
    print(f"ratio {service_rate / raw_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

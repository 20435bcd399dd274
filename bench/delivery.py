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

import sys
from datetime import UTC, datetime
from pathlib import Path

import harness
from harness import ACTOR, RawSide, ServiceSide, guarded, immediate, move_balances, stamp

from shopdesk.config import DB_FILENAME
from shopdesk.services.common import keystore
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders

SKU = "BENCH-10"


def prepare_shop(data_dir: Path, keys: int, db_url: str | None = None) -> tuple[int, list[tuple[int, int]]]:
    """Migrate a new shop (SQLite, or the server database `db_url`), stock one product with `keys` keys, and
    create `keys` unpaid one-key orders. Returns (product id, [(order id, line id)])."""
    with harness.open_shop(data_dir, db_url) as app:
        product_id, (customer_id,) = harness.stock_shop(app, SKU, keys, f"BENCH-{data_dir.name}")

        def unpaid_order(session, _i: int) -> tuple[int, int]:
            view = orders.create_order(session, customer_id, [(SKU, 1)], actor=ACTOR)
            return view.id, view.lines[0].id

        unpaid = harness.write_in_batches(app, keys, unpaid_order)
        with app.db.write() as session:  # the journal's chain starts (its head exists) before the timed payments
            customers.topup(session, customer_id, 100, actor=ACTOR, idempotency_key="bench-start")
        return product_id, unpaid


# --- service side ----------------------------------------------------------------------------------


class ServiceShop(ServiceSide):
    """One payment = one db.write() transaction through shopdesk.services.orders.record_payment."""

    def __init__(self, data_dir: Path, unpaid: list[tuple[int, int]]):
        super().__init__(data_dir)
        self.unpaid = unpaid

    def step(self, i: int) -> None:
        order_id, _line = self.unpaid[i]
        with self.app.db.write() as session:
            paid = orders.record_payment(session, order_id, method="external", trade_no=f"SVC-{i:08d}", actor=ACTOR)
            if paid.status != "delivered":
                raise RuntimeError(f"order {order_id} is {paid.status}")


# --- raw side --------------------------------------------------------------------------------------


class RawShop(RawSide):
    """The statements the service layer issues for one order, by hand."""

    def __init__(self, db_path: Path, product_id: int, unpaid: list[tuple[int, int]]):
        super().__init__(db_path)
        self.vault = keystore.read_key_file(keystore.key_path(db_path.parent))
        self.product_id = product_id
        self.unpaid = unpaid
        accounts = dict(self.con.execute("SELECT code, id FROM account WHERE code IN ('clearing', 'revenue')"))
        self.clearing, self.revenue = accounts["clearing"], accounts["revenue"]

    def step(self, i: int) -> None:
        con = self.con
        ts = stamp(datetime.now(UTC))
        with immediate(con):
            order_id, line_id = self.unpaid[i]
            held = con.execute(
                "SELECT id, secret_enc, secret_hash, product_id FROM card_key WHERE order_line_id = ?"
                " AND status = 'reserved'",
                (line_id,),
            )
            reserved = harness.openable(self.vault, held)
            total = con.execute("SELECT total_fen FROM orders WHERE id = ?", (order_id,)).fetchone()[0]

            # pay: guarded transition, ledger entry, payment row
            trade_no = f"RAW-{i:08d}"
            guarded(
                con,
                "UPDATE orders SET status = 'paid', updated_at = ?, payment_status = 'paid', paid_fen = ?,"
                " paid_at = ? WHERE id = ? AND status = 'pending_payment'",
                (ts, total, ts, order_id),
            )
            entry_id = con.execute(
                "INSERT INTO journal_entry (kind, order_id, case_id, reverses_id, idempotency_key, input_hash, memo,"
                " actor, at) VALUES ('sale', ?, NULL, NULL, ?, ?, ?, ?, ?)",
                (order_id, f"payment:{trade_no}", "0" * 64, f"order {order_id} paid", ACTOR, ts),
            ).lastrowid
            con.executemany(
                "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, ?)",
                [(entry_id, self.clearing, -total), (entry_id, self.revenue, total)],
            )
            move_balances(con, ((self.clearing, -total), (self.revenue, total)))
            con.execute(
                "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES (?, 'money.sale', ?, ?, ?)",
                (ACTOR, f"entry:{entry_id}", f'{{"order": {order_id}, "postings": [["clearing", {-total}]]}}', ts),
            )
            harness.payment_rows(con, "?", order_id, trade_no, total, entry_id, ts)

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
            harness.delivered_rows(con, "?", order_id, len(delivered), ts)
            con.executemany(
                "INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)",
                [("order", order_id, ts), ("stock", self.product_id, ts)],
            )


def race_payments(n: int, warmup: int, first, second) -> tuple[float, float]:
    """Two shops with the same n + warmup unpaid orders; `first` and `second` (dir, product id, unpaid) -> the
    side paying them; raced in rounds; both shops must pass doctor with every order delivered. The seconds."""
    with harness.temp_shops() as (first_dir, second_dir):
        sides = []
        for make, folder in ((first, first_dir), (second, second_dir)):
            product, unpaid = prepare_shop(folder, n + warmup)
            sides.append(make(folder, product, unpaid))
        seconds = harness.race_sides(*sides, n, warmup)
        for folder in (first_dir, second_dir):
            harness.check_shop(folder, "delivered", n + warmup)
    return seconds


def main(argv: list[str] | None = None) -> int:
    n, warmup = harness.parse_n(__doc__, 2000, "orders", argv)
    service_seconds, raw_seconds = race_payments(
        n,
        warmup,
        lambda folder, _product, unpaid: ServiceShop(folder, unpaid),
        lambda folder, product, unpaid: RawShop(folder / DB_FILENAME, product, unpaid),
    )
    print(f"payments: {n} per side (+{warmup} warm-up), each pay external + deliver in one transaction")
    harness.report(n, service_seconds, raw_seconds, "payment")
    return 0


if __name__ == "__main__":
    sys.exit(main())

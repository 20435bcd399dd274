"""Cancel-and-roll-back throughput: the service layer against the raw-SQLite limit, in one run.

    python bench/rollback.py [N]        (N delivered orders per side, default 20,000)

One shop gets N delivered one-key orders (external payments, spread over many customers; not timed, written
through the services in batches) and is then copied, so both sides start from the same database file:
same migrations, schema, indexes and rows. Each rollback is one write transaction (BEGIN IMMEDIATE ...
COMMIT, WAL, synchronous=FULL, foreign_keys=ON) that opens a case on the order and resolves it `cancelled`:

- service side: ShopApp + db.write() + cases.open_case(..., run_rules=False) + cases.resolve(..., "cancelled"),
  what the desk's "cancel and refund" does (the key is recalled per the product's policy, the payment refunded
  to the wallet, coupon uses restored, the credit profile refreshed, every event and outbox row written);
- raw side: the same statements written by hand with the sqlite3 module on the copy.

The two sides run interleaved in rounds (alternating which goes first), so a disk or CPU that gets busier or
quieter weighs on both alike. Afterwards both shops must pass `doctor` and hold the same number of rows in
every table (so the raw side is a faithful reproduction, not a shortcut); the temporary shops are deleted.
The last line printed is `ratio X`, X = service rate / raw rate.
"""

from __future__ import annotations

import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import harness
from harness import ACTOR, RawSide, ServiceSide, guarded, immediate, move_balances, stamp

from shopdesk.config import DB_FILENAME
from shopdesk.db.models import Base
from shopdesk.services.desk import cases
from shopdesk.services.orders import selling as orders

SKU = "BENCH-RB-10"
REASON = "key_used"  # merchant fault: the desk cancels and refunds
ORDERS_PER_CUSTOMER = 20


def prepare_shop(data_dir: Path, n: int) -> list[int]:
    """A new shop with n delivered one-key orders; returns their ids."""
    with harness.open_shop(data_dir) as app:
        _, buyers = harness.stock_shop(app, SKU, n, "BENCH-RB", buyers=max(1, -(-n // ORDERS_PER_CUSTOMER)))

        def delivered_order(session, i: int) -> int:
            view = orders.create_order(session, buyers[i % len(buyers)], [(SKU, 1)], actor=ACTOR)
            paid = orders.record_payment(session, view.id, method="external", trade_no=f"BENCH-{i:08d}", actor=ACTOR)
            if paid.status != "delivered":
                raise RuntimeError(f"order {view.id} is {paid.status}")
            return view.id

        return harness.write_in_batches(app, n, delivered_order)


def row_counts(session) -> dict[str, int]:
    """The row count of every table."""
    return {
        t.name: session.connection().exec_driver_sql(f'SELECT COUNT(*) FROM "{t.name}"').scalar_one()
        for t in Base.metadata.sorted_tables
    }


# --- service side ----------------------------------------------------------------------------------


class ServiceShop(ServiceSide):
    """One rollback = one db.write() transaction: open the case, resolve it cancelled."""

    def __init__(self, data_dir: Path, order_ids: list[int]):
        super().__init__(data_dir)
        self.order_ids = order_ids

    def step(self, i: int) -> None:
        with self.app.db.write() as session:
            opened = cases.open_case(session, self.order_ids[i], reason_code=REASON, actor=ACTOR, run_rules=False)
            view = cases.resolve(session, opened.id, "cancelled", actor=ACTOR)
            if view.outcome != "cancelled":
                raise RuntimeError(f"case {opened.id} is {view.status}")


# --- raw side --------------------------------------------------------------------------------------


class RawShop(RawSide):
    """The statements the service layer issues for one rollback, by hand."""

    def __init__(self, db_path: Path, order_ids: list[int]):
        super().__init__(db_path)
        self.order_ids = order_ids
        self.refunds_account = self.con.execute("SELECT id FROM account WHERE code = 'refunds'").fetchone()[0]

    def step(self, i: int) -> None:
        con = self.con
        now = datetime.now(UTC)
        ts = stamp(now)
        with immediate(con):
            order_id = self.order_ids[i]
            # open: the reason, the order, no other open case, the SOP policy; the case, its event, the outbox
            resp_class, active = con.execute(
                "SELECT resp_class, active FROM reason WHERE code = ?", (REASON,)
            ).fetchone()
            number, status, open_case = con.execute(
                "SELECT o.number, o.status, (SELECT c.id FROM cases c WHERE c.order_id = o.id"
                " AND c.status IN ('new', 'in_progress', 'waiting_customer') LIMIT 1) FROM orders o WHERE o.id = ?",
                (order_id,),
            ).fetchone()
            if not active or status in ("closed", "cancelled") or open_case is not None:
                raise RuntimeError("cannot open a case")
            policy_id, first_min, resolve_min = con.execute(
                "SELECT id, first_response_minutes, resolution_minutes FROM sop_policy"
                " WHERE resp_class = ? AND priority = 'normal' AND active",
                (resp_class,),
            ).fetchone()
            case_id = con.execute(
                "INSERT INTO cases (order_id, resp_class, reason_code, priority, status, outcome, assignee, opened_at,"
                " first_response_due, resolution_due, first_responded_at, resolved_at, closed_at, policy_id,"
                " paused_since, first_response_breached_at, resolution_breached_at, escalation_level,"
                " rejection_reason, rolled_back_at, version)"
                " VALUES (?, ?, ?, 'normal', 'new', NULL, NULL, ?, ?, ?, NULL, NULL, NULL, ?, NULL, NULL, NULL, 0,"
                " '', NULL, 1)",
                (
                    order_id,
                    resp_class,
                    REASON,
                    ts,
                    stamp(now + timedelta(minutes=first_min)),
                    stamp(now + timedelta(minutes=resolve_min)),
                    policy_id,
                ),
            ).lastrowid
            event = (
                "INSERT INTO case_event (case_id, kind, actor, rule, from_status, to_status, at, note)"
                " VALUES (?, ?, ?, NULL, ?, ?, ?, ?)"
            )
            con.execute(event, (case_id, "opened", ACTOR, None, "new", ts, ""))
            change = "INSERT INTO change (topic, entity_id, at) VALUES (?, ?, ?)"
            con.executemany(change, [("case", case_id, ts), ("order", order_id, ts)])

            # resolve: the case as it stands, the guarded claim and its events
            status_now, version, reason_now, responded, assignee = con.execute(
                "SELECT status, version, reason_code, first_responded_at, assignee FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
            if status_now != "new" or not reason_now or responded or assignee:
                raise RuntimeError("case changed under us")
            guarded(
                con,
                "UPDATE cases SET status = 'resolved', outcome = 'cancelled', resolved_at = ?, paused_since = NULL,"
                " rejection_reason = '', first_responded_at = ?, assignee = ?, version = version + 1"
                " WHERE id = ? AND version = ?",
                (ts, ts, ACTOR, case_id, version),
                "case changed under us",
            )
            con.executemany(
                event,
                [
                    (case_id, "taken", ACTOR, None, None, ts, "resolved straight from new"),
                    (case_id, "resolved", ACTOR, "new", "resolved", ts, "cancelled"),
                ],
            )
            con.execute(change, ("case", case_id, ts))

            # rollback: the order; keys per the product's policy, line counts, key events
            customer_id, status, paid, refunded = con.execute(
                "SELECT customer_id, status, paid_fen, refunded_fen FROM orders WHERE id = ?", (order_id,)
            ).fetchone()
            recalled = 0
            for line_id, _qty, product_id, _kind, policy in con.execute(
                "SELECT l.id, l.delivered_qty, p.id, p.kind, p.rollback_policy FROM order_line l"
                " JOIN product p ON p.id = l.product_id WHERE l.order_id = ?",
                (order_id,),
            ).fetchall():
                target = {"restock": "available", "verify": "recalled", "void": "void"}[policy]
                moved = [
                    r[0]
                    for r in con.execute(
                        "UPDATE card_key SET status = ?, status_changed_at = ?,"
                        " order_line_id = CASE WHEN ? THEN NULL ELSE order_line_id END"
                        " WHERE order_line_id = ? AND status = 'delivered' RETURNING id",
                        (target, ts, target == "available", line_id),
                    )
                ]
                con.execute("UPDATE order_line SET delivered_qty = 0 WHERE id = ?", (line_id,))
                con.executemany(
                    "INSERT INTO key_event (key_id, kind, actor, order_id, case_id, at, note)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (k, target if target != "available" else "restocked", ACTOR, order_id, case_id, ts, "")
                        for k in moved
                    ],
                )
                con.executemany(change, [("stock", product_id, ts)] + [("key", k, ts) for k in moved])
                recalled += len(moved)

            # refund to the wallet: idempotency check, entry, postings, balances, refund row
            amount = paid - refunded
            key = f"rollback:case:{case_id}:refund"
            if con.execute("SELECT id FROM journal_entry WHERE idempotency_key = ?", (key,)).fetchone():
                raise RuntimeError("refunded already")
            code = f"wallet:{customer_id}"
            found = con.execute("SELECT id FROM account WHERE code = ?", (code,)).fetchone()
            wallet = (
                found[0]
                if found
                else con.execute(
                    "INSERT INTO account (code, kind, customer_id, balance_fen) VALUES (?, 'wallet', ?, 0)",
                    (code, customer_id),
                ).lastrowid
            )
            entry_id = con.execute(
                "INSERT INTO journal_entry (kind, order_id, case_id, reverses_id, idempotency_key, input_hash, memo,"
                " actor, at) VALUES ('refund', ?, ?, NULL, ?, ?, ?, ?, ?)",
                (order_id, case_id, key, "0" * 64, f"case {case_id}: order {number} refunded (wallet)", ACTOR, ts),
            ).lastrowid
            con.executemany(
                "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (?, ?, ?)",
                [(entry_id, wallet, amount), (entry_id, self.refunds_account, -amount)],
            )
            move_balances(con, ((self.refunds_account, -amount), (wallet, amount)))
            con.execute(
                "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES (?, 'money.refund', ?, ?, ?)",
                (ACTOR, f"entry:{entry_id}", f'{{"order": {order_id}, "case": {case_id}}}', ts),
            )
            con.execute(change, ("customer", customer_id, ts))
            con.execute(
                "INSERT INTO refund (order_id, payment_id, case_id, destination, amount_fen, entry_id, at)"
                " VALUES (?, (SELECT id FROM payment WHERE order_id = ? ORDER BY id LIMIT 1), ?, 'wallet', ?, ?, ?)",
                (order_id, order_id, case_id, amount, entry_id, ts),
            )
            con.execute(change, ("order", order_id, ts))  # the refund announces the order it changed

            # the order: guarded transition, its event; coupon uses; the case rolled back
            guarded(
                con,
                "UPDATE orders SET status = 'cancelled', payment_status = ?, refunded_fen = refunded_fen + ?,"
                " closed_at = ?, updated_at = ? WHERE id = ? AND status = ?",
                ("refunded" if refunded + amount == paid else "partially_refunded", amount, ts, ts, order_id, status),
            )
            con.execute(
                "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, 'cancelled', ?, ?, ?)",
                (order_id, ACTOR, ts, f"case {case_id}: refunded"),
            )
            for use_id, coupon_id in con.execute(
                "SELECT id, coupon_id FROM coupon_use WHERE order_id = ? AND restored_at IS NULL", (order_id,)
            ).fetchall():
                con.execute("UPDATE coupon_use SET restored_at = ? WHERE id = ?", (ts, use_id))
                con.execute(
                    "UPDATE coupon SET used_count = used_count - 1 WHERE id = ? AND used_count > 0", (coupon_id,)
                )
            con.execute("UPDATE cases SET rolled_back_at = ? WHERE id = ?", (ts, case_id))

            # the credit profile: cancellations of the customer in 90 and 30 days, after delivery; the level stored
            c90, c30, suspicious = con.execute(
                "SELECT count(*), coalesce(sum(CASE WHEN c.opened_at >= ? THEN 1 ELSE 0 END), 0),"
                " coalesce(sum(CASE WHEN o.delivered_at IS NOT NULL AND o.delivered_at <= c.opened_at"
                " THEN 1 ELSE 0 END), 0)"
                " FROM cases c JOIN orders o ON o.id = c.order_id"
                " WHERE o.customer_id = ? AND c.outcome = 'cancelled' AND c.opened_at >= ?",
                (stamp(now - timedelta(days=30)), customer_id, stamp(now - timedelta(days=90))),
            ).fetchone()
            level = "risky" if suspicious >= 2 or c30 >= 5 else "watch" if suspicious or c30 >= 3 else "normal"
            if con.execute(
                "UPDATE customer SET risk_level = ? WHERE id = ? AND risk_override IS 0", (level, customer_id)
            ).rowcount:
                con.execute(change, ("customer", customer_id, ts))
            con.executemany(change, [("order", order_id, ts), ("case", case_id, ts)])
            con.execute(event, (case_id, "rolled_back", ACTOR, None, None, ts, f"keys: {recalled} recalled"))
            # the case as the desk shows it afterwards: with its order, customer and events
            con.execute(
                "SELECT c.*, o.number, u.id, u.name FROM cases c JOIN orders o ON o.id = c.order_id"
                " JOIN customer u ON u.id = o.customer_id WHERE c.id = ?",
                (case_id,),
            ).fetchone()
            con.execute(
                "SELECT at, kind, actor, rule, from_status, to_status, note FROM case_event WHERE case_id = ?"
                " ORDER BY id",
                (case_id,),
            ).fetchall()


def main(argv: list[str] | None = None) -> int:
    n, warmup = harness.parse_n(__doc__, 20_000, "rollbacks", argv)
    with harness.temp_shops() as (service_dir, raw_dir):
        started = time.perf_counter()
        order_ids = prepare_shop(service_dir, n + warmup)
        shutil.copytree(service_dir, raw_dir)
        setup = time.perf_counter() - started

        service_seconds, raw_seconds = harness.race_sides(
            ServiceShop(service_dir, order_ids), RawShop(raw_dir / DB_FILENAME, order_ids), n, warmup
        )
        service_rows = harness.check_shop(service_dir, "cancelled", n + warmup, row_counts)
        raw_rows = harness.check_shop(raw_dir, "cancelled", n + warmup, row_counts)
        if service_rows != raw_rows:
            differ = {t: (service_rows[t], raw_rows[t]) for t in service_rows if service_rows[t] != raw_rows[t]}
            sys.exit(f"the raw side did not write what the service side wrote (service, raw): {differ}")

    print(
        f"rollbacks: {n} per side (+{warmup} warm-up), each open case + resolve cancelled (key recalled, refund "
        f"to wallet, credit profile, events) in one transaction; setup {setup:.0f} s"
    )
    harness.report(n, service_seconds, raw_seconds, "rollback")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pay + deliver on PostgreSQL, two processes at once: the service layer against raw psycopg, in one run.

    python bench/pg_delivery.py [N] [--db URL]     (N payments per process, default 1000)

Without --db (and without $SHOPDESK_TEST_PG) it starts a throwaway server as the tests do (tools/pg_cluster.sh).
--db names a server and an account that may create databases: the bench creates its two databases there and
drops them afterwards.

Both databases first get the same 2 x N unpaid one-key orders (not timed). Then two OS processes pay them at
once, each its own half (one write transaction per payment: record the external payment — row lock on the
order, guarded transition, ledger entry and postings, balances, hash-chain links, payment row — and deliver the
held key), first on one database, then the other, in rounds that alternate which goes first:

- service side: ShopApp + db.run("write", ...) + shopdesk.services.orders.record_payment;
- raw side: the same statements by hand through psycopg (same locks: the payment's advisory lock, the order
  row, the chain heads; same HMAC links, computed with the chain's own functions), on a database built by the
  same migrations.

Both databases must pass doctor with every order delivered. Then the change feed's latency: desktop A pays
orders one at a time through the service layer while desktop B (another process) follows the feed with
LISTEN/NOTIFY; each change's latency is from A's commit to B seeing it. The last line is `ratio X`, X =
service rate / raw rate.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import delivery
import harness
from harness import ACTOR
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from shopdesk.app import ShopApp
from shopdesk.config import load_config, normalise_db_url
from shopdesk.services.common import chain, keystore
from shopdesk.services.orders import selling as orders

ROOT = Path(__file__).resolve().parents[1]
WARMUP = 20
ROUNDS = 2
FEED_CHANGES = 200
FEED_PAUSE_S = 0.01


# --- the databases ---------------------------------------------------------------------------------


def database_url(server: str, name: str) -> str:
    return make_url(normalise_db_url(server)).set(database=name).render_as_string(hide_password=False)


def admin(server: str, sql: str) -> None:
    engine = create_engine(normalise_db_url(server), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def check(data_dir: Path, url: str, expected: int) -> None:
    from shopdesk.services.maintenance.doctor import run_checks
    from shopdesk.services.orders import state

    app = ShopApp.open(load_config(data_dir, url))
    try:
        with app.db.read() as session:
            violations = run_checks(session)
            delivered = state.count_by_status(session).get("delivered", 0)
    finally:
        app.close()
    if violations or delivered != expected:
        sys.exit(f"{url}: {delivered} delivered (expected {expected}); doctor: {violations}")


# --- the two sides, each run in a worker process ----------------------------------------------------


def service_payments(data_dir: Path, url: str, work: list[tuple[int, int]], tag: str) -> None:
    app = ShopApp.open(load_config(data_dir, url))
    try:
        for i, (order_id, _line) in enumerate(work):
            outcome = app.db.run(
                "write", orders.record_payment, order_id, method="external", trade_no=f"S{tag}-{i:07d}", actor=ACTOR
            )
            if outcome.status != "delivered":
                raise RuntimeError(f"order {order_id} is {outcome.status}")
    finally:
        app.close()


class RawPayments:
    """The statements record_payment issues for one order, by hand, through psycopg (see the module's doc)."""

    def __init__(self, data_dir: Path, url: str):
        import psycopg

        self.con = psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
        self.vault = keystore.read_key_file(keystore.key_path(data_dir))
        self.key = chain.chain_key(self.vault)
        rows = self.con.execute("SELECT code, id FROM account WHERE code IN ('clearing', 'revenue')").fetchall()
        self.con.commit()
        self.accounts = dict(rows)

    def pay(self, order_id: int, line_id: int, trade_no: str) -> None:
        con, now = self.con, datetime.now(UTC).replace(tzinfo=None)
        with con.transaction():
            con.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"payment:{trade_no}",))
            number, total, status = con.execute(
                "SELECT number, total_fen, status FROM orders WHERE id = %s FOR UPDATE", (order_id,)
            ).fetchone()
            if con.execute("SELECT order_id FROM payment WHERE trade_no = %s", (trade_no,)).fetchone():
                raise RuntimeError("replayed")
            self._guarded(
                "UPDATE orders SET status = 'paid', payment_status = 'paid', paid_fen = %s, paid_at = %s,"
                " updated_at = %s WHERE id = %s AND status = 'pending_payment'",
                (total, now, now, order_id),
            )
            heads = {
                name: (last_id, digest)
                for name, last_id, digest in con.execute(
                    "SELECT name, last_id, hash FROM chain_head ORDER BY name FOR UPDATE"
                )
            }
            key_name, memo = f"payment:{trade_no}", f"order {number} paid by external"
            postings = [("clearing", -total), ("revenue", total)]
            input_hash = "0" * 64
            (entry_id,) = con.execute(
                "INSERT INTO journal_entry (kind, order_id, idempotency_key, input_hash, memo, actor, at)"
                " VALUES ('sale', %s, %s, %s, %s, %s, %s) RETURNING id",
                (order_id, key_name, input_hash, memo, ACTOR, now),
            ).fetchone()
            with con.cursor() as cur:
                cur.executemany(
                    "INSERT INTO posting (entry_id, account_id, amount_fen) VALUES (%s, %s, %s)",
                    [(entry_id, self.accounts[code], amount) for code, amount in postings],
                )
            for code, amount in postings:
                self._guarded(
                    "UPDATE account SET balance_fen = balance_fen + %s WHERE id = %s"
                    " AND (kind != 'wallet' OR balance_fen + %s >= 0)",
                    (amount, self.accounts[code], amount),
                )
            content = chain.journal_content(
                entry_id, "sale", order_id, None, None, key_name, input_hash, memo, ACTOR, now, postings
            )
            self._link("journal_entry", "journal", heads, entry_id, content)
            detail = (
                f'{{"order": {order_id}, "case": null, "postings": [["clearing", {-total}], ["revenue", {total}]]}}'  # noqa: E501
            )
            (audit_id,) = con.execute(
                "INSERT INTO audit_event (actor, action, subject, detail, at) VALUES (%s, 'money.sale', %s, %s, %s)"
                " RETURNING id",
                (ACTOR, f"entry:{entry_id}", detail, now),
            ).fetchone()
            content = chain.audit_content(audit_id, ACTOR, "money.sale", f"entry:{entry_id}", detail, now)
            self._link("audit_event", "audit", heads, audit_id, content)
            harness.payment_rows(con, "%s", order_id, trade_no, total, entry_id, now)
            held = con.execute(
                "SELECT id, secret_enc, secret_hash, product_id FROM card_key WHERE order_line_id = %s"
                " AND status = 'reserved'",
                (line_id,),
            )
            reserved = harness.openable(self.vault, held)
            moved = con.execute(
                "UPDATE card_key SET status = 'delivered', status_changed_at = %s"
                " WHERE id = ANY(%s) AND status = 'reserved' RETURNING id, product_id",
                (now, reserved),
            ).fetchall()
            with con.cursor() as cur:
                cur.executemany(
                    "INSERT INTO key_event (key_id, kind, actor, order_id, at, note)"
                    " VALUES (%s, 'delivered', %s, %s, %s, '')",
                    [(key_id, ACTOR, order_id, now) for key_id, _ in moved],
                )
                cur.executemany(
                    "INSERT INTO change (topic, entity_id, at) VALUES (%s, %s, %s)",
                    [("stock", moved[0][1], now), *(("key", key_id, now) for key_id, _ in moved)],
                )
            self._guarded(
                "UPDATE order_line SET delivered_qty = %s WHERE id = %s AND delivered_qty = 0", (len(moved), line_id)
            )
            harness.delivered_rows(con, "%s", order_id, len(moved), now)
            con.execute("INSERT INTO change (topic, entity_id, at) VALUES ('order', %s, %s)", (order_id, now))

    def _guarded(self, sql: str, params: tuple) -> None:
        if self.con.execute(sql, params).rowcount != 1:
            raise RuntimeError(f"guard refused: {sql}")

    def _link(self, table: str, name: str, heads: dict, row_id: int, content: bytes) -> None:
        _last, prev = heads[name]
        digest = chain.link(self.key, prev, content)
        self.con.execute(f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE id = %s", (prev, digest, row_id))
        self.con.execute("UPDATE chain_head SET last_id = %s, hash = %s WHERE name = %s", (row_id, digest, name))
        heads[name] = (row_id, digest)

    def close(self) -> None:
        self.con.close()


def raw_payments(data_dir: Path, url: str, work: list[tuple[int, int]], tag: str) -> None:
    raw = RawPayments(data_dir, url)
    try:
        for i, (order_id, line_id) in enumerate(work):
            raw.pay(order_id, line_id, f"R{tag}-{i:07d}")
    finally:
        raw.close()


SIDES = {"service": service_payments, "raw": raw_payments}


def worker(side: str, data_dir: Path, url: str, work, tag: str, gate, done) -> None:
    """Warm up on the first orders of `work`, wait at the gate with the other process, then pay the rest."""
    pay = SIDES[side]
    pay(data_dir, url, work[:WARMUP], f"{tag}w")
    gate.wait()
    pay(data_dir, url, work[WARMUP:], tag)
    done.put(time.perf_counter())


def run_pair(ctx, side: str, data_dir: Path, url: str, halves, tag: str) -> float:
    """Both processes released together; the seconds from the release to the last one done."""
    gate, done = ctx.Barrier(3), ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(side, data_dir, url, half, f"{tag}{p}", gate, done))
        for p, half in enumerate(halves)
    ]
    for proc in procs:
        proc.start()
    gate.wait(timeout=300)
    released = time.perf_counter()
    ends = [done.get(timeout=1800) for _ in procs]
    for proc in procs:
        proc.join()
        if proc.exitcode != 0:
            sys.exit(f"a {side} worker failed (exit {proc.exitcode})")
    return max(ends) - released


# --- the change feed's latency between two desktops -------------------------------------------------


def follower(url: str, data_dir: Path, wanted: int, ready, out) -> None:
    from shopdesk.services.common.outbox import ChangeReader

    app = ShopApp.open(load_config(data_dir, url))
    reader = ChangeReader(app.db.engine)
    seen: dict[int, float] = {}
    ready.set()
    deadline = time.time() + 120
    while len(seen) < wanted and time.time() < deadline:
        reader.wait(1.0)
        changes = reader.poll()
        now = time.time()  # seen: the poll has returned the rows
        for change in changes:
            if change.topic == "order":
                seen.setdefault(change.entity_id, now)
    reader.close()
    app.close()
    out.put(seen)


def feed_latency(ctx, data_dir: Path, url: str, work: list[tuple[int, int]]) -> list[float]:
    """Milliseconds from desktop A's commit to desktop B seeing the order's change, for each of `work`."""
    ready, out = ctx.Event(), ctx.Queue()
    follow = ctx.Process(target=follower, args=(url, data_dir / "desktop-b", len(work), ready, out))
    (data_dir / "desktop-b").mkdir(exist_ok=True)
    follow.start()
    ready.wait(60)
    time.sleep(0.5)  # its LISTEN is in place once it first waits
    app = ShopApp.open(load_config(data_dir, url))
    committed: dict[int, float] = {}
    try:
        for i, (order_id, _line) in enumerate(work):
            app.db.run("write", orders.record_payment, order_id, method="external", trade_no=f"F-{i:06d}", actor=ACTOR)
            committed[order_id] = time.time()
            time.sleep(FEED_PAUSE_S)
    finally:
        app.close()
    seen = out.get(timeout=180)
    follow.join()
    return [(seen[o] - committed[o]) * 1000 for o in committed if o in seen]


# --- main --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="payments per process (default 1000)")
    parser.add_argument("--db", help="a PostgreSQL server URL whose account may create databases")
    args = parser.parse_args(argv)
    if args.n < ROUNDS:
        parser.error(f"N must be at least {ROUNDS}")
    server = args.db or os.environ.get("SHOPDESK_TEST_PG")
    if server is None:  # a throwaway server for this run, as the tests start one
        script = [str(ROOT / "tools" / "pg_cluster.sh"), sys.executable, str(Path(__file__).resolve()), str(args.n)]
        return subprocess.call(script)

    ctx = mp.get_context("spawn")
    per_process = args.n
    total = 2 * (per_process + WARMUP * ROUNDS)
    names = {side: f"shopdesk_bench_{side}_{os.getpid()}" for side in SIDES}
    root = Path(tempfile.mkdtemp(prefix="shopdesk-pg-bench-"))
    try:
        urls, work = {}, {}
        for side, name in names.items():
            admin(server, f"CREATE DATABASE {name}")
            urls[side] = database_url(server, name)
            extra = FEED_CHANGES if side == "service" else 0
            _product, work[side] = delivery.prepare_shop(root / side, total + extra, urls[side])
        feed_work, work["service"] = work["service"][total:], work["service"][:total]

        spent = {side: 0.0 for side in SIDES}
        size = per_process // ROUNDS + WARMUP
        for r in range(ROUNDS):
            order = list(SIDES) if r % 2 == 0 else list(reversed(SIDES))
            for side in order:
                chunk = work[side][2 * size * r : 2 * size * (r + 1)]
                halves = [chunk[0::2], chunk[1::2]]  # the two processes pay neighbouring orders
                spent[side] += run_pair(ctx, side, root / side, urls[side], halves, f"{r}")
        done = 2 * ROUNDS * size
        check(root / "raw", urls["raw"], done)
        check(root / "service", urls["service"], done)

        latencies = feed_latency(ctx, root / "service", urls["service"], feed_work)
        check(root / "service", urls["service"], done + len(feed_work))
    finally:
        for name in names.values():
            admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(root, ignore_errors=True)

    payments = 2 * ROUNDS * (size - WARMUP)
    print(f"payments: 2 processes x {payments // 2} on PostgreSQL (+{2 * ROUNDS * WARMUP} warm-up), pay + deliver")
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"change feed, commit on desktop A to seen on desktop B ({len(latencies)} changes): "
        f"p50 {statistics.median(latencies):.1f} ms, p95 {cuts[94]:.1f} ms, max {max(latencies):.1f} ms"
    )
    harness.report(payments, spent["service"], spent["raw"], "payment", sides=("service layer", "raw psycopg"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

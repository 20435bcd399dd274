"""What the benchmarks share: the command line, a stocked shop for each side, the raw side's sqlite3 connection
and its guarded statements, timing both sides fairly against each other, and the closing lines."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.engine import BUSY_TIMEOUT_MS
from shopdesk.services.catalog import products as catalog
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers
from shopdesk.services.orders import state

Step = Callable[[int], None]  # runs the i-th transaction of one side
T = TypeVar("T")

ACTOR = "bench"
PRICE_FEN = 980
WARMUP = 20
ROUNDS = 10
BATCH = 500  # orders written per transaction while a shop is prepared (untimed)
KEY_CHUNK = 50_000  # keys added per transaction while a shop is stocked (untimed)


# --- the command line and the closing lines --------------------------------------------------------


def parse_n(doc: str, default: int, what: str, argv: list[str] | None = None) -> tuple[int, int]:
    """`bench/X.py [N]`: returns (n, warm-up transactions per side)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=default, help=f"{what} per side (default {default})")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    return args.n, min(WARMUP, args.n)


def report(
    n: int,
    service_seconds: float,
    raw_seconds: float,
    per: str,
    sides: tuple[str, str] = ("service layer", "raw sqlite3"),
) -> None:
    """Both rates, then the last line, always `ratio X` (first side's rate / second side's)."""
    service_rate, raw_rate = n / service_seconds, n / raw_seconds
    width = max(len(side) for side in sides) + 1
    for side, rate, seconds in ((sides[0], service_rate, service_seconds), (sides[1], raw_rate, raw_seconds)):
        print(f"{side + ':':<{width}} {rate:9.1f} tx/s  ({seconds * 1000 / n:.3f} ms per {per})")
    print(f"ratio {service_rate / raw_rate:.2f}")


# --- background load -------------------------------------------------------------------------------

BUSY_LOOP = "while True: pass"


@contextmanager
def background_load(k: int) -> Iterator[None]:
    """k other processes burning a CPU each while the block runs (a desktop with a browser open), ended after.

    Plain `python -c` busy loops rather than forks of the bench: a fork of a process that already runs Qt and
    threads is not safe, and a spawn would re-import the bench. With k = 0 nothing starts."""
    burners = [
        subprocess.Popen([sys.executable, "-c", BUSY_LOOP], stdin=subprocess.DEVNULL, env={**os.environ})
        for _ in range(k)
    ]
    try:
        if burners:
            time.sleep(0.2)  # they are burning before the first measurement
        yield
    finally:
        for burner in burners:
            burner.kill()
        for burner in burners:
            burner.wait()


def add_background_load(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--background-load",
        type=int,
        default=0,
        metavar="K",
        help="then measure again with K processes burning CPU beside the bench (default 0: quiet only)",
    )


def conditions(k: int) -> list[tuple[str, int]]:
    """(label, load) of each run a latency bench makes: quiet, and with --background-load K also under load.
    The label line is printed before that run's figures (bench_all.py splits the output on it)."""
    runs = [("quiet", 0)]
    if k > 0:
        runs.append((f"background load: {k} busy process{'es' if k > 1 else ''}", k))
    return runs


def condition_header(label: str) -> None:
    print(f"== {label} ==", flush=True)


# --- the shops -------------------------------------------------------------------------------------


@contextmanager
def temp_shops() -> Iterator[tuple[Path, Path]]:
    """(service dir, raw dir) in a temporary directory that is removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="shopdesk-bench-"))
    try:
        yield root / "service", root / "raw"
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def open_shop(data_dir: Path, db_url: str | None = None) -> Iterator[ShopApp]:
    """The shop of `data_dir` (its SQLite file, or the server database `db_url` names)."""
    app = ShopApp.open(load_config(data_dir, db_url))
    try:
        yield app
    finally:
        app.close()


def stock_shop(app: ShopApp, sku: str, keys: int, secret_prefix: str, buyers: int = 1) -> tuple[int, list[int]]:
    """One secret product `sku` with `keys` keys (`{secret_prefix}-00000000-SECRET`, ...) and `buyers` customers;
    returns (product id, customer ids)."""
    with app.db.write() as session:
        product = catalog.add_product(
            session, catalog.ProductInput(sku=sku, name="Bench card 10", price_fen=PRICE_FEN, kind="secret")
        )
        customer_ids = [customers.add_customer(session, f"Bench customer {i}").id for i in range(buyers)]
    for start in range(0, keys, KEY_CHUNK):
        with app.db.write() as session:
            inventory.add_keys(
                session,
                app.vault,
                product.id,
                [(None, f"{secret_prefix}-{i:08d}-SECRET") for i in range(start, min(keys, start + KEY_CHUNK))],
                actor=ACTOR,
            )
    return product.id, customer_ids


def write_in_batches(app: ShopApp, n: int, make: Callable[[Any, int], T]) -> list[T]:
    """make(session, i) for i in range(n), BATCH of them per write transaction; returns what they made."""
    made: list[T] = []
    for start in range(0, n, BATCH):
        with app.db.write() as session:
            made.extend(make(session, i) for i in range(start, min(n, start + BATCH)))
    return made


def check_shop(data_dir: Path, status: str, expected: int, measure: Callable[[Any], T] | None = None) -> T | None:
    """Doctor must be clean and `expected` orders in `status` (else the bench exits); returns measure(session)."""
    with open_shop(data_dir) as app, app.db.read() as session:
        violations = run_checks(session)
        count = state.count_by_status(session).get(status, 0)
        measured = measure(session) if measure is not None else None
    if violations or count != expected:
        sys.exit(f"{data_dir}: {count} {status} (expected {expected}); doctor: {violations}")
    return measured


# --- the two sides ---------------------------------------------------------------------------------


class Side(Protocol):
    def step(self, i: int) -> None: ...

    def close(self) -> None: ...


class ServiceSide:
    """The service layer on one shop; a subclass's step(i) is one db.write() transaction."""

    def __init__(self, data_dir: Path):
        self.app = ShopApp.open(load_config(data_dir))

    def close(self) -> None:
        self.app.close()


class RawSide:
    """sqlite3 by hand on the other shop, with the pragmas the engine sets (WAL, synchronous=FULL, foreign keys)."""

    def __init__(self, db_path: Path):
        con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        self.con = con

    def close(self) -> None:
        self.con.close()


def openable(vault, rows) -> list[int]:
    """The ids of the (id, secret_enc, secret_hash, product_id) rows whose secret opens: a raw side opens every
    key before it hands it over, as the service does (a damaged one is never sold)."""
    return [key_id for key_id, blob, digest, product_id in rows if vault.secret_opens(blob, digest, product_id)]


def payment_rows(con, mark: str, order_id: int, trade_no: str, total: int, entry_id: int, at: Any) -> None:
    """The payment row and the order's "paid" event, as the service writes them, on a raw connection (sqlite3 or
    psycopg: `mark` is its placeholder)."""
    con.execute(
        "INSERT INTO payment (order_id, method, trade_no, amount_fen, entry_id, at)"
        " VALUES (?, 'external', ?, ?, ?, ?)".replace("?", mark),
        (order_id, trade_no, total, entry_id, at),
    )
    con.execute(
        "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, 'paid', ?, ?, ?)".replace("?", mark),
        (order_id, ACTOR, at, f"external {trade_no}"),
    )


def delivered_rows(con, mark: str, order_id: int, count: int, at: Any) -> None:
    """The order's guarded move to delivered and its "delivered" event, on a raw connection (see payment_rows)."""
    sql = "UPDATE orders SET status = 'delivered', updated_at = ?, delivered_at = ? WHERE id = ? AND status = 'paid'"
    guarded(con, sql.replace("?", mark), (at, at, order_id))
    con.execute(
        "INSERT INTO order_event (order_id, kind, actor, at, note) VALUES (?, 'delivered', ?, ?, ?)".replace("?", mark),
        (order_id, ACTOR, at, f"{count} key(s)"),
    )


def stamp(at: datetime) -> str:
    """How SQLAlchemy stores the UTC DateTime columns in SQLite."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@contextmanager
def immediate(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def guarded(con: sqlite3.Connection, sql: str, params: Sequence[Any], refusal: str = "order changed under us") -> None:
    """A write that must touch exactly one row (a guarded transition); RuntimeError(refusal) otherwise."""
    if con.execute(sql, params).rowcount != 1:
        raise RuntimeError(refusal)


def move_balances(con: sqlite3.Connection, moves: Sequence[tuple[int, int]]) -> None:
    """The ledger's balance updates: (account id, delta) each; a wallet never goes below zero."""
    for account_id, delta in moves:
        guarded(
            con,
            "UPDATE account SET balance_fen = balance_fen + ?"
            " WHERE id = ? AND (kind != 'wallet' OR balance_fen + ? >= 0)",
            (delta, account_id, delta),
            "insufficient funds",
        )


# --- timing ----------------------------------------------------------------------------------------


def timed(step: Step, first: int, count: int) -> float:
    start = time.perf_counter()
    for i in range(first, first + count):
        step(i)
    return time.perf_counter() - start


def race(service: Step, raw: Step, n: int, warmup: int, rounds: int) -> tuple[float, float]:
    """Seconds for n transactions on each side. The sides alternate in rounds (and alternate who goes first),
    so a disk or CPU that gets busier or quieter during the run weighs on both equally."""
    timed(service, 0, warmup)
    timed(raw, 0, warmup)
    spent = {"service": 0.0, "raw": 0.0}
    done = 0
    for r in range(rounds):
        count = (n - done) // (rounds - r)
        sides = [("service", service), ("raw", raw)]
        for name, step in sides if r % 2 == 0 else reversed(sides):
            spent[name] += timed(step, warmup + done, count)
        done += count
    return spent["service"], spent["raw"]


def race_sides(service: Side, raw: Side, n: int, warmup: int) -> tuple[float, float]:
    """race() of the two sides' steps in min(ROUNDS, n) rounds; both sides are closed afterwards."""
    try:
        return race(service.step, raw.step, n, warmup, rounds=min(ROUNDS, n))
    finally:
        service.close()
        raw.close()

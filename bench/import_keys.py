"""Key import throughput: the real import path against raw sqlite3 executemany, in one run.

    python bench/import_keys.py [N]        (N keys, default 1,000,000)

- service side: `imports.import_keys` on a generated supplier file (card number,secret per line):
  decode, detect the format, parse, normalise, hash (HMAC), dedupe against the database, encrypt
  (AES-GCM) and insert, in one transaction, exactly what `shopdesk keys import` does;
- raw side: the same rows (already encrypted and hashed, untimed) inserted with sqlite3 executemany in
  one BEGIN IMMEDIATE transaction into a second shop whose card_key table, indexes and pragmas come
  from the same migrations.

Prints both rates, the service side's peak memory, and last `ratio X` (service keys/s / raw keys/s).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.common import clock
from shopdesk.services.inventory.importing import ImportOptions, import_keys

SKU = "BENCH-CARD-100"


def supplier_file(path: Path, n: int) -> None:
    """Write n lines "card number,secret" (CRLF), streamed so the generator itself stays small."""
    rng = random.Random(42)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    with path.open("w", encoding="utf-8", newline="") as fh:
        for start in range(0, n, 50_000):
            fh.write(
                "".join(
                    f"{8600000000000000 + i},{''.join(rng.choices(alphabet, k=16))}\r\n"
                    for i in range(start, min(n, start + 50_000))
                )
            )


def new_shop(root: Path, name: str) -> ShopApp:
    app = ShopApp.open(load_config(root / name))
    with app.db.write() as session:
        catalog.add_product(
            session, catalog.ProductInput(sku=SKU, name="Bench card 100", price_fen=9800, kind="code+secret")
        )
    return app


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="shopdesk-bench-import-"))
    try:
        path = root / "supplier.csv"
        supplier_file(path, args.n)
        rss_before = peak_rss_mb()

        app = new_shop(root, "service")
        t0 = time.perf_counter()
        data = path.read_bytes()
        with app.db.write() as session:
            report = import_keys(session, app.vault, data, ImportOptions(sku=SKU, supplier="bench"), actor="bench")
        service_s = time.perf_counter() - t0
        del data
        service_peak = peak_rss_mb()
        assert report.accepted == args.n, report
        with app.db.read() as session:
            rows = [
                tuple(r)
                for r in session.connection().exec_driver_sql(
                    "SELECT product_id, batch_id, card_no, secret_enc, secret_hash, secret_tail, status,"
                    " order_line_id, expires_at, status_changed_at FROM card_key ORDER BY id"
                )
            ]
        app.close()

        raw_app = new_shop(root, "raw")
        with raw_app.db.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO key_batch (product_id, supplier, unit_cost_fen, note, imported_by, imported_at,"
                " key_count) VALUES (1, 'bench', 0, '', 'bench', ?, ?)",
                (clock.now().replace(tzinfo=None), args.n),
            )
        raw_app.close()
        con = sqlite3.connect(root / "raw" / DB_FILENAME, isolation_level=None)
        for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL", "busy_timeout = 15000"):
            con.execute(f"PRAGMA {pragma}")
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT INTO card_key (product_id, batch_id, card_no, secret_enc, secret_hash, secret_tail, status,"
            " order_line_id, expires_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        con.execute("COMMIT")
        raw_s = time.perf_counter() - t0
        con.close()

        service_rate, raw_rate = args.n / service_s, args.n / raw_s
        print(f"keys:            {args.n:,}")
        print(f"service import:  {service_s:8.2f} s  {service_rate:12,.0f} keys/s")
        print(f"raw executemany: {raw_s:8.2f} s  {raw_rate:12,.0f} keys/s")
        print(
            f"peak memory:     {service_peak:8.0f} MB (process, after the service import; {rss_before:.0f} MB before)"
        )
        print(f"ratio {service_rate / raw_rate:.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())

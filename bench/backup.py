"""Backing up a 1,000,000-key shop: raw sqlite3 `.backup` against ShopDesk's backup-and-verify.

    python bench/backup.py [N] [--data DIR]     (N keys, default 1,000,000; DIR keeps the shop for reruns)

The shop: migrations through ShopApp, four products, N keys sealed with the shop's real key (so doctor's sampled
secret check opens them) inserted with sqlite3 executemany, a few hundred audited events on the trail. Statuses
available / void / expired, none tied to an order line, so the shop passes doctor.

- raw: Python's sqlite3 online backup API (`src.backup(dst)`, all pages in one step: what the sqlite3 shell's
  `.backup` does) into a new file, then fsync;
- ShopDesk: `backup.create(app)`: the online backup in steps inside one read transaction, the manifest, fsync,
  verification (header, schema, row counts and chain heads against the manifest, doctor's checks on the copy
  including PRAGMA quick_check, foreign keys and 200 sealed secrets opened), the rename, retention.

Three rounds each, interleaved; medians. The last line is `ratio X` = raw time / ShopDesk time (target >= 0.3:
verifying costs something, not everything).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shopdesk.app import ShopApp  # noqa: E402
from shopdesk.config import DB_FILENAME, load_config, private_umask  # noqa: E402
from shopdesk.services.catalog import products as catalog  # noqa: E402
from shopdesk.services.catalog.products import ProductInput  # noqa: E402
from shopdesk.services.common import audit  # noqa: E402
from shopdesk.services.maintenance import backup  # noqa: E402

PRODUCTS = ("GAME-QB-100", "PHONE-CM-50", "STEAM-200", "VPN-MONTH")
CHUNK = 50_000
ROUNDS = 3


def build(data_dir: Path, n: int) -> None:
    app = ShopApp.open(load_config(data_dir))
    try:
        vault = app.vault
        with app.db.write() as s:
            ids = [
                catalog.add_product(s, ProductInput(sku=sku, name=sku, price_fen=1000, kind="code+secret")).id
                for sku in PRODUCTS
            ]
            for i in range(300):
                audit.record(s, actor="bench", action="bench.event", subject=f"bench:{i}")
    finally:
        app.close()
    con = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    rng = random.Random(5)
    now = datetime.now(UTC)
    stamp = (now - timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S.%f")
    con.execute("BEGIN IMMEDIATE")
    batches = []
    for pid in ids:
        cur = con.execute(
            "INSERT INTO key_batch (product_id, supplier, unit_cost_fen, note, imported_by, imported_at, key_count)"
            " VALUES (?, 'bench supplier', 500, '', 'bench', ?, 0)",
            (pid, stamp),
        )
        batches.append(cur.lastrowid)
    statuses = rng.choices(("available", "void", "expired"), (0.9, 0.05, 0.05), k=n)
    for start in range(0, n, CHUNK):
        rows = []
        for i in range(start, min(n, start + CHUNK)):
            which = i % len(ids)
            secret = f"BK{i:010d}-{rng.getrandbits(40):010x}"
            digest = vault.hash(secret)
            rows.append(
                (
                    ids[which],
                    batches[which],
                    f"{8600000000000000 + i}",
                    vault.encrypt_secret(secret, digest, ids[which]),
                    digest,
                    secret[-4:],
                    statuses[i],
                    stamp,
                )
            )
        con.executemany(
            "INSERT INTO card_key (product_id, batch_id, card_no, secret_enc, secret_hash, secret_tail, status,"
            " status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        print(f"\rbuilding: {min(n, start + CHUNK)}/{n} keys", end="", file=sys.stderr, flush=True)
    con.execute("UPDATE key_batch SET key_count = (SELECT count(*) FROM card_key WHERE batch_id = key_batch.id)")
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    print(file=sys.stderr)


def raw_backup(db: Path, target: Path) -> float:
    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    src = sqlite3.connect(db)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    fd = os.open(target, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    return time.perf_counter() - t0


def ours(app, folder: Path) -> tuple[float, dict]:
    t0 = time.perf_counter()
    result = backup.create(app, folder)
    elapsed = time.perf_counter() - t0
    Path(result["path"]).unlink()
    return elapsed, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--data", help="keep the shop in this folder (built once, reused by later runs)")
    args = parser.parse_args()
    private_umask()
    tmp = Path(tempfile.mkdtemp(prefix="shopdesk-bench-backup-"))
    try:
        data_dir = Path(args.data).resolve() if args.data else tmp / "shop"
        if not (data_dir / DB_FILENAME).exists():
            t0 = time.perf_counter()
            build(data_dir, args.n)
            print(f"shop built in {time.perf_counter() - t0:.1f} s (not timed below)")
        db = data_dir / DB_FILENAME
        keys = sqlite3.connect(db).execute("SELECT COUNT(*) FROM card_key").fetchone()[0]
        print(f"shop: {keys} keys, {db.stat().st_size / 1_048_576:.0f} MB")
        app = ShopApp.open(load_config(data_dir))
        raw_times, our_times = [], []
        try:
            for _ in range(ROUNDS):
                raw_times.append(raw_backup(db, tmp / "raw.sqlite3"))
                elapsed, result = ours(app, tmp / "backups")
                our_times.append(elapsed)
        finally:
            app.close()
        t0 = time.perf_counter()
        checked = backup.verify(tmp / "raw.sqlite3")  # verify alone, on a file without a manifest (temp copy)
        verify_alone = time.perf_counter() - t0
        raw, mine = statistics.median(raw_times), statistics.median(our_times)
        print(f"raw sqlite3 .backup:       {raw:7.2f} s  (median of {ROUNDS})")
        print(f"ShopDesk backup + verify:  {mine:7.2f} s  (median of {ROUNDS}; verified={result['verified']})")
        print(f"backup verify (alone):     {verify_alone:7.2f} s  (ok={checked['ok']}, temp copy included)")
        print(f"ratio {raw / mine:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""kill -9 in the middle of a large import: nothing of it survives, everything committed before does."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from workers import first_lines, kill_9, running

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.db.models import AuditEvent, CardKey, KeyBatch
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory.importing import CHUNK, ImportOptions, import_keys
from shopdesk.services.maintenance.doctor import run_checks

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("import_worker.py")
KEYS = 300_000
WAIT_FOR_CHUNKS = 3  # chunks written inside the open transaction before the kill


def import_file(app: ShopApp, data: bytes, sku: str):
    with app.db.write() as s:
        return import_keys(s, app.vault, data, ImportOptions(sku=sku), actor="test")


def counts(app: ShopApp, product_id: int) -> tuple[int, int]:
    with app.db.read() as s:
        keys = s.execute(select(func.count()).where(CardKey.product_id == product_id)).scalar_one()
        batches = s.execute(select(func.count()).where(KeyBatch.product_id == product_id)).scalar_one()
    return keys, batches


def test_kill_9_mid_import_leaves_nothing_half_written(data_dir: Path, tmp_path: Path):
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            big = catalog.add_product(s, ProductInput(sku="CRASH-1", name="Crash", price_fen=100, kind="secret")).id
            kept = catalog.add_product(s, ProductInput(sku="KEPT-1", name="Kept", price_fen=100, kind="secret")).id
        assert import_file(app, "\n".join(f"KEPT-{n:04d}-SECRET" for n in range(10)).encode(), "KEPT-1").accepted == 10
    finally:
        app.close()

    key_file = tmp_path / "supplier-keys.txt"
    rows = [f"CRASH-{n:07d}-SECRET\n" for n in range(KEYS)]
    key_file.write_bytes("".join(rows).encode())
    with running(WORKER, data_dir, "CRASH-1", key_file) as proc:
        seen = first_lines(proc, WAIT_FOR_CHUNKS, timeout=60)
        assert all(line.startswith("progress ") for line in seen), seen
        kill_9(proc)
    assert seen[:WAIT_FOR_CHUNKS] == [f"progress {CHUNK * n} {KEYS + 1}" for n in range(1, WAIT_FOR_CHUNKS + 1)]
    if load_config(data_dir).is_sqlite:
        wal = data_dir / (DB_FILENAME + "-wal")
        # The killed transaction had already spilled pages into the log: recovery has work to do.
        assert wal.exists() and wal.stat().st_size > 0
    # (On PostgreSQL the server rolls back the dead connection's transaction.)

    app = ShopApp.open(load_config(data_dir))
    try:
        assert counts(app, big) == (0, 0)
        assert counts(app, kept) == (10, 1)  # committed before the crash: all there
        with app.db.read() as s:
            assert run_checks(s) == []
            imports_audited = s.execute(select(func.count()).where(AuditEvent.action == "keys.import")).scalar_one()
        assert imports_audited == 1
        # Nothing left behind to clash with: the keys the dead process had inserted import cleanly.
        redo = (WAIT_FOR_CHUNKS + 2) * CHUNK  # more than the dead process can have inserted
        again = import_file(app, "".join(rows[:redo]).encode(), "CRASH-1")
        assert (again.accepted, again.duplicates_in_db) == (redo, 0)
        assert counts(app, big) == (redo, 1)
        with app.db.read() as s:
            assert run_checks(s) == []
    finally:
        app.close()

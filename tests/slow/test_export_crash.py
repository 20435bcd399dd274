"""An export never escapes the trail: killed with -9 or stopped by a full disk, the audit shows that it started,
its partial file goes, and no key file is left behind."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from workers import hook_rows, kill_9, running

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit
from shopdesk.services.inventory import secrets as key_secrets
from shopdesk.services.inventory import stock as inventory

WORKER = Path(__file__).with_name("export_worker.py")


def stock(app: ShopApp, n: int) -> None:
    with app.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku="EXP-1", name="Export", price_fen=100, kind="secret")).id
        inventory.add_keys(s, app.vault, pid, [(None, f"EXPORT-{i:05d}-SECRET") for i in range(n)], actor="t")


def actions(app: ShopApp) -> list[tuple[str, str]]:
    with app.db.read() as s:
        return [(e.action, e.actor) for e in reversed(audit.recent(s, limit=50)) if e.action.startswith("keys.export")]


@pytest.mark.slow
def test_kill_9_mid_export_is_in_the_trail_and_its_file_is_removed_at_the_next_start(data_dir, tmp_path):
    app = ShopApp.open(load_config(data_dir))
    stock(app, 500)
    app.close()
    out = tmp_path / "exports"
    out.mkdir()
    with running(WORKER, data_dir, out / "keys.csv") as proc:
        assert proc.stdout.readline().strip() == "writing"
        temps = list(out.glob(".shopdesk-export-*"))
        assert len(temps) == 1 and temps[0].stat().st_size > 0  # secrets were being written...
        # ...and the trail already says who exported how many to which file, before the first one was written
        app = ShopApp.open(load_config(data_dir))
        try:
            with app.db.read() as s:
                [started] = audit.recent(s, action="keys.export_started")
            assert (started.actor, started.detail["count"], started.detail["file"]) == (
                "exporter",
                500,
                str((out / "keys.csv").resolve()),
            )
            # while the exporter is alive its file is locked: a start elsewhere leaves it alone
            with app.db.write() as s:
                assert key_secrets.remove_abandoned_exports(s) == []
        finally:
            app.close()
        kill_9(proc)

    assert not (out / "keys.csv").exists()
    app = ShopApp.open(load_config(data_dir))
    try:
        with app.db.write() as s:
            removed = key_secrets.remove_abandoned_exports(s)
        assert removed == [str(temps[0].resolve())]
        assert list(out.iterdir()) == []
        assert actions(app) == [("keys.export_started", "exporter"), ("keys.export_abandoned", "system")]
        with app.db.write() as s:
            assert key_secrets.remove_abandoned_exports(s) == []  # once
    finally:
        app.close()


def test_a_full_disk_stops_the_export_with_what_really_happened(shop, tmp_path, monkeypatch):
    stock(shop, 200)

    def full_disk(row, _inner):
        if row > 40:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(key_secrets, "write_keys", hook_rows(key_secrets, full_disk))
    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(key_secrets.ExportFailed) as info:
        key_secrets.export_to_path(shop.db, shop.vault, out / "keys.csv", actor="owner")
    message = info.value.message
    assert "is full" in message and "partial file was removed" in message and "no key file was written" in message
    assert list(out.iterdir()) == []
    assert actions(shop) == [("keys.export_started", "owner"), ("keys.export_failed", "owner")]
    with shop.db.read() as s:
        [failed] = audit.recent(s, action="keys.export_failed")
    assert "is full" in failed.detail["why"]


def test_the_cli_says_a_full_disk_and_exits_1(shop, tmp_path, monkeypatch, capsys):
    from shopdesk.cli import main

    stock(shop, 10)

    def no_space(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(key_secrets, "write_keys", no_space)
    capsys.readouterr()
    code = main(["--data-dir", str(shop.config.data_dir), "keys", "export", "--out", str(tmp_path / "k.csv")])
    assert code == 1
    assert "is full" in capsys.readouterr().err
    assert not (tmp_path / "k.csv").exists()

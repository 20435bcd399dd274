"""SHOPDESK_STARTUP_PROBE: the real program notes its first window paint and its first page painted with data,
in that order, then quits by itself; without the variable nothing of it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.ui import startup_probe

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # one whole launch of the program
def test_the_gui_reports_window_then_painted_and_exits(tmp_path):
    data_dir = tmp_path / "shop"
    shop = ShopApp.open(load_config(data_dir))  # a shop with a product: no demo seed on this start
    try:
        with shop.db.write() as session:
            catalog.add_product(session, catalog.ProductInput(sku="PROBE-1", name="Probe card", price_fen=100))
    finally:
        shop.close()
    probe = tmp_path / "probe.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **{startup_probe.ENV: str(probe)})

    done = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--data-dir", str(data_dir)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in probe.read_text(encoding="utf-8").splitlines()]
    assert [name for name, _ in lines] == ["window", "painted"]
    assert float(lines[0][1]) <= float(lines[1][1])


def test_without_the_variable_no_probe_is_installed(monkeypatch):
    monkeypatch.delenv(startup_probe.ENV, raising=False)
    assert startup_probe.install(None) is None

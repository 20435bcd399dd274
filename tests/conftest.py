"""Shared fixtures: a migrated template shop built once, copied per test; doctor runs after each scenario."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from shopdesk.app import ShopApp  # noqa: E402
from shopdesk.config import DB_FILENAME, load_config  # noqa: E402
from shopdesk.services.common import clock  # noqa: E402
from shopdesk.services.maintenance.doctor import run_checks  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "breaks_invariants: the test corrupts data on purpose; skip the doctor check")


@pytest.fixture(autouse=True)
def _clock_reset():
    clock.reset()
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    # No test may touch the developer's real data dir.
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("SHOPDESK_DB_URL", raising=False)


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory):
    """A migrated, empty shop (database + vault key), built once per run."""
    path = tmp_path_factory.mktemp("template")
    app = ShopApp.open(load_config(path))
    app.close()
    con = sqlite3.connect(path / DB_FILENAME)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture
def data_dir(template_dir, tmp_path):
    target = tmp_path / "shop"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture
def shop(data_dir, request):
    """An open ShopApp on a fresh copy of the template; doctor must be clean when the test ends."""
    app = ShopApp.open(load_config(data_dir))
    yield app
    if not request.node.get_closest_marker("breaks_invariants"):
        with app.db.read() as session:
            violations = run_checks(session)
        assert violations == [], f"doctor found violations after the test: {violations}"
    app.close()

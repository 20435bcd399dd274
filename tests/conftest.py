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
from tests.helpers import pg  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--pg",
        default=None,
        metavar="URL",
        help="run the shops of the suite on this PostgreSQL server (default: $SHOPDESK_TEST_PG; else SQLite)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "breaks_invariants: the test corrupts data on purpose; skip the doctor check")
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): the test is about SQLite itself (its file, PRAGMA, WAL); skipped on PostgreSQL",
    )
    config.addinivalue_line("markers", "pg_only: needs a PostgreSQL server (--pg / $SHOPDESK_TEST_PG)")


def pytest_collection_modifyitems(config, items):
    on_pg = pg.server_url(config) is not None
    if on_pg:
        # The PostgreSQL pass is for what runs on the server: a test that opens no shop of the suite (every shop
        # fixture stands on `template_dir`) and no database of its own would only repeat the SQLite pass.
        kept = [i for i in items if {"template_dir", "pg_server"} & set(getattr(i, "fixturenames", ()))]
        if len(kept) < len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if on_pg and marker is not None:
            reason = marker.args[0] if marker.args else "about SQLite itself"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        if not on_pg and item.get_closest_marker("pg_only"):
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: --pg URL or $SHOPDESK_TEST_PG (make test-pg)"))


@pytest.fixture(scope="session")
def pg_server(request):
    """The PostgreSQL server URL (an account that may create databases); skips without one."""
    url = pg.server_url(request.config)
    if url is None:
        pytest.skip("needs PostgreSQL: --pg URL or $SHOPDESK_TEST_PG (make test-pg)")
    return url


@pytest.fixture
def pg_database(pg_server):
    """An empty PostgreSQL database of its own: (admin server URL, database URL)."""
    name = pg.fresh_name("e")
    url = pg.create_database(pg_server, name)
    yield url
    pg.drop_database(pg_server, name)


@pytest.fixture(autouse=True)
def _clock_reset():
    clock.reset()
    yield
    clock.reset()


@pytest.fixture(scope="session", autouse=True)
def _session_cache_dir(tmp_path_factory):
    # The seed model's disk cache goes to a folder of the run (the CLI's and workers' processes inherit it): the
    # first process that needs the seed trains it, every later one reads it, and no test writes the user's cache.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHOPDESK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    # No test may touch the developer's real data dir.
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("SHOPDESK_DB_URL", raising=False)


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory, request):
    """A migrated, empty shop (database + vault key), built once per run.

    On PostgreSQL the folder holds the vault key and the database is the template database `pg.ACTIVE` names."""
    path = tmp_path_factory.mktemp("template")
    server = pg.server_url(request.config)
    if server is not None:
        template = pg.fresh_name("shopdesk_template_")
        app = ShopApp.open(load_config(path, pg.create_database(server, template)))
        app.close()
        pg.ACTIVE.update(server=server, template=template)
        yield path
        pg.release_all()
        pg.ACTIVE.clear()
        pg.drop_database(server, template)
        return
    app = ShopApp.open(load_config(path))
    app.close()
    con = sqlite3.connect(path / DB_FILENAME)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    yield path


@pytest.fixture
def data_dir(template_dir, tmp_path, monkeypatch):
    """A fresh shop: a copy of the template's folder and, on PostgreSQL, a database of its own that
    $SHOPDESK_DB_URL names (so the CLI, the API and worker processes all find it)."""
    target = tmp_path / "shop"
    shutil.copytree(template_dir, target)
    database = pg.new_shop_database()
    if database is None:
        yield target
        return
    name, url = database
    monkeypatch.setenv("SHOPDESK_DB_URL", url)
    yield target
    pg.drop_shop_database(name)


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

"""A shop on a PostgreSQL server that cannot be reached or entered: exit 1 and one sentence, never a traceback."""

from __future__ import annotations

import socket
import sys

import pytest
from sqlalchemy.engine import make_url

from tests.helpers import pg


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _refused(run, *, says: str, hidden: str = "") -> None:
    assert run.code == 1, (run.out, run.err)
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert says in lines[0]
    if hidden:
        assert hidden not in run.err  # the password never reaches the screen


def test_a_server_that_is_down(cli, tmp_path):
    url = f"postgresql://shop:s3cret-pw@127.0.0.1:{_free_port()}/shop"
    run = cli("--data-dir", tmp_path, "--db", url, "product", "list")
    _refused(run, says="No database server answers", hidden="s3cret-pw")
    assert "127.0.0.1" in run.err


def test_a_server_that_is_down_from_the_environment(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPDESK_DB_URL", f"postgresql+psycopg://shop:pw@127.0.0.1:{_free_port()}/shop")
    _refused(cli("--data-dir", tmp_path, "db", "upgrade"), says="Start PostgreSQL there")


def test_a_missing_driver(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails as if it were not installed
    run = cli("--data-dir", tmp_path, "--db", f"postgresql://shop:pw@127.0.0.1:{_free_port()}/shop", "product", "list")
    _refused(run, says="pip install 'shopdesk[postgresql]'", hidden=":pw@")


@pytest.mark.pg_only
def test_a_wrong_password(cli, tmp_path, pg_server):
    url = make_url(pg.database_url(pg_server, "postgres")).set(password="not-the-password")
    run = cli("--data-dir", tmp_path, "--db", url.render_as_string(hide_password=False), "product", "list")
    _refused(run, says="refused the user name or password", hidden="not-the-password")


@pytest.mark.pg_only
def test_a_missing_database(cli, tmp_path, pg_server):
    run = cli("--data-dir", tmp_path, "--db", pg.database_url(pg_server, "no_such_shop"), "product", "list")
    _refused(run, says="does not exist on that server")
    assert "no_such_shop" in run.err


@pytest.mark.pg_only
def test_ssl_asked_of_a_server_without_it(cli, tmp_path, pg_server):
    """The test server speaks no SSL: a URL that requires it is told what to change, in one sentence."""
    url = make_url(pg.database_url(pg_server, "postgres")).update_query_dict({"sslmode": "require"})
    run = cli("--data-dir", tmp_path, "--db", url.render_as_string(hide_password=False), "product", "list")
    _refused(run, says="does not offer SSL", hidden=url.password)


def test_a_server_that_goes_away_is_worded_as_lost_and_worth_retrying():
    """What the GUI's "reconnecting…" rests on: a dropped connection is a ServerUnreachable with its message."""
    from sqlalchemy.exc import OperationalError

    from shopdesk.db.errors import ServerUnreachable, problem_of

    dropped = OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
    problem = problem_of(dropped, "postgresql://shop:pw@db.example/shop")
    assert isinstance(problem, ServerUnreachable)
    assert problem.code == "db.connection_lost" and "db.example" in problem.message and "pw" not in problem.message
    refused = OperationalError("connect", {}, Exception('connection to "db.example" failed: Connection refused'))
    assert isinstance(problem_of(refused, "postgresql://db.example/shop"), ServerUnreachable)
    bug = OperationalError("SELECT x FROM nowhere", {}, Exception('relation "nowhere" does not exist'))
    assert problem_of(bug, "postgresql://db.example/shop") is None  # a missing table is a bug, not a fixable problem

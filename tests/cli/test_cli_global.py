"""Global options (--json, --data-dir, --db), the entry points, and databases the CLI must refuse."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.config import DB_FILENAME
from shopdesk.db import migrate

READ_COMMANDS = [
    ["product", "list"],
    ["customer", "list"],
    ["order", "list"],
    ["doctor"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("where", ["before", "after"])
def test_json_and_data_dir_are_accepted_before_or_after_the_subcommand(cli, sd, command, where):
    sd("product", "add", "--sku", "P-1", "--name", "One", "--price", "1.00")
    sd("customer", "add", "--name", "Ann")
    options = ["--json", "--data-dir", str(sd.path)]
    argv = options + command if where == "before" else command + options

    run = cli(*argv)

    assert run.code == 0, run.err
    payload = run.json()
    if command == ["product", "list"]:
        assert [p["sku"] for p in payload["products"]] == ["P-1"]
    elif command == ["customer", "list"]:
        assert [c["name"] for c in payload["customers"]] == ["Ann"]
    elif command == ["order", "list"]:
        assert payload == {"orders": []}
    else:
        assert payload["ok"] is True


def test_data_dir_before_the_subcommand_is_where_the_write_goes(cli, sd, tmp_path):
    # Regression: a --data-dir given before the subcommand used to be dropped silently, and the
    # product landed in the default data dir.
    default_dir = Path(os.environ["SHOPDESK_DATA_DIR"])

    run = cli("--data-dir", sd.path, "--json", "product", "add", "--sku", "W-1", "--name", "W", "--price", "2")

    assert run.code == 0, run.err
    assert run.json()["sku"] == "W-1"
    assert sd.count("product", "sku = 'W-1'") == 1
    assert not (default_dir / DB_FILENAME).exists()


def test_an_option_repeated_after_the_subcommand_wins(cli, sd, tmp_path):
    other = tmp_path / "elsewhere"

    run = cli("--data-dir", other, "customer", "add", "--name", "Cat", "--data-dir", sd.path)

    assert run.code == 0, run.err
    assert sd.count("customer") == 1
    assert not (other / DB_FILENAME).exists()


def test_without_json_the_output_is_text(sd):
    run = sd("product", "add", "--sku", "T-1", "--name", "Text", "--price", "3.5")

    assert run.code == 0
    assert run.out.startswith("product 1 added: T-1 Text")
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.out)


def test_shopdesk_data_dir_environment_variable_is_the_default(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path / "from-env"))

    run = cli("--json", "customer", "add", "--name", "Env")

    assert run.code == 0, run.err
    con = sqlite3.connect(tmp_path / "from-env" / DB_FILENAME)
    assert con.execute("SELECT name FROM customer").fetchall() == [("Env",)]
    con.close()
    assert cli("--data-dir", tmp_path / "from-env", "doctor").code == 0


@pytest.mark.parametrize("form", ["url", "path", "relative path"])
def test_db_takes_a_url_or_a_sqlite_file_path(cli, tmp_path, monkeypatch, form):
    target = tmp_path / "custom" / "shop.db"
    target.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    value = {"url": f"sqlite:///{target}", "path": str(target), "relative path": "custom/shop.db"}[form]
    data = tmp_path / "data"

    run = cli(
        "--data-dir", data, "--db", value, "--json", "product", "add", "--sku", "D-1", "--name", "D", "--price", "1"
    )

    assert run.code == 0, run.err
    con = sqlite3.connect(target)
    assert con.execute("SELECT sku FROM product").fetchall() == [("D-1",)]
    con.close()
    assert not (data / DB_FILENAME).exists(), "the data dir's own database must not be used"
    listed = cli("--json", "product", "list", "--db", str(target), "--data-dir", data)
    assert [p["sku"] for p in listed.json()["products"]] == ["D-1"]
    assert cli("--data-dir", data, "--db", str(target), "doctor").code == 0


def test_db_that_is_not_a_url_or_dialect_is_bad_input(cli, tmp_path):
    run = cli("--data-dir", tmp_path / "d", "--json", "--db", "nosuchdialect://x/y", "product", "list")

    assert run.code == 2
    err = run.error()
    assert err["field"] == "db"
    assert "nosuchdialect://x/y" in err["error"]
    assert not (tmp_path / "d").exists()


def test_a_fresh_data_dir_lists_nothing_no_demo_data_is_seeded(cli, tmp_path):
    fresh = tmp_path / "fresh"

    for command, key in (("product", "products"), ("customer", "customers"), ("order", "orders")):
        run = cli("--data-dir", fresh, "--json", command, "list")
        assert run.code == 0, run.err
        assert run.json() == {key: []}
    text = cli("--data-dir", fresh, "product", "list")
    assert text.out.strip() == "no products yet"

    con = sqlite3.connect(fresh / DB_FILENAME)
    for table in ("product", "card_key", "customer", "orders", "journal_entry"):
        assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    con.close()
    assert cli("--data-dir", fresh, "doctor").code == 0


# --- databases the CLI must refuse ---------------------------------------------------------------

ANY_COMMANDS = [
    ["product", "list"],
    ["doctor"],
    ["db", "upgrade"],
    ["customer", "add", "--name", "X"],
    ["order", "show", "1"],
    ["demo", "--orders", "1"],
]


@pytest.mark.parametrize("command", ANY_COMMANDS, ids=" ".join)
def test_a_db_file_that_is_not_sqlite_is_refused_and_left_untouched(cli, tmp_path, command):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    before = hashlib.sha256(junk.read_bytes()).hexdigest()

    run = cli("--data-dir", tmp_path / "d", "--db", junk, "--json", *command)

    assert run.code == 1
    err = run.error()
    assert str(junk) in err["error"]
    assert "not a ShopDesk (SQLite) database" in err["error"]
    assert hashlib.sha256(junk.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.db"], "no -wal/-shm, no data dir"


def test_a_data_dir_whose_database_is_not_sqlite_gives_a_text_error(cli, tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 50)
    before = (data / DB_FILENAME).read_bytes()

    run = cli("--data-dir", data, "product", "list")

    assert run.code == 1
    assert run.out == ""
    assert run.err.startswith("shopdesk: error: ")
    assert str(data / DB_FILENAME) in run.err
    assert "Traceback" not in run.err
    assert (data / DB_FILENAME).read_bytes() == before


@pytest.fixture
def too_new(sd):
    sd("customer", "add", "--name", "Old")
    sd.execute("UPDATE alembic_version SET version_num = '9999'")
    return sd


@pytest.mark.breaks_invariants  # doctor itself must refuse this database
@pytest.mark.parametrize("command", ANY_COMMANDS, ids=" ".join)
def test_a_database_newer_than_the_code_is_refused_and_left_untouched(too_new, command):
    run = too_new.writes_nothing("--json", *command, code=1)
    err = run.error()
    assert "9999" in err["error"]
    assert "newer ShopDesk" in err["error"]
    assert too_new.db_named in err["error"]


@pytest.mark.breaks_invariants
def test_a_database_newer_than_the_code_text_message(too_new):
    run = too_new.writes_nothing("db", "upgrade", code=1)
    assert run.out == ""
    assert "schema revision 9999" in run.err
    assert "Upgrade ShopDesk to open it" in run.err


# --- the real entry points -------------------------------------------------------------------------


def _shopdesk_script() -> str:
    found = shutil.which("shopdesk", path=os.path.dirname(sys.executable))
    assert found, "the `shopdesk` console script is not installed next to the interpreter"
    return found


@pytest.mark.parametrize("entry", ["python -m shopdesk", "console script"])
def test_the_installed_entry_points_print_json(sd, entry):
    sd("product", "add", "--sku", "E-1", "--name", "Entry", "--price", "4.20")
    prefix = [sys.executable, "-m", "shopdesk"] if entry == "python -m shopdesk" else [_shopdesk_script()]

    done = subprocess.run(
        [*prefix, "--json", "product", "list", "--data-dir", str(sd.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert [(p["sku"], p["price"], p["available"]) for p in payload["products"]] == [("E-1", "4.20", 0)]
    assert done.stdout.count("\n") == 1


@pytest.mark.parametrize("entry", ["python -m shopdesk", "console script"])
def test_the_installed_entry_points_exit_2_on_bad_input(sd, entry):
    sd("product", "add", "--sku", "E-1", "--name", "Entry", "--price", "4.20")
    before = sd.dump()
    prefix = [sys.executable, "-m", "shopdesk"] if entry == "python -m shopdesk" else [_shopdesk_script()]

    done = subprocess.run(
        [*prefix, "--data-dir", str(sd.path), "product", "add", "--sku", "E-1", "--name", "Again", "--price", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert "SKU E-1 already exists" in done.stderr
    assert "Traceback" not in done.stderr
    assert sd.dump() == before


def test_the_console_script_exits_1_on_a_database_that_is_not_sqlite(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(4096))
    before = junk.read_bytes()

    done = subprocess.run(
        [_shopdesk_script(), "--json", "--data-dir", str(tmp_path / "d"), "--db", str(junk), "doctor"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert str(junk) in json.loads(done.stderr)["error"]
    assert junk.read_bytes() == before


def test_head_revision_is_what_db_upgrade_reports(cli, tmp_path):
    run = cli("--json", "--data-dir", tmp_path / "d", "db", "upgrade")

    assert run.code == 0, run.err
    assert run.json()["to"] == migrate.head_revision()


@pytest.mark.sqlite_only("SQLite's one write lock (BEGIN IMMEDIATE); PostgreSQL writers lock rows")
def test_reads_never_take_the_write_lock(sd, monkeypatch):
    """A desktop in the middle of a long write does not block `list` or `show` (they read a WAL snapshot)."""
    import sqlite3

    from shopdesk.db import engine as engine_module

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)  # a command that wanted the lock would fail fast
    writer = sqlite3.connect(sd.db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock, and keeps it
        for argv in (["product", "list"], ["customer", "list"], ["order", "list"], ["case", "list"], ["doctor"]):
            run = sd("--json", *argv)
            assert run.code == 0, (argv, run.err)
        refused = sd("--json", "customer", "add", "--name", "x")  # a write waits for the lock, then says so
        assert refused.code == 1 and "locked" in refused.error()["error"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# --- --version -------------------------------------------------------------------------------------


def test_version_prints_one_line_and_opens_no_database(cli, tmp_path):
    from importlib.metadata import version

    run = cli("--data-dir", tmp_path / "d", "--version", "doctor")

    assert (run.code, run.out, run.err) == (0, f"ShopDesk {version('shopdesk')}\n", "")
    assert not (tmp_path / "d").exists()


def test_version_with_lang_shows_a_string_from_the_catalogue(cli):
    run = cli("--lang", "zh_CN", "--version")

    assert run.code == 0, run.err
    assert run.out.startswith("ShopDesk ") and run.out.endswith(" (zh_CN: ShopDesk 店铺管家)\n")
    assert cli("--version", "--lang", "en").out.endswith(" (en)\n")


def test_version_with_lang_fails_when_the_catalogue_is_missing(cli, tmp_path, monkeypatch):
    from shopdesk.ui import i18n

    monkeypatch.setattr(i18n, "resources_dir", lambda: tmp_path)

    run = cli("--lang", "zh_CN", "--version")

    assert run.code == 1
    assert run.out.endswith(" (zh_CN: catalogue missing)\n")

"""Fixtures for the `shopdesk` command tests: run main() in-process, snapshot the database, stock keys.

Every test that uses `sd` (a shop on a copy of the template) gets `shopdesk doctor` run on it when
it ends, through the CLI, and must come out clean unless marked `breaks_invariants`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from shopdesk.app import ShopApp
from shopdesk.cli import main
from shopdesk.config import DB_FILENAME, load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.inventory import stock as inventory
from tests.helpers import pg


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        """stdout holds exactly one JSON object (one line) and nothing else."""
        assert self.out.endswith("\n") and self.out.count("\n") == 1, f"not one line of JSON: {self.out!r}"
        obj = json.loads(self.out)
        assert isinstance(obj, dict)
        return obj

    def error(self) -> dict:
        """With --json an error is one JSON object on stderr and nothing on stdout."""
        assert self.out == "", f"an error printed on stdout: {self.out!r}"
        obj = json.loads(self.err)
        assert isinstance(obj, dict)
        assert obj["exit"] == self.code
        assert obj["error"]
        return obj


def _call(capsys, args) -> Run:
    capsys.readouterr()  # drop anything printed before
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse refusing the command line
        code = exc.code
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture
def cli(capsys):
    """cli(*argv) -> Run: the `shopdesk` command in-process, argv given verbatim."""
    return lambda *args: _call(capsys, args)


class Shop:
    """A data dir plus the ways the tests look at it."""

    def __init__(self, path: Path, capsys):
        self.path = path
        self._capsys = capsys
        self.db_url = os.environ.get("SHOPDESK_DB_URL")  # a PostgreSQL database of its own (tests/helpers/pg.py)

    @property
    def db_path(self) -> Path:
        return self.path / DB_FILENAME

    @property
    def db(self) -> str:
        """The shop's database as `--db` takes it: the SQLite file, or the PostgreSQL URL."""
        return self.db_url or str(self.db_path)

    @property
    def db_named(self) -> str:
        """The shop's database as messages name it (a server URL without its password)."""
        from shopdesk.db.errors import describe

        return describe(self.db_url) if self.db_url else str(self.db_path)

    def __call__(self, *args) -> Run:
        """`shopdesk --data-dir <this shop> *args`."""
        return _call(self._capsys, ["--data-dir", self.path, *args])

    def json(self, *args) -> dict:
        run = self("--json", *args)
        assert run.code == 0, run.err
        return run.json()

    def writes_nothing(self, *args, code: int = 2) -> Run:
        """`shopdesk --data-dir <this shop> *args` must exit with `code` (a refusal unless told) and write nothing
        (equal dumps)."""
        before = self.dump()
        run = self(*args)
        assert run.code == code, run.err
        assert self.dump() == before, f"shopdesk {args} wrote something"
        return run

    def dump(self) -> list[str]:
        """Every row of every table, as SQL: equal dumps mean nothing was written."""
        if self.db_url:
            return pg.dump(self.db_url)
        con = sqlite3.connect(self.db_path)
        try:
            return list(con.iterdump())
        finally:
            con.close()

    def count(self, table: str, where: str = "1=1") -> int:
        if self.db_url:
            return self._pg(f"SELECT COUNT(*) FROM {table} WHERE {where}")[0][0]
        con = sqlite3.connect(self.db_path)
        try:
            return con.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]
        finally:
            con.close()

    def execute(self, sql: str, *params) -> None:
        if self.db_url:
            self._pg(sql, params)
            return
        con = sqlite3.connect(self.db_path)
        try:
            con.execute(sql, params)
            con.commit()
        finally:
            con.close()

    def _pg(self, sql: str, params: tuple = ()):
        """One statement in its own transaction on this shop's PostgreSQL database (`?` placeholders)."""
        engine = create_engine(self.db_url, poolclass=NullPool)
        try:
            with engine.begin() as conn:
                result = conn.exec_driver_sql(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
                return result.all() if result.returns_rows else None
        finally:
            engine.dispose()

    def stock(self, sku: str, n: int, *, card_no: bool = False) -> list[str]:
        """Add n fresh keys to the product through the service layer; returns the plaintext secrets."""
        secrets = [f"PLAIN-{uuid.uuid4().hex[:12].upper()}-{i:04d}" for i in range(n)]
        app = ShopApp.open(load_config(self.path))
        try:
            with app.db.write() as session:
                product = catalog.product_by_sku(session, sku)
                inventory.add_keys(
                    session,
                    app.vault,
                    product.id,
                    [(f"CARD{i:012d}" if card_no else None, s) for i, s in enumerate(secrets)],
                    actor="test",
                )
        finally:
            app.close()
        return secrets

    doctor_env: dict[str, str] = {}  # a shop with users: who runs the doctor (SHOPDESK_USER, SHOPDESK_PASSWORD)

    def doctor_ok(self) -> None:
        saved = {name: os.environ.get(name) for name in self.doctor_env}
        os.environ.update(self.doctor_env)
        try:
            run = self("--json", "doctor")
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        assert run.code == 0, f"doctor found violations: {run.out} {run.err}"
        assert run.json() == {"ok": True, "violations": []}


@pytest.fixture
def sd(data_dir, capsys, request):
    """A fresh migrated shop (copy of the template); doctor must pass through the CLI when the test ends."""
    shop = Shop(data_dir, capsys)
    yield shop
    if not request.node.get_closest_marker("breaks_invariants"):
        shop.doctor_ok()


@pytest.fixture
def stocked(sd):
    """Product Q-10 at 9.80 with five keys (secrets in `stocked.secrets`) and customer 1, Bob."""
    assert sd("product", "add", "--sku", "Q-10", "--name", "Q币 10元", "--price", "9.80").code == 0
    assert sd("customer", "add", "--name", "Bob", "--contact", "wx:bob").code == 0
    sd.secrets = sd.stock("Q-10", 5)
    return sd


OWNER_PW = "correct horse battery"


@pytest.fixture
def as_owner(monkeypatch, sd):
    """Commands (and the doctor at the end) run as the owner boss, by environment; the test adds boss itself."""
    monkeypatch.setenv("SHOPDESK_USER", "boss")
    monkeypatch.setenv("SHOPDESK_PASSWORD", OWNER_PW)
    sd.doctor_env = {"SHOPDESK_USER": "boss", "SHOPDESK_PASSWORD": OWNER_PW}
    return monkeypatch


STAFF_PW = "小王的口令很长很长"  # Chinese characters in a passphrase
VIEWER_PW = "viewer passphrase"


def add_user(sd, name, role, pw, *extra):
    import os

    os.environ["SHOPDESK_NEW_PASSWORD"] = pw
    try:
        return sd("--json", "user", "add", name, "--role", role, *extra)
    finally:
        del os.environ["SHOPDESK_NEW_PASSWORD"]


def _make_staffed(sd: Shop) -> None:
    """Q-10 with five keys and customer Bob; the owner boss, staff xiaowang, viewer kan (through the CLI)."""
    assert sd("product", "add", "--sku", "Q-10", "--name", "Q币 10元", "--price", "9.80").code == 0
    assert sd("customer", "add", "--name", "Bob", "--contact", "wx:bob").code == 0
    sd.secrets = sd.stock("Q-10", 5)
    assert add_user(sd, "boss", "owner", OWNER_PW, "--display-name", "老板").code == 0
    assert add_user(sd, "xiaowang", "staff", STAFF_PW, "--display-name", "小王").code == 0
    assert add_user(sd, "kan", "viewer", VIEWER_PW).code == 0


@dataclass
class ShopImage:
    """A shop built once per session and laid down again for each test: its folder and, on PostgreSQL, its rows
    and sequence positions. Three accounts cost a dozen argon2 derivations (2-3 s); laying them down, a copy."""

    folder: Path
    secrets: list[str]
    rows: dict | None  # PostgreSQL: pg.snapshot_of(url)

    def lay_down(self, sd: Shop) -> None:
        shutil.rmtree(sd.path)
        shutil.copytree(self.folder, sd.path)
        if self.rows is not None:
            pg.restore(sd.db_url, self.rows)
        sd.secrets = list(self.secrets)


class _Capture:
    """capsys's one method `Shop` uses, for a shop built outside any test."""

    def readouterr(self):
        return SimpleNamespace(out="", err="")


@pytest.fixture(scope="session")
def staffed_image(template_dir, tmp_path_factory) -> ShopImage:
    folder = tmp_path_factory.mktemp("staffed") / "shop"
    shutil.copytree(template_dir, folder)
    database = pg.new_shop_database()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(io.StringIO()):
        env.setenv("SHOPDESK_USER", "boss")
        env.setenv("SHOPDESK_PASSWORD", OWNER_PW)
        if database is not None:
            env.setenv("SHOPDESK_DB_URL", database[1])
        sd = Shop(folder, _Capture())
        _make_staffed(sd)
        assert sd("doctor").code == 0
    rows = None
    if database is not None:
        rows = pg.snapshot_of(database[1])
        pg.drop_shop_database(database[0])
    return ShopImage(folder, sd.secrets, rows)


@pytest.fixture
def staffed(as_owner, sd, staffed_image):
    """Q-10 with five keys (`staffed.secrets`) and customer Bob; the owner boss, staff xiaowang, viewer kan."""
    staffed_image.lay_down(sd)
    return sd


def as_user(monkeypatch, name, pw):
    monkeypatch.setenv("SHOPDESK_USER", name)
    monkeypatch.setenv("SHOPDESK_PASSWORD", pw)

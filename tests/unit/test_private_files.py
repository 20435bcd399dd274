"""Files only the owner can read: umask 077, the data dir 0700, the database, its journal, keys and exports 0600;
looser modes are fixed where this account owns the file, and named where it does not."""

from __future__ import annotations

import os
import stat

import pytest

from shopdesk.app import ShopApp
from shopdesk.config import DB_FILENAME, harden, load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import secrets
from shopdesk.services.inventory import stock as inventory


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_shop_is_private_even_from_a_lax_umask(tmp_path, lax_umask):
    data = tmp_path / "new-shop"
    app = ShopApp.open(load_config(data))
    try:
        with app.db.write() as s:
            pid = catalog.add_product(s, ProductInput(sku="P", name="P", price_fen=100, kind="secret")).id
            inventory.add_keys(s, app.vault, pid, [(None, "SECRET-0001-XYZ")], actor="t")
        assert os.umask(0o077) == 0o077  # the process runs with umask 077
        assert mode(data) == 0o700
        for name in (DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm", "vault.key"):
            assert (data / name).exists(), name
            assert mode(data / name) == 0o600, name
        out = tmp_path / "exports"
        out.mkdir()
        secrets.export_to_path(app.db, app.vault, out / "keys.csv", actor="t")
        assert mode(out / "keys.csv") == 0o600
    finally:
        app.close()


@pytest.mark.sqlite_only("file modes of the .sqlite3 file")
def test_looser_modes_are_fixed_at_start(shop):
    data = shop.config.data_dir
    shop.close()
    os.chmod(data, 0o755)
    for name in (DB_FILENAME, "vault.key"):
        os.chmod(data / name, 0o644)
    app = ShopApp.open(shop.config)
    try:
        assert app.warnings == []
        assert mode(data) == 0o700
        assert mode(data / DB_FILENAME) == mode(data / "vault.key") == 0o600
    finally:
        app.close()


def test_a_file_of_another_account_is_named_with_the_command_to_fix_it(shop, monkeypatch):
    data = shop.config.data_dir
    os.chmod(data / "vault.key", 0o644)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 4242)  # as if another account owned the files
    warnings = harden(shop.config)
    monkeypatch.undo()
    key_warning = [w for w in warnings if "vault.key" in w]
    assert len(key_warning) == 1
    assert "other accounts" in key_warning[0] and "chmod 600" in key_warning[0]
    assert mode(data / "vault.key") == 0o644  # not ours to change: left alone, and said
    os.chmod(data / "vault.key", 0o600)


def test_the_actor_is_the_os_account_not_an_environment_variable(shop, monkeypatch, capsys):
    """The attack: a 50,000-yuan top-up recorded as `cashier_li` by setting LOGNAME."""
    import json
    import pwd

    from shopdesk.cli import main
    from shopdesk.services.common import audit
    from shopdesk.services.money import customers

    with shop.db.write() as s:
        cid = customers.add_customer(s, "张伟", "wx:1").id
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "cashier_li")
    capsys.readouterr()
    assert (
        main(
            [
                "--data-dir",
                str(shop.config.data_dir),
                "--json",
                "customer",
                "topup",
                str(cid),
                "50000.00",
                "--idempotency-key",
                "t-1",
            ]
        )
        == 0
    )
    entry = json.loads(capsys.readouterr().out)["entry_id"]
    me = pwd.getpwuid(os.getuid()).pw_name
    with shop.db.read() as s:
        [event] = audit.recent(s, action="money.topup")
    assert (event.actor, event.subject) == (me, f"entry:{entry}")
    assert event.detail["postings"] == [["clearing", -5_000_000], [f"wallet:{cid}", 5_000_000]]
    assert "cashier_li" not in json.dumps(event.detail)

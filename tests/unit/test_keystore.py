"""A shop knows its own key: no new key for a shop holding secrets, rotation in one transaction, sealed settings.

Each attack of the Trust I issue on the key file: deleted, truncated, swapped for another shop's; a ciphertext
copied onto another row; one byte flipped in a stored ciphertext.
"""

from __future__ import annotations

import base64
import shutil
import stat

import pytest
from sqlalchemy import func, select

from shopdesk.app import ShopApp
from shopdesk.cli import main
from shopdesk.config import load_config
from shopdesk.db.models import AuditEvent, CardKey, KeyEvent, Setting
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import keystore, settings
from shopdesk.services.common.vault import DamagedSecret, Vault, VaultError
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.inventory.importing import ImportOptions, import_keys
from shopdesk.services.inventory.secrets import reveal
from shopdesk.services.inventory.stock import alerts
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.services.storefront import intake
from tests.helpers import pg

SECRETS = [f"QQ-SECRET-{n:04d}-ABCD" for n in range(5)]


def stock(app: ShopApp, sku: str = "QQB-10", secrets=SECRETS) -> int:
    with app.db.write() as s:
        pid = catalog.add_product(s, ProductInput(sku=sku, name=f"{sku} 卡", price_fen=980, kind="secret")).id
        inventory.add_keys(s, app.vault, pid, [(None, x) for x in secrets], actor="t")
    return pid


def reopen(app: ShopApp) -> ShopApp:
    app.close()
    return ShopApp.open(app.config)


def key_file(app: ShopApp):
    return keystore.key_path(app.config.data_dir)


def cli(data_dir, *args) -> int:
    return main(["--data-dir", str(data_dir), *map(str, args)])


# --- a shop and its key ---------------------------------------------------------------------------------------


def test_a_new_shop_records_its_key_id_and_check_value(shop):
    with shop.db.read() as s:
        key_id, check = settings.get(s, "vault.key_id"), settings.get(s, "vault.check")
    assert key_id == shop.vault.key_id_hex and check == shop.vault.check_value
    path = key_file(shop)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert base64.b64decode(path.read_bytes().strip()) == shop.vault.master_key
    assert base64.b64encode(shop.vault.master_key) not in pg.stored_bytes(shop.config)


def test_reopening_reuses_the_key_and_rewrites_nothing(shop):
    stock(shop)
    before = key_file(shop).read_bytes()
    again = reopen(shop)
    try:
        assert key_file(again).read_bytes() == before
        assert again.vault.key_id == Vault(base64.b64decode(before.strip())).key_id
    finally:
        again.close()


@pytest.mark.breaks_invariants
@pytest.mark.parametrize("damage", ["deleted", "truncated", "swapped", "garbage"])
def test_a_lost_or_foreign_key_stops_everything_that_needs_the_vault(shop, tmp_path, capsys, damage):
    """The attack: a lost vault.key was silently replaced, and the same supplier file imported again as new."""
    stock(shop)
    expected = shop.vault.key_id_hex
    shop.close()
    path = keystore.key_path(shop.config.data_dir)
    if damage == "deleted":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:20])
    elif damage == "swapped":
        other = tmp_path / "other-shop"
        ShopApp.open(load_config(other, f"sqlite:///{other / 'shop.sqlite3'}")).close()  # a shop of its own
        shutil.copy(keystore.key_path(other), path)
    else:
        path.write_bytes(b"not a key at all\n")
    before = path.read_bytes() if path.exists() else None

    app = ShopApp.open(shop.config)
    try:
        assert app.vault_error is not None
        with pytest.raises(VaultError) as info:
            app.vault  # noqa: B018
        message = info.value.message
        assert str(path) in message
        if damage in ("deleted", "swapped"):
            assert expected in message  # which key is expected
        assert "backup" in message  # where to restore it from
        # nothing that needs the vault runs: not a payment, not an import
        with pytest.raises(VaultError), app.db.write() as s:
            intake.api_secret(s)
        with pytest.raises(VaultError), app.db.write() as s:
            import_keys(s, app.vault, "\n".join(SECRETS).encode(), ImportOptions(sku="QQB-10"), actor="t")
        with app.db.read() as s:
            assert [v.check for v in run_checks(s)] == ["the vault key is this shop's"]
    finally:
        app.close()
    assert (path.read_bytes() if path.exists() else None) == before  # no new key was made, nothing overwritten

    capsys.readouterr()
    assert cli(shop.config.data_dir, "keys", "export", "--out", tmp_path / "k.csv") == 1
    assert cli(shop.config.data_dir, "doctor") == 1
    err = capsys.readouterr().err
    assert "restore" in err.lower() or "Restore" in err
    assert not (tmp_path / "k.csv").exists()


def test_a_shop_with_nothing_sealed_gets_a_new_key_if_its_file_is_gone(shop):
    old = shop.vault.key_id_hex
    shop.close()
    keystore.key_path(shop.config.data_dir).unlink()
    app = ShopApp.open(shop.config)
    try:
        assert app.vault.key_id_hex != old
        with app.db.read() as s:
            assert settings.get(s, "vault.key_id") == app.vault.key_id_hex
    finally:
        app.close()


# --- ciphertexts bound to their rows ---------------------------------------------------------------------------


@pytest.mark.breaks_invariants
def test_a_ciphertext_copied_onto_another_row_does_not_open(shop):
    pid = stock(shop)
    ids = [r[0] for r in pg.raw(shop.config, "SELECT id FROM card_key ORDER BY id")]
    pg.raw(
        shop.config,
        "UPDATE card_key SET secret_enc = (SELECT secret_enc FROM card_key WHERE id = ?) WHERE id = ?",
        *ids[:2],
    )
    with pytest.raises(DamagedSecret), shop.db.write() as s:
        reveal(s, shop.vault, ids[1], actor="attacker")
    with shop.db.write() as s:
        assert reveal(s, shop.vault, ids[0], actor="owner") == SECRETS[0]
    with shop.db.read() as s:
        violations = run_checks(s)
    assert [v.detail for v in violations] == [
        f"key {ids[1]} (QQB-10, available): its secret does not open or does not match its hash"
    ]
    assert pid


@pytest.mark.breaks_invariants
def test_a_flipped_byte_is_named_by_doctor_deep_and_never_sold(shop, capsys):
    pid = stock(shop, secrets=[f"BIG-{n:05d}-SECRET" for n in range(300)])
    with shop.db.read() as s:
        first = s.execute(select(CardKey.id).order_by(CardKey.id)).scalars().first()
    blob = bytearray(pg.raw(shop.config, "SELECT secret_enc FROM card_key WHERE id = ?", first)[0][0])
    blob[-3] ^= 0x40
    pg.raw(shop.config, "UPDATE card_key SET secret_enc = ? WHERE id = ?", bytes(blob), first)
    with shop.db.read() as s:
        deep = run_checks(s, deep=True)
    assert [v.detail for v in deep] == [
        f"key {first} (QQB-10, available): its secret does not open or does not match its hash"
    ]
    capsys.readouterr()
    assert cli(shop.config.data_dir, "--json", "doctor", "--deep") == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and [v["detail"] for v in report["violations"]] == [d.detail for d in deep]

    with shop.db.write() as s:
        cid = customers.add_customer(s, "张伟", "wx:1").id
        order = orders.create_order(s, cid, [("QQB-10", 2)], actor="t")
        paid = orders.pay_order(s, order.id, method="external", trade_no="T-1", actor="t").order
    assert paid.status == "delivered"
    assert first not in {k.id for k in paid.delivered_keys}  # the damaged key was skipped, the next two sold
    with shop.db.read() as s:
        status = s.get(CardKey, first).status
        kinds = s.execute(select(KeyEvent.kind).where(KeyEvent.key_id == first)).scalars().all()
        audited = s.execute(select(AuditEvent.action).where(AuditEvent.action == "key.quarantined")).scalars().all()
        damaged = [a for a in alerts(s) if a.kind == "damaged"]
        assert run_checks(s, deep=True) == []  # quarantined: out of sale, no longer a violation
    # found when the order reserved its keys: never held for, let alone handed to, a customer
    assert (status, kinds, audited) == ("void", ["quarantined"], ["key.quarantined"])
    assert [(a.product_id, a.expiring) for a in damaged] == [(pid, 1)]


# --- sealed settings -------------------------------------------------------------------------------------------


def test_the_api_secret_is_stored_sealed(shop):
    with shop.db.write() as s:
        secret = intake.api_secret(s)
    with shop.db.read() as s:
        names = dict(s.execute(select(Setting.key, Setting.value)).all())
    assert "api.secret" not in names and "api.secret.sealed" in names
    raw = pg.stored_bytes(shop.config)
    assert secret.encode() not in raw


def test_a_plain_api_secret_of_an_older_shop_is_sealed_at_start(shop):
    shop.close()
    pg.raw(shop.config, "INSERT INTO setting (key, value) VALUES ('api.secret', 'plain-old-secret')")
    app = ShopApp.open(shop.config)
    try:
        with app.db.write() as s:
            assert intake.api_secret(s) == "plain-old-secret"
        with app.db.read() as s:
            assert settings.get(s, "api.secret") is None
    finally:
        app.close()


# --- rotation --------------------------------------------------------------------------------------------------


def test_rotation_seals_everything_again_and_keeps_dedupe_working(shop, capsys):
    pid = stock(shop)
    with shop.db.write() as s:
        api = intake.api_secret(s)
    old = shop.vault
    shop.close()
    capsys.readouterr()
    assert cli(shop.config.data_dir, "--json", "vault", "rotate") == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["old_key_id"] == old.key_id_hex and out["key_id"] != old.key_id_hex and out["secrets"] == 5
    app = ShopApp.open(shop.config)
    try:
        assert app.vault.key_id_hex == out["key_id"]
        with app.db.read() as s:
            rows = s.execute(select(CardKey.id, CardKey.secret_enc, CardKey.secret_hash, CardKey.product_id)).all()
        assert sorted(app.vault.open_secret(e, h, p) for _, e, h, p in rows) == sorted(SECRETS)
        assert all(old.hash(x) not in {bytes(h) for _, _, h, _ in rows} for x in SECRETS)  # hashes re-keyed
        with app.db.write() as s:
            assert intake.api_secret(s) == api
            report = import_keys(s, app.vault, "\n".join(SECRETS).encode(), ImportOptions(sku="QQB-10"), actor="t")
            assert (report.accepted, report.duplicates_in_db) == (0, 5)  # the same file is all duplicates
            assert s.execute(select(func.count()).where(AuditEvent.action == "vault.rotated")).scalar_one() == 1
            assert run_checks(s, deep=True) == []
    finally:
        app.close()
    shop.unlock()  # the fixture's own handle reads the new key too (its doctor runs when the test ends)
    retired = shop.config.data_dir / f"vault-{old.key_id_hex}.retired.key"
    assert retired.exists() and stat.S_IMODE(retired.stat().st_mode) == 0o600
    assert not keystore.key_path(shop.config.data_dir).with_suffix(".key.new").exists()
    assert pid


def test_a_rotation_that_did_not_commit_leaves_the_old_key(shop):
    stock(shop)
    old = shop.vault
    with pytest.raises(RuntimeError), shop.db.write() as s:
        keystore.rotate(s, shop.config.data_dir, old, actor="t")
        raise RuntimeError("power cut before the commit")
    pending = keystore.key_path(shop.config.data_dir).with_name("vault.key.new")
    assert pending.exists()  # the crash left its new key behind
    again = reopen(shop)
    try:
        assert again.vault.key_id == old.key_id
        assert not pending.exists()
    finally:
        again.close()
    shop.unlock()


def test_a_rotation_that_committed_is_finished_at_the_next_start(shop):
    stock(shop)
    old = shop.vault
    with shop.db.write() as s:
        new = keystore.rotate(s, shop.config.data_dir, old, actor="t")
    # the process dies here, before finish_rotation moves the new key into place
    again = reopen(shop)
    try:
        assert again.vault.key_id == new.key_id
        with again.db.read() as s:
            assert run_checks(s, deep=True) == []
    finally:
        again.close()
    shop.unlock()

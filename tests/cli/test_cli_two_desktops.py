"""Two desktops, one database: each has its own data dir and no key file; a user logging in on either reads,
reveals and exports what the other imported, and the duplicate check is the shop's, not the desktop's."""

from __future__ import annotations

import pytest


@pytest.fixture
def desktops(as_owner, sd, tmp_path, cli):
    """Desktop A is `sd` (the owner protected it); desktop B: another data dir on A's database file."""
    assert sd("product", "add", "--sku", "Q-10", "--name", "Q币", "--price", "9.80").code == 0
    assert sd("user", "add", "boss", "--role", "owner").code == 0
    other = tmp_path / "desktop-b"
    other.mkdir()
    return sd, lambda *argv: cli("--data-dir", other, "--db", sd.db, *argv), other


def test_keys_imported_on_one_desktop_are_read_and_deduplicated_on_the_other(desktops, tmp_path):
    a, b, b_dir = desktops
    keys = tmp_path / "keys.txt"
    keys.write_text("".join(f"SHARED-SECRET-{n:04d}\n" for n in range(5)), encoding="utf-8")
    imported = a.json("keys", "import", keys, "--sku", "Q-10")
    assert imported["accepted"] == 5
    again = b("--json", "keys", "import", keys, "--sku", "Q-10")
    assert again.code == 0, again.err
    assert (again.json()["accepted"], again.json()["duplicates_in_db"]) == (0, 5)  # the shop's one dedupe key
    revealed = b("--json", "key", "reveal", "1")
    assert revealed.code == 0, revealed.err
    assert revealed.json()["secret"] == "SHARED-SECRET-0000"
    out = tmp_path / "b.csv"
    assert b("--json", "keys", "export", "--out", out).code == 0
    assert out.read_text().count("SHARED-SECRET-") == 5
    assert not (b_dir / "vault.key").exists() and not (a.path / "vault.key").exists()


def test_a_desktop_whose_user_cannot_open_the_key_is_told_and_gets_no_key_of_its_own(desktops, monkeypatch):
    _a, b, b_dir = desktops
    monkeypatch.setenv("SHOPDESK_PASSWORD", "not the passphrase")
    run = b("--json", "keys", "export", "--out", b_dir / "x.csv")
    assert run.code == 4 and "Wrong passphrase" in run.error()["error"]
    assert not (b_dir / "vault.key").exists() and not (b_dir / "x.csv").exists()

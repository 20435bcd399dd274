"""The vault: secrets encrypted at rest, a keyed hash for duplicates, an owner-only key file."""

from __future__ import annotations

import base64
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.config import DB_FILENAME
from shopdesk.services import catalog, inventory
from shopdesk.services.catalog import ProductInput
from shopdesk.services.vault import KEY_FILENAME, Vault, VaultError, normalise_secret


@pytest.fixture
def vault(tmp_path):
    return Vault.open(tmp_path / "vault")


@pytest.mark.parametrize("secret", ["ABCD-1234-EFGH", "卡密：九九八", "emoji 🎮 key", "x", "  spaced  "])
def test_encrypt_decrypt_round_trip(vault, secret):
    blob = vault.encrypt(secret)
    assert vault.decrypt(blob) == secret


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_round_trip_any_text(secret):
    vault = Vault(b"k" * 32)
    assert vault.decrypt(vault.encrypt(secret)) == secret


def test_each_encryption_uses_a_fresh_nonce(vault):
    a, b = vault.encrypt("SAME-SECRET"), vault.encrypt("SAME-SECRET")
    assert a != b
    assert vault.decrypt(a) == vault.decrypt(b) == "SAME-SECRET"


@pytest.mark.parametrize("secret", ["PLAINTEXT-9876-SECRET", "卡密明文一二三四五", "1234567890123456"])
def test_ciphertext_never_contains_the_plaintext(vault, secret):
    blob = vault.encrypt(secret)
    assert secret.encode() not in blob
    assert secret.encode("utf-16-le") not in blob


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("ＡＢＣＤ－１２３４", "ABCD-1234"),  # full-width from a Chinese IME
        ("ABCD\u200b-1234", "ABCD-1234"),  # zero-width space from a chat app
        ("\ufeffABCD-1234", "ABCD-1234"),  # BOM from a spreadsheet export
        ("AB\u200cCD\u200d-12\u206034", "ABCD-1234"),
        ("  ABCD-1234\t", "ABCD-1234"),
        ("AB\u00adCD-1234", "ABCD-1234"),  # soft hyphen
    ],
)
def test_hash_is_equal_for_equivalent_secrets(vault, typed, clean):
    assert normalise_secret(typed) == clean
    assert vault.hash(typed) == vault.hash(clean)
    assert len(vault.hash(typed)) == 32


def test_hash_tells_different_secrets_apart(vault):
    assert vault.hash("abcd-1234") != vault.hash("ABCD-1234")  # secrets are case-sensitive
    assert vault.hash("ABCD-1234") != vault.hash("ABCD-1235")


def test_hash_is_keyed(tmp_path):
    one, two = Vault.open(tmp_path / "a"), Vault.open(tmp_path / "b")
    assert one.hash("ABCD-1234") != two.hash("ABCD-1234")
    with pytest.raises(VaultError):
        two.decrypt(one.encrypt("ABCD-1234"))


def test_seal_normalises_before_encrypting(vault):
    enc, digest, tail = vault.seal("ＡＢＣＤ\u200b－１２３４")
    assert vault.decrypt(enc) == "ABCD-1234"
    assert digest == vault.hash("ABCD-1234")
    assert tail == "34"  # a 9-character secret shows only its last two characters when masked


@pytest.mark.parametrize(
    ("secret", "tail"),
    [("ABCDEFGHJKLM3456", "3456"), ("ABCDEFGHJK34", "JK34"), ("ABCDE-12", "12"), ("ABC-123", ""), ("1234", "")],
)
def test_mask_never_shows_much_of_a_short_secret(secret, tail):
    from shopdesk.services.vault import mask_tail

    assert mask_tail(secret) == tail
    assert len(tail) <= len(secret) // 3


def test_key_file_is_created_owner_only_and_reused(tmp_path):
    data_dir = tmp_path / "new" / "dir"
    first = Vault.open(data_dir)
    path = data_dir / KEY_FILENAME
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(base64.b64decode(path.read_bytes().strip())) == 32
    blob = first.encrypt("KEEP-ME")
    before = path.read_bytes()
    second = Vault.open(data_dir)
    assert path.read_bytes() == before  # opening again does not rewrite the key
    assert second.decrypt(blob) == "KEEP-ME"
    assert second.hash("KEEP-ME") == first.hash("KEEP-ME")


def test_key_file_created_owner_only_even_with_a_lax_umask(tmp_path):
    old = os.umask(0)
    try:
        Vault.open(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / KEY_FILENAME).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        b"this is not base64 at all!!",
        base64.b64encode(b"\x01" * 16) + b"\n",  # a key of the wrong length
        base64.b64encode(b"\x01" * 33),
        b"",
        b"\xff\xfe\x00garbage",
    ],
)
def test_damaged_key_file_is_refused(tmp_path, content):
    (tmp_path / KEY_FILENAME).write_bytes(content)
    with pytest.raises(VaultError) as info:
        Vault.open(tmp_path)
    assert str(tmp_path / KEY_FILENAME) in str(info.value)
    assert (tmp_path / KEY_FILENAME).read_bytes() == content  # never overwritten


def test_master_key_must_be_32_bytes():
    with pytest.raises(VaultError):
        Vault(b"short")


def test_tampered_ciphertext_is_refused(vault):
    blob = bytearray(vault.encrypt("ABCD-1234"))
    blob[-1] ^= 0x01
    with pytest.raises(VaultError):
        vault.decrypt(bytes(blob))
    with pytest.raises(VaultError, match="unknown secret format"):
        vault.decrypt(b"\x02" + bytes(blob[1:]))


def test_secrets_are_not_stored_in_clear_in_the_database(shop):
    secrets = [f"CLEARTEXT-PROBE-{n:04d}-XYZW" for n in range(20)]
    with shop.db.write() as s:
        product = catalog.add_product(s, ProductInput(sku="PROBE", name="Probe", price_fen=100, kind="secret"))
        inventory.add_keys(s, shop.vault, product.id, [(None, x) for x in secrets], actor=shop.actor)
    raw = b""
    for name in (DB_FILENAME, DB_FILENAME + "-wal"):
        path = shop.config.data_dir / name
        if path.exists():
            raw += path.read_bytes()
    assert b"CLEARTEXT-PROBE" not in raw
    assert b"XYZW" in raw  # only the tail kept for the mask is readable (proves we looked at the data)

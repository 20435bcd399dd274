"""The vault: secrets encrypted at rest and bound to their rows, a keyed hash for duplicates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common.vault import _HEADER, DamagedSecret, Vault, VaultError, mask_tail, normalise_secret
from shopdesk.services.inventory import stock as inventory
from tests.helpers import pg
from tests.helpers.legacy import legacy_seal

PRODUCT = 7


@pytest.fixture
def vault():
    return Vault.generate()


def seal_open(vault: Vault, secret: str, product_id: int = PRODUCT) -> str:
    enc, digest, _tail = vault.seal(secret, product_id)
    return vault.open_secret(enc, digest, product_id)


@pytest.mark.parametrize("secret", ["ABCD-1234-EFGH", "卡密：九九八", "emoji 🎮 key", "x", "  spaced  "])
def test_seal_open_round_trip(vault, secret):
    assert seal_open(vault, secret) == normalise_secret(secret)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda t: normalise_secret(t)))
def test_round_trip_any_text(secret):
    vault = Vault(b"k" * 32)
    assert seal_open(vault, secret) == normalise_secret(secret)


def test_each_seal_uses_a_fresh_nonce(vault):
    (a, digest, _), (b, digest_b, _) = vault.seal("SAME-SECRET", PRODUCT), vault.seal("SAME-SECRET", PRODUCT)
    assert a != b and digest == digest_b
    assert vault.open_secret(a, digest, PRODUCT) == vault.open_secret(b, digest, PRODUCT) == "SAME-SECRET"


@pytest.mark.parametrize("secret", ["PLAINTEXT-9876-SECRET", "卡密明文一二三四五", "1234567890123456"])
def test_ciphertext_never_contains_the_plaintext(vault, secret):
    blob, _, _ = vault.seal(secret, PRODUCT)
    assert secret.encode() not in blob
    assert secret.encode("utf-16-le") not in blob


def test_a_ciphertext_carries_its_key_id(vault):
    blob, _, _ = vault.seal("ABCD-1234", PRODUCT)
    assert blob[0] == 2 and blob[1:9] == vault.key_id
    assert len(vault.key_id_hex) == 16


def test_a_ciphertext_copied_onto_another_row_does_not_open(vault):
    blob, digest, _ = vault.seal("SECRET-ONE", PRODUCT)
    _, other_digest, _ = vault.seal("SECRET-TWO", PRODUCT)
    with pytest.raises(DamagedSecret):
        vault.open_secret(blob, other_digest, PRODUCT)  # the other row's hash
    with pytest.raises(DamagedSecret):
        vault.open_secret(blob, digest, PRODUCT + 1)  # the same secret on another product
    assert not vault.secret_opens(blob, other_digest, PRODUCT)
    assert vault.secret_opens(blob, digest, PRODUCT)


def test_secret_opens_also_checks_the_hash(vault):
    """A row whose ciphertext was re-sealed for a forged hash opens, but its plaintext does not match the hash."""
    digest_of_other = vault.hash("SOMETHING-ELSE")
    forged = vault.encrypt_secret("REAL-SECRET", digest_of_other, PRODUCT)
    assert vault.open_secret(forged, digest_of_other, PRODUCT) == "REAL-SECRET"
    assert not vault.secret_opens(forged, digest_of_other, PRODUCT)


@pytest.mark.parametrize("where", [0, 1, 5, 12, 25, -1])
def test_one_flipped_byte_is_refused(vault, where):
    blob, digest, _ = vault.seal("ABCD-1234-WXYZ", PRODUCT)
    damaged = bytearray(blob)
    damaged[where] ^= 0x01
    with pytest.raises(VaultError):
        vault.open_secret(bytes(damaged), digest, PRODUCT)
    assert not vault.secret_opens(bytes(damaged), digest, PRODUCT)


def test_another_key_names_both_keys():
    one, two = Vault.generate(), Vault.generate()
    blob, digest, _ = one.seal("ABCD-1234", PRODUCT)
    with pytest.raises(DamagedSecret) as info:
        two.open_secret(blob, digest, PRODUCT)
    assert one.key_id_hex in info.value.message and two.key_id_hex in info.value.message
    assert one.hash("ABCD-1234") != two.hash("ABCD-1234")  # the dedupe hash is keyed too


def test_a_cut_short_ciphertext_is_refused(vault):
    blob, digest, _ = vault.seal("ABCD-1234", PRODUCT)
    for cut in (0, 1, 9, 21, len(blob) - 1):
        with pytest.raises(DamagedSecret):
            vault.open_secret(blob[:cut], digest, PRODUCT)


def test_batch_sealing_equals_one_by_one(vault):
    items = [(f"SECRET-{n}", vault.hash(f"SECRET-{n}")) for n in range(50)]
    for (clean, digest), blob in zip(items, vault.encrypt_many(items, PRODUCT), strict=True):
        assert vault.open_secret(blob, digest, PRODUCT) == clean
        with pytest.raises(DamagedSecret):
            vault.open_secret(blob, digest, PRODUCT + 1)


def test_sealed_values_are_bound_to_their_label(vault):
    blob = vault.encrypt_value("the-api-secret", "api.secret")
    assert vault.decrypt_value(blob, "api.secret") == "the-api-secret"
    with pytest.raises(DamagedSecret):
        vault.decrypt_value(blob, "other.setting")


def test_legacy_ciphertexts_are_readable_once_for_resealing(vault):
    legacy = legacy_seal(vault, "OLD-SECRET")
    assert vault.is_legacy(legacy)
    assert vault.open_legacy(legacy) == "OLD-SECRET"
    with pytest.raises(DamagedSecret):
        vault.open_secret(legacy, vault.hash("OLD-SECRET"), PRODUCT)
    with pytest.raises(DamagedSecret):
        Vault.generate().open_legacy(legacy)


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


def test_seal_normalises_before_encrypting(vault):
    enc, digest, tail = vault.seal("ＡＢＣＤ\u200b－１２３４", PRODUCT)
    assert vault.open_secret(enc, digest, PRODUCT) == "ABCD-1234"
    assert digest == vault.hash("ABCD-1234")
    assert tail == "34"  # a 9-character secret shows only its last two characters when masked


@pytest.mark.parametrize(
    ("secret", "tail"),
    [("ABCDEFGHJKLM3456", "3456"), ("ABCDEFGHJK34", "JK34"), ("ABCDE-12", "12"), ("ABC-123", ""), ("1234", "")],
)
def test_mask_never_shows_much_of_a_short_secret(secret, tail):
    assert mask_tail(secret) == tail
    assert len(tail) <= len(secret) // 3


def test_master_key_must_be_32_bytes():
    with pytest.raises(VaultError):
        Vault(b"short")


def test_check_value_and_key_id_tell_keys_apart():
    one, two = Vault(b"a" * 32), Vault(b"b" * 32)
    assert Vault(b"a" * 32).check_value == one.check_value != two.check_value
    assert one.key_id != two.key_id
    assert one.master_key.hex() not in one.check_value


def test_secrets_are_not_stored_in_clear_in_the_database(shop):
    secrets = [f"CLEARTEXT-PROBE-{n:04d}-XYZW" for n in range(20)]
    with shop.db.write() as s:
        product = catalog.add_product(s, ProductInput(sku="PROBE", name="Probe", price_fen=100, kind="secret"))
        inventory.add_keys(s, shop.vault, product.id, [(None, x) for x in secrets], actor=shop.actor)
    raw = pg.stored_bytes(shop.config)
    assert b"CLEARTEXT-PROBE" not in raw
    assert b"XYZW" in raw  # only the tail kept for the mask is readable (proves we looked at the data)


def test_bulk_hashing_equals_one_by_one(vault, tmp_path):
    secrets = ["ABCD-1234", "卡密-ÄÖ-9876", "x" * 200, "SECRET-0"]
    assert vault.hash_many(secrets) == [vault.hash(s) for s in secrets]
    assert vault.hash_many(secrets[::-1]) == [vault.hash(s) for s in secrets[::-1]]  # the keyed states are reused


def test_hashing_and_sealing_in_one_pass_equals_the_two(vault):
    secrets = [f"SECRET-{n}" for n in range(20)] + ["卡密-ÄÖ-9876"]
    pairs = vault.hash_and_seal_many(secrets, PRODUCT)
    assert [digest for digest, _ in pairs] == [vault.hash(s) for s in secrets]
    for clean, (digest, blob) in zip(secrets, pairs, strict=True):
        assert vault.open_secret(blob, digest, PRODUCT) == clean
    assert len({blob[:_HEADER] for _, blob in pairs}) == len(pairs)  # a nonce of its own each

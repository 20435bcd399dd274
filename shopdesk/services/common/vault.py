"""Secrets at rest: AES-GCM encryption bound to each row, and a keyed hash (HMAC) for duplicate detection.

A sealed secret is `b"\\x02" + key id (8 bytes) + nonce (12) + ciphertext`. Its associated data is the row's
secret hash and product, so a ciphertext copied onto another row (or another product) does not open, and the
key id says which key sealed it. Where the key lives and how a shop finds it is `keystore.py`'s business.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shopdesk.services.common.errors import Worded

_NONCE = 12
_KEY_ID = 8
_LEGACY = b"\x01"  # before key ids and associated data: read once, to re-seal
_VERSION = b"\x02"
_HEADER = 1 + _KEY_ID + _NONCE
# Zero-width and BOM characters that sneak in from spreadsheets and chat apps.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class VaultError(Worded):
    """The vault cannot do what was asked (no key, the wrong key, a damaged secret). The CLI exits 1.
    Worded like a ShopError (a message of errors.toml with its arguments), but not one: the input was fine."""

    default_code = "vault"


class DamagedSecret(VaultError):
    """One ciphertext does not open with this key and its row: damaged, or copied from another row."""

    default_code = "vault.secret_damaged"


def normalise_secret(secret: str) -> str:
    """NFKC (full-width -> half-width), drop invisible characters, trim. Case is kept: secrets are exact."""
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", secret)).strip()


def mask_tail(secret: str) -> str:
    """The characters a masked secret may show: 4 of a long secret, 2 of a short one, none of a tiny one."""
    n = len(secret)
    return secret[-4:] if n >= 12 else secret[-2:] if n >= 8 else ""


def mask(tail: str) -> str:
    return "••••" + tail


def secret_context(digest: bytes, product_id: int) -> bytes:
    """The associated data that binds a sealed secret to its row."""
    return b"shopdesk card secret\x00" + bytes(digest) + int(product_id).to_bytes(8, "big", signed=True)


def value_context(label: str) -> bytes:
    """The associated data of a vault-sealed setting (the API secret, ...)."""
    return b"shopdesk setting\x00" + label.encode()


class Vault:
    """Holds the shop's data key; encrypts, decrypts and hashes secrets."""

    def __init__(self, master_key: bytes):
        if len(master_key) != 32:
            raise VaultError("vault.key_size")
        self._master = bytes(master_key)
        self._aead = AESGCM(_derive(master_key, b"shopdesk secret encryption"))
        self._mac_key = _derive(master_key, b"shopdesk secret dedupe hash")
        self._mac_pads: tuple[Callable[[], Any], Callable[[], Any]] | None = None
        self._legacy = None
        self.key_id = hmac.digest(self._master, b"shopdesk key id", hashlib.sha256)[:_KEY_ID]

    @classmethod
    def generate(cls) -> Vault:
        return cls(AESGCM.generate_key(bit_length=256))

    @property
    def master_key(self) -> bytes:
        """The raw key, for writing it to its key file (or wrapping it): never log or show it."""
        return self._master

    @property
    def key_id_hex(self) -> str:
        return self.key_id.hex()

    @property
    def check_value(self) -> str:
        """A key-check value stored beside the data: proves a key file is this shop's without opening a secret."""
        return hmac.new(self._master, b"shopdesk key check", hashlib.sha256).hexdigest()

    @property
    def mac_key(self) -> bytes:
        """For bulk hashing of already-normalised secrets (imports): hmac.digest(mac_key, secret, sha256)."""
        return self._mac_key

    def derive(self, purpose: bytes) -> bytes:
        """A sub-key for another use of this data key (the audit chain's HMAC, ...)."""
        return _derive(self._master, b"shopdesk " + purpose)

    def hash(self, secret: str) -> bytes:
        """Keyed hash of the normalised secret: equal secrets hash equal, nothing can be read back."""
        return hmac.digest(self._mac_key, normalise_secret(secret).encode(), hashlib.sha256)

    def hash_many(self, clean: Iterable[str]) -> list[bytes]:
        """`hash` of each already-normalised secret, for an import's million (see _mac_states)."""
        inner_of, outer_of = self._mac_states()
        out = []
        for secret in clean:
            inner = inner_of()
            inner.update(secret.encode())
            outer = outer_of()
            outer.update(inner.digest())
            out.append(outer.digest())
        return out

    def _mac_states(self) -> tuple[Callable[[], Any], Callable[[], Any]]:
        """Copiers of the dedupe HMAC's keyed inner and outer SHA-256 states (RFC 2104), made once: copying them per
        secret costs half of hmac.digest, which keys both again every time."""
        if self._mac_pads is None:
            block = self._mac_key.ljust(64, b"\0")  # the key is 32 bytes: shorter than SHA-256's block, used as it is
            self._mac_pads = (
                hashlib.sha256(bytes(b ^ 0x36 for b in block)).copy,
                hashlib.sha256(bytes(b ^ 0x5C for b in block)).copy,
            )
        return self._mac_pads

    # --- card secrets -------------------------------------------------------------------------------

    def seal(self, secret: str, product_id: int) -> tuple[bytes, bytes, str]:
        """(ciphertext, hash, last characters for the mask) of a secret, normalised and bound to its row."""
        clean = normalise_secret(secret)
        digest = self.hash(clean)
        return self.encrypt_secret(clean, digest, product_id), digest, mask_tail(clean)

    def encrypt_secret(self, clean: str, digest: bytes, product_id: int) -> bytes:
        nonce = os.urandom(_NONCE)
        head = _VERSION + self.key_id + nonce
        return head + self._aead.encrypt(nonce, clean.encode(), secret_context(digest, product_id))

    def encrypt_many(self, items: list[tuple[str, bytes]], product_id: int) -> list[bytes]:
        """Seal a batch of (normalised secret, hash) of one product: one call for the nonces, one AES-GCM per secret."""
        nonces = os.urandom(_NONCE * len(items))
        encrypt, prefix = self._aead.encrypt, _VERSION + self.key_id
        tail = int(product_id).to_bytes(8, "big", signed=True)
        out = []
        for i, (clean, digest) in enumerate(items):
            nonce = nonces[i * _NONCE : (i + 1) * _NONCE]
            out.append(prefix + nonce + encrypt(nonce, clean.encode(), b"shopdesk card secret\x00" + digest + tail))
        return out

    def hash_and_seal_many(self, clean: list[str], product_id: int) -> list[tuple[bytes, bytes]]:
        """(hash, ciphertext) of each normalised secret of one product, in one pass: `hash_many` and `encrypt_many`
        for an import, where every pass over a million secrets counts."""
        inner_of, outer_of = self._mac_states()
        nonces = os.urandom(_NONCE * len(clean))
        encrypt, prefix = self._aead.encrypt, _VERSION + self.key_id
        context = b"shopdesk card secret\x00"
        tail = int(product_id).to_bytes(8, "big", signed=True)
        out = []
        at = 0
        for secret in clean:
            plain = secret.encode()
            inner = inner_of()
            inner.update(plain)
            outer = outer_of()
            outer.update(inner.digest())
            digest = outer.digest()
            nonce = nonces[at : at + _NONCE]
            at += _NONCE
            out.append((digest, prefix + nonce + encrypt(nonce, plain, context + digest + tail)))
        return out

    def open_secret(self, blob: bytes, digest: bytes, product_id: int) -> str:
        """The plaintext of a row's secret; DamagedSecret when it does not belong to that row or was altered."""
        return self._open(bytes(blob), secret_context(digest, product_id)).decode()

    def secret_opens(self, blob: bytes, digest: bytes, product_id: int) -> bool:
        """Whether a row's secret opens and matches its hash (delivery checks before it hands a key over)."""
        try:
            clean = self.open_secret(blob, digest, product_id)
        except VaultError:
            return False
        return hmac.compare_digest(hmac.digest(self._mac_key, clean.encode(), hashlib.sha256), bytes(digest))

    # --- other sealed values ------------------------------------------------------------------------

    def encrypt_value(self, text: str, label: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + self.key_id + nonce + self._aead.encrypt(nonce, text.encode(), value_context(label))

    def decrypt_value(self, blob: bytes, label: str) -> str:
        return self._open(bytes(blob), value_context(label)).decode()

    # --- legacy ---------------------------------------------------------------------------------------

    def is_legacy(self, blob: bytes) -> bool:
        return bytes(blob[:1]) == _LEGACY

    def open_legacy(self, blob: bytes) -> str:
        """A secret sealed before key ids (no associated data): read once, when the shop re-seals it."""
        blob = bytes(blob)
        if blob[:1] != _LEGACY:
            raise DamagedSecret("vault.not_legacy")
        try:
            return self._aead.decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], None).decode()
        except InvalidTag:
            raise DamagedSecret("vault.secret_damaged/open_legacy") from None

    def _open(self, blob: bytes, context: bytes) -> bytes:
        if blob[:1] != _VERSION or len(blob) < _HEADER + 16:
            raise DamagedSecret("vault.secret_format")
        key_id = blob[1 : 1 + _KEY_ID]
        if key_id != self.key_id:
            raise DamagedSecret("vault.secret_other_key", sealed_with=key_id.hex(), holds=self.key_id_hex)
        nonce = blob[1 + _KEY_ID : _HEADER]
        try:
            return self._aead.decrypt(nonce, blob[_HEADER:], context)
        except InvalidTag:
            raise DamagedSecret("vault.secret_damaged/open") from None


def _derive(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

"""Secrets at rest: AES-GCM encryption and a keyed hash (HMAC) for duplicate detection."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_FILENAME = "vault.key"
_NONCE = 12
_VERSION = b"\x01"
# Zero-width and BOM characters that sneak in from spreadsheets and chat apps.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class VaultError(Exception):
    pass


def normalise_secret(secret: str) -> str:
    """NFKC (full-width -> half-width), drop invisible characters, trim. Case is kept: secrets are exact."""
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", secret)).strip()


def mask_tail(secret: str) -> str:
    """The characters a masked secret may show: 4 of a long secret, 2 of a short one, none of a tiny one."""
    n = len(secret)
    return secret[-4:] if n >= 12 else secret[-2:] if n >= 8 else ""


def mask(tail: str) -> str:
    return "••••" + tail


class Vault:
    """Holds the data keys; encrypts, decrypts and hashes secrets."""

    def __init__(self, master_key: bytes):
        if len(master_key) != 32:
            raise VaultError("the vault master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"shopdesk secret encryption"))
        self._mac_key = _derive(master_key, b"shopdesk secret dedupe hash")

    @classmethod
    def open(cls, data_dir: Path) -> Vault:
        """Load the key file from the data dir, creating it (owner-only) on first use."""
        path = Path(data_dir) / KEY_FILENAME
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            key = AESGCM.generate_key(bit_length=256)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(base64.b64encode(key) + b"\n")
        raw = path.read_bytes().strip()
        try:
            key = base64.b64decode(raw, validate=True)
        except ValueError:
            raise VaultError(f"{path} is damaged: it does not hold a base64 key. Restore it from a backup.") from None
        if len(key) != 32:
            raise VaultError(f"{path} is damaged: the key has the wrong length. Restore it from a backup.")
        return cls(key)

    @property
    def mac_key(self) -> bytes:
        """For bulk hashing of already-normalised secrets (imports): hmac.digest(mac_key, secret, sha256)."""
        return self._mac_key

    def encrypt_many(self, secrets: list[str]) -> list[bytes]:
        """Encrypt a batch: one call for the nonces, then one AES-GCM call per secret."""
        nonces = os.urandom(_NONCE * len(secrets))
        encrypt = self._aead.encrypt
        out = []
        for i, secret in enumerate(secrets):
            nonce = nonces[i * _NONCE : (i + 1) * _NONCE]
            out.append(_VERSION + nonce + encrypt(nonce, secret.encode(), None))
        return out

    def hash(self, secret: str) -> bytes:
        """Keyed hash of the normalised secret: equal secrets hash equal, nothing can be read back."""
        return hmac.digest(self._mac_key, normalise_secret(secret).encode(), hashlib.sha256)

    def encrypt(self, secret: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, secret.encode(), None)

    def decrypt(self, blob: bytes) -> str:
        if blob[:1] != _VERSION:
            raise VaultError("unknown secret format")
        nonce, ct = blob[1 : 1 + _NONCE], blob[1 + _NONCE :]
        try:
            return self._aead.decrypt(nonce, ct, None).decode()
        except InvalidTag:
            raise VaultError(
                "A secret cannot be decrypted: it is damaged, or the vault key is not the one it was sealed with. "
                "Restore vault.key (or the database) from a backup."
            ) from None

    def seal(self, secret: str) -> tuple[bytes, bytes, str]:
        """(ciphertext, hash, last four characters for the mask) of a normalised secret."""
        clean = normalise_secret(secret)
        return self.encrypt(clean), self.hash(clean), mask_tail(clean)


def _derive(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

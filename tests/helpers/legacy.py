"""Data as an older ShopDesk wrote it, for upgrade tests."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shopdesk.services.common.vault import Vault


def legacy_seal(vault: Vault, secret: str) -> bytes:
    """A secret as ShopDesk sealed it before key ids (version byte 1, no associated data)."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"shopdesk secret encryption").derive(
        vault.master_key
    )
    nonce = os.urandom(12)
    return b"\x01" + nonce + AESGCM(key).encrypt(nonce, secret.encode(), None)

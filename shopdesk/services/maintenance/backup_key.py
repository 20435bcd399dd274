"""A single-user shop's vault key, sealed into a backup under a backup passphrase (argon2id, then AES-GCM), the
way services/staff/wraps seals a user's copy of the wrapping key. Without the passphrase the backup holds no key:
vault.key must then be kept apart from the backups."""

from __future__ import annotations

import base64
import json
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault
from shopdesk.services.staff import wraps

_AAD = b"shopdesk-backup-vault-key"

SEALED, NOT_INCLUDED, NOT_NEEDED = "sealed", "not_included", "not_needed"


def seal(vault: Vault, passphrase: str) -> str:
    """The vault key sealed under `passphrase`, as the text the backup stores."""
    if not passphrase:
        raise InvalidInput("backup.passphrase_empty")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = wraps.derive(passphrase, salt, wraps.KDF)
    blob = nonce + AESGCM(kek).encrypt(nonce, vault.master_key, _AAD)
    return json.dumps(
        {
            "kdf": wraps.KDF,
            "salt": base64.b64encode(salt).decode(),
            "sealed": base64.b64encode(blob).decode(),
            "key_id": vault.key_id_hex,
        }
    )


_KDF_CEILING = {"time_cost": 20, "memory_cost": 1024 * 1024, "parallelism": 16}  # argon2id: 20 passes, 1 GiB, 16 lanes


def key_id(sealed: str) -> str:
    return json.loads(sealed)["key_id"]


def open_sealed(sealed: str, passphrase: str, *, path: str) -> Vault:
    """The vault key of a backup; InvalidInput when the passphrase does not open it."""
    record = json.loads(sealed)
    kdf = record.get("kdf") or {}
    # The cost comes from the file: a crafted backup must not make the restore ask for gigabytes or hours.
    if (
        set(kdf) != set(wraps.KDF)
        or not all(isinstance(v, int) and v > 0 for v in kdf.values())
        or any(kdf[k] > _KDF_CEILING[k] for k in kdf)
    ):
        raise InvalidInput("backup.damaged", path=path, why=f"the sealed key asks for an unusual key derivation {kdf}")
    kek = wraps.derive(passphrase, base64.b64decode(record["salt"]), kdf)
    blob = base64.b64decode(record["sealed"])
    try:
        return Vault(AESGCM(kek).decrypt(blob[:12], blob[12:], _AAD))
    except InvalidTag:
        raise InvalidInput("backup.passphrase_wrong", path=path) from None

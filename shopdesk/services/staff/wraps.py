"""The data key wrapped per holder: once the shop has users, no plain key file is kept.

The data key (the vault's, which seals the secrets) is stored in the database sealed under the shop's wrapping key
(setting `vault.key.sealed`). The wrapping key is never stored in the clear: each user holds a copy sealed (AES-GCM)
under a key derived from their passphrase (argon2id, its own salt), and a desktop left unattended holds one sealed
under a secret of its own (the OS keyring, else a 0600 file in its data dir). Logging in opens the user's copy,
then the data key. Rotating the data key re-seals it under the same wrapping key, so every user's copy stays
good. A stolen database alone opens nothing."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopdesk.db.models import KeyWrap
from shopdesk.services.common import clock, keystore
from shopdesk.services.common.vault import Vault

# argon2id for the key-encryption key: ~0.15 s on a 2-core desktop, 64 MiB (the passphrase check costs the same)
KDF = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 2}
DEVICE_ID_FILE = "device.id"
DEVICE_SECRET_FILE = "device.key"
KEYRING_SERVICE = "ShopDesk"


def derive(passphrase: str, salt: bytes, kdf: dict) -> bytes:
    return hash_secret_raw(passphrase.encode(), salt, hash_len=32, type=Type.ID, **kdf)


def new_wrapping_key(session: Session, vault: Vault) -> bytes:
    """The shop gets its wrapping key (the first owner is being added): the data key is sealed under it."""
    wrapping = secrets.token_bytes(32)
    keystore.seal_data_key(session, wrapping, vault)
    return wrapping


def wrapping_id(wrapping: bytes) -> str:
    return hashlib.sha256(b"shopdesk-wrapping-key" + wrapping).hexdigest()[:16]


def wrap_for_user(session: Session, wrapping: bytes, user_id: int, passphrase: str) -> None:
    """Seal the wrapping key for this user (replacing their earlier copy)."""
    salt = secrets.token_bytes(16)
    _store(session, wrapping, derive(passphrase, salt, KDF), salt=salt, kdf=json.dumps(KDF), user_id=user_id)


def unwrap_for_user(session: Session, user_id: int, passphrase: str) -> bytes | None:
    """The wrapping key from the user's copy; None when they have none or the passphrase does not open it."""
    row = session.execute(select(KeyWrap).where(KeyWrap.user_id == user_id)).scalar_one_or_none()
    if row is None:
        return None
    return _open(row, derive(passphrase, row.salt, json.loads(row.kdf)))


def drop_user(session: Session, user_id: int) -> None:
    session.execute(delete(KeyWrap).where(KeyWrap.user_id == user_id))


# --- a desktop left unattended -----------------------------------------------------------------------------


def device_id(data_dir: Path, *, create: bool = False) -> str | None:
    path = Path(data_dir) / DEVICE_ID_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip() or None
    if not create:
        return None
    ident = secrets.token_hex(16)
    _write_private(path, ident.encode())
    return ident


def allow_unattended(session: Session, wrapping: bytes, data_dir: Path) -> str:
    """Keep a copy of the wrapping key this desktop can open by itself; returns where its secret went."""
    ident = device_id(data_dir, create=True)
    secret = secrets.token_bytes(32)
    where = _put_device_secret(data_dir, ident, secret)
    _store(session, wrapping, secret, salt=b"", kdf="", device_id=ident)
    return where


def revoke_unattended(session: Session, data_dir: Path) -> bool:
    """Remove this desktop's copy (the database row and its secret); whether there was one."""
    ident = device_id(data_dir)
    if ident is None:
        return False
    gone = session.execute(delete(KeyWrap).where(KeyWrap.device_id == ident)).rowcount
    _drop_device_secret(data_dir, ident)
    return bool(gone)


def unwrap_for_device(session: Session, data_dir: Path) -> bytes | None:
    """The wrapping key from this desktop's unattended copy, when it has one."""
    ident = device_id(data_dir)
    if ident is None:
        return None
    row = session.execute(select(KeyWrap).where(KeyWrap.device_id == ident)).scalar_one_or_none()
    secret = _get_device_secret(data_dir, ident)
    if row is None or secret is None:
        return None
    return _open(row, secret)


def unattended_here(session: Session, data_dir: Path) -> bool:
    ident = device_id(data_dir)
    return (
        ident is not None and session.execute(select(KeyWrap.id).where(KeyWrap.device_id == ident)).first() is not None
    )


# --- internals ---------------------------------------------------------------------------------------------


def _aad(row_user: int | None, row_device: str | None) -> bytes:
    return f"shopdesk-key-wrap:user={row_user}:device={row_device}".encode()


def _store(session: Session, wrapping: bytes, kek: bytes, *, salt: bytes, kdf: str, user_id=None, device_id=None):
    nonce = secrets.token_bytes(12)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, wrapping, _aad(user_id, device_id))
    holder = KeyWrap.user_id == user_id if user_id is not None else KeyWrap.device_id == device_id
    session.execute(delete(KeyWrap).where(holder))
    session.add(
        KeyWrap(
            user_id=user_id,
            device_id=device_id,
            key_id=wrapping_id(wrapping),
            salt=salt,
            kdf=kdf,
            wrapped=wrapped,
            created_at=clock.now(),
        )
    )
    session.flush()


def _open(row: KeyWrap, kek: bytes) -> bytes | None:
    """The wrapped wrapping key; None when `kek` does not open it."""
    try:
        return AESGCM(kek).decrypt(row.wrapped[:12], row.wrapped[12:], _aad(row.user_id, row.device_id))
    except InvalidTag:
        return None


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _keyring():
    """The OS keyring, when this desktop has a real one (not the 'fail' or plain-text backends)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    ring = keyring.get_keyring()
    if isinstance(ring, fail.Keyring) or "chainer" in type(ring).__module__ and not ring.backends:
        return None
    return keyring


def _put_device_secret(data_dir: Path, ident: str, secret: bytes) -> str:
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(KEYRING_SERVICE, f"device:{ident}", secret.hex())
            return "keyring"
        except Exception:  # noqa: BLE001 - a keyring that refuses: fall back to the file
            pass
    _write_private(Path(data_dir) / DEVICE_SECRET_FILE, secret.hex().encode())
    return str(Path(data_dir) / DEVICE_SECRET_FILE)


def _get_device_secret(data_dir: Path, ident: str) -> bytes | None:
    ring = _keyring()
    if ring is not None:
        try:
            found = ring.get_password(KEYRING_SERVICE, f"device:{ident}")
        except Exception:  # noqa: BLE001
            found = None
        if found:
            return bytes.fromhex(found)
    path = Path(data_dir) / DEVICE_SECRET_FILE
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    return None


def _drop_device_secret(data_dir: Path, ident: str) -> None:
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(KEYRING_SERVICE, f"device:{ident}")
        except Exception:  # noqa: BLE001
            pass
    (Path(data_dir) / DEVICE_SECRET_FILE).unlink(missing_ok=True)

"""Where the shop's data key lives, and how a shop knows its own key.

The key is a 0600 file in the data dir (`vault.key`). The database records the key's id and a key-check
value: when the database already holds secrets and the file is missing or is another shop's, nothing that
needs the vault runs and no new key is made; a new key is made only for a shop with nothing sealed yet.
Rotation writes the new key beside the old one (`vault.key.new`) before its transaction commits and moves it
into place after, so a crash between the two is finished at the next start.
"""

from __future__ import annotations

import base64
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Setting, Webhook
from shopdesk.services.common import access, audit, chain, settings
from shopdesk.services.common.vault import DamagedSecret, Vault, VaultError

KEY_FILENAME = "vault.key"
PENDING_SUFFIX = ".new"
SEALED_SETTINGS = ("api.secret",)  # settings stored sealed under the vault, as "<label>.sealed"
_CHUNK = 2000


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILENAME


class WriteNeeded(Exception):
    """Unlocking must record something (first use, an older shop's data): do it again in a write session."""


def _can_write(session: Session) -> None:
    if session.info.get("read_only"):
        raise WriteNeeded


def vault_of(session: Session) -> Vault:
    """The vault the session's shop was opened with; VaultError (with the reason) when it has none."""
    vault = session.info.get("vault")
    if vault is None:
        raise session.info.get("vault_error") or VaultError("vault.locked")
    return vault


# --- the key file -----------------------------------------------------------------------------------


def read_key_file(path: Path) -> Vault | None:
    """The key in the file, None when there is no file; VaultError when it is damaged."""
    try:
        raw = Path(path).read_bytes().strip()
    except FileNotFoundError:
        return None
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError:
        raise VaultError("vault.key_file_damaged/base64", path=str(path)) from None
    if len(key) != 32:
        raise VaultError("vault.key_file_damaged/size", path=str(path), size=len(key))
    return Vault(key)


def forget_key_file(data_dir: Path) -> None:
    """Remove the plain key file (the shop has users now: each holds a wrapped copy): overwritten, then deleted."""
    path = key_path(data_dir)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, b"\0" * size)
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()


def write_key_file(path: Path, vault: Vault) -> None:
    """Write the key owner-only and durably (fsync), replacing nothing: the path must not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, base64.b64encode(vault.master_key) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)


# --- a shop and its key -----------------------------------------------------------------------------


def holds_secrets(session: Session) -> bool:
    """Whether anything in the database is sealed under a key (card secrets or sealed settings)."""
    if session.execute(select(CardKey.id).limit(1)).first() is not None:
        return True
    sealed = [f"{name}.sealed" for name in SEALED_SETTINGS]
    if session.execute(select(Setting.key).where(Setting.key.in_(sealed)).limit(1)).first() is not None:
        return True
    return session.execute(select(Webhook.id).where(Webhook.secret_sealed.is_not(None)).limit(1)).first() is not None


def unlock(session: Session, data_dir: Path) -> Vault:
    """The shop's vault, from the key file, checked against the key the database records (write session).

    First use of a shop with nothing sealed: a new key is made and recorded. Otherwise the key file must be the
    one that sealed the shop's secrets, or VaultError says which key is expected and where to restore it from."""
    path = key_path(data_dir)
    pending = path.with_name(path.name + PENDING_SUFFIX)
    key_id = settings.get(session, "vault.key_id")
    check = settings.get(session, "vault.check")
    found = read_key_file(path)
    if key_id and (found is None or found.check_value != check) and not holds_secrets(session):
        _can_write(session)
        key_id = None  # nothing is sealed yet: any key will do, and a missing one is simply made anew
    if key_id:
        if found is not None and found.check_value == check:
            pending.unlink(missing_ok=True)  # a rotation that did not commit
            return found
        rotated = _maybe(read_key_file, pending)
        if rotated is not None and rotated.check_value == check:  # a rotation committed; finish moving its key
            _can_write(session)
            if found is not None:
                _retire(path, found)
            os.replace(pending, path)
            return rotated
        if found is None:
            raise VaultError("vault.key_file_missing/known", key_id=key_id, path=str(path))
        raise VaultError("vault.wrong_key/other_key", path=str(path), found=found.key_id_hex, key_id=key_id)
    # No key recorded yet: a new shop, or one made before key ids were recorded.
    _can_write(session)
    has_secrets = holds_secrets(session)
    if found is None:
        if has_secrets:
            raise VaultError("vault.key_file_missing/unknown", path=str(path))
        found = Vault.generate()
        write_key_file(path, found)
    elif has_secrets and not _opens_a_sample(session, found):
        raise VaultError("vault.wrong_key/other_shop", path=str(path))
    _record(session, found)
    if not has_secrets:
        settings.put(session, "vault.format", "2")
    return found


def _record(session: Session, vault: Vault) -> None:
    settings.put(session, "vault.key_id", vault.key_id_hex)
    settings.put(session, "vault.check", vault.check_value)


def _maybe(read: Callable[[Path], Vault | None], path: Path) -> Vault | None:
    try:
        return read(path)
    except VaultError:
        return None


def _retire(path: Path, old: Vault) -> Path:
    """Keep a replaced key beside the new one, for backups made before the rotation."""
    retired = path.with_name(f"vault-{old.key_id_hex}.retired.key")
    if not retired.exists():
        os.replace(path, retired)
    else:
        path.unlink()
    return retired


def _opens_a_sample(session: Session, vault: Vault) -> bool:
    rows = session.execute(
        select(CardKey.secret_enc, CardKey.secret_hash, CardKey.product_id).order_by(CardKey.id).limit(5)
    ).all()
    for blob, digest, product_id in rows:
        try:
            if vault.is_legacy(blob):
                vault.open_legacy(blob)
            else:
                vault.open_secret(blob, digest, product_id)
        except DamagedSecret:
            continue
        return True
    return not rows


# --- a shop with users: the data key sealed under the wrapping key (see services/staff/wraps) ----------------

SEALED_KEY = "vault.key.sealed"
_DATA_KEY_AAD = b"shopdesk-data-key"


def seal_data_key(session: Session, wrapping: bytes, vault: Vault) -> None:
    """Store the data key sealed under the shop's wrapping key (when the first owner is added, after a rotation)."""
    nonce = os.urandom(12)
    blob = nonce + AESGCM(wrapping).encrypt(nonce, vault.master_key, _DATA_KEY_AAD)
    settings.put(session, SEALED_KEY, base64.b64encode(blob).decode())


def open_data_key(session: Session, wrapping: bytes) -> Vault:
    """The data key, opened with the wrapping key and checked against the key the shop records."""
    raw = settings.get(session, SEALED_KEY)
    if raw is None:
        raise VaultError("vault.login_needed")
    blob = base64.b64decode(raw)
    try:
        key = AESGCM(wrapping).decrypt(blob[:12], blob[12:], _DATA_KEY_AAD)
    except InvalidTag:
        raise VaultError("vault.wrap_stale") from None
    vault = Vault(key)
    if vault.check_value != settings.get(session, "vault.check"):
        raise VaultError("vault.wrap_stale")
    return vault


# --- sealed settings ------------------------------------------------------------------------------------


def get_sealed(session: Session, vault: Vault, name: str) -> str | None:
    raw = settings.get(session, f"{name}.sealed")
    if raw is None:
        return None
    return vault.decrypt_value(base64.b64decode(raw), name)


def put_sealed(session: Session, vault: Vault, name: str, value: str) -> None:
    settings.put(session, f"{name}.sealed", base64.b64encode(vault.encrypt_value(value, name)).decode())


def seal_webhook_secret(vault: Vault, hook_id: int, secret: str) -> str:
    """A generic webhook's signing secret, sealed under the vault and bound to its hook (base64 for the row)."""
    return base64.b64encode(vault.encrypt_value(secret, f"webhook.{hook_id}.secret")).decode()


def open_webhook_secret(vault: Vault, hook_id: int, sealed: str) -> str:
    return vault.decrypt_value(base64.b64decode(sealed), f"webhook.{hook_id}.secret")


def _reseal_webhook_secrets(session: Session, old: Vault, new: Vault) -> None:
    rows = session.execute(select(Webhook.id, Webhook.secret_sealed).where(Webhook.secret_sealed.is_not(None))).all()
    for hook_id, sealed in rows:
        fresh = seal_webhook_secret(new, hook_id, open_webhook_secret(old, hook_id, sealed))
        session.execute(update(Webhook).where(Webhook.id == hook_id).values(secret_sealed=fresh))


def seal_plain_settings(session: Session, vault: Vault) -> None:
    """Settings an older ShopDesk stored in plain text are sealed and the plain rows removed."""
    for name in SEALED_SETTINGS:
        plain = settings.get(session, name)
        if plain is not None:
            _can_write(session)
            put_sealed(session, vault, name, plain)
            settings.delete(session, name)


def start_chains(session: Session, vault: Vault) -> None:
    """A shop upgraded from before the hash chains: its trail is sealed into them, in id order, at first unlock."""
    names = chain.unstarted(session)
    if names:
        _can_write(session)
        for name in names:
            chain.start(session, name, chain.chain_key(vault))


def reseal_legacy(session: Session, vault: Vault) -> int:
    """Secrets sealed before key ids and row binding are sealed again, bound to their rows. Runs once per shop."""
    if settings.get(session, "vault.format") == "2":
        return 0
    _can_write(session)
    done = 0
    for rows in _sealed_secrets(session):
        fresh = [
            {"b_id": r.id, "b_enc": vault.encrypt_secret(vault.open_legacy(r.secret_enc), r.secret_hash, r.product_id)}
            for r in rows
            if vault.is_legacy(r.secret_enc)
        ]
        if fresh:
            session.connection().execute(_SET_SECRET, fresh)
            done += len(fresh)
    settings.put(session, "vault.format", "2")
    return done


def _sealed_secrets(session: Session) -> Iterator[list]:
    """Every card key's sealed secret (id, secret_enc, secret_hash, product_id), in chunks of _CHUNK by id; a
    chunk may be rewritten before the next is read."""
    table = CardKey.__table__
    last = 0
    while rows := session.execute(
        select(table.c.id, table.c.secret_enc, table.c.secret_hash, table.c.product_id)
        .where(table.c.id > last)
        .order_by(table.c.id)
        .limit(_CHUNK)
    ).all():
        yield rows
        last = rows[-1].id


_SET_SECRET = (
    update(CardKey.__table__).where(CardKey.__table__.c.id == bindparam("b_id")).values(secret_enc=bindparam("b_enc"))
)


# --- rotation -------------------------------------------------------------------------------------------


@access.needs("vault.rotate")
def rotate(
    session: Session,
    data_dir: Path,
    old: Vault,
    *,
    actor: str,
    progress: Callable[[int, int], object] | None = None,
) -> Vault:
    """Seal every secret under a new key, in this one transaction, re-keying the dedupe hashes (they are derived
    from the same key), and re-link both hash chains under it. A broken chain is not rotated (VaultError
    chain.rotate_broken): the new key would seal the damage. The new key is written to `vault.key.new` first;
    call `finish_rotation` after commit. A shop with users keeps no key file: the new key is sealed under its
    wrapping key in the same transaction."""
    for verdict in chain.verify_all(session, old):
        if verdict.broken is not None:
            b = verdict.broken
            raise VaultError("chain.rotate_broken", chain=b.chain, table=b.table, id=b.id, problem=b.problem)
    wrapping = session.info.get("wrapping_key")
    new = Vault.generate()
    if wrapping is None:
        path = key_path(data_dir)
        pending = path.with_name(path.name + PENDING_SUFFIX)
        pending.unlink(missing_ok=True)
        write_key_file(pending, new)
    else:
        seal_data_key(session, wrapping, new)
    total = session.execute(select(func.count()).select_from(CardKey)).scalar_one()
    done = 0
    table = CardKey.__table__
    mover = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            secret_enc=bindparam("b_enc"),
            secret_hash=bindparam("b_hash"),
        )
    )
    for rows in _sealed_secrets(session):
        batch = []
        for r in rows:
            try:
                clean = (
                    old.open_legacy(r.secret_enc)
                    if old.is_legacy(r.secret_enc)
                    else old.open_secret(r.secret_enc, r.secret_hash, r.product_id)
                )
            except DamagedSecret:
                raise VaultError("vault.rotate_damaged_secret", key=r.id) from None
            digest = new.hash(clean)
            batch.append({"b_id": r.id, "b_enc": new.encrypt_secret(clean, digest, r.product_id), "b_hash": digest})
        session.connection().execute(mover, batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    for name in SEALED_SETTINGS:
        value = get_sealed(session, old, name)
        if value is not None:
            put_sealed(session, new, name, value)
    _reseal_webhook_secrets(session, old, new)
    _record(session, new)
    settings.put(session, "vault.format", "2")
    audit.record(
        session,
        actor=actor,
        action="vault.rotated",
        subject="vault",
        old_key=old.key_id_hex,
        new_key=new.key_id_hex,
        secrets=done,
    )
    chain.reseal(session, new)  # the trail, this rotation's event included, linked under the new key
    session.info["vault"] = new  # whatever this transaction writes next is sealed with it too
    return new


def finish_rotation(data_dir: Path, old: Vault) -> Path | None:
    """After the rotation committed: the new key takes the file's place, the old one is kept aside (retired).
    None for a shop with users (no key file: the new key is sealed in the database)."""
    path = key_path(data_dir)
    if not path.with_name(path.name + PENDING_SUFFIX).exists() and not path.exists():
        return None
    retired = _retire(path, old)
    os.replace(path.with_name(path.name + PENDING_SUFFIX), path)
    return retired


def abandon_rotation(data_dir: Path) -> None:
    """The rotation's transaction rolled back: its new key is of no use."""
    path = key_path(data_dir)
    path.with_name(path.name + PENDING_SUFFIX).unlink(missing_ok=True)


def sample_ids(session: Session, size: int) -> list[int]:
    """Up to `size` key ids spread over the table (for doctor's sampled check), without scanning it."""
    low, high = session.execute(select(func.min(CardKey.id), func.max(CardKey.id))).one()
    if low is None:
        return []
    if high - low + 1 <= size:
        return list(range(low, high + 1))
    rng = random.Random()
    return sorted(rng.sample(range(low, high + 1), size))

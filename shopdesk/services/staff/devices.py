"""A desktop left unattended (the storefront server delivering while nobody is logged in): the owner allows it,
and can revoke it. Both are on the audit trail."""

from __future__ import annotations

import socket
from pathlib import Path

from sqlalchemy.orm import Session

from shopdesk.services.common import access, audit
from shopdesk.services.common.vault import VaultError
from shopdesk.services.staff import wraps


def allow_unattended(session: Session, wrapping: bytes | None, data_dir: Path, *, actor: str) -> str:
    """This desktop keeps its own copy of the shop's wrapping key; returns where its secret is kept."""
    access.require_owner(session, subject="device")
    if wrapping is None:
        raise VaultError("vault.login_needed")
    where = wraps.allow_unattended(session, wrapping, data_dir)
    kept = "keyring" if where == "keyring" else "file"
    audit.record(
        session, actor=actor, action="device.unattended", subject="device", host=socket.gethostname(), kept=kept
    )
    return where


def revoke_unattended(session: Session, data_dir: Path, *, actor: str) -> bool:
    access.require_owner(session, subject="device")
    had = wraps.revoke_unattended(session, data_dir)
    audit.record(session, actor=actor, action="device.revoked", subject="device", host=socket.gethostname(), had=had)
    return had

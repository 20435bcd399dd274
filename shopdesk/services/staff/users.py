"""Users: adding them (the first must be an owner), logging in, passphrases, disabling, and who is on the staff.

Passphrases are hashed with argon2id (argon2-cffi). Five wrong passphrases lock a user for five minutes; every
login, failed login and lock is on the audit trail. The last active owner cannot be disabled or demoted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import ROLES, RoleLimit, RolePermission, StaffUser
from shopdesk.services.common import access, audit, clock, keystore, outbox
from shopdesk.services.common.access import Identity, NotLoggedIn
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.vault import VaultError
from shopdesk.services.common.views import view_of
from shopdesk.services.staff import wraps

HASHER = PasswordHasher(**wraps.KDF)
NAME = re.compile(r"[\w.\-]{1,64}")
MIN_PASSPHRASE = 8
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=5)


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    display_name: str
    role: str
    active: bool
    last_login_at: datetime | None
    locked_until: datetime | None

    @property
    def shown(self) -> str:
        return self.display_name or self.name


def list_users(session: Session, *, active_only: bool = False) -> list[UserView]:
    query = select(StaffUser).order_by(StaffUser.name)
    if active_only:
        query = query.where(StaffUser.active.is_(True))
    return [_view(u) for u in session.execute(query).scalars()]


def add_user(
    session: Session,
    wrapping: bytes | None,
    name: str,
    role: str,
    passphrase: str,
    *,
    display_name: str = "",
    actor: str,
) -> UserView:
    """Add a user with their own copy of the shop's wrapping key (`wrapping`: the logged-in user's, or for the
    first owner a new one, `wraps.new_wrapping_key`). The shop's first user must be an owner and needs no login;
    after that, adding users takes users.manage."""
    first = not access.protected(session)
    if not first:
        access.require(session, "users.manage", subject=f"user:{name}")
    name = _check_name(name)
    if role not in ROLES:
        raise InvalidInput("user.role_unknown", role=repr(role), choices=", ".join(ROLES))
    if first and role != "owner":
        raise InvalidInput("user.first_not_owner")
    _check_passphrase(passphrase)
    if session.execute(select(StaffUser.id).where(func.lower(StaffUser.name) == name.lower())).first():
        raise Conflict("user.name_taken", name=name)
    user = StaffUser(
        name=name,
        display_name=display_name.strip()[:100],
        role=role,
        pass_hash=HASHER.hash(passphrase),
        active=True,
        failed_logins=0,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    if wrapping is None:
        raise VaultError("vault.login_needed")
    wraps.wrap_for_user(session, wrapping, user.id, passphrase)
    session.info["_protected"] = True
    audit.record(session, actor=actor, action="user.added", subject=f"user:{name}", role=role, first=first)
    outbox.emit(session, "user", user.id)
    return _view(user)


def login(session: Session, name: str, passphrase: str) -> tuple[Identity, bytes | None]:
    """Check the passphrase (write session): the user's identity and the wrapping key their copy holds (None if
    they have none). A wrong passphrase counts towards the lock, which is committed although the login is refused."""
    user = _active(session, name)
    now = clock.now()
    if user.locked_until is not None and user.locked_until > now:
        raise NotLoggedIn("user.locked", name=user.name, minutes=_minutes_left(user.locked_until, now))
    try:
        HASHER.verify(user.pass_hash, passphrase)
    except (VerificationError, InvalidHashError):
        raise _failed(user.id, user.name) from None
    session.execute(
        update(StaffUser).where(StaffUser.id == user.id).values(failed_logins=0, locked_until=None, last_login_at=now)
    )
    wrapping = wraps.unwrap_for_user(session, user.id, passphrase)
    if wrapping is not None:  # the session holds the key from here: the login's own event joins the hash chain
        session.info["vault"] = keystore.open_data_key(session, wrapping)
    audit.record(session, actor=user.name, action="login", subject=f"user:{user.name}")
    return Identity(user.name, user.role, user.display_name, user.id), wrapping


def check_passphrase(session: Session, name: str, passphrase: str) -> None:
    """Ask again before a sensitive action: the same rules as a login (failures count, locks hold)."""
    login(session, name, passphrase)


def set_passphrase(session: Session, wrapping: bytes, name: str, new: str, *, actor: str) -> UserView:
    """A new passphrase (and a fresh copy of the wrapping key under it): one's own, or anyone's with users.manage."""
    who = access.current(session)
    if who is None or who.name != name:
        access.require(session, "users.manage", subject=f"user:{name}")
    user = _active(session, name)
    _check_passphrase(new)
    user.pass_hash = HASHER.hash(new)
    user.failed_logins, user.locked_until = 0, None
    wraps.wrap_for_user(session, wrapping, user.id, new)
    audit.record(session, actor=actor, action="user.passphrase_changed", subject=f"user:{user.name}")
    outbox.emit(session, "user", user.id)
    return _view(user)


def disable_user(session: Session, name: str, *, actor: str) -> UserView:
    """The user can no longer log in; their copy of the data key is deleted. Never the last active owner."""
    access.require(session, "users.manage", subject=f"user:{name}")
    user = _active(session, name)
    if user.role == "owner":
        _keep_an_owner(session, user.id)
    user.active = False
    wraps.drop_user(session, user.id)
    audit.record(session, actor=actor, action="user.disabled", subject=f"user:{user.name}")
    outbox.emit(session, "user", user.id)
    return _view(user)


def set_role(session: Session, name: str, role: str, *, actor: str) -> UserView:
    access.require(session, "users.manage", subject=f"user:{name}")
    if role not in ROLES:
        raise InvalidInput("user.role_unknown", role=repr(role), choices=", ".join(ROLES))
    user = _active(session, name)
    if user.role == "owner" and role != "owner":
        _keep_an_owner(session, user.id)
    before, user.role = user.role, role
    audit.record(session, actor=actor, action="user.role_changed", subject=f"user:{user.name}", was=before, now=role)
    outbox.emit(session, "user", user.id)
    return _view(user)


def display_names(session: Session) -> dict[str, str]:
    """{user name: the name shown for them}, for timelines and the desk."""
    return {n: d or n for n, d in session.execute(select(StaffUser.name, StaffUser.display_name))}


def actor_names(session: Session) -> dict[str, str]:
    """{user name: display name} for who acted on a timeline: "" for an owner without one (shown as the owner)."""
    rows = session.execute(select(StaffUser.name, StaffUser.display_name, StaffUser.role))
    return {n: d or ("" if role == "owner" else n) for n, d, role in rows}


# --- internals ---------------------------------------------------------------------------------------------


def _view(user: StaffUser) -> UserView:
    return view_of(UserView, user)


def _active(session: Session, name: str) -> StaffUser:
    user = session.execute(select(StaffUser).where(StaffUser.name == (name or "").strip())).scalar_one_or_none()
    if user is None:
        raise NotLoggedIn("user.unknown", name=repr(name))
    if not user.active:
        raise NotLoggedIn("user.disabled", name=user.name)
    return user


def _failed(user_id: int, name: str) -> NotLoggedIn:
    """The refusal; once its transaction is rolled back, the failure is counted (and the user locked on the
    fifth) in a transaction of its own."""
    error = NotLoggedIn("user.wrong_passphrase", name=name)

    def count(session: Session) -> None:
        user = session.get(StaffUser, user_id)
        user.failed_logins += 1
        locked = user.failed_logins >= MAX_FAILURES
        if locked:
            user.failed_logins, user.locked_until = 0, clock.now() + LOCK_FOR
        audit.record(session, actor=name, action="login_failed", subject=f"user:{name}", locked=locked)

    error.after_rollback = count
    return error


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME.fullmatch(name):
        raise InvalidInput("user.name_invalid", name=repr(name))
    return name


def _check_passphrase(passphrase: str) -> None:
    if not passphrase or not passphrase.strip():
        raise InvalidInput("user.passphrase_empty")
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput("user.passphrase_short", least=MIN_PASSPHRASE)


def _keep_an_owner(session: Session, user_id: int) -> None:
    others = session.execute(
        select(func.count()).where(StaffUser.role == "owner", StaffUser.active.is_(True), StaffUser.id != user_id)
    ).scalar_one()
    if others == 0:
        raise Conflict("user.last_owner")


def user_by_name(session: Session, name: str) -> UserView:
    user = session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()
    if user is None:
        raise NotFound("user.not_found", name=repr(name))
    return _view(user)


# --- what each role may do (the owner's to change) -----------------------------------------------------------


@dataclass(frozen=True)
class RoleRights:
    role: str
    permissions: frozenset[str]
    refund_limit_fen: int | None  # None: no limit


def role_rights(session: Session) -> list[RoleRights]:
    """Each role's permissions and refund limit, as the owner set them (the owner's own role has them all)."""
    granted: dict[str, set[str]] = {role: set() for role in ROLES}
    for role, permission in session.execute(select(RolePermission.role, RolePermission.permission)):
        granted.setdefault(role, set()).add(permission)
    limits = dict(session.execute(select(RoleLimit.role, RoleLimit.refund_limit_fen)).all())
    granted["owner"] = set(access.PERMISSIONS)
    return [RoleRights(role, frozenset(granted[role]), limits.get(role)) for role in ROLES]


def set_permission(session: Session, role: str, permission: str, granted: bool, *, actor: str) -> None:
    """Grant or withdraw one permission of the staff or viewer role (the owner keeps everything)."""
    access.require(session, "users.manage", subject=f"role:{role}")
    if role not in ("staff", "viewer"):
        raise InvalidInput("role.not_editable", role=repr(role))
    if permission not in access.PERMISSIONS:
        raise InvalidInput("role.permission_unknown", permission=repr(permission))
    session.execute(delete(RolePermission).where(RolePermission.role == role, RolePermission.permission == permission))
    if granted:
        session.add(RolePermission(role=role, permission=permission))
    session.flush()
    subject = f"role:{role}"
    audit.record(session, actor=actor, action="role.changed", subject=subject, permission=permission, granted=granted)
    outbox.emit(session, "setting", 0)


def set_refund_limit(session: Session, role: str, limit_fen: int | None, *, actor: str) -> None:
    """How much the role may refund on one case (None: no limit)."""
    access.require(session, "users.manage", subject=f"role:{role}")
    if role not in ("staff", "viewer"):
        raise InvalidInput("role.not_editable", role=repr(role))
    if limit_fen is not None and limit_fen < 0:
        raise InvalidInput("role.limit_negative")
    session.execute(delete(RoleLimit).where(RoleLimit.role == role))
    session.add(RoleLimit(role=role, refund_limit_fen=limit_fen))
    session.flush()
    audit.record(session, actor=actor, action="role.limit_changed", subject=f"role:{role}", limit_fen=limit_fen)
    outbox.emit(session, "setting", 0)

"""Who is acting, and whether they may: the permission check every service makes before it changes anything.

A shop without users runs in single-user mode: whoever opened it is its owner, and every check passes. Once the
first owner exists, every session carries the logged-in `Identity` (`session.info["identity"]`, set when a user
logs in) and each action checks its permission against the role's rows of `role_permission` (data, edited by the
owner). A refusal raises PermissionDenied (the CLI exits 3) after which a `denied` audit event is written in a
transaction of its own: the refused action changes nothing else. Without an identity the caller is told to log in
(NotLoggedIn, exit 4). The storefront API and the shop's own sweeps act as SYSTEM, authenticated on their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Refund, RoleLimit, RolePermission, StaffUser
from shopdesk.db.queries import driver
from shopdesk.services.common import audit
from shopdesk.services.common.errors import ShopError
from shopdesk.services.common.money import format_yuan

PERMISSIONS = (
    "keys.reveal",
    "keys.export",
    "keys.import",
    "orders.sell",
    "cases.handle",
    "money.refund",
    "money.refund_above_limit",
    "money.topup",
    "catalog.edit",
    "desk.settings",
    "credit.override",
    "users.manage",
    "vault.rotate",
)


@dataclass(frozen=True)
class Identity:
    name: str
    role: str  # owner / staff / viewer; "system" for the shop's own processes
    display_name: str = ""
    user_id: int | None = None

    @property
    def shown(self) -> str:
        return self.display_name or self.name


SYSTEM = Identity("system", "system", "ShopDesk")


class PermissionDenied(ShopError):
    """The user's role lacks the permission. Nothing was written but the `denied` audit event."""

    default_code = "permission_denied"
    exit_code = 3


class NotLoggedIn(ShopError):
    """The shop has users and nobody is logged in (or the login failed, or the user is locked)."""

    default_code = "not_logged_in"
    exit_code = 4


_ANY_USER = select(StaffUser.id).limit(1)


def protected(session: Session) -> bool:
    """Whether the shop has users (then everyone logs in); once per session."""
    known = session.info.get("_protected")
    if known is None:
        known = bool(driver(session).rows(_ANY_USER))
        session.info["_protected"] = known
    return known


def current(session: Session) -> Identity | None:
    """Who is acting in this session: the logged-in user, SYSTEM, or None in single-user mode."""
    return session.info.get("identity")


def allowed(session: Session, role: str, permission: str) -> bool:
    if role in ("system", "owner"):
        return True
    row = session.execute(
        select(RolePermission.role).where(RolePermission.role == role, RolePermission.permission == permission)
    ).first()
    return row is not None


def require(session: Session, permission: str, *, subject: str = "") -> Identity | None:
    """Refuse unless the acting user may do `permission` (always allowed in single-user mode); the identity."""
    _known(permission)
    who = current(session)
    if who is None:
        if not protected(session):
            return None
        raise NotLoggedIn("access.login_needed")
    if not allowed(session, who.role, permission):
        denied = PermissionDenied("access.denied", user=who.name, role=who.role, permission=permission)
        raise _on_the_record(denied, who, permission, subject)
    return who


def require_owner(session: Session, *, subject: str) -> Identity | None:
    """Refuse unless the acting user is an owner (always allowed in single-user mode)."""
    who = current(session)
    if who is None:
        if not protected(session):
            return None
        raise NotLoggedIn("access.login_needed")
    if who.role not in ("owner", "system"):
        raise _on_the_record(PermissionDenied("access.owner_only", user=who.name, role=who.role), who, "owner", subject)
    return who


F = TypeVar("F", bound=Callable)


def needs(permission: str) -> Callable[[F], F]:
    """Decorate a session-first service function: it runs only for a user who may do `permission`."""
    _known(permission)

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def checked(session: Session, *args, **kwargs):
            require(session, permission)
            return fn(session, *args, **kwargs)

        checked.permission = permission
        return checked  # type: ignore[return-value]

    return decorate


def require_refund(session: Session, case_id: int | None, amount_fen: int) -> None:
    """A person refunding `amount_fen` (on a case, with what that case has refunded already): money.refund, and
    money.refund_above_limit past the role's limit."""
    who = require(session, "money.refund", subject=f"case:{case_id}" if case_id else "")
    if who is None or who.role in ("system", "owner"):
        return
    limit = session.execute(select(RoleLimit.refund_limit_fen).where(RoleLimit.role == who.role)).scalar()
    if limit is None:
        return
    before = 0
    if case_id is not None:
        before = session.execute(
            select(func.coalesce(cast(func.sum(Refund.amount_fen), BigInteger), 0)).where(Refund.case_id == case_id)
        ).scalar_one()
    permission = "money.refund_above_limit"
    if before + amount_fen > limit and not allowed(session, who.role, permission):
        denied = PermissionDenied(
            "access.refund_limit",
            user=who.name,
            role=who.role,
            permission=permission,
            amount=format_yuan(before + amount_fen),
            limit=format_yuan(limit),
        )
        raise _on_the_record(denied, who, permission, f"case:{case_id}" if case_id else "")


def _known(permission: str) -> None:
    if permission not in PERMISSIONS:  # a typo in the code, not a refusal
        raise ValueError("unknown permission: " + permission)


def _on_the_record(error: PermissionDenied, who: Identity, permission: str, subject: str) -> PermissionDenied:
    """The refusal, carrying the `denied` audit event the database writes once the refused transaction is rolled
    back (db.engine.Database.write)."""

    def record(session: Session) -> None:
        audit.record(session, actor=who.name, action="denied", subject=subject or permission, permission=permission)

    error.after_rollback = record
    return error

"""Staff: the shop's users and their roles, what each role may do, the data key wrapped per user (or per desktop
left unattended), and the heads of the hash-chained trails (audit events, journal entries)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime

ROLES = ("owner", "staff", "viewer")


class StaffUser(Base):
    __tablename__ = "staff_user"
    __table_args__ = (CheckConstraint("role IN ('owner', 'staff', 'viewer')", name="role"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    pass_hash: Mapped[str] = mapped_column(Text)  # argon2id, PHC string
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RolePermission(Base):
    """What a role may do: one row per (role, permission). Seeded by the migration, edited by the owner."""

    __tablename__ = "role_permission"

    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    permission: Mapped[str] = mapped_column(String(40), primary_key=True)


class RoleLimit(Base):
    """How much a role may refund on one case without the refund.above_limit permission (NULL: no limit)."""

    __tablename__ = "role_limit"

    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    refund_limit_fen: Mapped[int | None] = mapped_column(BigInteger)


class KeyWrap(Base):
    """The shop's data key, wrapped (AES-GCM) under a key derived from one user's passphrase (argon2id), or
    under a desktop's own secret for unattended use. The plain key file is gone once the first owner exists."""

    __tablename__ = "key_wrap"
    __table_args__ = (CheckConstraint("(user_id IS NULL) <> (device_id IS NULL)", name="one_holder"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    device_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(16))  # the data key's id (hex), to name it in messages
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf: Mapped[str] = mapped_column(Text, default="")  # argon2id parameters (JSON); empty for a device secret
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChainHead(Base):
    """The last link of a hash-chained trail ('audit' or 'journal'): every append reads and moves it in the same
    transaction, so concurrent writers serialise on this row."""

    __tablename__ = "chain_head"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")


class DesktopPresence(Base):
    """A desktop announcing itself (a heartbeat every few seconds): who is at it, and which case it has open."""

    __tablename__ = "desktop_presence"
    __table_args__ = (CheckConstraint("case_mode IS NULL OR case_mode IN ('viewing', 'editing')", name="mode"),)

    desktop_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(100), default="")
    case_id: Mapped[int | None] = mapped_column(BigInteger)
    case_mode: Mapped[str | None] = mapped_column(String(8))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)

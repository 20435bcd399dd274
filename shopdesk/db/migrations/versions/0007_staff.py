"""staff accounts, role permissions and limits, per-user key wraps, hash-chained audit trail and journal

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

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
NOT_FOR_STAFF = {
    "keys.export",
    "users.manage",
    "desk.settings",
    "vault.rotate",
    "credit.override",
    "money.refund_above_limit",
}


def upgrade() -> None:
    op.create_table(
        "staff_user",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pass_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("role IN ('owner', 'staff', 'viewer')", name=op.f("ck_staff_user_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_user_name")),
    )
    op.create_table(
        "role_permission",
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("permission", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("role", "permission", name=op.f("pk_role_permission")),
    )
    op.create_table(
        "role_limit",
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("refund_limit_fen", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_role_limit")),
    )
    op.create_table(
        "key_wrap",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("kdf", sa.Text(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(user_id IS NULL) <> (device_id IS NULL)", name=op.f("ck_key_wrap_one_holder")),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], name=op.f("fk_key_wrap_user_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_wrap")),
        sa.UniqueConstraint("user_id", name=op.f("uq_key_wrap_user_id")),
        sa.UniqueConstraint("device_id", name=op.f("uq_key_wrap_device_id")),
    )
    op.create_table(
        "chain_head",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_chain_head")),
    )
    for table in ("audit_event", "journal_entry"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
            batch.add_column(sa.Column("hash", sa.String(64), nullable=True))

    grants = [{"role": "owner", "permission": p} for p in PERMISSIONS]
    grants += [{"role": "staff", "permission": p} for p in PERMISSIONS if p not in NOT_FOR_STAFF]
    op.bulk_insert(sa.table("role_permission", sa.column("role"), sa.column("permission")), grants)
    op.bulk_insert(
        sa.table("role_limit", sa.column("role"), sa.column("refund_limit_fen")),
        [
            {"role": "owner", "refund_limit_fen": None},
            {"role": "staff", "refund_limit_fen": 200_00},
            {"role": "viewer", "refund_limit_fen": 0},
        ],
    )


def downgrade() -> None:
    for table in ("journal_entry", "audit_event"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("hash")
            batch.drop_column("prev_hash")
    op.drop_table("chain_head")
    op.drop_table("key_wrap")
    op.drop_table("role_limit")
    op.drop_table("role_permission")
    op.drop_table("staff_user")

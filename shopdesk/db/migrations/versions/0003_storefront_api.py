"""storefront api requests and unmatched payments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_request",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_request")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_api_request_idempotency_key")),
    )
    op.create_table(
        "unmatched_payment",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("trade_no", sa.String(length=100), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_unmatched_payment_amount")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_unmatched_payment_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unmatched_payment")),
        sa.UniqueConstraint("trade_no", name=op.f("uq_unmatched_payment_trade_no")),
    )
    with op.batch_alter_table("unmatched_payment", schema=None) as batch_op:
        batch_op.create_index("ix_unmatched_payment_open", ["resolved_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("unmatched_payment", schema=None) as batch_op:
        batch_op.drop_index("ix_unmatched_payment_open")

    op.drop_table("unmatched_payment")
    op.drop_table("api_request")

"""desktops announce themselves: who is at which desktop, and which case it has open

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desktop_presence",
        sa.Column("desktop_id", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("host", sa.String(100), nullable=False),
        sa.Column("case_id", sa.BigInteger(), nullable=True),
        sa.Column("case_mode", sa.String(8), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "case_mode IS NULL OR case_mode IN ('viewing', 'editing')", name=op.f("ck_desktop_presence_mode")
        ),
        sa.PrimaryKeyConstraint("desktop_id", name=op.f("pk_desktop_presence")),
    )


def downgrade() -> None:
    op.drop_table("desktop_presence")

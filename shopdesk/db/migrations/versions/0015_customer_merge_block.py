"""customers merged into another (the survivor, and when) and blacklisted (when, why, by whom)

merged_into_id carries no foreign key: SQLite cannot add one to an existing table without rebuilding it (and the
customer table has the search triggers of 0014); the services keep it pointing at a customer.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")
_COLUMNS = ("merged_into_id", "merged_at", "blocked_at", "blocked_reason", "blocked_by")


def upgrade() -> None:
    op.add_column("customer", sa.Column("merged_into_id", _ID, nullable=True))
    op.add_column("customer", sa.Column("merged_at", sa.DateTime(), nullable=True))
    op.add_column("customer", sa.Column("blocked_at", sa.DateTime(), nullable=True))
    op.add_column("customer", sa.Column("blocked_reason", sa.Text(), nullable=True))
    op.add_column("customer", sa.Column("blocked_by", sa.String(100), nullable=True))


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column("customer", name)

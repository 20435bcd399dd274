"""indexes for expiring keys, for sorting keys by their last change, and for an order's cases

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_card_key_status_expires", "card_key", ["status", "expires_at"])
    op.create_index("ix_card_key_status_changed", "card_key", ["status_changed_at"])
    op.create_index("ix_cases_order", "cases", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_cases_order", table_name="cases")
    op.drop_index("ix_card_key_status_changed", table_name="card_key")
    op.drop_index("ix_card_key_status_expires", table_name="card_key")

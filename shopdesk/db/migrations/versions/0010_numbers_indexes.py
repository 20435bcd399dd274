"""the owner's numbers: orders by creation time (covering the figures), cases by opening time

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The Today page and the reports read a range of orders by created_at and only these columns: the index
    # answers them without touching the table.
    op.create_index(
        "ix_orders_created_figures",
        "orders",
        ["created_at", "status", "paid_fen", "refunded_fen", "source"],
    )
    op.create_index("ix_cases_opened", "cases", ["opened_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_opened", table_name="cases")
    op.drop_index("ix_orders_created_figures", table_name="orders")

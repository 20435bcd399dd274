"""the owner's numbers: orders by creation time (covering the figures), cases by opening time and by reason

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
    # The supplier report counts the key-invalid / key-used cases per batch: without it SQLite walks every key by
    # batch and probes its order's cases (seconds on a million keys); with it, it starts from those cases.
    op.create_index("ix_cases_reason", "cases", ["reason_code", "order_id"])
    # ... and reaches the keys each such case's order was given through its key events (an order's deliveries
    # are also what its detail view reads).
    op.create_index("ix_key_event_order", "key_event", ["order_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_key_event_order", table_name="key_event")
    op.drop_index("ix_cases_reason", table_name="cases")
    op.drop_index("ix_cases_opened", table_name="cases")
    op.drop_index("ix_orders_created_figures", table_name="orders")

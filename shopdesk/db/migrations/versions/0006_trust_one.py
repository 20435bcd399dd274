"""signatures accepted by the storefront API (replay guard), audit look-ups by action

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_signature",
        sa.Column("signature", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_api_signature")),
    )
    op.create_index("ix_api_signature_expires", "api_signature", ["expires_at"])
    op.create_index("ix_audit_event_action", "audit_event", ["action", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_event_action", table_name="audit_event")
    op.drop_index("ix_api_signature_expires", table_name="api_signature")
    op.drop_table("api_signature")

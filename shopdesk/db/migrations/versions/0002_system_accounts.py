"""system accounts and default settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SYSTEM_ACCOUNTS = ("revenue", "refunds", "compensation", "clearing")
DEFAULT_SETTINGS = {
    "orders.pay_timeout_minutes": "15",
    "api.port": "8765",
    "sop.first_response_minutes": "5",
    "sop.resolution_minutes": "30",
}


def upgrade() -> None:
    account = sa.table("account", sa.column("code"), sa.column("kind"), sa.column("balance_fen"))
    op.bulk_insert(account, [{"code": k, "kind": k, "balance_fen": 0} for k in SYSTEM_ACCOUNTS])
    setting = sa.table("setting", sa.column("key"), sa.column("value"))
    op.bulk_insert(setting, [{"key": k, "value": v} for k, v in DEFAULT_SETTINGS.items()])


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM setting WHERE key IN :keys").bindparams(
            sa.bindparam("keys", expanding=True, value=list(DEFAULT_SETTINGS))
        )
    )
    op.execute(
        sa.text("DELETE FROM account WHERE code IN :codes").bindparams(
            sa.bindparam("codes", expanding=True, value=list(SYSTEM_ACCOUNTS))
        )
    )

"""PostgreSQL: every commit that writes to the change feed wakes its listeners (NOTIFY shopdesk_change).

A statement-level trigger, so a transaction that writes a hundred changes sends one notification per statement,
and PostgreSQL folds equal notifications of one transaction into one, delivered at commit (never before, never
for a rollback). SQLite has no server to notify: its readers watch `PRAGMA data_version`.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CHANNEL = "shopdesk_change"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE FUNCTION shopdesk_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', '');
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER change_notify AFTER INSERT ON change "
        "FOR EACH STATEMENT EXECUTE FUNCTION shopdesk_change_notify()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER change_notify ON change")
    op.execute("DROP FUNCTION shopdesk_change_notify()")

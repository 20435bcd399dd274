"""business calendars for the desk's SOP clocks: weekly hours, holidays and make-up working days per calendar

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "business_calendar",
        sa.Column("id", _ID, nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("hours", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_calendar")),
        sa.UniqueConstraint("name", name=op.f("uq_business_calendar_name")),
    )
    op.create_table(
        "calendar_day",
        sa.Column("id", _ID, nullable=False),
        sa.Column("calendar_id", _ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f("ck_calendar_day_kind")),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["business_calendar.id"], name=op.f("fk_calendar_day_calendar_id_business_calendar")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_day")),
        sa.UniqueConstraint("calendar_id", "day", name=op.f("uq_calendar_day_calendar_id")),
    )
    # A plain column (no foreign key, like cases.policy_id): SQLite adds it without rebuilding the table.
    op.add_column("sop_policy", sa.Column("calendar_id", _ID, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sop_policy") as batch_op:
        batch_op.drop_column("calendar_id")
    op.drop_table("calendar_day")
    op.drop_table("business_calendar")

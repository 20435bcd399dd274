"""the AI track: stored reason models (versioned, plain data with a digest), each case's suggestion, and the
placeholder reason a case takes while a person has still to read it

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "reason_models",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("trained_on", sa.Integer(), nullable=False),
        sa.Column("seed_count", sa.Integer(), nullable=False),
        sa.Column("holdout_accuracy", sa.Float(), nullable=True),
        sa.Column("classes", sa.Text(), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason_models")),
        sa.UniqueConstraint("version", name=op.f("uq_reason_models_version")),
    )
    op.create_table(
        "case_suggestions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("case_id", _ID, nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("alternatives", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("disagrees", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_suggestions_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_suggestions")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_suggestions_case_id")),
    )
    op.create_index("ix_case_suggestions_created_at", "case_suggestions", ["created_at"])
    reason = sa.table(
        "reason",
        sa.column("code"),
        sa.column("resp_class"),
        sa.column("label_en"),
        sa.column("label_zh"),
        sa.column("position"),
        sa.column("active"),
    )
    # Never offered for choice (inactive): the reason a case holds until a person reads the customer's words.
    op.bulk_insert(
        reason,
        [
            {
                "code": "unclassified",
                "resp_class": "customer",
                "label_en": "Not yet classified",
                "label_zh": "待分类",
                "position": 0,
                "active": False,
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM reason WHERE code = 'unclassified'")
    op.drop_index("ix_case_suggestions_created_at", table_name="case_suggestions")
    op.drop_table("case_suggestions")
    op.drop_table("reason_models")

"""customers matched by contact: the normalised contact, indexed, filled in for the customers there are

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# A copy of services/money/customers.contact_key as it was when this migration was written (migrations stay
# frozen when the service changes).
_LABEL = re.compile(r"^(qq|tel|phone|mobile|手机|电话)\s*[:：]?\s*", re.IGNORECASE)
_DIGITS = re.compile(r"^\+?[\d\s\-().]+$")


def _key(contact: str) -> str:
    text = unicodedata.normalize("NFKC", contact or "").strip()
    if not text:
        return ""
    if "@" in text:
        return "".join(text.split()).casefold()
    rest = _LABEL.sub("", text, count=1)
    if _DIGITS.match(rest) and sum(ch.isdigit() for ch in rest) >= 5:
        digits = "".join(ch for ch in rest if ch.isdigit())
        if len(digits) == 15 and digits.startswith("0086"):
            digits = digits[4:]
        elif len(digits) == 13 and digits.startswith("86") and digits[2] == "1":
            digits = digits[2:]
        return digits
    return "".join(text.split()).casefold()


def upgrade() -> None:
    op.add_column("customer", sa.Column("contact_key", sa.String(200), nullable=False, server_default=sa.text("''")))
    conn = op.get_bind()
    customer = sa.table("customer", sa.column("id"), sa.column("contact"), sa.column("contact_key"))
    rows = conn.execute(sa.select(customer.c.id, customer.c.contact).where(customer.c.contact != "")).all()
    if rows:
        conn.execute(
            customer.update().where(customer.c.id == sa.bindparam("b_id")).values(contact_key=sa.bindparam("b_key")),
            [{"b_id": i, "b_key": _key(c)} for i, c in rows],
        )
    op.create_index("ix_customer_contact_key", "customer", ["contact_key"])


def downgrade() -> None:
    op.drop_index("ix_customer_contact_key", table_name="customer")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("contact_key")

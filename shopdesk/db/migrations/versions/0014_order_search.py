"""search that finds: orders by any fragment of number, storefront id, trade number or customer; a per-product
delivery message template

On SQLite two FTS5 tables with the trigram tokenizer (SQLite >= 3.34), kept in step by triggers and filled here; on
PostgreSQL pg_trgm GIN indexes (ILIKE '%x%' uses them). Prefix look-ups for fragments shorter than three
characters use the B-tree indexes on the customer's name and contact.

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

_TRADE_NOS = "coalesce((SELECT group_concat(trade_no, ' ') FROM payment WHERE order_id = {id}), '')"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE order_search USING fts5(number, external_id, trade_no, tokenize='trigram')",
    "CREATE VIRTUAL TABLE customer_search USING fts5(name, contact, tokenize='trigram')",
    # orders
    "CREATE TRIGGER order_search_ai AFTER INSERT ON orders BEGIN "
    "INSERT INTO order_search(rowid, number, external_id, trade_no) "
    f"VALUES (NEW.id, NEW.number, coalesce(NEW.external_id, ''), {_TRADE_NOS.format(id='NEW.id')}); END",
    "CREATE TRIGGER order_search_au AFTER UPDATE OF number, external_id ON orders BEGIN "
    "UPDATE order_search SET number = NEW.number, external_id = coalesce(NEW.external_id, '') "
    "WHERE rowid = NEW.id; END",
    "CREATE TRIGGER order_search_ad AFTER DELETE ON orders BEGIN DELETE FROM order_search WHERE rowid = OLD.id; END",
    # payments: the order's trade numbers, read again
    "CREATE TRIGGER order_search_pay_ai AFTER INSERT ON payment BEGIN "
    f"UPDATE order_search SET trade_no = {_TRADE_NOS.format(id='NEW.order_id')} WHERE rowid = NEW.order_id; END",
    "CREATE TRIGGER order_search_pay_au AFTER UPDATE OF trade_no, order_id ON payment BEGIN "
    f"UPDATE order_search SET trade_no = {_TRADE_NOS.format(id='OLD.order_id')} WHERE rowid = OLD.order_id; "
    f"UPDATE order_search SET trade_no = {_TRADE_NOS.format(id='NEW.order_id')} WHERE rowid = NEW.order_id; END",
    "CREATE TRIGGER order_search_pay_ad AFTER DELETE ON payment BEGIN "
    f"UPDATE order_search SET trade_no = {_TRADE_NOS.format(id='OLD.order_id')} WHERE rowid = OLD.order_id; END",
    # customers
    "CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN "
    "INSERT INTO customer_search(rowid, name, contact) VALUES (NEW.id, NEW.name, coalesce(NEW.contact, '')); END",
    "CREATE TRIGGER customer_search_au AFTER UPDATE OF name, contact ON customer BEGIN "
    "UPDATE customer_search SET name = NEW.name, contact = coalesce(NEW.contact, '') WHERE rowid = NEW.id; END",
    "CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN "
    "DELETE FROM customer_search WHERE rowid = OLD.id; END",
    # what is there already
    "INSERT INTO order_search(rowid, number, external_id, trade_no) "
    f"SELECT id, number, coalesce(external_id, ''), {_TRADE_NOS.format(id='orders.id')} FROM orders",
    "INSERT INTO customer_search(rowid, name, contact) SELECT id, name, coalesce(contact, '') FROM customer",
]
SQLITE_TRIGGERS = (
    "order_search_ai",
    "order_search_au",
    "order_search_ad",
    "order_search_pay_ai",
    "order_search_pay_au",
    "order_search_pay_ad",
    "customer_search_ai",
    "customer_search_au",
    "customer_search_ad",
)
PG_TRGM = (  # (index, table, column)
    ("ix_orders_number_trgm", "orders", "number"),
    ("ix_orders_external_id_trgm", "orders", "external_id"),
    ("ix_payment_trade_no_trgm", "payment", "trade_no"),
    ("ix_customer_name_trgm", "customer", "name"),
    ("ix_customer_contact_trgm", "customer", "contact"),
)


def upgrade() -> None:
    # ADD COLUMN in place (a batch copy of the product table would trip the keys' foreign keys)
    op.add_column("product", sa.Column("delivery_template", sa.Text(), nullable=False, server_default=sa.text("''")))
    # Prefixes of a name or contact (a two-character name, 马超) read these.
    op.create_index("ix_customer_name", "customer", ["name"])
    op.create_index("ix_customer_contact", "customer", ["contact"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in PG_TRGM:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS customer_search")
        op.execute("DROP TABLE IF EXISTS order_search")
    else:
        for name, _table, _column in PG_TRGM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_customer_contact", table_name="customer")
    op.drop_index("ix_customer_name", table_name="customer")
    op.execute("ALTER TABLE product DROP COLUMN delivery_template")  # SQLite >= 3.35 and PostgreSQL

"""Search that finds: orders by any fragment of their number, storefront id or trade number, or of their customer's
name or contact — index-backed at a million orders.

SQLite: the FTS5 trigram tables of migration 0014 (`order_search`, `customer_search`, kept in step by triggers)
answer fragments of three characters or more; PostgreSQL: ILIKE '%x%' on pg_trgm GIN indexes. A shorter fragment
("马超", "SD") is a prefix of one of the columns, read from their B-tree indexes (SQLite) or the trigram indexes
(PostgreSQL). The fragment is always a literal: LIKE wildcards and FTS syntax in it are escaped."""

from __future__ import annotations

from sqlalchemy import Integer, column, literal_column, select, table, union_all

from shopdesk.db.models import Customer, Order, Payment
from shopdesk.db.search_tables import CUSTOMER_SEARCH, ORDER_SEARCH

TRIGRAM = 3  # the shortest fragment the trigram indexes answer
SOURCES = ("desk", "api", "simulator", "demo")  # spelled out: (source, external_id) is the index
_TOP = "\U0010ffff"  # past every character: [p, p + _TOP) holds every string that starts with p

_order_search = table(ORDER_SEARCH, column("rowid", Integer))
_customer_search = table(CUSTOMER_SEARCH, column("rowid", Integer))


def escape_like(text: str) -> str:
    """The text as a literal inside a LIKE pattern (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase: double quotes doubled, nothing in it read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def matching_ids(text: str, dialect: str):
    """A union of SELECTs of the ids of the orders the fragment finds (an id may repeat)."""
    text = text.strip()
    if dialect == "sqlite":
        return _sqlite(text)
    return _postgresql(text)


def _sqlite(text: str):
    if len(text) >= TRIGRAM:
        phrase = fts_phrase(text)
        return union_all(
            select(_order_search.c.rowid.label("id")).where(literal_column(ORDER_SEARCH).op("MATCH")(phrase)),
            select(Order.id).where(
                Order.customer_id.in_(
                    select(_customer_search.c.rowid).where(literal_column(CUSTOMER_SEARCH).op("MATCH")(phrase))
                )
            ),
        )
    # Shorter than a trigram: a prefix of a column, as a range its B-tree index seeks (case as typed).
    top = text + _TOP
    customers = union_all(
        select(Customer.id).where(Customer.name >= text, Customer.name < top),
        select(Customer.id).where(Customer.contact >= text, Customer.contact < top),
    )
    return union_all(
        select(Order.id).where(Order.number >= text, Order.number < top),
        select(Order.id).where(Order.source.in_(SOURCES), Order.external_id >= text, Order.external_id < top),
        select(Payment.order_id).where(Payment.trade_no >= text, Payment.trade_no < top),
        select(Order.id).where(Order.customer_id.in_(customers)),
    )


def _postgresql(text: str):
    # ILIKE on the pg_trgm GIN indexes: '%x%' for a fragment, 'x%' (padded trigrams) for a short one.
    like = escape_like(text) + "%"
    if len(text) >= TRIGRAM:
        like = "%" + like
    customers = union_all(
        select(Customer.id).where(Customer.name.ilike(like, escape="\\")),
        select(Customer.id).where(Customer.contact.ilike(like, escape="\\")),
    )
    return union_all(
        select(Order.id).where(Order.number.ilike(like, escape="\\")),
        select(Order.id).where(Order.external_id.ilike(like, escape="\\")),
        select(Payment.order_id).where(Payment.trade_no.ilike(like, escape="\\")),
        select(Order.id).where(Order.customer_id.in_(customers)),
    )

"""The order search's own schema objects, made by migration 0014 outside the models: on SQLite two FTS5 tables
(trigram) kept in step by triggers, on PostgreSQL pg_trgm GIN indexes. The schema comparison and the database copy
leave them out (they are not tables of data)."""

from __future__ import annotations

ORDER_SEARCH = "order_search"  # rowid = orders.id: number, external_id, trade_no (every payment's, space-separated)
CUSTOMER_SEARCH = "customer_search"  # rowid = customer.id: name, contact
FTS_TABLES = (ORDER_SEARCH, CUSTOMER_SEARCH)
TRGM_SUFFIX = "_trgm"  # PostgreSQL's trigram indexes end so


def is_search_object(name: str | None) -> bool:
    """An FTS5 table or one of its shadow tables (order_search_data, ...), or a trigram index."""
    if not name:
        return False
    return any(name == t or name.startswith(t + "_") for t in FTS_TABLES) or name.endswith(TRGM_SUFFIX)


def include_name(name, type_, parent_names) -> bool:
    """Alembic's include_name: the search objects are not compared with the models."""
    return not (type_ in ("table", "index") and is_search_object(name))

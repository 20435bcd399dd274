"""Ordering a table's rows for "nothing was written" snapshots."""

from __future__ import annotations


def order_by(table) -> str:
    """The table's primary key columns, for ORDER BY: a whole, stable order (a composite key such as
    role_permission's (role, permission) ordered by its first column alone comes back in any order on PostgreSQL)."""
    columns = [f'"{c.name}"' for c in table.primary_key.columns]
    return ", ".join(columns) if columns else ", ".join(str(i + 1) for i in range(len(table.columns)))

"""Every row of every table, for "nothing was written" proofs: one snapshot, one stable order."""

from __future__ import annotations

from shopdesk.db.models import Base


def snapshot(app, *, leave_out: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table of the shop (a ShopApp), but the tables named in `leave_out`.

    Rows come ordered by the whole primary key (as pg.dump orders them): a composite key such as role_permission's
    (role, permission) ordered by its first column alone comes back in any order on PostgreSQL."""
    with app.db.read() as s:
        return {
            t.name: [tuple(r) for r in s.execute(t.select().order_by(*t.primary_key.columns or t.columns)).all()]
            for t in Base.metadata.sorted_tables
            if t.name not in leave_out
        }

"""A believable demo shop: product families, thousands of keys, customers with balances, orders in every state,
and behind them (by default) 60 days of history for the owner's numbers to show.

Everything is made through the services, played forward in time: each step freezes the clock at its moment and
the steps run in time order (a queue of timed events), so the ledger's and the trail's hash chains, the SOP clocks
and the local days all read as if the shop had lived through it. The history holds:

- tens of orders a day, more in the evenings and at weekends (the shop's local time), from the storefront API and
  the desk, some never paid (closed by the unpaid timeout), some confirmed by the customer later;
- cancellation requests of all three classes, each a case worked by one of two staff members on their shifts:
  first responses mostly within the SOP target, some late (breaches recorded by the sweep), resolutions of minutes
  to hours (some waiting on the customer), retention offers accepted (retained) or declined (cancelled: keys,
  money and coupons rolled back); more requests on Fri/Sat/Sun evenings;
- keys that fail (any supplier, rarely), and one cheaper supplier's batch of one product that fails often: imported
  when the first batch ran out, pulled from sale (voided) when the regular supplier's next batch came;
- one product's bad day a few days ago (a storefront glitch: duplicated orders, most cancelled);
- a price cut halfway (price-protection requests), undone a week later; restocks when a product runs low;
- at the end, a few requests of the last half hour still open on the desk, in every clock colour: one just in
  (green), one near its resolution deadline (amber), one past its first response (red), two waiting (paused).

Rates that make a figure's point (requests per order, keys failing per batch, offers accepted per kind) are kept
exactly, a debt carried from one order to the next, so that a short history still shows them; which orders, which
customers and which minutes are left to the seeded random generator. The recent part (the `orders_count` orders
of the last two weeks, three orders waiting for a product with no stock, four fresh unpaid orders) is laid over
the history as before. `history_days=0` seeds the recent part alone.

The simulation lives beside this module: demo_data.py (the data of demo.toml, the simulation's records and fakes),
demo_history.py (the plan, the event queue, customers, shifts, orders), demo_stock.py (products, key batches,
restocks, failing keys) and demo_cases.py (the desk's cases and offers).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Product
from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault
from shopdesk.services.maintenance.demo_data import ACTOR, CUSTOMERS, HISTORY, PRODUCTS, STAFF
from shopdesk.services.maintenance.demo_history import Simulation

__all__ = [
    "ACTOR",
    "CUSTOMERS",
    "HISTORY",
    "MAX_HISTORY_DAYS",
    "PRODUCTS",
    "STAFF",
    "DemoResult",
    "is_empty",
    "seed",
]

MAX_HISTORY_DAYS = 365


@dataclass(frozen=True)
class DemoResult:
    products: int
    keys: int
    customers: int
    orders: int
    cases: int = 0
    history_days: int = 0


def is_empty(session: Session) -> bool:
    return session.execute(select(func.count()).select_from(Product)).scalar_one() == 0


def seed(
    session: Session, vault: Vault, *, orders_count: int = 120, seed: int = 7, history_days: int = 60
) -> DemoResult:
    """Fill an empty shop: `history_days` days of history (0: none), and over the last two weeks `orders_count`
    orders in every fulfilment state, a few waiting for stock and a few fresh unpaid ones."""
    if not 0 <= history_days <= MAX_HISTORY_DAYS:
        raise InvalidInput("demo.history_range")
    try:
        sim = Simulation(session, vault, random.Random(seed), clock.now(), history_days)
        sim.run(orders_count)
        return DemoResult(len(sim.products), sim.keys, sim.customer_count(), sim.orders, sim.cases, history_days)
    finally:
        clock.reset()

"""Helpers shared by the service tests (no Qt): fresh shops, stock, and whole-database snapshots."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, run_state_machine_as_test
from sqlalchemy import func, select

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.models import CardKey
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.maintenance.doctor import run_checks
from shopdesk.services.money import customers
from tests.helpers import pg
from tests.helpers.snapshots import snapshot

_serial = 0


def unique(prefix: str) -> str:
    global _serial
    _serial += 1
    return f"{prefix}-{_serial:06d}"


@contextmanager
def fresh_shop(template_dir: Path) -> Iterator[ShopApp]:
    """An open shop on its own copy of the template (for hypothesis examples, which cannot use `shop`)."""
    root = Path(tempfile.mkdtemp(prefix="shopdesk-example-"))
    try:
        target = root / "shop"
        shutil.copytree(template_dir, target)
        database = pg.new_shop_database()
        app = ShopApp.open(load_config(target, database and database[1]))
        try:
            yield app
        finally:
            app.close()
            if database:
                pg.drop_shop_database(database[0])
    finally:
        shutil.rmtree(root, ignore_errors=True)


class ShopMachine(RuleBasedStateMachine):
    """A hypothesis state machine on its own fresh copy of the template shop (`self.app`), whose doctor stays clean
    after every step. Run it with `run_as_test(template_dir, ...)`."""

    template: Path | None = None  # the migrated template shop, set by run_as_test

    def __init__(self):
        super().__init__()
        self._shop_cm = fresh_shop(self.template)
        self.app = self._shop_cm.__enter__()

    def teardown(self):
        self._shop_cm.__exit__(None, None, None)

    @staticmethod
    def _pick(items, pick: int):
        """The one of `items` that a drawn number picks (in sorted order, wrapping around)."""
        items = sorted(items)
        return items[pick % len(items)]

    @invariant()
    def doctor_is_clean(self):
        assert doctor(self.app) == []

    @classmethod
    def run_as_test(cls, template_dir: Path, *, max_examples: int, stateful_step_count: int) -> None:
        """The machine's runs on its own copies of the template. On PostgreSQL (the suite's second pass, where the
        same model runs against a server) a third of the examples: each step's doctor run is a dozen round trips."""
        if pg.ACTIVE:
            max_examples = max(8, max_examples // 3)
        machine = type(cls.__name__, (cls,), {"template": template_dir})
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=max_examples, stateful_step_count=stateful_step_count, deadline=None, database=None
            ),
        )


@contextmanager
def refused(app: ShopApp, error: type[Exception], *, match: str | None = None) -> Iterator[pytest.ExceptionInfo]:
    """The block must raise `error` (its message matching `match`) and write nothing at all (snapshot)."""
    before = snapshot(app)
    with pytest.raises(error, match=match) as info:
        yield info
    assert snapshot(app) == before


def doctor(app: ShopApp) -> list:
    with app.db.read() as s:
        return run_checks(s)


def add_customer(app: ShopApp, name: str = "张伟", *, wallet_fen: int = 0) -> int:
    with app.db.write() as s:
        cid = customers.add_customer(s, name, "wx:test").id
        if wallet_fen:
            customers.topup(s, cid, wallet_fen, idempotency_key=unique("seed-topup"), actor=app.actor)
    return cid


def add_product(
    app: ShopApp, sku: str, *, keys: int = 0, price_fen: int = 1000, kind: str = "secret", active: bool = True
) -> int:
    with app.db.write() as s:
        pid = catalog.add_product(
            s, ProductInput(sku=sku, name=f"Product {sku}", price_fen=price_fen, kind=kind, active=active)
        ).id
    if keys:
        stock(app, pid, keys)
    return pid


def stock(app: ShopApp, product_id: int, n: int) -> inventory.BatchResult:
    batch = unique(f"K{product_id}")
    with app.db.write() as s:
        return inventory.add_keys(
            s, app.vault, product_id, [(f"NO-{batch}-{i}", f"SECRET-{batch}-{i}") for i in range(n)], actor=app.actor
        )


def key_counts(app: ShopApp, product_id: int) -> dict[str, int]:
    with app.db.read() as s:
        return dict(
            s.execute(
                select(CardKey.status, func.count()).where(CardKey.product_id == product_id).group_by(CardKey.status)
            ).all()
        )

"""Two desktops writing at the same moment, forced into the interleaving that would hurt: desktop A's transaction
has done its part and is still open when desktop B starts the same thing. On PostgreSQL B runs at once and must
wait for A's row or advisory lock, then see what A committed; on SQLite B waits for A's write lock before it reads
anything. Either way the outcome is one payment, one set of keys, a wallet that never goes below zero."""

from __future__ import annotations

import threading
import time

import pytest
from svc_support import add_customer, add_product

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.common.errors import InsufficientFunds
from shopdesk.services.money import ledger
from shopdesk.services.orders import selling as orders

HOLD_S = 0.5  # how long A keeps its transaction open after its part is done


def other_desktop(shop) -> ShopApp:
    """Another desktop on the same shop: its own engine and connections."""
    return ShopApp.open(load_config(shop.config.data_dir))


def race(shop, first, second):
    """first(session) runs in A's transaction, which stays open HOLD_S more while B runs second(session) in its
    own; returns (A's result, B's result or the exception B raised, seconds B waited)."""
    b = other_desktop(shop)
    results: dict = {}
    a_done = threading.Event()

    def desktop_b() -> None:
        a_done.wait(10)
        started = time.monotonic()
        try:
            results["b"] = b.db.run("write", second)
        except Exception as exc:  # the refusal is the result
            results["b"] = exc
        results["waited"] = time.monotonic() - started

    thread = threading.Thread(target=desktop_b)
    thread.start()
    try:
        with shop.db.write() as session:
            results["a"] = first(session)
            a_done.set()
            time.sleep(HOLD_S)  # B is running now, or waiting for this transaction
        thread.join(30)
    finally:
        b.close()
    assert not thread.is_alive()
    return results["a"], results["b"], results["waited"]


@pytest.fixture
def order_pair(shop):
    """A customer with 10.00 in the wallet and two unpaid orders of 9.80: (customer, first order, second order)."""
    cid = add_customer(shop, wallet_fen=1_000)
    add_product(shop, "RACE-9", keys=4, price_fen=980)
    with shop.db.write() as s:
        made = [orders.create_order(s, cid, [("RACE-9", 1)], actor="t").id for _ in range(2)]
    return cid, *made


def test_a_repeated_callback_racing_the_first_is_a_replay(shop, order_pair):
    _cid, order_id, _ = order_pair

    def pay(session):
        return orders.pay_order(session, order_id, method="external", trade_no="GW-RACE-1", actor="gateway")

    a, b, waited = race(shop, pay, pay)
    assert not isinstance(b, Exception), b
    assert (a.replayed, b.replayed) == (False, True)
    assert a.order.status == b.order.status == "delivered"
    assert waited >= HOLD_S * 0.8  # B waited for A's commit instead of reading before it
    with shop.db.read() as s:
        view = orders.load_order_view(s, order_id)
    assert [p.trade_no for p in view.payments] == ["GW-RACE-1"]
    assert len(view.delivered_keys) == 1


def test_two_wallet_payments_racing_for_one_balance_leave_it_above_zero(shop, order_pair):
    """10.00 in the wallet, two orders of 9.80 paid from it at once on two desktops: one is paid, the other refused
    for lack of money, and the wallet holds 0.20."""
    cid, first, second = order_pair
    a, b, _ = race(
        shop,
        lambda s: orders.pay_order(s, first, method="wallet", actor="a"),
        lambda s: orders.pay_order(s, second, method="wallet", actor="b"),
    )
    assert a.order.status == "delivered"
    assert isinstance(b, InsufficientFunds), b
    with shop.db.read() as s:
        assert ledger.wallet_balance(s, cid) == 20
        assert orders.load_order_view(s, second).status == "pending_payment"

"""GUI fixtures: a qasync loop driven by the test, and a main window on a fresh shop."""

from __future__ import annotations

import asyncio
import gc
import time

import pytest
import qasync

from shopdesk.config import load_config
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.ops import Ops


@pytest.fixture
def loop(qapp):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    drain(loop)
    loop.close()
    asyncio.set_event_loop(None)
    gc.collect()  # collect qasync's timers here, on the GUI thread, not later on the DB thread
    gc.freeze()  # what outlived it stays (modules, caches, session fixtures): the next collections skip it


def drain(loop, timeout: float = 5.0) -> None:
    """Let slots still running (refreshes, polls) finish so no task outlives its widgets."""

    async def wait() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                return
            await asyncio.sleep(0.02)

    loop.run_until_complete(wait())


def run_until(loop, predicate, timeout: float = 10.0, what: str = "condition") -> None:
    """Spin the qasync loop until predicate() is true (or fail after `timeout` seconds)."""

    async def wait() -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.02)

    loop.run_until_complete(wait())


def typed_into(loop, qtbot, monkeypatch, table, module, rows: str, text: str = "zq") -> list[int]:
    """Type `text` into a settled `table` while module.<rows>(session, ids) is spied on; returns the list of ids the
    view asked for since (the spy stays in place, so the list keeps growing)."""
    table.setFocus()
    table.viewport().repaint()  # the first screen is cached, or being fetched
    drain(loop)
    asked: list[int] = []
    real = getattr(module, rows)

    def spy(session, ids):
        asked.extend(ids)
        return real(session, ids)

    monkeypatch.setattr(module, rows, spy)
    qtbot.keyClicks(table, text)
    table.viewport().repaint()
    drain(loop)
    return asked


def new_product_dialog(page, qtbot, sku: str, name: str, price: str):
    """The products page's New product dialog, open, with the SKU, name and price typed in."""
    from shopdesk.ui.dialogs.product import ProductDialog

    page.create()
    dialog = page.findChild(ProductDialog)
    for field, text in ((dialog.sku, sku), (dialog.name, name), (dialog.price, price)):
        qtbot.keyClicks(field, text)
    return dialog


@pytest.fixture
def ops():
    ops = Ops()
    yield ops
    ops.shutdown()


@pytest.fixture
def window(qtbot, loop, ops, data_dir):
    win = MainWindow(ops, load_config(data_dir))
    # pytest-qt closes and deletes registered widgets before fixtures tear down: close the window (its timers
    # stop) and let the slots still running finish first, or a late refresh touches a deleted model.
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    win.show()
    loop.run_until_complete(win.start(seed_demo=False, api_port=0))
    yield win
    win.close()
    drain(loop)

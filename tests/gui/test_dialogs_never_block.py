"""While a dialog is open the storefront is still served: no dialog runs a nested event loop under qasync."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.storefront import intake
from shopdesk.services.storefront.simulator import simulate
from tests.gui.conftest import run_until

UI = Path(__file__).parents[2] / "shopdesk" / "ui"
BLOCKING = re.compile(
    r"QFileDialog\.get\w+\(|QInputDialog\.get\w+\(|QMessageBox\.(warning|critical|question|information|about)\(|"
    r"\.exec\(\)|\.exec_\(\)|QColorDialog\.getColor\(|QFontDialog\.getFont\("
)


def test_the_ui_opens_no_blocking_static_dialog():
    """A static dialog (getSaveFileName, QMessageBox.warning, exec()) would stop the storefront API while open."""
    found = [
        f"{path.relative_to(UI)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BLOCKING.search(line) and not line.lstrip().startswith(("#", '"', "A blocking"))
    ]
    assert found == []


def stock(loop, ops, sku: str, n: int) -> None:
    def go(session):
        pid = catalog.add_product(session, ProductInput(sku=sku, name=f"{sku} 点卡", price_fen=500)).id
        inventory.add_keys(session, ops.shop.vault, pid, [(None, f"{sku}-SECRET-{i:04d}") for i in range(n)], actor="t")

    loop.run_until_complete(ops.write(go))


def storefront_in_background(window, secret: str, skus, *, rate: float, duration: float):
    """The simulator on its own thread and loop, as a storefront process posts to the shop."""
    result: dict = {}

    def run() -> None:
        result["stats"] = asyncio.run(
            simulate(f"http://127.0.0.1:{window.api_port}", secret, skus, rate=rate, duration=duration, seed=7)
        )

    thread = threading.Thread(target=run, name="storefront", daemon=True)
    thread.start()
    return thread, result


def top_level(kind, name: str):
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.objectName() == name), None)


@pytest.mark.parametrize("dialog", ["export", "void"])
def test_the_storefront_is_answered_while_a_dialog_is_open(window, loop, ops, tmp_path, dialog):
    stock(loop, ops, "QQB-10", 200)
    secret = loop.run_until_complete(ops.write(intake.api_secret))
    page = window.inventory_page
    window.nav.setCurrentRow(2)
    loop.run_until_complete(page.load())
    if dialog == "export":
        page.export_button.click()
        run_until(loop, lambda: top_level(QFileDialog, "askSaveFile") is not None, what="the save dialog")
        box = top_level(QFileDialog, "askSaveFile")
    else:
        run_until(loop, lambda: page.keys_model.rowCount() == 200, what="the keys")
        page.keys_table.selectRow(0)
        page.void_button.click()
        run_until(loop, lambda: page.findChild(QInputDialog, "askText") is not None, what="the reason dialog")
        box = page.findChild(QInputDialog, "askText")
    assert box.isVisible() and box.windowModality() != Qt.WindowModality.NonModal

    thread, result = storefront_in_background(window, secret, [("QQB-10", 500)], rate=15, duration=2.0)
    run_until(loop, lambda: not thread.is_alive(), timeout=60, what="the storefront to finish")
    stats = result["stats"]
    assert stats.orders >= 10, stats
    assert stats.errors == [], stats.errors  # every request got its answer, with the dialog open all along
    assert box.isVisible()

    if dialog == "export":
        target = tmp_path / "keys.csv"
        box.selectFile(str(target))
        box.accept()
        run_until(loop, lambda: target.exists(), what="the export file")
        events = loop.run_until_complete(ops.read(audit.recent, action="keys.export_finished"))
        assert len(events) == 1
    else:
        box.setTextValue("supplier says used")
        box.accept()
        run_until(loop, lambda: "changed" in page.message.text(), what="the void to land")


def test_a_task_stepped_by_qt_alone_can_wait_on_a_thread_and_a_dialog(loop, qtbot):
    """A page's refresh can take its next step while Qt processes events outside `run_until_complete` (a test's
    wait, a modal's click): asyncio then knows no running loop, and the waits must not ask for one."""
    from PySide6.QtWidgets import QDialog

    from shopdesk.ui.backups import in_thread
    from shopdesk.ui.widgets.prompts import run_dialog

    dialog = QDialog()
    seen: list = []

    async def step():
        seen.append(await in_thread(threading.current_thread))
        seen.append(await run_dialog(dialog))

    task = asyncio.ensure_future(step(), loop=loop)
    # only Qt's own processing from here on: no run_until_complete
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert seen[0] is not threading.current_thread()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.accept()
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.exception() is None and seen[1] == QDialog.DialogCode.Accepted

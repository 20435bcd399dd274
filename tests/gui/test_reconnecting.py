"""The database server goes away under an open window: the window says it is reconnecting and keeps trying, a
dialog keeps what was typed in it and says why it could not save, no message box piles up; once the server is
back the window says so and the same Save goes through."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from shopdesk.services.catalog import products as catalog
from shopdesk.services.common.errors import ServerUnreachable
from tests.gui.conftest import new_product_dialog, run_until


@pytest.fixture
def server(window, monkeypatch):
    """A switch for the database server: while `down`, every call the window makes fails as a lost server would."""
    state = {"down": False, "refused": 0}
    db = window.ops.shop.db
    real_run = db.run

    def run(mode, fn, /, *args, **kwargs):
        if state["down"]:
            state["refused"] += 1
            raise ServerUnreachable("db.connection_lost", where="postgresql://shop@db.example/shop")
        return real_run(mode, fn, *args, **kwargs)

    reader = window.watcher._reader
    real_poll = reader.poll

    def poll():
        if state["down"]:
            state["refused"] += 1
            raise ServerUnreachable("db.connection_lost", where="postgresql://shop@db.example/shop")
        return real_poll()

    monkeypatch.setattr(db, "run", run)
    monkeypatch.setattr(reader, "poll", poll)
    return state


def test_a_lost_server_keeps_the_typed_work_and_the_window_reconnects(window, loop, qtbot, ops, server):
    boxes = []
    ops.failed.connect(lambda title, text: boxes.append(text))
    dialog = new_product_dialog(window.products_page, qtbot, "NET-1", "Typed before the outage", "12.50")

    server["down"] = True
    run_until(loop, lambda: "Reconnecting" in window.state_label.text(), what="the window to say it reconnects")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: dialog.error.isVisible(), what="the dialog to say why it did not save")
    assert "connection to the database server" in dialog.error.text()
    assert dialog.isVisible()
    assert (dialog.sku.text(), dialog.name.text(), dialog.price.text()) == ("NET-1", "Typed before the outage", "12.50")
    refused = server["refused"]
    run_until(loop, lambda: server["refused"] > refused + 2, what="the window to keep trying")
    assert boxes == []  # the status bar says it once; no message box per failed poll or timer
    assert window.state_label.styleSheet()  # shown in amber

    server["down"] = False
    run_until(loop, lambda: window.state_label.text() == "Reconnected", what="the window to see the server back")
    assert window.state_label.styleSheet() == ""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: not dialog.isVisible(), what="the dialog to save and close")
    saved = loop.run_until_complete(ops.read(catalog.list_products))
    assert [(p.sku, p.name, p.price_fen) for p in saved] == [("NET-1", "Typed before the outage", 1250)]
    assert boxes == []

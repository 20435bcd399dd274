"""The Inventory page through its real widgets, offscreen: import dialog, key detail, filters, alerts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit
from shopdesk.services.inventory import browse as key_service
from shopdesk.services.inventory import stock as stock_service
from shopdesk.services.inventory.browse import KeyFilter
from shopdesk.services.inventory.importing import ImportOptions, import_keys
from shopdesk.ui.dialogs import import_keys as import_dialog
from shopdesk.ui.dialogs.import_keys import ImportKeysDialog
from shopdesk.ui.dialogs.key_detail import KeyDetailDialog
from shopdesk.ui.models import keys as keys_model
from shopdesk.ui.models.keys import PLACEHOLDER
from shopdesk.ui.pages import inventory as inventory_page
from tests.gui.conftest import drain, run_until, typed_into

SUPPLIER_CSV = (
    "card_no,secret\r\n"  # 1: header
    "8600000001,QQ-AAAA-0001\r\n"  # 2
    "8600000002,QQ-AAAA-0002\r\n"  # 3
    "8600000003,QQ-AAAA-0003\r\n"  # 4
    "8600000002,QQ-AAAA-0002\r\n"  # 5: the same line again
    "8600000004,QQ-AAAA,0004\r\n"  # 6: three fields
    "8600000005,ＱＱ－ＢＢＢＢ－０００５\r\n"  # 7: full-width secret, normalised to QQ-BBBB-0005
)


def add_product(loop, ops, sku: str, *, threshold: int = 0, kind: str = "code+secret") -> int:
    view = loop.run_until_complete(
        ops.write(
            catalog.add_product,
            ProductInput(sku=sku, name=f"{sku} 点卡", price_fen=1000, kind=kind, low_stock_threshold=threshold),
        )
    )
    return view.id


def count(loop, ops, **filters) -> int:
    return loop.run_until_complete(ops.read(key_service.count_keys, KeyFilter(**filters)))


def import_lines(loop, ops, sku: str, lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8")
    loop.run_until_complete(
        ops.write(import_keys, ops.shop.vault, data, ImportOptions(sku=sku, supplier="gui-test"), actor=ops.shop.actor)
    )


def key_ids(loop, ops, **filters) -> list[int]:
    return loop.run_until_complete(ops.read(key_service.key_ids, KeyFilter(**filters)))


def summary_says(dialog, *parts: str) -> None:
    summary = dialog.summary.text()
    for part in parts:
        assert part in summary, (part, summary)


def open_import_dialog(window, loop, qtbot) -> ImportKeysDialog:
    page = window.inventory_page
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    run_until(
        loop,
        lambda: page.findChild(ImportKeysDialog) is not None and page.findChild(ImportKeysDialog).isVisible(),
        what="the import dialog",
    )
    return page.findChild(ImportKeysDialog)


def preview(loop, qtbot, dialog: ImportKeysDialog) -> None:
    before = dialog.summary.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    run_until(
        loop,
        lambda: dialog.report is not None and dialog.summary.text() != before,
        what="the preview",
    )


def rejected_rows(dialog: ImportKeysDialog) -> list[tuple[str, str]]:
    return [
        (dialog.rejected.item(r, 0).text(), dialog.rejected.item(r, 1).text())
        for r in range(dialog.rejected.rowCount())
    ]


def stock_counts(page, sku: str) -> dict[str, str]:
    model = page.model
    for r in range(model.rowCount()):
        if model.index(r, 0).data() == sku:
            return {
                status: model.index(r, 2 + i).data()
                for i, status in enumerate(("available", "reserved", "delivered", "recalled", "void", "expired"))
            }
    raise AssertionError(f"{sku} is not in the stock table")


def test_import_a_real_file_previews_then_imports_and_the_page_follows(window, loop, qtbot, ops, tmp_path):
    page = window.inventory_page
    window.nav.setCurrentRow(2)
    product_id = add_product(loop, ops, "QQ-100")
    run_until(loop, lambda: page.model.rowCount() == 1, what="the product in the stock table")
    assert page.keys_model.rowCount() == 0
    path = tmp_path / "supplier.csv"
    path.write_bytes(SUPPLIER_CSV.encode("utf-8"))

    dialog = open_import_dialog(window, loop, qtbot)
    assert not dialog.import_button.isEnabled()
    dialog.path.setText(str(path))
    dialog.product.setCurrentIndex(dialog.product.findData("QQ-100"))
    preview(loop, qtbot, dialog)

    summary_says(
        dialog,
        "<b>4</b> key(s) to import",
        "1 repeated in the file",
        "0 already in the shop",
        "1 rejected",
        "header line skipped",
        "normalised (lines 7)",
    )
    ((line, reason),) = rejected_rows(dialog)
    assert line == "6"
    assert "fields" in reason and "the separator comma appears inside a value" in reason
    assert dialog.import_button.isEnabled()
    assert count(loop, ops, product_id=product_id) == 0, "a preview writes nothing"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: dialog.result_report is not None, what="the import")
    assert "Imported 4 key(s) as batch #" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert count(loop, ops, product_id=product_id) == 4
    assert count(loop, ops, product_id=product_id, status="available") == 4
    assert count(loop, ops, card_no="8600000005") == 1

    # The change feed brings the new stock to the page, without anyone pressing refresh.
    run_until(loop, lambda: page.keys_model.rowCount() == 4, what="the keys in the key table")
    run_until(loop, lambda: stock_counts(page, "QQ-100")["available"] == "4", what="the stock count")
    assert page.count_label.text() == "4 key(s)"

    # The same file again: everything is already in the shop, nothing to import.
    preview(loop, qtbot, dialog)
    summary_says(dialog, "<b>0</b> key(s) to import", "1 repeated in the file", "4 already in the shop", "1 rejected")
    assert not dialog.import_button.isEnabled()
    assert count(loop, ops, product_id=product_id) == 4
    dialog.reject()


class GatedProgress(import_dialog._Progress):
    """Holds the import at its first chunk until the desk has pressed Cancel: the test forces the interleaving
    instead of racing the DB thread (a fast machine would otherwise finish 60,000 lines before the click)."""

    def __call__(self, done: int, total: int) -> bool:
        keep_going = super().__call__(done, total)
        self.cancel.wait(timeout=10)
        return keep_going and not self.cancel.is_set()


def test_cancel_a_large_pasted_import_writes_nothing(window, loop, qtbot, ops, monkeypatch):
    monkeypatch.setattr(import_dialog, "_Progress", GatedProgress)
    product_id = add_product(loop, ops, "BIG-60K")
    lines = 60_000
    dialog = open_import_dialog(window, loop, qtbot)
    dialog.tabs.setCurrentIndex(1)
    dialog.paste.setPlainText("\n".join(f"{8700000000 + i},BIG-{i:08d}-KEY" for i in range(lines)))
    dialog.product.setCurrentIndex(dialog.product.findData("BIG-60K"))
    preview(loop, qtbot, dialog)
    assert "<b>60,000</b> key(s) to import" in dialog.summary.text()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: dialog.bar.isVisible() and dialog.bar.value() > 0, what="the progress bar to move")
    assert dialog.bar.maximum() >= lines
    assert dialog.bar.value() < dialog.bar.maximum()
    assert dialog.cancel_button.isVisible()
    assert not dialog.import_button.isEnabled() and not dialog.preview_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: "cancelled" in dialog.summary.text(), what="the cancelled summary")

    assert dialog.summary.text() == "Import cancelled. Nothing was written."
    assert dialog.result_report is None
    assert not dialog.bar.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.preview_button.isEnabled()
    assert count(loop, ops, product_id=product_id) == 0
    assert count(loop, ops) == 0
    assert loop.run_until_complete(ops.read(audit.recent, action="keys.import")) == []
    dialog.reject()


def test_key_detail_shows_history_and_reveal_is_audited(window, loop, qtbot, ops):
    page = window.inventory_page
    window.nav.setCurrentRow(2)
    add_product(loop, ops, "QQ-30")
    import_lines(loop, ops, "QQ-30", ["8600000101,QQ30-SECRET-0101", "8600000102,QQ30-SECRET-0102"])
    run_until(loop, lambda: page.keys_model.rowCount() == 2, what="the imported keys")
    first = page.keys_model.key_id(0)
    run_until(loop, lambda: page.keys_model.index(0, 2).data() == "8600000101", what="the first row")
    assert page.keys_model.index(0, 3).data() == "••••0101"

    table = page.keys_table
    rect = table.visualRect(page.keys_model.index(0, 2))
    # A real double-click is a click followed by a double-click event; QTest's mouseDClick sends only the second
    # half, which QAbstractItemView ignores without the press that set its pressed index.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    run_until(
        loop,
        lambda: page.findChild(KeyDetailDialog) is not None and page.findChild(KeyDetailDialog).isVisible(),
        what="the key detail dialog",
    )
    dialog = page.findChild(KeyDetailDialog)
    assert dialog.key_id == first
    assert "QQ-30" in dialog.heading.text() and "8600000101" in dialog.heading.text()
    assert dialog.secret.text() == "••••0101"
    assert "QQ30-SECRET-0101" not in dialog.heading.text()
    assert not dialog.copy_button.isEnabled()
    history = [[dialog.history.item(r, c).text() for c in range(4)] for r in range(dialog.history.rowCount())]
    assert [(what, who) for _when, what, who, _note in history] == [
        ("Imported", "Owner")
    ]  # the person running a shop without accounts
    assert loop.run_until_complete(ops.read(audit.recent, action="key.reveal")) == []

    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    run_until(loop, lambda: dialog.secret.text() == "QQ30-SECRET-0101", what="the revealed secret")
    run_until(loop, lambda: dialog.history.rowCount() == 2, what="the reveal in the history")
    assert dialog.history.item(1, 1).text() == "Secret revealed"
    assert dialog.history.item(1, 2).text() == "Owner"  # no accounts: the person running the shop
    assert dialog.copy_button.isEnabled() and not dialog.reveal_button.isEnabled()
    (event,) = loop.run_until_complete(ops.read(audit.recent, action="key.reveal"))
    assert (event.actor, event.subject) == (ops.shop.actor, f"key:{first}")
    dialog.reject()

    # open_key (the Details… button's path) on the second row: its own history, nothing revealed.
    page.open_key(1)
    run_until(
        loop,
        lambda: any(
            d.isVisible() and d.key_id == page.keys_model.key_id(1) for d in page.findChildren(KeyDetailDialog)
        ),
        what="the second key's dialog",
    )
    second = next(d for d in page.findChildren(KeyDetailDialog) if d.key_id == page.keys_model.key_id(1))
    assert second.secret.text() == "••••0102"
    assert [second.history.item(r, 1).text() for r in range(second.history.rowCount())] == ["Imported"]
    second.reject()


def wait_for_keys(loop, page, expected: int, what: str, **filters) -> None:
    def settled() -> bool:
        f = page.keys_model.filter
        return all(getattr(f, k) == v for k, v in filters.items()) and page.keys_model.rowCount() == expected

    run_until(loop, settled, what=what)
    assert page.count_label.text() == f"{expected} key(s)"


def test_filters_and_search_narrow_the_key_table(window, loop, qtbot, ops):
    page = window.inventory_page
    window.nav.setCurrentRow(2)
    game = add_product(loop, ops, "GAME-50")
    phone = add_product(loop, ops, "PHONE-20")
    import_lines(loop, ops, "GAME-50", [f"86100000{i:02d},GAME-KEY-00{i:02d}" for i in range(1, 7)])
    import_lines(loop, ops, "PHONE-20", [f"86200000{i:02d},PHONE-KEY-0{i:02d}" for i in range(1, 4)])
    run_until(loop, lambda: page.keys_model.rowCount() == 9, what="all nine keys")
    run_until(loop, lambda: page.product_filter.count() == 3, what="both products in the product filter")
    voided = key_ids(loop, ops, product_id=game)[:2]
    assert [page.keys_model.key_id(r) for r in range(2)] == voided
    assert [page.keys_model.index(r, 4).data() for r in range(3)] == ["Available"] * 3
    loop.run_until_complete(ops.write(stock_service.void_keys, voided, actor="test", reason="supplier says used"))
    run_until(
        loop,
        lambda: [page.keys_model.index(r, 4).data() for r in range(3)] == ["Void", "Void", "Available"],
        what="the voided keys' status to change on the screen by itself",
    )

    page.status_filter.setCurrentIndex(page.status_filter.findData("void"))
    wait_for_keys(loop, page, 2, "the void keys", status="void")
    assert [page.keys_model.key_id(r) for r in range(2)] == voided
    assert {page.keys_model.index(r, 4).data() for r in range(2)} == {"Void"}

    page.status_filter.setCurrentIndex(page.status_filter.findData("available"))
    wait_for_keys(loop, page, 7, "the available keys", status="available")

    page.product_filter.setCurrentIndex(page.product_filter.findData(game))
    wait_for_keys(loop, page, 4, "GAME-50's available keys", status="available", product_id=game)
    assert {page.keys_model.index(r, 1).data() for r in range(4)} == {"GAME-50"}

    page.status_filter.setCurrentIndex(0)
    wait_for_keys(loop, page, 6, "all of GAME-50's keys", status=None, product_id=game)

    page.product_filter.setCurrentIndex(page.product_filter.findData(phone))
    wait_for_keys(loop, page, 3, "PHONE-20's keys", product_id=phone)
    page.product_filter.setCurrentIndex(0)
    wait_for_keys(loop, page, 9, "every key again", product_id=None)

    # Search by card number: typed, then Enter.
    qtbot.keyClicks(page.search, "8620000002")
    assert page.keys_model.rowCount() == 9, "the search runs on Enter, not on every keystroke"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_for_keys(loop, page, 1, "the card number", card_no="8620000002")
    assert page.keys_model.index(0, 2).data() == "8620000002"
    assert page.keys_model.index(0, 1).data() == "PHONE-20"

    page.search.clear()  # clearing the box shows everything again
    wait_for_keys(loop, page, 9, "every key after clearing", card_no=None)

    # Search by secret: pasted as a chat app would send it (full-width, with a zero-width space).
    page.search_kind.setCurrentIndex(page.search_kind.findData("secret"))
    page.search.insert("ＧＡＭＥ－ＫＥＹ－００05\u200b")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_for_keys(loop, page, 1, "the pasted secret", card_no=None)
    assert page.keys_model.filter.secret_hash is not None
    assert page.keys_model.index(0, 2).data() == "8610000005"
    assert page.keys_model.index(0, 3).data() == "••••0005"

    page.search.setText("GAME-KEY-9999")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    run_until(loop, lambda: page.keys_model.rowCount() == 0, what="no key for an unknown secret")
    assert page.count_label.text() == "0 key(s)"

    # Search within a product and status at once.
    page.search.setText("GAME-KEY-0001")
    page.status_filter.setCurrentIndex(page.status_filter.findData("void"))
    wait_for_keys(loop, page, 1, "the voided key by its secret", status="void")
    page.status_filter.setCurrentIndex(page.status_filter.findData("available"))
    wait_for_keys(loop, page, 0, "no available key with that secret", status="available")


def test_keys_model_fetches_missing_rows_and_passes_the_model_tester(window, loop, ops, monkeypatch, qtmodeltester):
    monkeypatch.setattr(keys_model, "BLOCK", 10)
    window.nav.setCurrentRow(2)  # hidden pages catch up only when shown
    page = window.inventory_page
    model = page.keys_model
    add_product(loop, ops, "MT-1")
    import_lines(loop, ops, "MT-1", [f"88000{i:05d},MODEL-TEST-{i:05d}" for i in range(57)])
    run_until(loop, lambda: model.rowCount() == 57, what="the keys")
    assert model.index(0, 0).data() != PLACEHOLDER
    assert model.index(56, 2).data() == PLACEHOLDER  # not fetched yet; asking for it queues its block
    run_until(loop, lambda: model.index(56, 2).data() == "8800000056", what="the last row's block")
    qtmodeltester.check(model, force_py=True)
    run_until(
        loop,
        lambda: all(model.index(r, 2).data() == f"88000{r:05d}" for r in range(57)),
        what="every row fetched",
    )
    assert model.index(3, 0).data(Qt.ItemDataRole.UserRole) == model.key_id(3)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Card number"


def test_low_stock_alert_shows_once_per_crossing(window, loop, qtbot, ops):
    window.nav.setCurrentRow(2)  # hidden pages catch up only when shown
    page = window.inventory_page
    notes = window.notifier.history
    product_id = add_product(loop, ops, "LOW-5", threshold=5, kind="secret")
    run_until(loop, lambda: page.alert_label.text() != "", what="the low-stock alert")
    assert page.alert_label.text() == "⚠ 1 product(s) low on stock"
    assert window.nav.item(2).text() == "Inventory  (1)"
    assert notes == [("Stock alert", "LOW-5 is low: 0 key(s) left (alert below 5).")]
    assert page.low_count() == 1

    for _ in range(3):  # refreshes (change feed, timers) do not repeat the notification
        loop.run_until_complete(page.load())
    page.refresh()
    run_until(loop, lambda: page.model.rowCount() == 1, what="the refreshed stock table")
    assert len(notes) == 1

    import_lines(loop, ops, "LOW-5", [f"LOW5-SECRET-{i:04d}" for i in range(6)])
    run_until(loop, lambda: page.alert_label.text() == "", what="the alert to clear")
    assert window.nav.item(2).text() == "Inventory"
    assert page.low_count() == 0
    assert len(notes) == 1

    ids = key_ids(loop, ops, product_id=product_id)[:2]
    loop.run_until_complete(ops.write(stock_service.void_keys, ids, actor="test", reason="supplier says used"))
    run_until(loop, lambda: len(notes) == 2, what="the second crossing's notification")
    assert notes[1] == ("Stock alert", "LOW-5 is low: 4 key(s) left (alert below 5).")
    assert page.alert_label.text() == "⚠ 1 product(s) low on stock"
    assert window.nav.item(2).text() == "Inventory  (1)"
    loop.run_until_complete(page.load())
    assert len(notes) == 2


def test_typing_in_the_key_table_reads_no_rows_off_screen(window, loop, qtbot, ops, monkeypatch):
    monkeypatch.setattr(keys_model, "BLOCK", 10)
    page = window.inventory_page
    window.nav.setCurrentRow(2)
    add_product(loop, ops, "TYPE-1")
    import_lines(loop, ops, "TYPE-1", [f"87000{i:05d},TYPE-SECRET-{i:05d}" for i in range(300)])
    run_until(loop, lambda: page.keys_model.rowCount() == 300, what="the keys")
    # The view's keyboard search would match every row's text, asking for all 300 (a million on a big shop).
    asked = typed_into(loop, qtbot, monkeypatch, page.keys_table, key_service, "key_rows")
    assert asked == []
    page.keys_table.scrollToBottom()
    run_until(loop, lambda: page.keys_model.index(299, 2).data() == "8700000299", what="the last screen")
    assert len(asked) <= 4 * keys_model.BLOCK


def test_change_feed_bursts_load_the_page_at_most_twice(window, loop, ops, monkeypatch):
    window.nav.setCurrentRow(2)  # hidden pages catch up only when shown
    page = window.inventory_page
    add_product(loop, ops, "BURST-1")
    run_until(loop, lambda: page.model.rowCount() == 1, what="the product")
    drain(loop)
    loads = []
    real = inventory_page._load

    def counted(session):
        loads.append(1)
        return real(session)

    monkeypatch.setattr(inventory_page, "_load", counted)
    for _ in range(5):  # five change-feed batches while the first load runs
        page.on_changes({"stock": {1}})
    drain(loop)
    assert len(loads) == 2  # the running load, then one for everything that came in meanwhile
    page.refresh()
    drain(loop)
    assert len(loads) == 3


def test_filtering_on_a_product_that_is_retired_shows_all_keys_again(window, loop, ops):
    window.nav.setCurrentRow(2)  # hidden pages catch up only when shown
    page = window.inventory_page
    add_product(loop, ops, "KEEP-1")
    retired = add_product(loop, ops, "GONE-1")
    import_lines(loop, ops, "KEEP-1", ["KEEP-SECRET-0001", "KEEP-SECRET-0002"])
    import_lines(loop, ops, "GONE-1", ["GONE-SECRET-0001"])
    run_until(loop, lambda: page.product_filter.count() == 3, what="both products in the filter")
    page.product_filter.setCurrentIndex(page.product_filter.findData(retired))
    wait_for_keys(loop, page, 1, "GONE-1's key", product_id=retired)
    view = loop.run_until_complete(ops.read(catalog.get_product, retired))
    data = ProductInput(
        sku=view.sku, name=view.name, price_fen=view.price_fen, kind=view.kind, low_stock_threshold=0, active=False
    )
    loop.run_until_complete(ops.write(catalog.edit_product, retired, data))
    run_until(loop, lambda: page.product_filter.count() == 2, what="the retired product to leave the filter")
    wait_for_keys(loop, page, 3, "every key again", product_id=None)
    assert page.product_filter.currentData() is None


def test_the_key_list_and_detail_show_the_order_number_not_its_id(window, loop, qtbot, ops):
    from shopdesk.services.money import customers
    from shopdesk.services.orders import selling

    page = window.inventory_page
    window.nav.setCurrentRow(2)
    add_product(loop, ops, "QQ-50")
    import_lines(loop, ops, "QQ-50", ["8600000501,QQ50-SECRET-0501"])
    with ops.shop.db.write() as s:
        customer = customers.add_customer(s, "张伟").id
        order = selling.create_order(s, customer, [("QQ-50", 1)], actor="test")
        selling.pay_order(s, order.id, method="wechat", trade_no="WX-ORDER-NUMBER-1", actor="test")
    assert order.number != str(order.id)
    loop.run_until_complete(page.load())
    model = page.keys_model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Order")
    run_until(loop, lambda: model.rowCount() == 1 and model.index(0, column).data() == order.number, what="the number")

    page.open_key(0)
    run_until(
        loop,
        lambda: page.findChild(KeyDetailDialog) is not None and page.findChild(KeyDetailDialog).history.rowCount() >= 2,
        what="the key detail with its delivery",
    )
    dialog = page.findChild(KeyDetailDialog)
    assert f"order {order.number}" in dialog.heading.text()
    lines = [dialog.history.item(r, 1).text() for r in range(dialog.history.rowCount())]
    assert any(line.endswith(f"order {order.number}") for line in lines), lines
    assert not any(line.endswith(f"order {order.id}") for line in lines)
    dialog.reject()

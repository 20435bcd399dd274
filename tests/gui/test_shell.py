"""The window's shell: menus and shortcuts, the notification centre's bell, the theme, the remembered state."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox, QSplitter, QTableWidget

from shopdesk.config import load_config
from shopdesk.ui import menus as menus_module
from shopdesk.ui import theme, window_state
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.widgets.notifier import Notifier
from tests.gui.conftest import drain


def test_view_menu_and_ctrl_digits_switch_pages(window, qtbot):
    m = window.menus
    assert [a.shortcut().toString() for a in m.page_actions[:7]] == [f"Ctrl+{i}" for i in range(1, 8)]
    m.page_actions[2].trigger()
    assert window.stack.currentWidget() is window.inventory_page
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.orders_page
    assert window.nav.item(1).toolTip().endswith("(Ctrl+2)")
    assert m.export_action.isEnabled() is False  # the board offers no export_table
    m.page_actions[2].trigger()
    assert m.export_action.isEnabled()


def test_ctrl_f_focuses_the_search_box_of_the_page(window, qtbot):
    window.show_page(1)
    window.menus.find_action.trigger()
    assert (
        QApplication.focusWidget() is window.orders_page.filters.search or window.orders_page.filters.search.hasFocus()
    )
    window.show_page(2)
    window.focus_search()
    assert window.inventory_page.search.hasFocus() or QApplication.focusWidget() is window.inventory_page.search


def test_help_lists_every_shortcut_and_opens_the_data_folder_and_log(window, monkeypatch, data_dir):
    dialog = window.menus.show_shortcuts()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 1).text() for r in range(table.rowCount())}
    keys = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert {"Quit", "Orders", "Find on this page", "Lock"} <= rows
    assert {"Ctrl+Q", "Ctrl+1", "Ctrl+8", "Ctrl+F"} <= keys
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    window.menus.data_action.trigger()
    window.menus.log_action.trigger()
    assert opened[0] == str(load_config(data_dir).data_dir)
    assert opened[1].endswith("logs/shopdesk.log")
    about = window.menus.about()
    assert "0.1.0" in about.text()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_bell_counts_lists_and_opens_a_breach_and_a_paid_order(window, qtbot):
    bell = window.bell
    assert bell.count == 0
    window.on_breaches([SimpleNamespace(kind="first_response", case_id=7, order_number="SD0007")])
    window.on_order_note("New paid order", "SD0008 · Wang · ¥9.00")
    assert bell.count == 2 and bell.badge.text() == "2"
    bell.show_list()
    items = bell.popup.list
    assert items.count() == 2
    assert "New paid order" in items.item(0).text() and "SOP" in items.item(1).text()
    items.itemClicked.emit(items.item(1))
    assert window.stack.currentWidget() is window.aftersales_page
    assert bell.count == 1
    bell.show_list()
    items.itemClicked.emit(items.item(0))
    assert window.stack.currentWidget() is window.orders_page
    window.on_order_note("New paid order", "SD0009 · Li · ¥9.00")
    bell.popup.read_all.click()
    assert bell.count == 0 and not bell.badge.isVisible()


def test_the_centre_works_without_a_tray_and_beeps_when_asked(qapp, monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    centre = Notifier(tray=False)
    assert not centre.has_tray
    centre.notify("Stock alert", "X is low", kind="low_stock", where="inventory", what={"product_id": 1})
    assert centre.unread == 1 and beeps == []
    centre.sound = True
    centre.notify("Stock alert", "Y is low")
    assert centre.unread == 2 and beeps == [1]


def test_window_remembers_size_and_splitters(qtbot, loop, ops, data_dir):
    config = load_config(data_dir)
    first = MainWindow(ops, config)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)
    size = (first.width(), first.height())
    split = first.aftersales_page.findChild(QSplitter)
    split.setSizes([300, 700])
    saved = split.sizes()
    window_state.save(first, first.all_pages_widgets(), first.window_settings)
    first.hide()
    second = MainWindow(ops, config)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == size != (1280, 800)
    assert window_state.restore_parts(second.all_pages_widgets(), second.window_settings) >= 1
    assert second.aftersales_page.findChild(QSplitter).sizes() == saved
    drain(loop)


def test_theme_dark_and_light_apply(window):
    dark = window.theme.apply("dark")
    assert dark == "dark"
    assert theme.colours("dark")["window"] in window.styleSheet()
    assert QApplication.palette().base().color().name() == theme.colours("dark")["card"]
    window.theme.apply("light")
    assert theme.colours("light")["window"] in window.styleSheet()
    assert QApplication.palette().base().color().name() == theme.colours("light")["card"]
    nav = window.findChild(QListWidget, "nav")
    assert not nav.item(0).icon().isNull()


def test_log_path_is_where_logging_writes(data_dir):
    from shopdesk.ui.crash import setup_logging

    assert setup_logging(data_dir) == menus_module.log_path(data_dir)


def test_the_import_dialog_asks_for_the_product(window, loop, qtbot):
    from tests.gui.test_inventory import add_product, open_import_dialog

    catalog_sku = "ASK-1"
    add_product(loop, window.ops, catalog_sku)
    dialog = open_import_dialog(window, loop, qtbot)
    assert dialog.product.currentIndex() == -1 and dialog.product.count() >= 1
    assert dialog.product.placeholderText() == "Choose a product…"
    assert not dialog.preview_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.product.setCurrentIndex(dialog.product.findData(catalog_sku))
    assert dialog.preview_button.isEnabled()
    dialog.reject()


def test_the_stock_summary_lists_low_stock_first(window, loop):
    from tests.gui.test_inventory import add_product

    add_product(loop, window.ops, "AAA-FULL", threshold=0)
    add_product(loop, window.ops, "ZZZ-LOW", threshold=5)
    page = window.inventory_page
    loop.run_until_complete(page.load())
    skus = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert skus == ["ZZZ-LOW", "AAA-FULL"]


def test_copy_the_shop_to_a_file_goes_through_db_copy(window, loop, tmp_path):
    from tests.gui.test_inventory import add_product

    add_product(loop, window.ops, "COPY-1")
    target = tmp_path / "copy.sqlite3"
    loop.run_until_complete(window.menus.copy_to(str(target)))
    drain(loop)
    assert target.stat().st_size > 0
    assert "copy.sqlite3" in window.state_label.text()
    for box in window.findChildren(QMessageBox):
        box.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_closed_bell_list_is_not_rebuilt_for_each_notification_but_is_full_when_opened(window, monkeypatch):
    """During a flash sale the notes come many times a second: the hidden list stays as it is until it opens."""
    bell = window.bell
    fills: list[int] = []
    real = bell.popup.fill
    monkeypatch.setattr(bell.popup, "fill", lambda: (fills.append(1), real()))
    for n in range(30):
        window.on_order_note("New paid order", f"SD{n:04d} · Wang · ¥9.00")
    assert fills == [] and bell.count == 30
    bell.show_list()
    assert len(fills) == 1 and bell.popup.list.count() == 30
    window.on_order_note("New paid order", "SD0099 · Li · ¥9.00")  # open: it follows at once
    assert bell.popup.list.count() == 31 and "SD0099" in bell.popup.list.item(0).text()
    bell.popup.hide()

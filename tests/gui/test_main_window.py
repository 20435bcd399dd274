"""The main window through its real widgets, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shopdesk.config import load_config
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.ui.dialogs.customer import CustomerDialog, TopUpDialog
from shopdesk.ui.dialogs.product import ProductDialog
from shopdesk.ui.main_window import MainWindow
from tests.gui.conftest import drain, new_product_dialog, run_until


def test_navigation_lists_the_pages_and_status_bar_names_the_database(window, data_dir):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Today",
        "Orders",
        "Inventory",
        "After-sales",
        "Customers",
        "Products",
        "Analytics",
        "Payment inbox",
        "Settings",
    ]
    window.nav.setCurrentRow(4)
    assert window.stack.currentWidget() is window.customers_page
    assert str(data_dir) in window.db_label.text()
    assert window.state_label.text() == "Ready"


def test_create_product_through_the_dialog(window, loop, qtbot, ops):
    window.nav.setCurrentRow(5)
    page = window.products_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ProductDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.sku, "QQB-200")
    # QTest types ASCII only; Chinese text arrives as an input method would commit it.
    dialog.name.insert("Q币 200元")
    dialog.category.insert("游戏点卡")
    dialog.kind.setCurrentIndex(dialog.kind.findData("secret"))
    qtbot.keyClicks(dialog.price, "196.00")
    qtbot.keyClicks(dialog.face_value, "200")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    run_until(loop, lambda: not dialog.isVisible(), what="the dialog to close")

    saved = loop.run_until_complete(ops.read(catalog.list_products))
    assert [(p.sku, p.name, p.kind, p.price_fen, p.face_value_fen) for p in saved] == [
        ("QQB-200", "Q币 200元", "secret", 19600, 20000)
    ]
    run_until(loop, lambda: page.model.rowCount() == 1, what="the table to show the product")
    assert page.model.index(0, 0).data() == "QQB-200"
    assert page.model.index(0, 4).data() == "196.00"


def test_product_dialog_shows_the_error_and_writes_nothing(window, loop, qtbot, ops):
    loop.run_until_complete(ops.write(catalog.add_product, ProductInput(sku="DUP-1", name="x", price_fen=100)))
    dialog = new_product_dialog(window.products_page, qtbot, "DUP-1", "another", "1.234")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: dialog.error.isVisible(), what="the error message")
    assert "two decimals" in dialog.error.text()
    dialog.price.setText("1.50")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: "already exists" in dialog.error.text(), what="the duplicate-SKU message")
    assert dialog.isVisible()
    assert [p.sku for p in loop.run_until_complete(ops.read(catalog.list_products))] == ["DUP-1"]


def test_edit_product_through_the_dialog(window, loop, qtbot, ops):
    loop.run_until_complete(ops.write(catalog.add_product, ProductInput(sku="CM-50", name="移动 50", price_fen=4900)))
    window.nav.setCurrentRow(5)  # hidden pages catch up only when shown
    page = window.products_page
    run_until(loop, lambda: page.model.rowCount() == 1, what="the product row")
    page.table.selectRow(0)
    page.edit_selected()
    dialog = page.findChild(ProductDialog)
    assert dialog.sku.text() == "CM-50" and dialog.price.text() == "49.00"
    dialog.price.setText("48.80")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: not dialog.isVisible(), what="the dialog to close")
    (product,) = loop.run_until_complete(ops.read(catalog.list_products))
    assert product.price_fen == 4880


def test_create_customer_and_top_up_through_the_dialogs(window, loop, qtbot, ops):
    window.nav.setCurrentRow(4)
    page = window.customers_page
    page.create()
    dialog = page.findChild(CustomerDialog)
    dialog.name.insert("王芳")
    qtbot.keyClicks(dialog.contact, "qq:10001")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(loop, lambda: page.model.rowCount() == 1, what="the customer row")
    page.table.selectRow(0)
    page.top_up_selected()
    topup = page.findChild(TopUpDialog)
    qtbot.keyClicks(topup.amount, "50.00")
    ok = topup.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    run_until(loop, lambda: not topup.isVisible(), what="the top-up dialog to close")
    run_until(loop, lambda: page.model.index(0, 2).data() == "50.00", what="the new balance")
    (customer,) = loop.run_until_complete(ops.read(customers.list_customers))
    assert customer.balance_fen == 5000


def test_orders_board_updates_from_another_connection(window, loop, shop):
    """A write by another process-like connection (here: a second ShopApp) reaches the board by itself."""
    page = window.orders_page
    assert page.model.rowCount() == 0
    with shop.db.write() as s:
        p = catalog.add_product(s, ProductInput(sku="QQB-10", name="Q币 10", price_fen=980, kind="secret"))
        inventory.add_keys(s, shop.vault, p.id, [(None, "SECRET-AAAA-0001")], actor="test")
        c = customers.add_customer(s, "李娜")
        order = orders.create_order(s, c.id, [("QQB-10", 1)], actor="test")
    run_until(loop, lambda: page.model.rowCount() == 1, what="the order to appear")
    assert page.model.index(0, 0).data() == order.number
    assert page.model.index(0, 4).data() == "Awaiting payment"
    with shop.db.write() as s:
        orders.pay_order(s, order.id, method="alipay", trade_no="T-1", actor="test")
    run_until(loop, lambda: page.model.index(0, 4).data() == "Delivered", what="the status to change")
    page.table.selectRow(0)
    keys = page.detail.keys
    run_until(loop, lambda: keys.rowCount() == 1 and keys.item(0, 2).text() == "••••0001", what="the masked key")
    assert "SECRET-AAAA-0001" not in page.detail.summary.text()


def test_a_hidden_page_catches_up_when_it_is_shown(window, loop, ops):
    """Changes reach the page on screen at once; a hidden page gets them, merged, when it is shown."""
    window.nav.setCurrentRow(5)  # built and loaded on its first visit
    page = window.products_page
    drain(loop)  # its first load has finished: nothing reads the products again until the page is shown
    window.nav.setCurrentRow(1)
    loop.run_until_complete(ops.write(catalog.add_product, ProductInput(sku="LATE-1", name="later", price_fen=100)))
    run_until(loop, lambda: "product" in window._pending.get(page, {}), what="the change to wait for the page")
    assert page.model.rowCount() == 0
    window.nav.setCurrentRow(5)
    run_until(loop, lambda: page.model.rowCount() == 1, what="the products page to catch up")
    assert page not in window._pending


def test_pages_are_built_when_first_needed_and_then_load_at_once(window, loop, ops):
    """Start builds Today and, for their notifications, the board and the desk; every other page is built on its
    first visit (or when a link asks for it) and loads then, with the shop's current data."""
    built = {e.name for e in window.shelf.entries if e.built}
    assert built == {"today_page", "orders_page", "aftersales_page"}
    assert [title for title, _w in window.pages] == window.shelf.titles() and len(window.pages) == 9
    loop.run_until_complete(ops.write(catalog.add_product, ProductInput(sku="NEW-1", name="new", price_fen=100)))
    row = [e.name for e in window.shelf.entries].index("products_page")
    window.nav.setCurrentRow(row)
    page = window.stack.currentWidget()
    assert page is window.products_page and window.shelf.is_built("products_page")
    assert window.nav.currentRow() == window.stack.currentIndex() == row
    run_until(loop, lambda: page.model.rowCount() == 1, what="the page built on its visit to load")
    # a link to a page never shown builds it where it belongs in the stack
    window.show_customer(0)
    assert window.stack.currentWidget() is window.customers_page
    assert window.stack.indexOf(window.customers_page) == [e.name for e in window.shelf.entries].index("customers_page")
    assert window.stack.count() == len(window.pages) + (1 if window.stack.indexOf(window.staff_page) >= 0 else 0)


def test_the_stock_badge_shows_before_the_inventory_page_is_ever_opened(window, loop, ops):
    view = loop.run_until_complete(
        ops.write(catalog.add_product, ProductInput(sku="LOW-1", name="low", price_fen=100, low_stock_threshold=5))
    )
    assert view.id and not window.shelf.is_built("inventory_page")
    window.refresh_alerts()
    row = [e.name for e in window.shelf.entries].index("inventory_page")
    run_until(loop, lambda: "(1)" in window.nav.item(row).text(), what="the badge")
    assert not window.shelf.is_built("inventory_page")


def test_the_window_is_built_before_the_database_layer_and_the_heavy_libraries_are_imported(tmp_path):
    """Starting the GUI imports the command line's top level, the window's module and builds the window without
    the database layer (SQLAlchemy, the models, the services), the icon font (qtawesome, loaded once the window has
    painted), the charts (pyqtgraph, numpy), the storefront server (aiohttp), the migrations (Alembic), the reason
    classifier (scikit-learn, jieba, SciPy) or any page: all of them come after the window is on screen."""
    import os
    import subprocess
    import sys

    heavy = (
        "sqlalchemy",
        "shopdesk.db.models",
        "shopdesk.app",
        "shopdesk.services.common.access",
        "qtawesome",
        "pyqtgraph",
        "numpy",
        "aiohttp",
        "alembic",
        "sklearn",
        "jieba",
        "scipy",
        "shopdesk.services.desk.classifier",
        "shopdesk.cli.order",
        "shopdesk.ui.pages.today",
        "shopdesk.ui.pages.staff",
        "shopdesk.ui.pages.analytics",
        "shopdesk.ui.pages.settings",
    )
    code = (
        "import sys\n"
        "from shopdesk.cli.main import parse\n"
        f"args = parse(['--data-dir', {str(tmp_path)!r}])\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from shopdesk.config import load_config\n"
        "from shopdesk.ui import icons\n"
        "from shopdesk.ui.main import start_language\n"
        "from shopdesk.ui.main_window import MainWindow\n"
        "from shopdesk.ui.ops import Ops\n"
        "app = QApplication([])\n"
        "config = load_config(args.data_dir)\n"
        "start_language(config)\n"
        "icons.hold()\n"
        "window = MainWindow(Ops(), config)\n"
        "window.show()\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_window_paints_before_it_builds_its_first_page_then_gets_its_icons(qtbot, loop, ops, data_dir):
    """start() lets the window paint once before it imports the shop and builds Today; the icons held back for
    that first paint are put in then."""
    from shopdesk.ui import icons

    icons.hold()
    win = MainWindow(ops, load_config(data_dir))
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    assert not win.shelf.is_built("today_page")  # built by start(), not by the window's constructor
    assert win.nav.item(0).icon().isNull()
    painted_at_build: list[bool] = []
    real = win._show_row

    def show_row(row: int) -> None:
        painted_at_build.append(win._was_painted)
        real(row)

    win._show_row = show_row
    win.show()
    try:
        loop.run_until_complete(win.start(seed_demo=False, api_port=0))
    finally:
        icons.release()
    assert painted_at_build[:1] == [True]
    assert win.shelf.is_built("today_page") and win.stack.currentWidget() is win.today_page
    assert icons.available() and not icons.held()
    assert not win.nav.item(0).icon().isNull()
    win.close()
    drain(loop)


def test_start_warms_the_ai_track_up_on_a_thread_of_its_own_after_the_first_paint(
    qtbot, loop, ops, data_dir, monkeypatch
):
    """The seed model, jieba and scikit-learn load once the window has painted, on neither the GUI thread nor a DB
    thread, so the first cancel request with words does not train inside the writer's transaction."""
    import threading

    from shopdesk.services.desk import suggestions

    monkeypatch.setattr(suggestions, "_warm", False)
    monkeypatch.setattr(suggestions, "_warming", None)
    win = MainWindow(ops, load_config(data_dir))
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    seen: list[tuple[threading.Thread, int, bool]] = []
    done = threading.Event()

    def warm_up() -> bool:
        seen.append((threading.current_thread(), threading.get_ident(), win._was_painted))
        suggestions._warm = True  # as the real one leaves it (the monkeypatch above puts it back)
        done.set()
        return True

    async def no_api(port):  # the storefront API warms the track up too (tests/api): the window does on its own
        return None

    monkeypatch.setattr(suggestions, "warm_up", warm_up)
    monkeypatch.setattr(win, "start_api", no_api)
    win.show()
    loop.run_until_complete(win.start(seed_demo=False, api_port=0))
    assert done.wait(10), "start() did not warm the AI track up"
    assert len(seen) == 1
    thread, ident, painted = seen[0]
    assert painted
    assert thread is not threading.main_thread() and thread.name == "shopdesk-ai-warm-up" and thread.daemon
    assert ident not in (ops._worker_ident, ops._reader_ident)
    win.close()
    drain(loop)


def test_building_a_page_while_the_window_is_up_flashes_no_window_of_its_own(window, qtbot):
    """A page built on its first visit must not show any of its widgets as a window of their own for a moment
    (a layout filled before it belongs to a widget does that): the window would lose the keyboard."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    shown: list[str] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
                shown.append(f"{type(obj).__name__} {obj.objectName()}")
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        for row in range(len(window.pages)):
            window.page_at(row)
        qtbot.wait(20)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert shown == [] and window.isActiveWindow()

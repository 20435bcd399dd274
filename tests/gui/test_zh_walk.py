"""Every word in the user's language: the main window in zh_CN on a demo shop, every page and the dialogs it can
open, walked for visible Latin words outside what the merchant typed; and no clipped text at 1280x800 in both
languages. Add a dialog to the walk by adding its opener to OPENERS."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from shopdesk.config import load_config
from shopdesk.services.maintenance import demo
from shopdesk.ui.i18n import install_translators
from shopdesk.ui.main_window import MainWindow
from tests.gui.conftest import drain
from tests.gui.zh_walk import allowed_words, clipped, latin_words, texts


@pytest.fixture(autouse=True)
def _collect_closed_loop():
    yield
    gc.collect()


@pytest.fixture
def language(qapp, request):
    before = set(qapp.findChildren(QTranslator))
    default = QLocale()
    install_translators(qapp, request.param)
    yield request.param
    for t in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(t)
    QLocale.setDefault(default)


@pytest.fixture
def demo_window(qtbot, loop, ops, data_dir, language):
    win = MainWindow(ops, load_config(data_dir))
    qtbot.addWidget(win, before_close_func=lambda w: (w.close(), drain(loop)))
    win.resize(1280, 800)
    win.show()
    loop.run_until_complete(win.start(seed_demo=False, api_port=0))
    loop.run_until_complete(ops.write(demo.seed, ops.shop.vault, orders_count=40, history_days=3))
    yield win
    win.close()
    drain(loop)


def _dialogs() -> list[QWidget]:
    """The open dialogs, context menus and popups (the bell's list)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and (isinstance(w, (QDialog, QMenu)) or w.objectName() == "bellPopup")
    ]


def _settings_tab(tab: str):
    def show(w, loop):
        _page(w, w.aftersales_page)
        loop.run_until_complete(w.aftersales_page.open_settings())
        drain(loop)
        dialog = next(d for d in _dialogs() if d.objectName() == "deskSettings")
        dialog.tabs.setCurrentWidget(getattr(dialog, tab))

    return show


def _on_case(action: str):
    def open_(w, loop):
        _select_first(w.aftersales_page, "table")(w, loop)
        getattr(w.aftersales_page.case_view, action)()

    return open_


def _resolve_preview(w, loop):
    from shopdesk.services.desk import resolve_plan
    from shopdesk.ui.desk.preview_dialog import ResolvePreviewDialog

    _select_first(w.aftersales_page, "table")(w, loop)
    case_id = w.aftersales_page.case_view.case_id
    plan = loop.run_until_complete(w.ops.read(resolve_plan.preview_resolution, case_id, "cancelled"))
    ResolvePreviewDialog(plan, parent=w).open()


def _paid_order(w, loop):
    """Select the first paid order of the board (one the actions can refund)."""
    page = w.orders_page
    _page(w, page)
    drain(loop)
    model = page.table.model()
    paid = next(r for r in range(model.rowCount()) if model.index(r, 5).data() in {"Paid", "已支付", "已付款"})
    page.table.setFocus()
    page.table.selectRow(paid)
    drain(loop)


def _order_menu(w, loop):
    _paid_order(w, loop)
    page = w.orders_page
    page.actions.popup(page.table, page.table.mapToGlobal(page.table.rect().center()))


def _refund(w, loop):
    _paid_order(w, loop)
    w.orders_page.actions.refund_dialog()


def _staff(dialog: str):
    """The Team page's dialogs, opened as for a staff member 小王 (nothing is saved: the walk only reads them)."""

    def open_(w, loop):
        from shopdesk.ui.staff import dialogs

        _team(w, loop)
        page = w.staff_page

        async def save(*_args):
            return None

        if dialog == "user":
            page.add_user()
        elif dialog == "role":
            page._open(dialogs.RoleDialog(w.ops, "小王", "staff", save, parent=page))
        else:
            page._open(dialogs.PassphraseDialog(w.ops, "小王", save, parent=page))

    return open_


def _confirm_payment(w, loop):
    """补单 on an unpaid order of the demo."""
    from sqlalchemy import select

    from shopdesk.db.models import Order
    from shopdesk.services.orders.detail import load_order_view

    def first_unpaid(session):
        found = session.execute(select(Order.id).where(Order.status == "pending_payment").limit(1)).scalar()
        return load_order_view(session, found)

    _page(w, w.orders_page)
    w.orders_page.actions.set_view(loop.run_until_complete(w.ops.read(first_unpaid)))
    w.orders_page.actions.confirm_dialog()


def _reconcile(w, loop):
    """A WeChat Pay bill with a payment the shop lacks, for an order it cannot find."""
    import tempfile
    from pathlib import Path

    from tests.helpers import statements

    path = Path(tempfile.mkdtemp(prefix="shopdesk-walk-")) / "wechat.csv"
    path.write_bytes(statements.wechat([("4200002026120112345678", "9.80", "2026-12-01 10:00:00", "20261201999")]))
    _page(w, w.payments_page)
    loop.run_until_complete(w.payments_page.reconcile_path(str(path)))


def _bell(w, loop):
    w.bell.show_list()


def _page(win, page: QWidget) -> None:
    win.stack.setCurrentWidget(page)


# (name, opener(window, loop)): each opens one dialog (or shows one page state) to walk.
OPENERS = [
    ("new order", lambda w, loop: (_page(w, w.orders_page), loop.run_until_complete(w.orders_page.open_new_order()))),
    (
        "import keys",
        lambda w, loop: (_page(w, w.inventory_page), loop.run_until_complete(w.inventory_page.open_import())),
    ),
    ("key detail", lambda w, loop: (_page(w, w.inventory_page), loop.run_until_complete(w.inventory_page.open_key(0)))),
    ("new product", lambda w, loop: (_page(w, w.products_page), w.products_page.create())),
    ("new customer", lambda w, loop: (_page(w, w.customers_page), w.customers_page.create())),
    ("open case", lambda w, loop: (_page(w, w.aftersales_page), w.aftersales_page.open_case_dialog())),
    (
        "desk settings",
        lambda w, loop: (_page(w, w.aftersales_page), loop.run_until_complete(w.aftersales_page.open_settings())),
    ),
    ("desk settings: calendars", _settings_tab("calendars")),
    ("desk settings: reasons", _settings_tab("reasons")),
    ("desk settings: rules", _settings_tab("rules")),
    ("assign a case", _on_case("assign")),
    ("add a note", _on_case("add_note")),
    ("correct the reason", _on_case("correct_reason")),
    ("resolve a case", _on_case("resolve")),
    ("resolve preview", _resolve_preview),
    ("order menu", _order_menu),
    ("refund", _refund),
    ("confirm payment", _confirm_payment),
    ("reconcile a statement", _reconcile),
    ("add a staff member", _staff("user")),
    ("change a role", _staff("role")),
    ("reset a passphrase", _staff("passphrase")),
    ("keyboard shortcuts", lambda w, loop: w.menus.show_shortcuts()),
    ("about", lambda w, loop: w.menus.about()),
    ("notifications", _bell),
    ("rotate the API secret", lambda w, loop: (_settings_page(w, "storefront"), w.settings_page.storefront.rotate())),
]


def _select_first(page, table_name: str):
    def select(w, loop):
        _page(w, page)
        drain(loop)
        table = getattr(page, table_name)
        table.setFocus()
        table.selectRow(0)
        drain(loop)

    return select


def _analytics_tab(i: int):
    def show(w, loop):
        _page(w, w.analytics_page)
        w.analytics_page.tabs.setCurrentIndex(i)
        drain(loop)

    return show


def _team(w, loop):
    w.show_staff_page(True)  # the Team page, as the owner of a shop with staff sees it
    _page(w, w.staff_page)
    drain(loop)


SETTINGS_TABS = ("shop_tab", "storefront", "orders_tab", "desktop")


def _settings_page(w, tab: str) -> None:
    _page(w, w.settings_page)
    w.settings_page.tabs.setCurrentWidget(getattr(w.settings_page, tab))


def _settings_refused(w, loop):
    """A value the registry refuses, told beside its field (then put back: the walk saves nothing)."""
    _settings_page(w, "storefront")
    page = w.settings_page
    page.fields["api.port"].editor.setText("80")
    page.save()
    drain(loop)


# (name, action(window, loop)): a state of the window itself to walk (a selected order, a selected case, ...).
STATES = [
    ("an order selected", lambda w, loop: _select_first(w.orders_page, "table")(w, loop)),
    ("a case selected", lambda w, loop: _select_first(w.aftersales_page, "table")(w, loop)),
    ("a customer selected", lambda w, loop: _select_first(w.customers_page, "table")(w, loop)),
    ("a product selected", lambda w, loop: _select_first(w.inventory_page, "table")(w, loop)),
    *((f"analytics tab {i}", _analytics_tab(i)) for i in range(7)),
    ("the team page", _team),
    *((f"settings: {tab}", lambda w, loop, tab=tab: _settings_page(w, tab)) for tab in SETTINGS_TABS),
    ("settings: a refused value", _settings_refused),
]


def _pages(win):
    return [win.stack.widget(i) for i in range(win.stack.count())]


def _walk(win, loop, check) -> dict[str, list[str]]:
    """check(root) -> findings, for each page (settled) and each dialog of OPENERS."""
    found: dict[str, list[str]] = {}
    for page in _pages(win):
        _page(win, page)
        drain(loop)
        found[type(page).__name__] = check(win)
    for name, action in STATES:
        action(win, loop)
        found[name] = check(win)
    for name, opener in OPENERS:
        opener(win, loop)
        drain(loop)
        opened = _dialogs()
        found[name] = [f for d in opened for f in check(d)] if opened else ["(no dialog opened)"]
        for d in opened:
            d.reject() if isinstance(d, QDialog) else d.close()
        drain(loop)
    return {k: v for k, v in found.items() if v}


POPUPS = ("This plugin does not support raise", "This plugin does not support grabbing the keyboard")  # offscreen


@pytest.mark.qt_log_ignore(*POPUPS)
@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_zh_cn_shows_no_latin_word_the_merchant_did_not_type(demo_window, loop, ops):
    win = demo_window
    allowed = loop.run_until_complete(ops.read(allowed_words)) | {win.config.db_label, str(win.config.data_dir)}
    allowed.add(win.ops.shop.actor)  # the signed-in login (the OS user of a shop without staff accounts)

    def check(root):
        return sorted({f"{where}: {text!r}" for where, text in texts(root) if latin_words(text, allowed)})

    found = _walk(win, loop, check)
    # the walk saw the timelines it is about, in words: an order's (with who acted) and a case's
    timeline = win.orders_page.detail.timeline
    assert timeline.rowCount() > 0 and timeline.item(0, 2).text() in {"店铺接口", "演示", "店主"}, timeline.item(0, 2)
    assert win.aftersales_page.case_view.timeline.rowCount() > 0
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())


@pytest.mark.qt_log_ignore(*POPUPS)
@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_no_text_is_clipped_at_1280x800(demo_window, loop):
    found = _walk(demo_window, loop, clipped)
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())


def test_the_clipped_check_sees_cut_headers_cells_and_buttons(qtbot):
    """The check itself: what a user saw cut ("Card number…", "Storefr…") is found; text our code elided on purpose,
    with the whole text in its tooltip, is not."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    model = QStandardItemModel(1, 3)
    model.setHorizontalHeaderLabels(["Card number", "Source", "Note"])
    model.setItem(0, 1, QStandardItem("Storefront"))
    elided = QStandardItem("a long note the view elides")
    elided.setToolTip("a long note the view elides")
    model.setItem(0, 2, elided)
    table = QTableView()
    table.setModel(model)
    table.setColumnWidth(0, 40)
    table.setColumnWidth(1, 45)
    table.setColumnWidth(2, 60)
    table.horizontalHeader().setStretchLastSection(False)
    button = QPushButton("Resend delivery")
    button.setFixedWidth(50)
    label = QLabel("Cut on purpose…")
    label.setToolTip("Cut on purpose, and here whole")
    label.setFixedWidth(30)
    layout = QVBoxLayout(root)
    for w in (table, button, label):
        layout.addWidget(w)
    root.resize(400, 300)
    root.show()
    qtbot.waitExposed(root)

    found = "\n".join(clipped(root))
    assert "header 'Card number'" in found and "cell 'Storefront'" in found, found
    assert "'Resend delivery'" in found, found
    assert "a long note" not in found and "Cut on purpose" not in found, found

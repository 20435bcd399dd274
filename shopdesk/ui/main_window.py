"""Main window: navigation on the left, one page per job, the database in use in the status bar."""

from __future__ import annotations

import asyncio
import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)
from qasync import asyncSlot

if TYPE_CHECKING:
    from shopdesk.services.storefront.server import IntakeServer

# The window is on screen before the database layer is imported: the shop (shopdesk.app), the services and the
# first page's module come in start(), after the first paint; each method imports the services it calls.
from shopdesk.config import Config
from shopdesk.ui import icons, labels, window_state
from shopdesk.ui.ai_track import AiTrack
from shopdesk.ui.backups import Backups
from shopdesk.ui.changes import ChangeWatcher
from shopdesk.ui.menus import NAV_ICONS, Menus, nav_keys
from shopdesk.ui.navigation import Navigation
from shopdesk.ui.ops import Ops
from shopdesk.ui.page_shelf import LazyPage, Shelf, page_class
from shopdesk.ui.presence import Presence
from shopdesk.ui.staff.dialogs import UserDialog
from shopdesk.ui.staff.gate import Gate
from shopdesk.ui.theme import Theme
from shopdesk.ui.timers import timer
from shopdesk.ui.webhook_pump import WebhookPump
from shopdesk.ui.widgets.bell import Bell
from shopdesk.ui.widgets.common import DatabaseLabel
from shopdesk.ui.widgets.notifier import Notifier
from shopdesk.ui.widgets.prompts import tell

SWEEP_MS = 30_000  # how often unpaid orders past their deadline are closed
ALERTS_MS = 3_000  # stock alerts of a hidden Inventory page: at most one look per 3 s of changes
EXPIRY_MS = 3_600_000  # how often keys past their expiry date are marked expired
FIRST_PAINT_S = 0.5  # start() waits this long at most for the window's first paint
LIVE_PAGES = ("today_page", "orders_page", "aftersales_page")  # follow every change, shown or not


class MainWindow(Navigation, QMainWindow):
    """The pages are built the first time they are needed (page_shelf.py): Today at once, the board and the desk
    right after the first paint (they notify while hidden), the others when first shown or asked for."""

    first_page_loaded = Signal()  # the first page on screen shows the shop's data

    today_page = LazyPage()
    orders_page = LazyPage()
    inventory_page = LazyPage()
    aftersales_page = LazyPage()
    customers_page = LazyPage()
    products_page = LazyPage()
    analytics_page = LazyPage()
    payments_page = LazyPage()
    settings_page = LazyPage()

    @functools.cached_property
    def staff_page(self) -> QWidget:
        """The Team page (in the navigation only for a user who may manage the staff), built on first need."""
        from shopdesk.ui.pages.staff import StaffPage

        page = StaffPage(self.ops)
        page.protect_requested.connect(self.protect_shop)
        return page

    def __init__(self, ops: Ops, config: Config, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.config = config
        self.setWindowTitle(self.tr("ShopDesk"))
        self.resize(1280, 800)
        self.window_settings = window_state.settings_for(config.data_dir)
        self.theme = Theme(self)
        self.theme.apply()

        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(184)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget(objectName="pages")
        self._live = False  # start() went live: a page built from then on loads at once
        self.shelf = Shelf(self.stack, self._page_built)
        for module, cls, name, title in (
            ("today", "TodayPage", "today_page", self.tr("Today")),
            ("orders", "OrdersPage", "orders_page", self.tr("Orders")),
            ("inventory", "InventoryPage", "inventory_page", self.tr("Inventory")),
            ("aftersales", "AfterSalesPage", "aftersales_page", self.tr("After-sales")),
            ("customers", "CustomersPage", "customers_page", self.tr("Customers")),
            ("products", "ProductsPage", "products_page", self.tr("Products")),
            ("analytics", "AnalyticsPage", "analytics_page", self.tr("Analytics")),
            ("payments", "PaymentsPage", "payments_page", self.tr("Payment inbox")),
            ("settings", "SettingsPage", "settings_page", self.tr("Settings")),
        ):
            self.shelf.add(title, name, page_class(module, cls, ops))
        for i, title in enumerate(self.shelf.titles()):
            item = QListWidgetItem(icons.icon(NAV_ICONS[i]), title, self.nav)
            item.setToolTip(f"{title} ({nav_keys(i)})")
        self.nav.currentRowChanged.connect(self._show_row)
        self.stack.currentChanged.connect(self._page_shown)
        self._pending: dict[QWidget, dict[str, set[int]]] = {}
        self._alerts_timer = timer(self, ALERTS_MS, self.refresh_alerts, single_shot=True)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.lock_cover = QLabel(self.tr("ShopDesk is locked."), objectName="lockCover")
        self.cover = QStackedWidget()
        self.cover.addWidget(central)
        self.cover.addWidget(self.lock_cover)
        self.setCentralWidget(self.cover)
        self._hidden_dialogs: list[QDialog] = []
        self.gave_up = False  # nobody logged in at start: the app closes

        self.db_label = DatabaseLabel(objectName="dbLabel")
        self.api_label = QLabel(objectName="apiLabel")
        self.api: IntakeServer | None = None
        self.api_port: int | None = None
        self.backups = Backups(self)  # the status bar's last-backup age and File → Back up now / Restore…
        self.menus = Menus(self)
        self.simulate_action = self.menus.simulate_action
        self.lock_action = self.menus.lock_action
        self.protect_action = self.menus.protect_action
        self.stack.currentChanged.connect(lambda _i: self.menus.update_export())
        self.menus.update_export()
        self.gate = Gate(ops, self, config.data_dir)
        self.lock_action.triggered.connect(self.gate.lock)
        self.gate.locked_changed.connect(self.on_locked)
        self.gate.identity_changed.connect(self.on_identity)
        self.user_label = QLabel(objectName="userLabel")
        self.protect_button = QPushButton(self.tr("Protect this shop…"), objectName="protectShop")
        self.protect_button.setToolTip(self.tr("Create the owner account: from then on everyone logs in."))
        self.protect_button.clicked.connect(self.protect_shop)
        self.protect_button.hide()
        self.state_label = QLabel(self.tr("Opening the shop…"), objectName="stateLabel")
        self.statusBar().addWidget(self.state_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.protect_button)
        self.statusBar().addPermanentWidget(self.api_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().addPermanentWidget(self.backups.button)

        self.presence = Presence(ops, self, self)
        self.statusBar().addPermanentWidget(self.presence.label)
        self.watcher = ChangeWatcher(ops, self)
        self.watcher.changed.connect(self.on_changes)
        self.sweeper = timer(self, SWEEP_MS, self.close_overdue_orders)
        self.expiry_timer = timer(self, EXPIRY_MS, self.expire_keys)
        self.webhooks = WebhookPump(ops, self)  # alerts off the desktop: the outbox goes out from here
        self.ai_track = AiTrack(
            ops, self
        )  # the reason model: warmed up off the DB threads, retrained in the background
        ops.failed.connect(self.show_error)
        ops.connection_changed.connect(self.on_connection)
        self.notifier = Notifier(self)
        self.bell = Bell(self.notifier, self.window_settings, self)
        self.bell.opened.connect(self.open_note)
        self.statusBar().addPermanentWidget(self.bell)
        self.theme.changed.connect(self.refresh_icons)
        window_state.restore_geometry(self, self.window_settings)
        self._alerted: set[tuple[int, str]] = set()
        self._anomalies_told: set[str] = set()
        with QSignalBlocker(self.nav):  # Today is built in start(), once the window is on screen
            self.nav.setCurrentRow(0)
        self._was_painted = False
        self._paint_waiter: asyncio.Future | None = None
        self.installEventFilter(self)

    async def start(self, *, seed_demo: bool, api_port: int | None = None) -> None:
        """Open (and migrate) the database off the GUI thread, seed a demo shop on first run, then go live.

        The storefront API listens on `api_port` (default: the shop's api.port setting; 0 picks a free port)."""
        await self._painted()  # a window on screen first: what follows imports and builds for a while
        if icons.held():
            icons.release()
            self.refresh_icons()
        from shopdesk.app import ShopApp  # the database layer and the services: imported here, on the GUI thread
        from shopdesk.services.inventory import secrets

        opening = asyncio.ensure_future(self.ops.call(ShopApp.open, self.config))
        self._show_row(self.nav.currentRow())  # the first page, built while the shop opens
        shop = await opening
        shop.hold_open()  # no restore under a running window
        self.ops.attach(shop)
        if not await self.gate.login_at_start():  # a shop with staff accounts: someone logs in first
            self.gave_up = True
            self.close()
            return
        await self.show_identity()
        shop.vault  # noqa: B018 - a missing or foreign vault key stops here, with its message, before anything runs
        kind = self.tr("SQLite") if self.config.is_sqlite else self.tr("Server")
        self.db_label.setText(self.tr("Database: %1 (%2)").replace("%1", self.config.db_label).replace("%2", kind))
        await self.follow_zone()
        first = self.stack.currentWidget()
        await first.load()  # the page on screen first; everything else after it has painted
        self.first_page_loaded.emit()
        for warning in shop.warnings:
            self.notifier.notify(self.tr("Files readable by others"), warning)
        await self.watcher.start()
        if seed_demo:
            from shopdesk.services.maintenance import demo

            if await self.ops.read(demo.is_empty):
                self.state_label.setText(self.tr("First start: creating a demo shop…"))
                await self.ops.write(demo.seed, shop.vault)  # the change feed brings it to the pages
        await self.ops.write(secrets.remove_abandoned_exports, actor="system")
        await self.presence.start()
        await self.close_overdue_orders()
        for name in LIVE_PAGES:  # built now: the board and the desk notify while hidden
            self.shelf.page(name)
        self._live = True
        loads = [page.load() for _title, page in self.shelf.built() if page is not first]
        await asyncio.gather(*loads, self.staff_page.load(), self.refresh_alerts())
        window_state.restore_parts(self.all_pages_widgets(), self.window_settings)
        self.sweeper.start()
        self.warm_up_ai()
        await self.start_api(api_port)
        await self.expire_keys()
        self.expiry_timer.start()
        self.webhooks.start()
        self.ai_track.start()
        self.state_label.setText(self.tr("Ready"))
        self.backups.start()

    def warm_up_ai(self) -> None:
        """The AI track's seed model, jieba and scikit-learn load on a thread of their own once the window is up (not
        before the first paint: they take a second or more; not on a DB thread: a write must not wait for them)."""
        from shopdesk.services.desk import suggestions

        suggestions.warm_up_in_background()

    async def _painted(self) -> None:
        """Until the window has painted itself once (at most FIRST_PAINT_S); at once for a window not shown."""
        if not self.isVisible() or self._was_painted:
            return
        self._paint_waiter = asyncio.get_event_loop().create_future()  # the loop set for the GUI thread
        try:
            await asyncio.wait_for(self._paint_waiter, FIRST_PAINT_S)
        except TimeoutError:
            pass

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self and event.type() == QEvent.Type.Paint and not self._was_painted:
            self._was_painted = True
            self.removeEventFilter(self)
            if self._paint_waiter is not None and not self._paint_waiter.done():
                self._paint_waiter.set_result(None)
        return False

    async def start_api(self, port: int | None) -> None:
        from shopdesk.services.common import settings
        from shopdesk.services.storefront import intake

        shop = self.ops.shop
        if port is None:
            port = await self.ops.read(settings.value, "api.port")
        from shopdesk.services.storefront.server import IntakeServer  # aiohttp: after the first paint

        await self.ops.write(intake.api_secret)
        self.api = IntakeServer(self.ops.write, shop.vault, port=port)
        try:
            self.api_port = await self.api.start()
        except OSError as exc:
            self.api = self.api_port = None
            self.api_label.setText(self.tr("Storefront API off: port %1 is busy").replace("%1", str(port)))
            self.api_label.setToolTip(exc.strerror or "")
        else:
            self.api_label.setText(self.tr("Storefront API: 127.0.0.1:%1").replace("%1", str(self.api_port)))
            self.simulate_action.setEnabled(True)
        if self.shelf.is_built("settings_page"):
            page = self.settings_page
            page.running_port = self.api_port
            await page.storefront.load(page.owner)

    @asyncSlot(int)
    async def restart_api(self, port: int) -> None:
        """A new api.port saved on the Settings page: this window's server moves to it."""
        if self.api is not None:
            api, self.api = self.api, None
            await api.stop()
        await self.start_api(port)

    @asyncSlot()
    async def simulate_storefront(self) -> None:
        """Demo: a minute of storefront traffic through the real, signed API."""
        from shopdesk.services.storefront import intake, simulator

        if self.api is None:
            return
        secret = await self.ops.write(intake.api_secret)
        skus = await self.ops.read(simulator.stocked_products)
        if not skus:
            self.state_label.setText(self.tr("No product has keys in stock to sell."))
            return
        self.simulate_action.setEnabled(False)
        self.state_label.setText(self.tr("Simulating a storefront for 60 seconds…"))
        try:
            stats = await simulator.simulate(f"http://127.0.0.1:{self.api_port}", secret, skus, rate=2, duration=60)
        finally:
            self.simulate_action.setEnabled(True)
        self.state_label.setText(
            self.tr("Simulation done: %1 orders, %2 payments.")
            .replace("%1", str(stats.orders))
            .replace("%2", str(stats.payments))
        )

    def on_changes(self, changes: dict) -> None:
        """The page on screen, the live board and the desk update at once; the others when they are shown
        (a burst of storefront orders must not make hidden pages re-read the shop on the one DB thread)."""
        if "setting" in changes:
            if self.api is not None:
                asyncio.ensure_future(self.api.reload_secret())  # a rotation on any desktop reaches this server
            self.follow_zone()  # `shopdesk timezone` on any desktop: the board's dates follow
        current = self.stack.currentWidget()
        always = {e.widget for e in self.shelf.entries if e.built and e.name in LIVE_PAGES}
        for _title, page in self.shelf.built():
            if page is current or page in always:
                page.on_changes(changes)
            else:
                pending = self._pending.setdefault(page, {})
                for topic, ids in changes.items():
                    pending.setdefault(topic, set()).update(ids)
        if "desktop" in changes or "case" in changes:
            self.presence.refresh()
        if "case" in changes:
            self.ai_track.case_changed()  # enough cases confirmed: the model learns again, in the background
        if self.stack.indexOf(self.staff_page) >= 0 and current is self.staff_page:
            self.staff_page.on_changes(changes)
        if ("stock" in changes or "product" in changes or "alert" in changes) and not (
            self.shelf.is_built("inventory_page") and current is self.inventory_page
        ):
            self._alerts_timer.start()  # stock alerts still reach the badge and the tray, a few seconds later

    # --- who is at the desk ------------------------------------------------------------------------------

    async def show_identity(self) -> None:
        """The status bar names the user and their role; the Staff page is there for who may manage users."""
        from shopdesk.services.common import access

        who = self.ops.shop.identity
        protected = self.gate.protected
        self.lock_action.setEnabled(protected)
        self.protect_action.setEnabled(not protected)
        self.protect_button.setVisible(not protected)
        self.user_label.setVisible(protected)
        if who is not None:
            self.user_label.setText(f"{who.shown} · {labels.role(who.role)}")
        manages = who is not None and await self.ops.read(access.allowed, who.role, "users.manage")
        self.show_staff_page(manages)

    def show_staff_page(self, shown: bool) -> None:
        present = self.stack.indexOf(self.staff_page) >= 0
        if shown and not present:
            self.stack.addWidget(self.staff_page)
            item = QListWidgetItem(icons.icon("team"), self.tr("Team"), self.nav)  # the page's title says it in full
            item.setToolTip(f"{self.tr('Team')} ({nav_keys(self.nav.count() - 1)})")
        elif not shown and present:
            if self.stack.currentWidget() is self.staff_page:
                self.nav.setCurrentRow(0)
            self.nav.takeItem(self.stack.indexOf(self.staff_page))
            self.stack.removeWidget(self.staff_page)

    @asyncSlot()
    async def on_identity(self) -> None:
        """A login after start (the first owner, or another user at the lock): the pages load as that user."""
        await self.show_identity()
        if self.state_label.text() == self.tr("Ready"):
            await asyncio.gather(*(page.load() for _title, page in self.shelf.built()), self.staff_page.load())

    def on_locked(self, locked: bool) -> None:
        """Locked: the window shows nothing of the shop and takes no input; open dialogs wait hidden."""
        self.cover.setCurrentWidget(self.lock_cover if locked else self.cover.widget(0))
        self.menuBar().setEnabled(not locked)
        self.statusBar().setEnabled(not locked)
        if locked:
            keep = self.gate.dialog
            self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible() and d is not keep]
            for dialog in self._hidden_dialogs:
                dialog.hide()
        else:
            for dialog in self._hidden_dialogs:
                dialog.show()
            self._hidden_dialogs = []

    @asyncSlot()
    async def protect_shop(self) -> None:
        """Single-user mode ends: the owner account is created and logged in."""
        if self.gate.protected or self.ops.shop is None:
            return

        async def save(values: dict):
            return await self.gate.protect(values["name"], values["passphrase"], values["display_name"])

        dialog = UserDialog(self.ops, save, first=True, parent=self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _page_shown(self, index: int) -> None:
        if self.stack.widget(index) is self.staff_page:
            self.staff_page.refresh()
            return
        pending = self._pending.pop(self.stack.widget(index), None)
        if pending:
            self.stack.widget(index).on_changes(pending)

    @asyncSlot()
    async def refresh_alerts(self) -> None:
        """The Inventory item's badge and the tray's stock alerts, whether or not the page was ever opened."""
        from shopdesk.services.inventory import stock

        alerts = await self.ops.read(stock.alerts)
        if self.shelf.is_built("inventory_page"):
            self.inventory_page.show_alerts(alerts)  # its banner too; it tells on_alerts
        else:
            self.on_alerts(alerts)

    @asyncSlot()
    async def close_overdue_orders(self) -> None:
        from shopdesk.services.orders import selling

        await self.ops.write(selling.close_expired, actor="system")

    @asyncSlot()
    async def expire_keys(self) -> None:
        from shopdesk.services.inventory import stock

        await self.ops.write(stock.expire_due, actor="system")

    def on_alerts(self, alerts: list) -> None:
        """Badge the Inventory item; notify once each time a product crosses into an alert."""
        index = [e.name for e in self.shelf.entries].index("inventory_page")
        item = self.nav.item(index)
        title = self.shelf.titles()[index]
        item.setText(f"{title}  ({len(alerts)})" if alerts else title)
        current = {(a.product_id, a.kind) for a in alerts}
        for alert in alerts:
            if (alert.product_id, alert.kind) in self._alerted:
                continue
            if alert.kind == "low_stock":
                text = self.tr("%1 is low: %2 key(s) left (alert below %3).")
                text = text.replace("%1", alert.sku).replace("%2", str(alert.available))
                text = text.replace("%3", str(alert.threshold))
            elif alert.kind == "damaged":
                text = self.tr("%1: %2 key(s) with a damaged secret were taken out of sale; check the batch.")
                text = text.replace("%1", alert.sku).replace("%2", str(alert.expiring))
            else:
                text = self.tr("%1: %2 key(s) expire within %3 days.").replace("%1", alert.sku)
                text = text.replace("%2", str(alert.expiring)).replace("%3", str(alert.days))
            self.notifier.notify(
                self.tr("Stock alert"), text, kind="low_stock", where="inventory", what={"product_id": alert.product_id}
            )
        self._alerted = current

    @asyncSlot()
    async def follow_zone(self) -> None:
        """The board's dates are the shop's local dates, as on Today and in the reports."""
        from shopdesk.services.numbers import days
        from shopdesk.ui.widgets import board_filters

        board_filters.use_zone(await self.ops.read(days.shop_zone))

    def on_anomalies(self, alerts) -> None:
        """One notification per anomaly alert (per run of the window; the Today page keeps listing it)."""
        from shopdesk.ui import numbers_text

        for alert in alerts:
            if alert.key not in self._anomalies_told:
                self._anomalies_told.add(alert.key)
                self.notifier.notify(
                    self.tr("Out of the ordinary"), numbers_text.alert(alert), kind="anomaly", where="today"
                )

    def on_breaches(self, breaches: list) -> None:
        """One tray notification per SOP breach (the service records each breach once, across desktops)."""
        from shopdesk.ui.desk import labels as desk

        for b in breaches:
            self.notifier.notify(
                self.tr("After-sales SOP breached"),
                desk.breach(b.kind, b.case_id, b.order_number),
                kind="breach",
                where="desk",
                what={"scope": "breached"},
            )

    def on_connection(self, connected: bool) -> None:
        """The database server went away: say so and keep trying (the change feed's polls are the retries); open
        dialogs stay as they are. Back: every page reads the shop again."""
        if not connected:
            background, text = labels.chip_colours("clock", "amber")
            self.state_label.setText(self.tr("Reconnecting to the database server…"))
            self.state_label.setStyleSheet(f"background: {background.name()}; color: {text.name()}; padding: 0 6px;")
            return
        self.state_label.setText(self.tr("Reconnected"))
        self.state_label.setStyleSheet("")
        for _title, page in self.shelf.built():
            asyncio.ensure_future(page.load())

    # --- the shell: menus, pages, notifications ----------------------------------------------------------------
    @asyncSlot()
    async def open_desk_settings(self, tab: str | None = None) -> None:
        from shopdesk.ui.desk.settings import DeskSettingsDialog

        dialog = DeskSettingsDialog(self.ops, self)
        await dialog.load()
        if tab == "rules":
            dialog.tabs.setCurrentWidget(dialog.rules)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def on_order_note(self, title: str, text: str) -> None:
        """The board's notifications: a new paid order opens the board, a long wait the orders waiting for keys."""
        waiting = title == QCoreApplication.translate("OrdersPage", "Order waiting for keys")
        kind, status = ("waiting", "awaiting_stock") if waiting else ("paid", None)
        self.notifier.notify(title, text, kind=kind, where="orders", what={"status": status})

    def refresh_icons(self, _name: str = "") -> None:
        for i in range(self.nav.count()):
            self.nav.item(i).setIcon(icons.icon(NAV_ICONS[i]))
        if hasattr(self, "menus"):
            self.menus.refresh_icons()
        if hasattr(self, "bell"):
            self.bell.refresh_icon()
        icons.refresh(self)  # the pages' buttons

    def show_error(self, title: str, message: str) -> None:
        tell(self, title, message)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        window_state.save(self, self.all_pages_widgets(), self.window_settings)
        self._alerts_timer.stop()
        self.gate.stop()
        if self.api is not None:
            api, self.api = self.api, None
            asyncio.ensure_future(api.stop())
        self.sweeper.stop()
        self.expiry_timer.stop()
        self.webhooks.stop()
        self.ai_track.stop()
        self.backups.stop()
        for name in ("aftersales_page", "today_page"):
            if self.shelf.is_built(name):
                self.shelf.page(name).stop()
        self.presence.stop()
        if self.ops.shop is not None:
            asyncio.ensure_future(self.presence.leave())
        self.watcher.stop()
        super().closeEvent(event)

"""The menu bar: File (export, copy the shop, demo, quit), View (every page, Ctrl+1..9 and 0; find, Ctrl+F), Shop (lock,
protect), Desk (the desk, a new case, desk settings, rules) and Help (about, shortcuts, the data folder, the log).

A page may offer `export_table()` (File → Export… writes what it shows) and `focus_search()` (Ctrl+F)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from qasync import asyncSlot

from shopdesk import __version__
from shopdesk.logfile import log_path
from shopdesk.ui import icons
from shopdesk.ui.widgets.prompts import tell

# The navigation's pages in order (Ctrl+1..9, 0) and their icons; the Team page is there for who manages users.
NAV_ICONS = (
    "today",
    "orders",
    "inventory",
    "aftersales",
    "customers",
    "products",
    "analytics",
    "payments",
    "settings",
    "team",
)


def nav_keys(index: int) -> str:
    """The shortcut of the navigation's page at `index`: Ctrl+1..9, then Ctrl+0 for the tenth (the Team page)."""
    return f"Ctrl+{index + 1}" if index < 9 else "Ctrl+0"


class Menus(QObject):
    """Builds the window's menu bar and keeps its actions (tests and tooltips read them)."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.shortcuts: list[tuple[str, str]] = []  # (keys, what) for Help → Keyboard shortcuts
        bar = window.menuBar()

        file = bar.addMenu(self.tr("&File"))
        self.export_action = self._action(file, self.tr("Export…"), "export", "Ctrl+E", self.export)
        self.copy_action = self._action(file, self.tr("Copy the shop to a file…"), "backup", None, self.copy_shop)
        self.copy_action.setToolTip(self.tr("A complete copy of the shop in a new SQLite file, for safe keeping."))
        self.backup_action = self._action(file, self.tr("Back up now"), "backup", None, window.backups.back_up_now)
        self.backup_action.setToolTip(self.tr("A verified backup into the backup folder, kept 7 days and 4 weeks."))
        self.restore_action = self._action(file, self.tr("Restore…"), "backup", None, window.backups.restore)
        self.restore_action.setToolTip(self.tr("Put a backup in place of the shop's database (kept aside first)."))
        file.addSeparator()
        self.simulate_action = self._action(
            file, self.tr("Simulate a storefront for a minute (demo)"), "simulate", None, window.simulate_storefront
        )
        self.simulate_action.setEnabled(False)
        file.addSeparator()
        self.quit_action = self._action(file, self.tr("Quit"), "quit", "Ctrl+Q", window.close)

        view = bar.addMenu(self.tr("&View"))
        self.page_actions: list[QAction] = []
        for i, title in enumerate(window.all_page_titles()):
            keys = nav_keys(i)
            action = self._action(view, title, NAV_ICONS[i], keys, lambda _c=False, n=i: window.show_page(n))
            self.page_actions.append(action)
        view.addSeparator()
        self.find_action = self._action(view, self.tr("Find on this page"), "search", "Ctrl+F", window.focus_search)
        self.view_menu = view

        shop = bar.addMenu(self.tr("&Shop"))
        self.lock_action = self._action(shop, self.tr("Lock"), "lock", "Ctrl+L", None)
        self.lock_action.setEnabled(False)
        self.protect_action = self._action(shop, self.tr("Protect this shop…"), "protect", None, window.protect_shop)
        self.protect_action.setEnabled(False)
        shop.addSeparator()
        self.settings_action = self._action(shop, self.tr("Settings…"), "settings", "Ctrl+,", window.show_settings)

        desk = bar.addMenu(self.tr("&Desk"))
        self.desk_action = self._action(desk, self.tr("Go to the desk"), "aftersales", None, window.go_to_desk)
        self.open_case_action = self._action(
            desk, self.tr("Open a case…"), "add", None, lambda: window.aftersales_page.open_case_dialog()
        )
        desk.addSeparator()
        self.desk_settings_action = self._action(
            desk, self.tr("Desk settings…"), "settings", None, lambda: window.open_desk_settings()
        )
        self.rules_action = self._action(
            desk, self.tr("Rules…"), "settings", None, lambda: window.open_desk_settings("rules")
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(
            help_menu, self.tr("Keyboard shortcuts"), "keyboard", "F1", self.show_shortcuts
        )
        self.data_action = self._action(help_menu, self.tr("Open the data folder"), "folder", None, self.open_data)
        self.log_action = self._action(help_menu, self.tr("Open the log"), "log", None, self.open_log)
        help_menu.addSeparator()
        self.about_action = self._action(help_menu, self.tr("About ShopDesk"), "about", None, self.about)
        for keys, what in (
            ("Ctrl+L", self.tr("Lock")),
            ("T", self.tr("Desk: take the case")),
            ("R", self.tr("Desk: resolve the case")),
            ("N", self.tr("Desk: add a note")),
        ):
            if (keys, what) not in self.shortcuts:
                self.shortcuts.append((keys, what))
        self.dialog: QDialog | None = None

    def _action(self, menu, text: str, icon: str, keys: str | None, slot) -> QAction:
        action = menu.addAction(icons.icon(icon), text)
        action.setProperty("icon_name", icon)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text.rstrip('…')} ({keys})")
            self.shortcuts.append((keys, text.rstrip("…")))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def refresh_icons(self) -> None:
        for action in self.w.menuBar().findChildren(QAction):
            name = action.property("icon_name")
            if name:
                action.setIcon(icons.icon(name))

    def page_count_changed(self, count: int) -> None:
        """The Team page comes and goes with who is logged in: its Ctrl+0 with it."""
        for i, action in enumerate(self.page_actions):
            action.setVisible(i < count)

    # --- File ----------------------------------------------------------------------------------------------
    def update_export(self) -> None:
        page = self.w.stack.currentWidget()
        self.export_action.setEnabled(callable(getattr(page, "export_table", None)))

    def export(self) -> None:
        page = self.w.stack.currentWidget()
        if callable(getattr(page, "export_table", None)):
            page.export_table()

    def copy_shop(self) -> None:
        if self.w.ops.shop is None:
            return
        dialog = QFileDialog(self.w, self.tr("Copy the shop to a file"))
        dialog.setObjectName("copyShopDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("sqlite3")
        dialog.setNameFilter(self.tr("ShopDesk databases (*.sqlite3)"))
        dialog.selectFile("shopdesk-copy.sqlite3")
        dialog.fileSelected.connect(self.copy_to)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    @asyncSlot(str)
    async def copy_to(self, path: str) -> None:
        from shopdesk.services.maintenance import copy as copying

        ops = self.w.ops
        self.w.state_label.setText(self.tr("Copying the shop…"))
        result = await ops.attempt(ops.call(copying.copy_to_file, ops.shop.db, path))
        if hasattr(result, "rows"):
            text = self.tr("The shop was copied to %1 (%2 rows).").replace("%1", path).replace("%2", str(result.rows))
            self.w.state_label.setText(text)
            tell(self.w, self.tr("Shop copied"), text)
        else:
            self.w.state_label.setText(self.tr("Ready"))

    # --- Help ------------------------------------------------------------------------------------------------
    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self.w, objectName="shortcutsDialog")
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(self.shortcuts), 2, dialog, objectName="shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Shortcut"), self.tr("What it does")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(self.shortcuts):
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            table.setItem(row, 0, QTableWidgetItem(shown))
            table.setItem(row, 1, QTableWidgetItem(what))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(440, 420)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_data(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.w.config.data_dir)))

    def open_log(self) -> bool:
        path = log_path(self.w.config.data_dir)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.touch(mode=0o600)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def about(self) -> QMessageBox:
        text = self.tr("ShopDesk %1\n\nOrders, card keys and the after-sales desk of a virtual-goods shop.\n\nData: %2")
        text = text.replace("%1", __version__).replace("%2", str(self.w.config.data_dir))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About ShopDesk"), text, QMessageBox.StandardButton.Ok)
        box.setParent(self.w, box.windowFlags())
        box.setObjectName("aboutDialog")
        box.finished.connect(lambda _r: box.deleteLater())
        box.open()
        self.dialog = box
        return box

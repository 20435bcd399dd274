"""Settings (the owner's page): the shop, the storefront API, orders and stock, the AI track, this desktop; more
sections (backups, webhooks) join with `add_section(title, widget)`.

Every value comes from the one registry (services/common/settings.REGISTRY) and is checked by it: on Save each edited
field is parsed there first and a refusal is shown beside its field, in the user's language, with nothing written;
then all edits go in one transaction through `settings.change` (owner only, audited). A staff member or viewer sees
the values read-only. The page follows the change feed: another desktop's change shows at once (an edit in progress
is kept)."""

from __future__ import annotations

import functools
import zoneinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import settings, zone
from shopdesk.ui.errors import FIXABLE
from shopdesk.ui.ops import Ops
from shopdesk.ui.settings.backups import BackupSettings
from shopdesk.ui.settings.desktop import DesktopSection
from shopdesk.ui.settings.fields import ChoiceField, Field, TextField, ZoneField, worded
from shopdesk.ui.settings.storefront import StorefrontSection
from shopdesk.ui.settings.webhooks import WebhookSettings
from shopdesk.ui.widgets.common import LivePage, page_title, wrapped_label

QWIDGETSIZE_MAX = 16_777_215  # a widget's maximum width when nothing limits it
OK_STYLE, PROBLEM_STYLE = "color: #1b6b3a;", "color: #a61b1b;"


def _save(session, changes: dict[str, str]) -> dict:
    """Every edit in one transaction: one refusal and none is written."""
    return {key: settings.change(session, key, raw) for key, raw in changes.items()}


@functools.cache
def _zone_names() -> list[str]:
    """Every IANA zone this machine knows, sorted: read from the tz database once per process."""
    return sorted(zoneinfo.available_timezones())


class SettingsPage(LivePage, QWidget):
    topics = ("setting",)
    team_requested = Signal()  # This desktop → Users: the Team page
    restore_requested = Signal(str)  # Backups → Restore: the window closes the shop and puts the backup in place
    api_port_saved = Signal(int)  # a new port was saved here: the window restarts its storefront API on it

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._ops = ops
        self.owner = True
        self.running_port: int | None = None  # the port this window's storefront API is bound to (None: off)
        self.fields: dict[str, Field] = {}
        self.title = page_title(self.tr("Settings"))
        self.read_only = wrapped_label(
            self.tr("Only the owner can change the settings: you see them as they are."), objectName="readOnlyNote"
        )
        self.read_only.hide()
        self.tabs = QTabWidget(objectName="settingsTabs")

        self.shop_tab = QWidget(objectName="shopTab")
        form = QFormLayout(self.shop_tab)
        name = self._field(TextField("shop.name", self.tr("Shop name"), self, width=360))
        form.addRow(name.label, self.cell(name))
        zones = _zone_names()
        tz = self._field(ZoneField("shop.timezone", self.tr("Time zone"), zones, zone.system_zone_name, self))
        tz.editor.setMaximumWidth(360)
        form.addRow(
            tz.label,
            self.cell(tz, self.tr("The shop's days (Today, the reports, the board's dates) are its local days.")),
        )
        choices = [("", self.tr("Follow the system")), ("zh_CN", "中文"), ("en", "English")]
        language = self._field(ChoiceField("shop.language", self.tr("Language"), choices, self))
        language.editor.setMaximumWidth(360)
        form.addRow(
            language.label,
            self.cell(language, self.tr("Takes effect the next time ShopDesk starts (a --lang given at start wins).")),
        )
        self.tabs.addTab(self.shop_tab, self.tr("Shop"))

        self.storefront = StorefrontSection(ops, self)
        self._field(self.storefront.port)
        self.tabs.addTab(self.storefront, self.tr("Storefront API"))
        self.tabs.currentChanged.connect(self._tab_shown)

        self.orders_tab = QWidget(objectName="ordersTab")
        form = QFormLayout(self.orders_tab)
        for key, label, note in (
            (
                "orders.pay_timeout_minutes",
                self.tr("Unpaid orders close after (minutes)"),
                self.tr("An order not paid in time closes and its keys go back on sale."),
            ),
            (
                "stock.low_threshold",
                self.tr("Low-stock alert below (keys)"),
                self.tr("For new products; each product's own line is on the Products page."),
            ),
            (
                "stock.expiring_days",
                self.tr("Expiry warning (days ahead)"),
                self.tr("Keys that expire within so many days are flagged on Today and in the inventory."),
            ),
            (
                "alerts.min_paid_orders",
                self.tr("Cancellation alerts from (paid orders a day)"),
                self.tr("A product's cancellation rate is watched only on days it has at least so many paid orders."),
            ),
        ):
            field = self._field(TextField(key, label, self, width=110))
            form.addRow(label, self.cell(field, note))
        self.tabs.addTab(self.orders_tab, self.tr("Orders and stock"))

        self.ai_tab = QWidget(objectName="aiTab")
        form = QFormLayout(self.ai_tab)
        for key, label, note in (
            (
                "ai.threshold",
                self.tr("Confidence to take a suggestion"),
                self.tr(
                    "A suggestion at least this sure becomes the case's reason; below it a person picks from the "
                    "three best."
                ),
            ),
            (
                "ai.retrain_every",
                self.tr("Confirmed cases before the model learns again"),
                self.tr("The model learns again in the background after this many cases people confirmed."),
            ),
        ):
            field = self._field(TextField(key, label, self, width=110))
            form.addRow(label, self.cell(field, note))
        self.tabs.addTab(self.ai_tab, self.tr("AI track"))

        self.backups = BackupSettings(ops)
        self.backups.restore_requested.connect(self.restore_requested)
        self.tabs.addTab(self.backups, self.tr("Backups"))
        self.webhooks = WebhookSettings(ops)
        self.tabs.addTab(self.webhooks, self.tr("Alerts to your phone"))

        self.desktop = DesktopSection(ops)
        self.desktop.team_requested.connect(self.team_requested)
        self.tabs.addTab(self.desktop, self.tr("This desktop"))

        self.message = wrapped_label(objectName="settingsMessage")
        self.revert_button = QPushButton(self.tr("Revert"), objectName="revertSettings")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"), objectName="saveSettings")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.save_bar = QWidget(objectName="settingsSaveBar")  # for the registry's fields; sections save their own
        bar = QHBoxLayout(self.save_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.read_only)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.save_bar)
        self._edited()

    def _field(self, field: Field) -> Field:
        self.fields[field.key] = field
        field.edited.connect(self._edited)
        return field

    def cell(self, field: Field, note: str = "") -> QWidget:
        """A field's editor with its range and default beside it, a note under it, and its error under that."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        narrow = field.editor.maximumWidth() < QWIDGETSIZE_MAX
        if narrow:
            field.editor.setMinimumWidth(field.editor.maximumWidth())
        row.addWidget(field.editor, 0 if narrow else 1)
        hint = field.hint() if isinstance(field, TextField) else ""
        if hint:
            row.addWidget(QLabel(hint, objectName="hint"))
        if narrow:
            row.addStretch(1)
        column.addLayout(row)
        if note:
            column.addWidget(wrapped_label(note, objectName="hint"))
        column.addWidget(field.error)
        return cell

    def add_section(self, title: str, widget: QWidget) -> int:
        """Another section of the settings (backups, webhooks: each a widget that saves its own values); the
        index of its tab."""
        return self.tabs.addTab(widget, title)

    def show_section(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def _tab_shown(self, _index: int) -> None:
        registry_tabs = (self.shop_tab, self.storefront, self.orders_tab, self.ai_tab)
        self.save_bar.setVisible(self.tabs.currentWidget() in registry_tabs)
        if self.tabs.currentWidget() is self.storefront and self.owner and self._ops.shop is not None:
            self.storefront.renew()  # signed afresh each time it is looked at: its window is a few minutes

    # --- loading -----------------------------------------------------------------------------------------

    async def load(self) -> None:
        shop = self._ops.shop
        if shop is None:
            return
        who = shop.identity
        self.owner = who is None or who.role in ("owner", "system")
        values = await self._ops.read(settings.values)
        for key, field in self.fields.items():
            field.show(values[key])
            field.set_editable(self.owner)
        self.read_only.setVisible(not self.owner)
        await self.storefront.load(self.owner)
        await self.desktop.load(self.owner)
        await self.backups.load()
        await self.webhooks.load()
        self._edited()

    def _edited(self) -> None:
        dirty = self.owner and any(f.dirty for f in self.fields.values())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.message.setText("")

    # --- saving ------------------------------------------------------------------------------------------

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def revert(self) -> None:
        for field in self.fields.values():
            field.revert()
        self._say("", OK_STYLE)
        self._edited()

    @asyncSlot()
    async def save(self) -> None:
        edited = [f for f in self.fields.values() if f.dirty]
        if not edited:
            return
        checked = {f.key: f.check() for f in edited}
        bad = [f for f in edited if checked[f.key] is None]
        if bad:
            self.tabs.setCurrentWidget(self._tab_of(bad[0]))
            bad[0].editor.setFocus()
            self._say(self.tr("Correct the marked field: nothing was saved."), PROBLEM_STYLE)
            return
        port_before = self.fields["api.port"].loaded
        try:
            saved = await self._ops.write(_save, {f.key: f.raw() for f in edited})
        except FIXABLE as exc:
            field = self.fields.get(str((getattr(exc, "arguments", None) or {}).get("setting", "")).strip("'"))
            text = worded(exc, field.label if field else "")
            if field is not None:
                field.error.show_error(text)
            self._say(text + " " + self.tr("Nothing was saved."), PROBLEM_STYLE)
            return
        for key, value in saved.items():
            self.fields[key].loaded = value
            self.fields[key].revert()
        self._edited()
        self._say(self.tr("Saved."), OK_STYLE)
        if saved.get("api.port", port_before) != port_before:
            self.api_port_saved.emit(saved["api.port"])
        await self.load()

    def _tab_of(self, field: Field) -> QWidget:
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if tab is field.editor or tab.isAncestorOf(field.editor):
                return tab
        return self.tabs.currentWidget()

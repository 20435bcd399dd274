"""After-sales desk: the queue of cases with live SOP countdowns (nearest deadline first), and the case beside it.

The countdowns are drawn from the stored deadlines: a one-second timer only repaints. A breach sweep every
15 s records new breaches (each once, whichever desktop sees it first) and the window notifies them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.desk import sop, suggestions
from shopdesk.services.desk.cases import OPEN_STATUSES, open_by_number
from shopdesk.services.desk.workspace import QueueFilter, load_queue
from shopdesk.services.staff import users
from shopdesk.ui import icons, labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.case_view import CaseView
from shopdesk.ui.desk.dialogs import OpenCaseDialog
from shopdesk.ui.desk.queue_model import CasesModel, CountdownDelegate, clock_of
from shopdesk.ui.desk.settings import DeskSettingsDialog
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.timers import timer
from shopdesk.ui.widgets.common import LivePage, make_table, page_title, wrapped_label

TICK_MS = 1000
SWEEP_MS = 15_000


class AfterSalesPage(LivePage, QWidget):
    topics = ("case", "setting")

    breaches_found = Signal(object)  # list[sop.Breach], each reported once

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._sweeping = False
        self.model = CasesModel(self)
        self.table = make_table(self)
        self.table.setObjectName("casesTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(CasesModel.COUNTDOWN, CountdownDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._row_picked(cur.row()))
        self.table.activated.connect(lambda _i: self.open_current())
        self.empty = wrapped_label(objectName="emptyState")
        self.model_notice = wrapped_label(objectName="modelDamaged")  # a stored AI model that does not load
        self.model_notice.setStyleSheet(
            "background: #fff4e5; color: #8a3b00; border: 1px solid #f0c48a; border-radius: 4px; padding: 6px;"
        )
        self.model_notice.hide()
        queue = QWidget()
        self._stack = QStackedLayout(queue)  # on its widget first: a layout of no widget shows its first as a window
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.table)
        self.case_view = CaseView(ops, self)
        self.case_view.acted.connect(self.refresh)

        self.scopes = QButtonGroup(self)
        scope_row = QHBoxLayout()
        scope_row.setSpacing(2)
        for scope, text in (
            ("open", self.tr("All open")),
            ("mine", self.tr("Mine")),
            ("unassigned", self.tr("Unassigned")),
            ("breached", self.tr("Breached")),
            ("all", self.tr("Everything")),
        ):
            b = QPushButton(text, objectName=f"scope_{scope}")
            b.setCheckable(True)
            b.setProperty("scope", scope)
            self.scopes.addButton(b)
            scope_row.addWidget(b)
        self.scopes.buttons()[0].setChecked(True)
        self.scopes.buttonClicked.connect(lambda _b: self.refresh())
        self.class_filter = QComboBox(objectName="classFilter")
        self.class_filter.addItem(self.tr("Every class"), None)
        for code in sop.CLASSES:
            self.class_filter.addItem(labels.resp_class(code), code)
        self.class_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.reason_filter = QComboBox(objectName="reasonFilter")
        self.reason_filter.addItem(self.tr("Every reason"), None)
        self.reason_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel(objectName="caseCount")
        self.new_button = QPushButton(self.tr("Open a case…"), objectName="openCase")
        icons.decorate(self.new_button, "case")
        self.new_button.clicked.connect(self.open_case_dialog)
        self.settings_button = QPushButton(self.tr("Desk settings…"), objectName="deskSettings")
        icons.decorate(self.settings_button, "settings")
        self.settings_button.clicked.connect(self.open_settings)

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("After-sales desk")))
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.settings_button)
        filters = QHBoxLayout()
        filters.addLayout(scope_row)
        filters.addSpacing(12)
        filters.addWidget(self.class_filter)
        filters.addWidget(self.reason_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        split = QSplitter(self)
        split.addWidget(queue)
        split.addWidget(self.case_view)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([620, 500])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.model_notice)
        layout.addWidget(split, 1)

        for key, slot in (("T", self.case_view.take), ("R", self.case_view.resolve), ("N", self.case_view.add_note)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.tick_timer = timer(self, TICK_MS, self.tick)
        self.sweep_timer = timer(self, SWEEP_MS, self.sweep)

    # --- loading --------------------------------------------------------------------------------------------
    def on_changes(self, changes: dict) -> None:
        super().on_changes(changes)
        b = self.case_view.bundle
        if b is not None and (
            b.case.id in changes.get("case", ())
            or b.case.order_id in changes.get("order", ())
            or b.case.customer_id in changes.get("customer", ())
        ):
            self.reload_case()

    @asyncSlot()
    async def reload_case(self) -> None:
        await self.case_view.reload()

    def show_scope(self, scope: str) -> None:
        """The queue with one scope button pressed (open, breached, ...), every class and reason."""
        for b in self.scopes.buttons():
            if b.property("scope") == scope:
                b.setChecked(True)
        self.class_filter.blockSignals(True)
        self.reason_filter.blockSignals(True)
        self.class_filter.setCurrentIndex(0)
        self.reason_filter.setCurrentIndex(0)
        self.class_filter.blockSignals(False)
        self.reason_filter.blockSignals(False)
        self.refresh()

    def queue_filter(self) -> QueueFilter:
        scope = self.scopes.checkedButton().property("scope")
        return QueueFilter(
            scope, self._ops.shop.actor, self.class_filter.currentData(), self.reason_filter.currentData()
        )

    async def load(self) -> None:
        f = self.queue_filter()
        rows, reasons = await self._ops.read(load_queue, f)
        names = await self._ops.read(users.actor_names)
        damaged = await self._ops.read(suggestions.damaged)
        if f != self.queue_filter():
            return  # the filter moved on while this was loading; its own load follows
        keep = self.case_view.case_id
        self.case_view.reasons = reasons
        self._fill_reason_filter(reasons)
        self.model.set_cases(rows, reasons, names)
        self.table.resizeColumnsToContents()
        countdown = CasesModel.COUNTDOWN  # room for the longest countdown, so a ticking cell never clips
        self.table.setColumnWidth(countdown, max(self.table.columnWidth(countdown), 120))
        empty = (
            self.tr("No open after-sales cases. Cancellation requests will queue here.")
            if f.scope == "open" and not f.resp_class and not f.reason_code
            else self.tr("No case matches this filter.")
        )
        self.empty.setText(empty)
        self._stack.setCurrentWidget(self.table if rows else self.empty)
        self.show_damaged(damaged)
        red = sum(1 for r in rows if clock_of(r).colour == "red")
        text = self.tr("%n case(s)", "", len(rows))
        self.count_label.setText(text + (" · " + self.tr("%n breached", "", red) if red else ""))
        row = self.model.row_of(keep) if keep is not None else (0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self.start_timers()

    def show_damaged(self, versions: tuple[int, ...]) -> None:
        """Say so when the newest stored AI model does not load (suggestions then come from an older one)."""
        text = self.tr(
            "The stored AI model %1 is damaged and not used: suggestions come from the model before it (or the one"
            " ShopDesk ships with). Train it again in Analytics → AI track; `shopdesk doctor` shows the details."
        )
        self.model_notice.setText(text.replace("%1", ", ".join(f"#{v}" for v in versions)) if versions else "")
        self.model_notice.setVisible(bool(versions))

    def start_timers(self) -> None:
        if not self.tick_timer.isActive():
            self.tick_timer.start()
            self.sweep_timer.start()

    def stop(self) -> None:
        self.tick_timer.stop()
        self.sweep_timer.stop()

    def _fill_reason_filter(self, reasons: dict) -> None:
        current = self.reason_filter.currentData()
        self.reason_filter.blockSignals(True)
        self.reason_filter.clear()
        self.reason_filter.addItem(self.tr("Every reason"), None)
        for r in reasons.values():
            self.reason_filter.addItem(desk.reason_label(reasons, r.code), r.code)
        self.reason_filter.setCurrentIndex(max(0, self.reason_filter.findData(current)))
        self.reason_filter.blockSignals(False)

    # --- the clock ------------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: repaint the countdowns from the stored deadlines (no database work)."""
        self.model.tick()
        self.case_view.tick()

    @asyncSlot()
    async def sweep(self) -> None:
        await self.sweep_breaches()

    async def sweep_breaches(self) -> list:
        """Record breaches nobody has recorded yet; the ones this desk recorded are announced (once each)."""
        if self._sweeping or self._ops.shop is None:
            return []
        self._sweeping = True
        try:
            found = await self._ops.write(sop.record_breaches)
        finally:
            self._sweeping = False
        if found:
            self.breaches_found.emit(found)
        return found

    # --- cases ----------------------------------------------------------------------------------------------
    def _row_picked(self, row: int) -> None:
        if row >= 0:
            self.show_case(self.model.row_at(row).id)

    @asyncSlot()
    async def show_case(self, case_id: int) -> None:
        await self.case_view.show_case(case_id)

    def open_current(self) -> None:
        """Enter on a queue row: open the case and move to its actions."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.show_case(self.model.row_at(index.row()).id)
        target = self.case_view.take_button if self.case_view.take_button.isEnabled() else self.case_view.tabs
        target.setFocus()

    def open_case_dialog(self) -> OpenCaseDialog:
        async def submit(values: dict) -> str | None:
            problems: list[str] = []
            call = self._ops.write(
                open_by_number,
                values["number"],
                values["reason_code"],
                priority=values["priority"],
                note=values["note"],
                text=values["text"],
                actor=self._ops.shop.actor,
            )
            opened = await self._ops.attempt(call, problems.append)
            if opened is FAILED:
                return problems[0]
            await self.case_view.show_case(opened.id)
            await self.load()
            if opened.status not in OPEN_STATUSES:
                self.case_view.show_message(self.tr("The rule track settled this case as it opened."), kind="info")
            return None

        dialog = OpenCaseDialog(submit, self.case_view.reasons, parent=self)
        dialog.setObjectName("openCaseDialog")
        dialog.open()
        return dialog

    @asyncSlot()
    async def open_settings(self) -> None:
        dialog = DeskSettingsDialog(self._ops, self)
        await dialog.load()
        dialog.open()

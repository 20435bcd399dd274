"""Desk settings: SOP policies (a save is a new version; open cases keep theirs) and the business calendar their
clocks count in, the calendars, the reason taxonomy, rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.desk import calendar, rules, sop
from shopdesk.services.desk import reasons as reasons_service
from shopdesk.ui import labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.calendars import CalendarsTab
from shopdesk.ui.desk.panels import fill_table, small_table
from shopdesk.ui.desk.rules_editor import RulesTab
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label

STEPS = (("breach", "notify_owner"), ("breach", "raise_priority"), ("2x", "notify_owner"), ("2x", "raise_priority"))


def _load(session) -> tuple[list, list, list, list]:
    return (
        sop.policies(session),
        reasons_service.reasons(session, include_inactive=True),
        rules.list_rules(session, include_inactive=True),
        calendar.calendars(session),
    )


class DeskSettingsDialog(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskSettings")
        self._ops = ops
        self.setWindowTitle(self.tr("Desk settings"))
        self.resize(1000, 700)  # the Calendars tab: the week, the year's days and their table
        self.policies = PoliciesTab(ops, self)
        self.reasons = ReasonsTab(ops, self)
        self.rules = RulesTab(ops, self)
        self.calendars = CalendarsTab(ops, self)
        self.calendars.changed = self._calendars_changed
        self.tabs = QTabWidget()
        self.tabs.addTab(self.policies, self.tr("SOP policies"))
        self.tabs.addTab(self.calendars, self.tr("Calendars"))
        self.tabs.addTab(self.reasons, self.tr("Reasons"))
        self.tabs.addTab(self.rules, self.tr("Rules"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    async def load(self) -> None:
        policies, reasons, rule_list, calendars = await self._ops.read(_load)
        self.policies.show_calendars(calendars)
        self.calendars.show_calendars(calendars)
        self.policies.show_policies(policies)
        self.reasons.show_reasons(reasons)
        self.rules.show_rules(rule_list, reasons={r.code: r for r in reasons})

    def _calendars_changed(self) -> None:
        self.policies.show_calendars(self.calendars._calendars)
        self.policies.show_policies(self.policies._policies, self.policies.current_key())


class PoliciesTab(QWidget):
    ESCALATION = 5  # the column of the escalation steps

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._policies: list = []
        self.table = small_table(
            [
                self.tr("Class"),
                self.tr("Priority"),
                self.tr("First response (min)"),
                self.tr("Resolution (min)"),
                self.tr("Clock pauses"),
                self.tr("Escalation"),
                self.tr("Calendar"),
                self.tr("Version"),
            ],
            "policiesTable",
        )
        header = self.table.horizontalHeader()  # the steps give way (elided, whole in the tooltip): all columns fit
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.ESCALATION, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._picked(r))
        self.note = wrapped_label(
            self.tr(
                "Changes apply to new cases only: a saved policy is a new version, and cases already open keep "
                "the deadlines and escalation they started with."
            ),
            objectName="policyNote",
        )
        self.note.setStyleSheet("background: #fff4e0; color: #8a5a00; padding: 6px; border-radius: 4px;")
        self.first = QSpinBox(objectName="firstResponse")
        self.first.setRange(1, 7 * 24 * 60)
        self.first.setSuffix(self.tr(" min"))
        self.resolution = QSpinBox(objectName="resolution")
        self.resolution.setRange(1, 30 * 24 * 60)
        self.resolution.setSuffix(self.tr(" min"))
        self.pause = QCheckBox(self.tr("Pause the resolution clock while waiting for the customer"), objectName="pause")
        self.calendar = QComboBox(objectName="policyCalendar")
        self._calendar_names: dict[int, str] = {}
        self.versions = wrapped_label(objectName="policyVersions")
        self.steps: dict[tuple[str, str], QCheckBox] = {}
        step_box = QVBoxLayout()
        for at, action in STEPS:
            when = self.tr("At the breach") if at == "breach" else self.tr("At twice the target")
            box = QCheckBox(f"{when}: {desk.escalation(action)}", objectName=f"step_{at}_{action}")
            self.steps[(at, action)] = box
            step_box.addWidget(box)
        self.save_button = QPushButton(self.tr("Save as new version"), objectName="savePolicy")
        self.save_button.clicked.connect(self.save)
        self.result = wrapped_label(objectName="policyResult")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("First response within"), self.first)
        form.addRow(self.tr("Resolution within"), self.resolution)
        form.addRow("", self.pause)
        form.addRow(self.tr("Business hours"), self.calendar)
        form.addRow(self.tr("Escalation"), step_box)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.versions)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def show_calendars(self, calendars: list) -> None:
        """The calendar choice: round the clock, or one of the business calendars."""
        self._calendar_names = {c.id: c.name for c in calendars}
        chosen = self.calendar.currentData()
        self.calendar.clear()
        self.calendar.addItem(self.tr("Round the clock (no calendar)"), None)
        for c in calendars:
            self.calendar.addItem(f"{c.name} · {c.hours}", c.name)
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(chosen)))

    def _calendar_text(self, calendar_id) -> str:
        return self._calendar_names.get(calendar_id, "") if calendar_id is not None else self.tr("round the clock")

    def current_key(self):
        p = self.current()
        return (p.resp_class, p.priority) if p else None

    def show_policies(self, policies: list, select: tuple[str, str] | None = None) -> None:
        self._policies = policies
        fill_table(
            self.table,
            [
                [
                    labels.resp_class(p.resp_class),
                    desk.priority(p.priority),
                    str(p.first_response_minutes),
                    str(p.resolution_minutes),
                    self.tr("while waiting for the customer") if p.pause_states else self.tr("never"),
                    self._steps_text(p.escalation),
                    self._calendar_text(p.calendar_id),
                    self.tr("v%1").replace("%1", str(p.id)),
                ]
                for p in policies
            ],
            policies,
        )
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.ESCALATION)
            item.setToolTip(item.text())
        keys = [(p.resp_class, p.priority) for p in policies]
        self.table.selectRow(keys.index(select) if select in keys else 0)

    def _steps_text(self, steps) -> str:
        parts = []
        for s in steps:
            when = self.tr("breach") if s.get("at") == "breach" else self.tr("2× target")
            parts.append(f"{when}: {desk.escalation(s.get('action', ''))}")
        return "; ".join(parts) or "—"

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self._policies):
            return
        p = self._policies[row]
        self.first.setValue(p.first_response_minutes)
        self.resolution.setValue(p.resolution_minutes)
        self.pause.setChecked("waiting_customer" in p.pause_states)
        have = {(s.get("at"), s.get("action")) for s in p.escalation}
        for key, box in self.steps.items():
            box.setChecked(key in have)
        name = self._calendar_names.get(p.calendar_id) if p.calendar_id is not None else None
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(name)))
        self._show_versions(p)

    @asyncSlot()
    async def _show_versions(self, p) -> None:
        """The policy's versions, oldest first (each save is one)."""
        versions = await self._ops.read(sop.versions, p.resp_class, p.priority)
        if self.current() is not p:
            return
        self.versions.setText(
            self.tr("Versions: %1").replace(
                "%1",
                " → ".join(
                    self.tr("v%1").replace("%1", str(v.id))
                    + f" ({v.first_response_minutes}/{v.resolution_minutes}"
                    + (f" · {self._calendar_names.get(v.calendar_id, '')}" if v.calendar_id is not None else "")
                    + ")"
                    for v in versions
                ),
            )
        )

    def current(self):
        row = self.table.currentRow()
        return self._policies[row] if 0 <= row < len(self._policies) else None

    @asyncSlot()
    async def save(self) -> None:
        p = self.current()
        if p is None:
            return
        self.error.show_error("")
        saved = await self._ops.attempt(
            self._ops.write(
                sop.save_policy,
                p.resp_class,
                p.priority,
                first_response_minutes=self.first.value(),
                resolution_minutes=self.resolution.value(),
                pause_states=("waiting_customer",) if self.pause.isChecked() else (),
                escalation=tuple(
                    {"at": at, "action": action} for (at, action), b in self.steps.items() if b.isChecked()
                ),
                calendar_name=self.calendar.currentData(),
                actor=self._ops.shop.actor,
            ),
            self.error.show_error,
        )
        if saved is FAILED:
            return
        self.result.setText(
            self.tr("Saved %1 / %2 as version v%3. It applies to cases opened from now on; open cases keep theirs.")
            .replace("%1", labels.resp_class(saved.resp_class))
            .replace("%2", desk.priority(saved.priority))
            .replace("%3", str(saved.id))
        )
        self.show_policies(await self._ops.read(sop.policies), (saved.resp_class, saved.priority))
        if self.current() is not None:
            self._show_versions(self.current())  # the same row stays current: no pick to refresh them


class ReasonsTab(QWidget):
    """The reason taxonomy: codes are kept forever (past cases name them); a reason is retired by unticking Active."""

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._reasons: list = []
        self.table = small_table(
            [self.tr("Code"), self.tr("Class"), self.tr("English"), self.tr("Chinese"), self.tr("Active")],
            "reasonsTable",
        )
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._picked(r))
        self.code = QLineEdit(objectName="reasonCode")
        self.code.setPlaceholderText("key_invalid")
        self.resp_class = QComboBox(objectName="reasonClass")
        for code in sop.CLASSES:
            self.resp_class.addItem(labels.resp_class(code), code)
        self.label_en = QLineEdit(objectName="labelEn")
        self.label_zh = QLineEdit(objectName="labelZh")
        self.active = QCheckBox(
            self.tr("Active (offered when opening or correcting a case)"), objectName="reasonActive"
        )
        self.active.setChecked(True)
        self.new_button = QPushButton(self.tr("New reason"), objectName="newReason")
        self.new_button.clicked.connect(self.new_reason)
        self.save_button = QPushButton(self.tr("Save reason"), objectName="saveReason")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel(objectName="reasonResult")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Class"), self.resp_class)
        form.addRow(self.tr("English label"), self.label_en)
        form.addRow(self.tr("Chinese label"), self.label_zh)
        form.addRow("", self.active)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def show_reasons(self, reasons: list, select: str | None = None) -> None:
        self._reasons = reasons
        fill_table(
            self.table,
            [
                [
                    r.code,
                    labels.resp_class(r.resp_class),
                    r.label_en,
                    r.label_zh,
                    self.tr("yes") if r.active else self.tr("no"),
                ]
                for r in reasons
            ],
            reasons,
        )
        codes = [r.code for r in reasons]
        if select in codes:
            self.table.selectRow(codes.index(select))
        elif reasons:
            self.table.selectRow(0)

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self._reasons):
            return
        r = self._reasons[row]
        self.code.setText(r.code)
        self.resp_class.setCurrentIndex(max(0, self.resp_class.findData(r.resp_class)))
        self.label_en.setText(r.label_en)
        self.label_zh.setText(r.label_zh)
        self.active.setChecked(r.active)

    def new_reason(self) -> None:
        self.table.clearSelection()
        for w in (self.code, self.label_en, self.label_zh):
            w.clear()
        self.active.setChecked(True)
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    @asyncSlot()
    async def save(self) -> None:
        self.error.show_error("")
        saved = await self._ops.attempt(
            self._ops.write(
                reasons_service.save_reason,
                self.code.text(),
                self.resp_class.currentData(),
                self.label_en.text(),
                self.label_zh.text(),
                active=self.active.isChecked(),
            ),
            self.error.show_error,
        )
        if saved is FAILED:
            return
        self.result.setText(self.tr("Saved reason %1.").replace("%1", saved.code))
        self.show_reasons(await self._ops.read(reasons_service.reasons, include_inactive=True), saved.code)

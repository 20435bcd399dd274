"""The rule track, editable: ordered rules, each a JSON object of conditions and one action; a test run shows
which past cases a rule would have matched before it is saved."""

from __future__ import annotations

import json

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.desk import rules
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.panels import fill_table, small_table
from shopdesk.ui.errors import FAILED, attempt_now
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label


class RulesTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._rules: list = []
        self._rule_id: int | None = None
        self._named = ("", "")  # (stored name, as shown) of the rule picked
        self.table = small_table(
            [self.tr("Position"), self.tr("Name"), self.tr("Conditions"), self.tr("Action"), self.tr("Active")],
            "rulesTable",
        )
        self.reasons: dict = {}  # reason code -> reason row, for the reasons' names in the conditions' words
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._picked(r))
        self.name = QLineEdit(objectName="ruleName")
        self.position = QSpinBox(objectName="rulePosition")
        self.position.setRange(1, 999)
        self.action = QComboBox(objectName="ruleAction")
        for code in rules.ACTIONS:
            self.action.addItem(desk.rule_action(code), code)
        self.active = QCheckBox(self.tr("Active"), objectName="ruleActive")
        self.conditions = QPlainTextEdit(objectName="ruleConditions")
        self.conditions.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.conditions.setFixedHeight(90)
        self.conditions.textChanged.connect(self.check)
        self.in_words = wrapped_label(objectName="ruleInWords")  # the conditions as typed, in the user's language

        def keys(names) -> str:
            return ", ".join(f"{k} ({desk.rule_condition(k)})" for k in names)

        self.help = wrapped_label(
            self.tr("Conditions (all must hold): %1 take a list of values; %2 take true or false.")
            .replace("%1", keys(rules.LIST_KEYS))
            .replace("%2", keys(rules.BOOL_KEYS))
        )
        self.help.setStyleSheet("color: #666;")
        self.validation = ErrorLabel(self)
        self.validation.setObjectName("ruleValidation")
        self.new_button = QPushButton(self.tr("New rule"), objectName="newRule")
        self.new_button.clicked.connect(self.new_rule)
        self.test_button = QPushButton(self.tr("Test on past cases"), objectName="testRule")
        self.test_button.clicked.connect(self.test_run)
        self.save_button = QPushButton(self.tr("Save rule"), objectName="saveRule")
        self.save_button.clicked.connect(self.save)
        self.result = wrapped_label(objectName="ruleResult")
        self.preview = small_table([self.tr("Case"), self.tr("Order")], "rulePreview")

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.position)
        row.addWidget(self.action, 1)
        row.addWidget(self.active)
        form.addRow(self.tr("Order / action"), row)
        form.addRow(self.tr("Conditions"), self.conditions)
        form.addRow(self.tr("In words"), self.in_words)
        form.addRow("", self.help)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        editor = QWidget()
        left = QVBoxLayout(editor)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table, 1)
        left.addLayout(form)
        left.addWidget(self.validation)
        left.addLayout(buttons)
        results = QWidget()
        right = QVBoxLayout(results)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.result)
        right.addWidget(self.preview, 1)
        split = QSplitter(self)
        split.addWidget(editor)
        split.addWidget(results)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def show_rules(self, rule_list: list, select: int | None = None, reasons: dict | None = None) -> None:
        self._rules = rule_list
        if reasons is not None:
            self.reasons = reasons
        fill_table(
            self.table,
            [
                [
                    str(r.position),
                    desk.rule_name(r.name),
                    desk.rule_conditions(r.conditions, self.reasons),
                    desk.rule_action(r.action),
                    self.tr("yes") if r.active else self.tr("no"),
                ]
                for r in rule_list
            ],
            rule_list,
        )
        for row in range(self.table.rowCount()):  # long conditions are cut by the column: the whole text on hover
            for column in (1, 2):
                item = self.table.item(row, column)
                item.setToolTip(item.text())
        ids = [r.id for r in rule_list]
        if select in ids:
            self.table.selectRow(ids.index(select))
        elif rule_list:
            self.table.selectRow(0)

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self._rules):
            return
        r = self._rules[row]
        self._rule_id = r.id
        self._named = (r.name, desk.rule_name(r.name))  # a rule a new shop starts with: shown in the user's words
        self.name.setText(self._named[1])
        self.position.setValue(r.position)
        self.action.setCurrentIndex(max(0, self.action.findData(r.action)))
        self.active.setChecked(r.active)
        self.conditions.setPlainText(json.dumps(r.conditions, ensure_ascii=False, indent=1, sort_keys=True))

    def new_rule(self) -> None:
        self.table.clearSelection()
        self._rule_id = None
        self._named = ("", "")
        self.name.clear()
        self.position.setValue(max((r.position for r in self._rules), default=0) + 1)
        self.action.setCurrentIndex(max(0, self.action.findData("to_person")))
        self.active.setChecked(True)
        self.conditions.setPlainText("{}")
        self.name.setFocus()

    def parsed(self) -> dict | None:
        """The conditions as typed, checked; None (with the problem shown) when they are not valid."""
        text = self.conditions.toPlainText().strip() or "{}"
        self.in_words.setText("")
        try:
            conditions = json.loads(text)
        except json.JSONDecodeError as exc:
            self.validation.show_error(
                self.tr("Not valid JSON at line %1, column %2: %3")
                .replace("%1", str(exc.lineno))
                .replace("%2", str(exc.colno))
                .replace("%3", exc.msg)
            )
            return None
        if (
            attempt_now(lambda: rules.validate(conditions, self.action.currentData()), self.validation.show_error)
            is FAILED
        ):
            return None
        self.validation.show_error("")
        self.in_words.setText(desk.rule_conditions(conditions, self.reasons))
        return conditions

    def check(self) -> None:
        ok = self.parsed() is not None
        self.test_button.setEnabled(ok)
        self.save_button.setEnabled(ok)

    @asyncSlot()
    async def test_run(self) -> None:
        conditions = self.parsed()
        if conditions is None:
            return
        call = self._ops.read(rules.preview, conditions, self.action.currentData())
        matched = await self._ops.attempt(call, self.validation.show_error)
        if matched is FAILED:
            return
        fill_table(self.preview, [[f"#{case_id}", number] for case_id, number in matched])
        self.result.setText(self.tr("%n past case(s) match these conditions.", "", len(matched)))

    def _stored_name(self) -> str:
        """The name to save: a translated starting rule's name left as shown keeps its stored name."""
        typed = self.name.text()
        stored, shown = self._named
        return stored if self._rule_id is not None and stored and typed.strip() == shown.strip() else typed

    @asyncSlot()
    async def save(self) -> None:
        conditions = self.parsed()
        if conditions is None:
            return
        saved = await self._ops.attempt(
            self._ops.write(
                rules.save_rule,
                name=self._stored_name(),
                conditions=conditions,
                action=self.action.currentData(),
                position=self.position.value(),
                active=self.active.isChecked(),
                rule_id=self._rule_id,
                actor=self._ops.shop.actor,
            ),
            self.validation.show_error,
        )
        if saved is FAILED:
            return
        self.result.setText(self.tr("Saved rule “%1”.").replace("%1", saved.name))
        self.show_rules(await self._ops.read(rules.list_rules), saved.id)

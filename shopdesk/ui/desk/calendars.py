"""Desk settings → Calendars: business calendars' weekly hours (a row per weekday, the CLI's syntax), and per year
the holidays and make-up working days, with China's public calendar as a starting point. Saved as one write."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import clock
from shopdesk.services.common.errors import ShopError
from shopdesk.services.desk import calendar
from shopdesk.services.desk.hours import DAYS, format_hours, parse_hours
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.panels import fill_table, small_table
from shopdesk.ui.errors import FAILED, describe
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel, wrapped_label


def _save(session, name: str, hours: str, years: dict[int, tuple], actor: str):
    """The weekly hours and every edited year's days of one calendar, in one transaction."""
    view = calendar.save_calendar(session, name, hours=hours, actor=actor)
    for year, days in sorted(years.items()):
        view = calendar.save_calendar(session, name, year=year, year_days=days, actor=actor)
    return view


class CalendarsTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._calendars: list = []
        self._days: dict[date, calendar.DayView] = {}  # the chosen calendar's days, as edited here
        self._dirty: set[int] = set()  # the years whose days were edited and not saved
        self._names: dict[int, dict[str, str]] = {}  # the public calendar's names per year, in the UI's language

        self.list = QListWidget(objectName="calendarList")
        self.list.currentRowChanged.connect(self._picked)
        self.new_button = QPushButton(self.tr("New calendar"), objectName="newCalendar")
        self.new_button.clicked.connect(self.new_calendar)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)

        self.name = QLineEdit(objectName="calendarName")
        self.name.setPlaceholderText(self.tr("e.g. Shop hours"))
        self.day_edits: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for i, code in enumerate(DAYS):
            edit = QLineEdit(objectName=f"hours_{code}")
            edit.setPlaceholderText(self.tr("closed"))
            edit.textChanged.connect(self._hours_edited)
            self.day_edits[code] = edit
            grid.addWidget(QLabel(QLocale().dayName(i + 1, QLocale.FormatType.LongFormat)), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        self.hours_text = QLineEdit(objectName="hoursText")
        self.hours_text.setPlaceholderText(self.tr("mon-fri 09:00-21:00, sat-sun 10:00-18:00"))
        self.hours_text.editingFinished.connect(self._text_edited)
        self.hours_check = wrapped_label(objectName="hoursCheck")
        self.hours_check.setStyleSheet("color: #a61b1b;")
        self.hours_check.hide()  # shown while the hours do not read
        hours_box = QGroupBox(self.tr("Weekly opening hours"))
        hb = QVBoxLayout(hours_box)
        hb.addLayout(grid)
        hb.addWidget(QLabel(self.tr("The same as text (as on the command line):")))
        hb.addWidget(self.hours_text)
        hb.addWidget(self.hours_check)
        hb.addWidget(
            wrapped_label(
                self.tr(
                    "Times are the shop's time zone; several ranges a day are written 09:00-12:00 13:00-21:00. "
                    "A make-up working day opens with the Monday-Friday hours."
                ),
                objectName="hoursHelp",
            )
        )

        self.year = QSpinBox(objectName="calendarYear")
        self.year.setRange(calendar.FIRST_YEAR, calendar.LAST_YEAR)
        self.year.setValue(clock.now().astimezone().year)
        self.year.valueChanged.connect(lambda _y: self._show_days())
        self.days_table = small_table([self.tr("Date"), self.tr("Kind"), self.tr("Name")], "calendarDays")
        self.day_date = QDateEdit(objectName="dayDate", calendarPopup=True)
        self.day_date.setDisplayFormat("yyyy-MM-dd")
        self.day_kind = QComboBox(objectName="dayKind")
        for kind in calendar.KINDS:
            self.day_kind.addItem(self.kind_label(kind), kind)
        self.add_day_button = QPushButton(self.tr("Add day"), objectName="addDay")
        self.add_day_button.clicked.connect(self.add_day)
        self.remove_day_button = QPushButton(self.tr("Remove selected"), objectName="removeDay")
        self.remove_day_button.clicked.connect(self.remove_days)
        self.fill_button = QPushButton(objectName="fillChina")
        self.fill_button.clicked.connect(self.fill_china)
        days_box = QGroupBox(self.tr("Holidays and make-up working days"))
        db = QVBoxLayout(days_box)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.fill_button)
        db.addLayout(top)
        db.addWidget(self.days_table, 1)
        add = QHBoxLayout()
        add.addWidget(self.day_date)
        add.addWidget(self.day_kind)
        add.addWidget(self.add_day_button)
        add.addStretch(1)
        add.addWidget(self.remove_day_button)
        db.addLayout(add)

        self.save_button = QPushButton(self.tr("Save calendar"), objectName="saveCalendar")
        self.save_button.clicked.connect(self.save)
        self.result = wrapped_label(objectName="calendarResult")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(hours_box)
        right.addWidget(days_box, 1)
        right.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        right.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 4)
        self._show_days()

    def kind_label(self, kind: str) -> str:
        return self.tr("Holiday (closed)") if kind == "holiday" else self.tr("Make-up working day")

    # --- the calendars ---------------------------------------------------------------------------------

    def show_calendars(self, calendars: list, select: str | None = None) -> None:
        self._calendars = calendars
        self.list.blockSignals(True)
        self.list.clear()
        for c in calendars:
            item = QListWidgetItem(c.name)
            item.setToolTip(c.hours)
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = [c.name for c in calendars]
        if select in names:
            self.list.setCurrentRow(names.index(select))
        elif calendars:
            self.list.setCurrentRow(0)
        else:
            self.new_calendar()

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self._calendars):
            return
        c = self._calendars[row]
        self.name.setText(c.name)
        self.name.setReadOnly(True)
        self._set_hours(c.hours)
        self._days = {d.day: d for d in c.days}
        self._dirty.clear()
        self.result.clear()
        self._show_days()

    def new_calendar(self) -> None:
        self.list.clearSelection()
        self.name.setReadOnly(False)
        self.name.clear()
        self._set_hours("mon-fri 09:00-21:00, sat-sun 10:00-18:00")
        self._days, self._dirty = {}, set()
        self.result.clear()
        self._show_days()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- weekly hours: one row per weekday, or the same as text --------------------------------------

    def _set_hours(self, text: str) -> None:
        self.hours_text.setText(text)
        self._text_edited()

    def _text_edited(self) -> None:
        try:
            week = parse_hours(self.hours_text.text())
        except ShopError as exc:
            self.hours_check.setText(describe(exc))
            self.hours_check.setProperty("bad", True)
            self.hours_check.show()
            return
        for i, code in enumerate(DAYS):
            edit = self.day_edits[code]
            edit.blockSignals(True)
            edit.setText(" ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in week[i]))
            edit.blockSignals(False)
        self.hours_text.setText(format_hours(week))
        self.hours_check.setText("")
        self.hours_check.setProperty("bad", False)
        self.hours_check.hide()

    def _hours_edited(self) -> None:
        text = ", ".join(f"{code} {e.text().strip()}" for code, e in self.day_edits.items() if e.text().strip())
        try:
            self.hours_text.setText(format_hours(parse_hours(text)))
            self.hours_check.setText("")
            self.hours_check.setProperty("bad", False)
            self.hours_check.hide()
        except ShopError as exc:
            self.hours_check.setText(describe(exc))
            self.hours_check.setProperty("bad", True)
            self.hours_check.show()

    # --- the year's days -----------------------------------------------------------------------------

    def _day_name(self, d: calendar.DayView) -> str:
        if desk.ui_lang() != "zh_CN" or not d.note:
            return d.note
        if d.day.year not in self._names:
            self._names[d.day.year] = calendar.china_names(d.day.year, "zh_CN")
        return self._names[d.day.year].get(d.note, d.note)

    def _show_days(self) -> None:
        year = self.year.value()
        days = sorted((d for d in self._days.values() if d.day.year == year), key=lambda d: d.day)
        fill_table(
            self.days_table,
            [[d.day.isoformat(), self.kind_label(d.kind), self._day_name(d)] for d in days],
            days,
        )
        self.fill_button.setText(self.tr("Fill from China's public calendar for %1").replace("%1", str(year)))
        if self.day_date.date().year() != year:
            self.day_date.setDate(QDate(year, 1, 1))

    def add_day(self) -> None:
        q = self.day_date.date()
        day = date(q.year(), q.month(), q.day())
        self._days[day] = calendar.DayView(day, self.day_kind.currentData(), "")
        self._dirty.add(day.year)
        if day.year != self.year.value():
            self.year.setValue(day.year)
        self._show_days()

    def remove_days(self) -> None:
        rows = sorted({i.row() for i in self.days_table.selectedIndexes()})
        year = self.year.value()
        days = sorted((d for d in self._days.values() if d.day.year == year), key=lambda d: d.day)
        for r in rows:
            self._days.pop(days[r].day, None)
        if rows:
            self._dirty.add(year)
        self._show_days()

    def fill_china(self) -> None:
        """The year's days become the public calendar's (from the `holidays` library); Save keeps them."""
        year = self.year.value()
        for day in [d for d in self._days if d.year == year]:
            del self._days[day]
        for d in calendar.china_days(year):
            self._days[d.day] = d
        self._dirty.add(year)
        self._show_days()
        self.result.setText(
            self.tr(
                "Filled %n day(s) from the public calendar; Save keeps them.",
                "",
                len([d for d in self._days if d.year == year]),
            )
        )

    @asyncSlot()
    async def save(self) -> None:
        self.error.show_error("")
        years = {y: tuple(d for d in self._days.values() if d.day.year == y) for y in self._dirty}
        saved = await self._ops.attempt(
            self._ops.write(_save, self.name.text(), self.hours_text.text(), years, self._ops.shop.actor),
            self.error.show_error,
        )
        if saved is FAILED:
            return
        self.show_calendars(await self._ops.read(calendar.calendars), saved.name)
        self.result.setText(self.tr("Saved calendar %1.").replace("%1", saved.name))
        self.changed()

    def changed(self) -> None:
        """Hook: the dialog refreshes the policy editor's calendar choice."""

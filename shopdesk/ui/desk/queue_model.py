"""The case queue: rows from cases.list_cases; the countdown is drawn from the stored deadlines at paint time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from shopdesk.services.common import clock
from shopdesk.services.desk import sop
from shopdesk.services.desk.cases import OPEN_STATUSES
from shopdesk.ui import event_text, labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.clock import closed_text
from shopdesk.ui.models.rows import RIGHT, Column, Index, RowsModel

CLOCK_ROLE = Qt.ItemDataRole.UserRole + 1  # the countdown's colour code: green / amber / red / paused / done
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def clock_of(row) -> sop.ClockState:
    """Pure arithmetic on the row's stored deadlines: no database, safe on every repaint."""
    return sop.clock_state(row, clock.now())


def countdown_text(row) -> str:
    """The countdown, or while the case's calendar is closed the time it is due ("Reply due tomorrow 09:05")."""
    now = clock.now()
    state = sop.clock_state(row, now)
    return closed_text(state, getattr(row, "closed_until", None), now) or desk.countdown(state, row.outcome)


class CasesModel(RowsModel):
    COUNTDOWN = 1
    REASON = 4  # the longest words of the queue: the view may elide them, the tooltip carries them whole

    def __init__(self, parent: QObject | None = None):
        columns = [
            Column(lambda: self.tr("Case"), lambda c: f"#{c.id}", RIGHT),
            Column(
                lambda: self.tr("Countdown"),
                countdown_text,
                RIGHT,
                foreground=lambda c: labels.chip_colours("clock", clock_of(c).colour)[1],
                background=lambda c: labels.chip_colours("clock", clock_of(c).colour)[0],
            ),
            Column(lambda: self.tr("Order"), lambda c: c.order_number),
            Column(lambda: self.tr("Customer"), lambda c: c.customer_name),
            Column(lambda: self.tr("Class / reason"), self._reason_text),
            Column(lambda: self.tr("Status"), self._status_text),
            Column(lambda: self.tr("Assignee"), lambda c: event_text.actor(c.assignee, self.names) or "—"),
        ]
        super().__init__(columns, parent)
        self.reasons: dict = {}
        self.names: dict[str, str] = {}  # user name -> the name shown (display names, once the shop has users)

    def _reason_text(self, c) -> str:
        return f"{labels.resp_class(c.resp_class)} · {desk.reason_label(self.reasons, c.reason_code)}"

    def _status_text(self, c) -> str:
        text = desk.case_status(c.status)
        if c.outcome:
            text += f" · {desk.outcome(c.outcome)}"
        if c.priority == "high":
            text += f" · {desk.priority('high')}"
        return text

    def set_cases(self, rows, reasons: dict, names: dict[str, str] | None = None) -> None:
        """Open cases first, nearest deadline first (the service's order); then the finished ones."""
        self.reasons = reasons
        self.names = names or {}
        self.set_rows(sorted(rows, key=lambda r: r.status not in OPEN_STATUSES))

    def row_of(self, case_id: int) -> int:
        for i, r in enumerate(self.rows()):
            if r.id == case_id:
                return i
        return -1

    def tick(self) -> None:
        """Repaint the countdown column (once a second): no database work."""
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, self.COUNTDOWN),
                self.index(self.rowCount() - 1, self.COUNTDOWN),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole],
            )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and 0 <= index.row() < self.rowCount():
            row = self.row_at(index.row())
            if role == CLOCK_ROLE and index.column() == self.COUNTDOWN:
                return clock_of(row).colour
            if role == CASE_ID_ROLE:
                return row.id
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.REASON:
                return self._reason_text(row)
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COUNTDOWN:
                state = clock_of(row)
                return state.due.astimezone().strftime("%Y-%m-%d %H:%M:%S") if state.due else None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CountdownDelegate(QStyledItemDelegate):
    """Paints the countdown in its colour even on the selected row: the colour is the point of the column."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt override)
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_Selected

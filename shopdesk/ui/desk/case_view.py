"""One case beside the queue: header with its live countdown, the actions, and the tabs around it.

Every action carries the case version the desk was looking at: when someone else changed the case first,
nothing is written, the view reloads and says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common import clock
from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import cases, resolve_plan, retention, sop
from shopdesk.services.desk.cases import OPEN_STATUSES
from shopdesk.services.desk.workspace import CaseBundle, load_case
from shopdesk.services.staff import users
from shopdesk.ui import event_text, icons, labels
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk import preview_dialog
from shopdesk.ui.desk.clock import clock_input, closed_text
from shopdesk.ui.desk.dialogs import ReasonDialog, ResolveDialog, TextDialog
from shopdesk.ui.desk.panels import CustomerPanel, OffersPanel, OrderPanel, RepliesPanel, TimelinePanel
from shopdesk.ui.desk.suggestion import SuggestionPanel
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ElidedLabel, wrapped_label


class CaseView(QWidget):
    acted = Signal()  # a write went through: the queue may have moved

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.names: dict[str, str] = {}  # user name -> display name (a shop with staff accounts)
        self.people: list[tuple[str, str]] = []
        self._ops = ops
        self.case_id: int | None = None
        self.bundle: CaseBundle | None = None
        self.reasons: dict = {}
        self.title = ElidedLabel(objectName="caseTitle")  # one line: never "Custo-mer"
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.info = wrapped_label(objectName="caseInfo")
        self.others = wrapped_label(objectName="caseOthers")  # other desktops on this case
        self.others.setStyleSheet("color: #8a5a00;")
        self.others.hide()
        self.clock = QLabel(objectName="caseClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setMinimumWidth(130)
        # never narrower than its text ("Reply due tomorrow 09:05"): the title beside it gives way instead
        self.clock.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.message = wrapped_label(objectName="caseMessage")
        self.preview: preview_dialog.ResolvePreviewDialog | None = None  # the last resolve preview shown
        self.message.hide()
        self.suggestion = SuggestionPanel(self)  # what the AI track read in the customer's words
        self.suggestion.chosen.connect(self.accept_suggestion)

        def button(text: str, name: str, slot, tip: str = "", glyph: str = "") -> QPushButton:
            b = QPushButton(text, objectName=name)
            if glyph:
                icons.decorate(b, glyph)
            b.clicked.connect(slot)
            if tip:
                b.setToolTip(tip)
            return b

        self.take_button = button(self.tr("Take"), "take", self.take, self.tr("Take the case (T)"), "take")
        self.assign_button = button(self.tr("Assign…"), "assign", self.assign)
        self.wait_button = button(self.tr("Waiting for customer"), "waitCustomer", self.wait_for_customer)
        self.resume_button = button(self.tr("Resume"), "resume", self.resume)
        self.note_button = button(self.tr("Note…"), "note", self.add_note, self.tr("Add a note (N)"), "note")
        self.reason_button = button(self.tr("Correct reason…"), "correctReason", self.correct_reason)
        self.resolve_button = button(
            self.tr("Resolve…"), "resolve", self.resolve, self.tr("Resolve the case (R)"), "resolve"
        )
        self.close_button = button(self.tr("Close"), "closeCase", self.close_case)
        self.reopen_button = button(self.tr("Reopen"), "reopen", self.reopen)
        self.reorder_button = button(self.tr("Re-order"), "reorder", self.reorder)
        self.reorder_button.setToolTip(self.tr("Create the same order again for the customer"))
        actions = QGridLayout()
        row1 = (self.take_button, self.assign_button, self.wait_button, self.resume_button, self.note_button)
        row2 = (self.reason_button, self.resolve_button, self.close_button, self.reopen_button, self.reorder_button)
        for col, b in enumerate(row1):
            actions.addWidget(b, 0, col)
        for col, b in enumerate(row2):
            actions.addWidget(b, 1, col)

        self.order_panel = OrderPanel()
        self.customer_panel = CustomerPanel(self)
        self.timeline = TimelinePanel()
        self.offers_panel = OffersPanel(self)
        self.replies_panel = RepliesPanel()
        self.tabs = QTabWidget(objectName="caseTabs")
        self.tabs.addTab(self.order_panel, self.tr("Order"))
        self.tabs.addTab(self.customer_panel, self.tr("Customer"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.offers_panel, self.tr("Offers"))
        self.tabs.addTab(self.replies_panel, self.tr("Replies"))

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        titles.addWidget(self.others)
        head.addLayout(titles, 1)
        head.addWidget(self.clock)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(head)
        body.addWidget(self.message)
        body.addWidget(self.suggestion)
        body.addLayout(actions)
        body.addWidget(self.tabs, 1)
        self.placeholder = QLabel(self.tr("Pick a case in the queue (Enter opens it)."), objectName="emptyState")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(content)
        self._content = content

    # --- loading ----------------------------------------------------------------------------------------
    def actor(self) -> str:
        return self._ops.shop.actor

    def shown(self, name: str | None) -> str:
        """A user's display name where the shop has staff accounts (else the name as recorded)."""
        return self.names.get(name, name) if name else ""

    def show_others(self, lines: list[str]) -> None:
        """Who else has this case open ("小李 is editing"); the version guard still decides who wins."""
        self.others.setText("  ·  ".join(lines))
        self.others.setVisible(bool(lines))

    async def show_case(self, case_id: int | None) -> None:
        if case_id != self.case_id:
            self.show_message("")
        self.case_id = case_id
        if case_id is None:
            self.bundle = None
            self._stack.setCurrentWidget(self.placeholder)
            return
        await self.reload()

    async def reload(self) -> CaseBundle | None:
        case_id = self.case_id
        if case_id is None:
            return None
        bundle = await self._ops.read(load_case, case_id, desk.ui_lang())
        self.names, self.people = await self._ops.read(roster)
        if case_id != self.case_id:
            return None
        self.bundle = bundle
        self._render()
        return bundle

    def _render(self) -> None:
        b = self.bundle
        c = b.case
        self._stack.setCurrentWidget(self._content)
        self.title.setText(f"#{c.id} · {c.order_number} · {c.customer_name}")
        parts = [
            f"{labels.resp_class(c.resp_class)} · {desk.reason_label(self.reasons, c.reason_code)}",
            desk.case_status(c.status) + (f" · {desk.outcome(c.outcome)}" if c.outcome else ""),
            self.tr("Priority: %1").replace("%1", desk.priority(c.priority)),
            self.tr("Handled by %1").replace("%1", self.shown(c.assignee)) if c.assignee else self.tr("Unassigned"),
        ]
        if c.rejection_reason:
            parts.append(self.tr("Rejected: %1").replace("%1", c.rejection_reason))
        self.info.setText("  ·  ".join(parts))
        is_open = c.status in OPEN_STATUSES
        mine = c.assignee == self.actor()
        self.take_button.setEnabled(c.status == "new" or (c.status == "in_progress" and not mine))
        self.assign_button.setEnabled(is_open)
        self.wait_button.setEnabled(c.status == "in_progress")
        self.resume_button.setEnabled(c.status == "waiting_customer")
        self.reason_button.setEnabled(is_open)
        self.resolve_button.setEnabled(is_open)
        self.close_button.setEnabled(c.status == "resolved")
        self.reopen_button.setEnabled(
            c.status in ("resolved", "closed")
            and c.resolved_at is not None
            and clock.now() - c.resolved_at <= cases.REOPEN_WINDOW
        )
        self.reorder_button.setEnabled(c.outcome == "cancelled")
        self.suggestion.show_case(c, self.reasons, is_open=is_open)
        self.order_panel.show_bundle(b)
        self.customer_panel.show_bundle(b, self.reasons)
        self.timeline.show_bundle(b, self.names, self.reasons)
        self.offers_panel.show_bundle(b)
        self.replies_panel.show_bundle(b)
        self.tick()

    def tick(self) -> None:
        """Redraw the countdown from the stored deadlines."""
        if self.bundle is None:
            return
        now = clock.now()
        state = sop.clock_state(clock_input(self.bundle), now)
        bg, fg = labels.chip_colours("clock", state.colour)
        closed = closed_text(state, self.bundle.case.closed_until, now)
        self.clock.setText(closed or desk.countdown(state, self.bundle.case.outcome))
        self.clock.setStyleSheet(
            f"background: {bg.name()}; color: {fg.name()}; font-weight: 600; padding: 6px 10px; border-radius: 4px;"
        )
        self.clock.setProperty("colour", state.colour)

    def show_message(self, text: str, *, kind: str = "error") -> None:
        colours = {"error": "#a61b1b", "conflict": "#8a3b00", "info": "#1b6b3a"}
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colours[kind]}; font-weight: 500;")
        self.message.setProperty("kind", kind)
        self.message.setVisible(bool(text))

    # --- writing ----------------------------------------------------------------------------------------
    async def act(self, fn, *args, version: int | None = None, **kwargs) -> str | None:
        """A versioned case action fn(session, case_id, *args, actor, version). Returns an error for a dialog
        to show, or None: done, or someone else changed the case first (then the view says so, reloaded)."""
        if self.bundle is None:
            return None
        case_id = self.bundle.case.id
        seen = self.bundle.case.version if version is None else version
        problems: list[str] = []
        call = self._ops.write(fn, case_id, *args, actor=self.actor(), version=seen, **kwargs)
        if await self._ops.attempt(call, problems.append) is FAILED:
            fresh = await self.reload()
            if fresh is not None and fresh.case.version != seen:
                self.show_message(
                    self.tr(
                        "This case was changed by someone else in the meantime (now: %1). Nothing was written; "
                        "the case is reloaded — check it and try again."
                    ).replace("%1", self._state_words(fresh)),
                    kind="conflict",
                )
                return None
            return problems[0]
        self.show_message("")
        await self.reload()
        self.acted.emit()
        return None

    async def run(self, fn, *args, inline: bool = True, **kwargs):
        """An unversioned write about this case (a note, an offer, the credit override): (ok, result or error)."""
        problems: list[str] = []
        result = await self._ops.attempt(self._ops.write(fn, *args, **kwargs), problems.append)
        if result is FAILED:
            await self.reload()
            if inline:
                self.show_message(problems[0])
            return False, problems[0]
        self.show_message("")
        await self.reload()
        self.acted.emit()
        return True, result

    def _state_words(self, b: CaseBundle) -> str:
        c = b.case
        words = desk.case_status(c.status) + (f", {desk.outcome(c.outcome)}" if c.outcome else "")
        return words + (f", {self.shown(c.assignee)}" if c.assignee else "")

    async def _button(self, fn, **kwargs) -> None:
        problem = await self.act(fn, **kwargs)
        if problem:
            self.show_message(problem)

    @asyncSlot()
    async def take(self) -> None:
        if self.take_button.isEnabled():
            await self._button(cases.take)

    @asyncSlot()
    async def wait_for_customer(self) -> None:
        await self._button(cases.wait_for_customer)

    @asyncSlot()
    async def resume(self) -> None:
        await self._button(cases.resume)

    @asyncSlot()
    async def close_case(self) -> None:
        await self._button(cases.close)

    @asyncSlot()
    async def reopen(self) -> None:
        await self._button(cases.reopen)

    @asyncSlot(str)
    async def accept_suggestion(self, code: str) -> None:
        """One click on one of the model's reasons: the case takes it, confirmed by this person."""
        if self.bundle is None or not code:
            return
        problem = await self.act(cases.accept_suggestion, code)
        if problem:
            self.show_message(problem)
        elif self.message.property("kind") != "conflict":  # a conflict's own message stays
            self.show_message(
                self.tr("Reason set to %1. The model learns from your choice.").replace(
                    "%1", desk.reason_label(self.reasons, code)
                ),
                kind="info",
            )

    def assign(self) -> None:
        if self.bundle is None or not self.assign_button.isEnabled():
            return
        version = self.bundle.case.version

        async def submit(values: dict) -> str | None:
            return await self.act(cases.assign, values["text"], version=version)

        title, label = self.tr("Assign the case"), self.tr("Staff member")
        if self.people:  # a shop with staff accounts: one of its active users
            dialog = TextDialog(submit, title, label, people=self.people, parent=self)
        else:
            names = sorted(n for n in {*self.bundle.staff, self.actor()} if not event_text.is_system(n))
            dialog = TextDialog(submit, title, label, choices=names, parent=self)
        dialog.set_text(self.bundle.case.assignee or "")
        dialog.setObjectName("assignDialog")
        dialog.open()

    def add_note(self) -> None:
        if self.bundle is None:
            return
        case_id = self.bundle.case.id

        async def submit(values: dict) -> str | None:
            ok, out = await self.run(cases.add_note, case_id, values["text"], actor=self.actor(), inline=False)
            return None if ok else out

        dialog = TextDialog(submit, self.tr("Add a note"), self.tr("Note"), multiline=True, parent=self)
        dialog.setObjectName("noteDialog")
        dialog.open()

    def correct_reason(self) -> None:
        if self.bundle is None or not self.reason_button.isEnabled():
            return
        version = self.bundle.case.version

        async def submit(values: dict) -> str | None:
            return await self.act(cases.correct_reason, values["reason_code"], version=version, note=values["note"])

        dialog = ReasonDialog(submit, self.reasons, self.bundle.case.reason_code, parent=self)
        dialog.setObjectName("reasonDialog")
        dialog.open()

    def resolve(self) -> ResolveDialog | None:
        if self.bundle is None or not self.resolve_button.isEnabled():
            return None

        order = self.bundle.order

        async def submit(values: dict) -> str | None:
            values = dict(values)
            plan = None
            if values["outcome"] == "cancelled":
                plan = await self._preview(values)
                if plan is False:
                    return self.tr("Nothing was applied: the preview was cancelled.")
                amount = values.get("refund_fen", order.paid_fen - order.refunded_fen)
                if not await self._ops.refund_confirmed(dialog, order.refunded_fen + amount):
                    return self.tr("Not refunded: the passphrase was not confirmed.")
            problem = await self.act(cases.resolve, values.pop("outcome"), **values)
            if problem is None and plan and self.message.property("kind") != "conflict":
                self.show_message(preview_dialog.summary(plan), kind="info")
            return problem

        dialog = ResolveDialog(submit, self.bundle, parent=self)
        dialog.setObjectName("resolveDialog")
        dialog.open()
        return dialog

    async def _preview(self, values: dict):
        """Show what the cancellation will do and wait for Apply (the plan) or Cancel (False). A preview that
        cannot be made (the case moved on, bad input) returns None: the resolve itself then reports why."""
        kwargs = {k: values[k] for k in ("refund", "refund_fen", "compensation_fen") if k in values}
        call = self._ops.read(resolve_plan.preview_resolution, self.bundle.case.id, "cancelled", **kwargs)
        plan = await self._ops.attempt(call, lambda _text: None)
        if plan is FAILED:
            return None
        self.preview = preview_dialog.ResolvePreviewDialog(plan, parent=self)
        return plan if await self.preview.answer() else False

    @asyncSlot()
    async def reorder(self) -> None:
        if self.bundle is None or not self.reorder_button.isEnabled():
            return
        ok, out = await self.run(retention.reorder, self.bundle.case.id, actor=self.actor())
        if ok:
            self.show_message(
                self.tr("Re-order %1 created (¥%2); it waits for the customer's payment.")
                .replace("%1", out.number)
                .replace("%2", format_yuan(out.total_fen)),
                kind="info",
            )


def roster(session) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """{user name: shown name}, and the active users to assign a case to as (shown, name) (none: no accounts)."""
    people = [(u.shown, u.name) for u in users.list_users(session, active_only=True)]
    return users.actor_names(session), people

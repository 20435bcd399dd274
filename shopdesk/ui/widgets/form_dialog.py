"""A dialog of labelled fields with an inline error and Save / Cancel: the save runs as one database operation
(`Ops.attempt`), the dialog stays open showing what to fix, or closes with the result in `saved`."""

from __future__ import annotations

from collections.abc import Awaitable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.ui.errors import FAILED, attempt
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import ErrorLabel


class FormDialog(QDialog):
    def __init__(self, ops: Ops | None, parent: QWidget | None = None, *, width: int = 380, save_button: bool = True):
        super().__init__(parent)
        self._ops = ops
        self.saved = None
        self.setMinimumWidth(width)
        self.form = QFormLayout()
        self.error = ErrorLabel(self)
        ok = QDialogButtonBox.StandardButton.Save if save_button else QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("dialogButtons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def rows(self, *rows: tuple[str, QWidget]) -> None:
        for label, widget in rows:
            self.form.addRow(label, widget)

    def submit(self) -> Awaitable:
        """The save: a coroutine doing the checks and the database call (its fixable errors are shown inline)."""
        raise NotImplementedError

    @asyncSlot()
    async def save(self) -> None:
        self.error.show_error("")
        self.buttons.setEnabled(False)
        try:
            saved = await attempt(self.submit(), self.error.show_error)
        finally:
            self.buttons.setEnabled(True)
        if saved is FAILED:
            return
        self.saved = saved
        self.accept()

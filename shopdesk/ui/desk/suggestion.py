"""What the AI track read in a case's words, in the case view: the model's reason and how sure it was, the words
that weighed most, and its three best reasons one click away (a click confirms that reason: the training signal).

Shown only for a case opened with the customer's words; nothing here writes by itself, the case view does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopdesk.services.desk.reasons import PLACEHOLDER
from shopdesk.ui import icons
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.widgets.common import ElidedButton, wrapped_label

CHOICES = 3  # the model's best reasons offered as buttons
WORDS = 5  # the words shown as the reason why
SAID = 160  # characters of the customer's words shown (the whole in the tooltip)


def percent(p: float) -> str:
    """A confidence as the desk shows it: 96%, or <1% (never a 0% that reads as "impossible")."""
    return f"{p * 100:.0f}%" if p >= 0.005 else "<1%"


class SuggestionPanel(QFrame):
    """The model's reading of one case. `chosen(code)`: a person picked one of the model's reasons."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestionPanel")
        self.setStyleSheet(
            "#suggestionPanel { background: #f2f6fc; border: 1px solid #c9d7ee; border-radius: 4px; }"
            " #suggestionPanel QLabel { background: transparent; }"
        )
        self.icon = QLabel()
        self.headline = wrapped_label(objectName="suggestionHeadline")
        self.headline.setStyleSheet("font-weight: 600;")
        self.said = wrapped_label(objectName="suggestionWords")  # what the customer wrote, as the model read it
        self.said.setStyleSheet("color: #1f2933;")
        self.why = wrapped_label(objectName="suggestionWhy")
        self.why.setStyleSheet("color: #4a5568;")
        for label in (self.headline, self.said, self.why):  # reason labels and a customer's words: never read as markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.pick = QLabel(objectName="suggestionPick")
        self.buttons: list[ElidedButton] = []  # they give way in a narrow case view (their text in the tooltip)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pick)
        for i in range(CHOICES):
            b = ElidedButton(objectName=f"suggestion{i}")
            b.clicked.connect(lambda _c=False, b=b: self.chosen.emit(b.property("code")))
            self.buttons.append(b)
            row.addWidget(b)  # its whole text when there is room; less, down to "…", when there is not
        row.addStretch(1)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.icon)
        head.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.said)
        layout.addWidget(self.why)
        layout.addLayout(row)
        self.hide()

    def show_case(self, case, reasons: dict, *, is_open: bool) -> None:
        """Fill from a case (queue.CaseView): hidden when the case had no words to read."""
        s = case.suggestion
        if s is None:
            self.hide()
            return
        name = lambda code: desk.reason_label(reasons, code)  # noqa: E731
        unread = case.reason_code == PLACEHOLDER
        if s.applied:
            text = self.tr("Reason suggested by the model: %1 (%2 sure, %3).")
            text = text.replace("%1", name(s.reason_code)).replace("%2", percent(s.confidence))
            glyph = "ai"
        elif unread:
            text = self.tr("The model is not sure enough (%1 at most): a person picks the reason.")
            text = text.replace("%1", percent(s.confidence))
            glyph = "ai_unsure"
        elif s.disagrees:
            text = self.tr("The model reads %1 (%2 sure), not the reason given with the request; the given one stands.")
            text = text.replace("%1", name(s.reason_code)).replace("%2", percent(s.confidence))
            glyph = "ai_disagrees"
        else:
            text = self.tr("The model reads the same reason (%1 sure, %3).").replace("%1", percent(s.confidence))
            glyph = "ai"
        self.headline.setText(text.replace("%3", desk.model_name(s.model_version)))
        self.icon.setPixmap(icons.icon(glyph).pixmap(18, 18))
        words = " ".join(s.text.split())
        cut = words if len(words) <= SAID else words[: SAID - 1] + "…"
        self.said.setText(self.tr("The customer wrote: “%1”").replace("%1", cut))
        self.said.setToolTip(s.text if cut != words else "")
        self.said.setVisible(bool(words))
        shown = [w for w, weight in s.words if weight > 0][:WORDS]
        comma = "、" if desk.ui_lang() == "zh_CN" else ", "
        self.why.setText(self.tr("Why: the words that weighed most: %1").replace("%1", comma.join(shown)))
        self.why.setVisible(bool(shown))
        self.pick.setText(self.tr("Pick the reason:") if unread else self.tr("Not right? Pick:"))
        best = s.best(CHOICES)
        for b, item in zip(self.buttons, best + [None] * (CHOICES - len(best)), strict=True):
            if item is None:
                b.hide()
                continue
            code, p = item
            b.setProperty("code", code)
            b.setText(name(code), kept=f" · {percent(p)}")  # how sure stays when the name is cut
            current = code == case.reason_code
            b.setEnabled(is_open and not current)
            b.setToolTip(
                self.tr("The case's reason now")
                if current
                else self.tr("Set this reason; the model learns from your choice")
            )
            b.show()
        self.pick.setVisible(is_open)
        self.show()

    def choices(self) -> list[str]:
        """The reasons on the buttons, best first (tests, the review screenshots)."""
        return [b.property("code") for b in self.buttons if not b.isHidden()]

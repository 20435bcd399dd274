"""Analytics → AI track: how well the model reads the customers' words and what it settled alone, the model in use,
and Retrain now (the owner's; the fit runs off the DB threads, the desk goes on meanwhile)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget
from qasync import asyncSlot

from shopdesk.ui import icons
from shopdesk.ui import numbers_text as words
from shopdesk.ui.backups import in_thread
from shopdesk.ui.errors import FAILED
from shopdesk.ui.ops import Ops
from shopdesk.ui.widgets.common import wrapped_label


def load_status(session):
    from shopdesk.services.desk import suggestions

    return suggestions.status(session)


class AiTrackTab(QWidget):
    """The figures of `shopdesk ai status`, in words, with Retrain now."""

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aiTrackTab")
        self._ops = ops
        self.track = None  # the window's ui.ai_track.AiTrack (attach()): one retrain at a time on this desktop
        self.status = None
        self.intro = wrapped_label(
            self.tr(
                "The AI track reads a customer's own words into a reason. Sure enough, the case takes that reason and"
                " the rule track may settle it at once; otherwise a person picks from its three best. Every choice a"
                " person makes teaches it."
            ),
            objectName="sectionNote",
        )
        self.damaged = wrapped_label(objectName="modelDamaged")
        self.damaged.setStyleSheet(
            "background: #fff4e5; color: #8a3b00; border: 1px solid #f0c48a; border-radius: 4px; padding: 6px;"
        )
        self.damaged.hide()
        self.model = wrapped_label(objectName="aiModel")
        self.accuracy = wrapped_label(objectName="aiAccuracy")
        self.accuracy.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.alone = wrapped_label(objectName="aiAlone")
        self.alone.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.learning = wrapped_label(objectName="aiLearning")
        self.retrain_button = QPushButton(self.tr("Retrain now"), objectName="retrainNow")
        icons.decorate(self.retrain_button, "ai")
        self.retrain_button.setToolTip(self.tr("Learn again from the seed corpus and the cases people confirmed"))
        self.retrain_button.clicked.connect(self.retrain)
        self.retrain_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.message = wrapped_label(objectName="aiMessage")
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("Accuracy, last 30 days"), self.accuracy)
        form.addRow(self.tr("Settled alone, last 30 days"), self.alone)
        form.addRow(self.tr("Model in use"), self.model)
        form.addRow(self.tr("Learning"), self.learning)
        box = QFrame(objectName="aiFigures")
        box.setLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retrain_button)
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.damaged)
        layout.addWidget(box)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def attach(self, track) -> None:
        self.track = track
        track.busy_changed.connect(self._busy)
        track.retrained.connect(lambda _done: self.refresh())
        self._busy(track.busy)

    # --- loading ------------------------------------------------------------------------------------------
    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        from shopdesk.services.desk import suggestions

        await in_thread(suggestions.warm_up)  # the seed model trains (or loads) here, never on the reader thread
        self.status = await self._ops.read(load_status)
        self.show_status(self.status)

    def show_status(self, st) -> None:
        acc = st.accuracy
        if acc.confirmed:
            self.accuracy.setText(
                words.filled(
                    self.tr("%1 (%2 of %3 cases a person confirmed had the model's reason)"),
                    words.percent(acc.rate),
                    acc.correct,
                    acc.confirmed,
                )
            )
        else:
            self.accuracy.setText(self.tr("No case with the model's reading has been confirmed by a person yet."))
        self.alone.setText(self.tr("%n case(s) settled by the rule track on the model's reason, no person needed", "",
                                   acc.settled_alone))  # fmt: skip
        if st.model_version == 0:
            text = self.tr("The seed model ShopDesk ships with (%1 messages).").replace("%1", str(st.trained_on))
        else:
            text = words.filled(
                self.tr("Model #%1, trained %2 on %3 messages; accuracy on a held-out fifth %4."),
                st.model_version,
                st.trained_at.astimezone().strftime("%Y-%m-%d %H:%M") if st.trained_at else "–",
                st.trained_on,
                words.percent(st.holdout_accuracy) if st.holdout_accuracy is not None else "–",
            )
        self.model.setText(text)
        self.learning.setText(
            words.filled(
                self.tr(
                    "A suggestion at least %1 sure becomes the case's reason. The model learns again by itself after"
                    " every %2 cases people confirm (%3 since the last time)."
                ),
                f"{st.threshold * 100:.0f}%",
                st.retrain_every,
                st.cases_since_training,
            )
        )
        versions = ", ".join(f"#{v}" for v in st.corrupted_versions)
        self.damaged.setText(
            self.tr("The stored model %1 is damaged and not used: retrain to replace it.").replace("%1", versions)
        )
        self.damaged.setVisible(st.corrupted)

    # --- retraining -----------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.retrain_button.setEnabled(not busy)
        if busy:
            self._say(self.tr("Training… the desk goes on meanwhile."), "sectionNote")

    def _say(self, text: str, name: str) -> None:
        self.message.setObjectName(name)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @asyncSlot()
    async def retrain(self) -> None:
        await self.retrain_now()

    async def retrain_now(self):
        if self.track is None:
            return None
        problems: list[str] = []
        done = await self._ops.attempt(self.track.retrain_now(), problems.append)
        if done is FAILED:
            self._say(problems[0], "errorLabel")
            return None
        if done is not None:
            self._say(
                words.filled(
                    self.tr("Model #%1 kept: trained on %2 messages, accuracy on a held-out fifth %3."),
                    done.model_version,
                    done.trained_on,
                    words.percent(done.holdout_accuracy),
                ),
                "sectionNote",
            )
        return done

"""The AI track at the desk, through the real widgets: words pasted into "Open a case" read into a reason, an unsure
reading waiting for a person who picks one of three, a given reason the model disagrees with, the timeline in
words, and the notice of a damaged stored model."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import AuditEvent, CaseEvent, ReasonModel
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import settings
from shopdesk.services.desk import cases, suggestions
from shopdesk.services.desk.reasons import PLACEHOLDER, REASONS
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from shopdesk.ui.desk import labels as desk
from shopdesk.ui.desk.dialogs import OpenCaseDialog
from tests.gui.conftest import run_until
from tests.gui.test_desk import LEFT, _serial, delivered_order, desk_page, dialog_of, read, select_case, wait_for_case
from tests.gui.test_staff import logged_in, opening, staffed  # noqa: F401 (fixtures)

SURE = "拍错了，我要的是100面值的"  # the seed model reads wrong_item, ~0.99
UNSURE = "在吗 ?"  # nothing in it says why: the model's best is far below 0.8


def _kinds(loop, ops, case_id: int) -> list[str]:
    return read(loop, ops, lambda s: list(s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case_id))))


def test_words_pasted_at_the_desk_open_a_case_with_the_models_reason(window, loop, qtbot, ops):
    order = delivered_order(loop, ops)
    page = desk_page(window)
    qtbot.mouseClick(page.new_button, LEFT)
    run_until(loop, lambda: dialog_of(page, OpenCaseDialog) is not None, what="the open-case dialog")
    dialog = dialog_of(page, OpenCaseDialog)
    assert dialog.reason.currentData() is None  # the first choice: read the customer's words
    qtbot.keyClicks(dialog.order, order["number"])
    dialog.words.setPlainText(SURE)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: not dialog.isVisible(), what="the case to open")
    view = page.case_view
    case = view.bundle.case
    assert case.reason_code == "wrong_item" and case.suggestion.applied
    panel = view.suggestion
    assert panel.isVisible()
    sure = f"{case.suggestion.confidence * 100:.0f}%"
    assert panel.headline.text() == f"Reason suggested by the model: Wrong item bought ({sure} sure, the seed model)."
    assert "拍错" in panel.why.text()  # the words that weighed most
    assert panel.said.text() == f"The customer wrote: “{SURE}”"  # what it read, beside why
    assert panel.choices()[0] == "wrong_item"
    timeline = "\n".join(view.timeline.item(r, 3).text() for r in range(view.timeline.rowCount()))
    assert f"Suggested by the model: Wrong item bought ({sure} sure, the seed model)" in timeline
    actors = {view.timeline.item(r, 2).text() for r in range(view.timeline.rowCount())}
    assert "AI track (automatic)" in actors
    details = [view.timeline.item(r, 3) for r in range(view.timeline.rowCount())]
    assert all(d.toolTip() == d.text() for d in details if d.text())  # a note cut to the column is whole on hover


def test_an_unsure_reading_waits_for_a_person_who_picks_one_of_three(window, loop, qtbot, ops):
    order = delivered_order(loop, ops)
    opened = loop.run_until_complete(
        ops.write(cases.open_case, order["order_id"], reason_code=None, text=UNSURE, actor="storefront")
    )
    page = desk_page(window)
    select_case(loop, page, opened.id)
    view = page.case_view
    case = view.bundle.case
    assert case.reason_code == PLACEHOLDER and case.status == "new"  # nobody's reason yet: the rules left it
    panel = view.suggestion
    assert panel.headline.text().startswith("The model is not sure enough")
    assert panel.pick.text() == "Pick the reason:"
    assert len(panel.choices()) == 3 and all(b.isEnabled() for b in panel.buttons)
    assert all(code in REASONS for code in panel.choices())
    assert desk.reason_label(view.reasons, PLACEHOLDER) in view.info.text()  # "Not yet classified" in the header
    picked = panel.choices()[1]
    qtbot.mouseClick(panel.buttons[1], LEFT)
    wait_for_case(loop, page, opened.id, "the reason picked", lambda b: b.case.reason_code == picked)
    assert view.message.text().startswith("Reason set to ") and view.message.property("kind") == "info"
    assert not panel.buttons[1].isEnabled()  # the case's reason now
    assert "suggestion_accepted" in _kinds(loop, ops, opened.id)
    assert read(loop, ops, suggestions.confirmed_since, None) == 1  # the person's choice: the training signal
    timeline = [view.timeline.item(r, 1).text() for r in range(view.timeline.rowCount())]
    assert "Suggestion accepted" in timeline and "The model's reading" in timeline


def test_a_given_reason_the_model_disagrees_with_stands_and_the_disagreement_shows(window, loop, ops):
    order = delivered_order(loop, ops)
    opened = loop.run_until_complete(
        ops.write(
            cases.open_case,
            order["order_id"],
            reason_code="changed_mind",
            text="卡密显示已被使用，怎么回事",
            actor="storefront",
            run_rules=False,
        )
    )
    page = desk_page(window)
    select_case(loop, page, opened.id)
    view = page.case_view
    assert view.bundle.case.reason_code == "changed_mind"
    text = view.suggestion.headline.text()
    assert "Key already used" in text and "the given one stands" in text
    assert view.suggestion.choices()[0] == "key_used" and view.suggestion.buttons[0].isEnabled()


def test_a_case_without_words_shows_no_suggestion(window, loop, ops):
    order = delivered_order(loop, ops)
    opened = loop.run_until_complete(
        ops.write(cases.open_case, order["order_id"], reason_code="changed_mind", actor="storefront", run_rules=False)
    )
    page = desk_page(window)
    select_case(loop, page, opened.id)
    assert page.case_view.bundle.case.suggestion is None and page.case_view.suggestion.isHidden()


@pytest.mark.breaks_invariants  # the stored model is damaged on purpose
def test_a_damaged_stored_model_is_named_at_the_desk(window, loop, ops):
    data = suggestions.TrainingData(tuple(suggestions.seed_samples()[::2]), (), 1, tuple(REASONS))
    trained = suggestions.fit(data)
    loop.run_until_complete(ops.write(suggestions.store, trained, actor=ops.shop.actor))
    page = desk_page(window)
    run_until(loop, lambda: page.model_notice.isHidden() and page.case_view.reasons, what="the desk loaded")

    def damage(session):
        row = session.scalars(select(ReasonModel).where(ReasonModel.version == 1)).one()
        row.blob = bytes(row.blob[:-10])

    loop.run_until_complete(ops.write(damage))
    read(loop, ops, lambda _s: suggestions.reset_cache())  # on the reader thread: after the reads in flight
    page.refresh()
    run_until(loop, lambda: not page.model_notice.isHidden(), what="the damaged-model notice")
    assert "#1 is damaged" in page.model_notice.text() and "shopdesk doctor" in page.model_notice.text()
    # and the desk still reads words, with the seed model
    order = delivered_order(loop, ops)
    opened = loop.run_until_complete(
        ops.write(cases.open_case, order["order_id"], reason_code=None, text=SURE, actor="storefront", run_rules=False)
    )
    select_case(loop, page, opened.id)
    assert page.case_view.bundle.case.suggestion.model_version == 0


def waiting_order(loop, ops) -> dict:
    """A paid order waiting for stock (nothing delivered): the rule track cancels it for a customer's reason."""
    n = next(_serial)

    def build(session) -> dict:
        catalog.add_product(session, ProductInput(sku=f"AI-{n}", name=f"AI-{n} 点卡", price_fen=1000, kind="secret"))
        customer = customers.add_customer(session, f"李娜{n}", f"wx:ln{n}")
        customers.topup(session, customer.id, 5_000, idempotency_key=f"ai-topup-{n}", actor="test")
        order = orders.create_order(session, customer.id, [(f"AI-{n}", 1)], actor="test")
        paid = orders.pay_order(session, order.id, method="wallet", actor="test")
        assert paid.order.status == "awaiting_stock"
        return {"order_id": order.id, "number": order.number}

    return loop.run_until_complete(ops.write(build))


def analytics_ai_tab(loop, window):
    window.nav.setCurrentRow(window.shelf.titles().index(window.tr("Analytics")))
    page = window.analytics_page
    page.tabs.setCurrentWidget(page.ai_tab)
    run_until(loop, lambda: page.ai_tab.status is not None, what="the AI track tab", timeout=30)
    return page.ai_tab


def test_analytics_shows_the_models_accuracy_what_it_settled_alone_and_retrains_now(window, loop, qtbot, ops):
    settled = loop.run_until_complete(
        ops.write(
            cases.open_case, waiting_order(loop, ops)["order_id"], reason_code=None, text=SURE, actor="storefront"
        )  # fmt: skip
    )
    assert settled.status == "resolved" and settled.suggested_applied  # the rule track, on the model's reason
    unsure = loop.run_until_complete(
        ops.write(
            cases.open_case, waiting_order(loop, ops)["order_id"], reason_code=None, text=UNSURE, actor="storefront"
        )  # fmt: skip
    )
    best = unsure.suggestion.reason_code
    loop.run_until_complete(ops.write(cases.accept_suggestion, unsure.id, best, actor=ops.shop.actor))
    tab = analytics_ai_tab(loop, window)
    assert tab.accuracy.text().startswith("100.0% (1 of 1 cases")
    assert tab.alone.text().startswith("1 case(s) settled by the rule track")
    assert tab.model.text().startswith("The seed model ShopDesk ships with")
    assert "80% sure" in tab.learning.text() and "after every 20 cases" in tab.learning.text()
    assert tab.damaged.isHidden()

    qtbot.mouseClick(tab.retrain_button, LEFT)
    run_until(loop, lambda: tab.message.text().startswith("Model #1 kept"), what="the retrain", timeout=60)
    run_until(loop, lambda: tab.model.text().startswith("Model #1, trained"), what="the tab reloaded", timeout=30)
    assert tab.retrain_button.isEnabled()
    status = read(loop, ops, suggestions.status)
    assert status.model_version == 1 and status.cases_since_training == 0


def test_the_model_learns_again_in_the_background_once_enough_cases_are_confirmed(window, loop, ops):
    loop.run_until_complete(ops.write(settings.change, "ai.retrain_every", "2"))
    track = window.ai_track
    assert track.started
    for _ in range(2):
        opened = loop.run_until_complete(
            ops.write(
                cases.open_case, waiting_order(loop, ops)["order_id"], reason_code=None, text=UNSURE, actor="storefront"
            )  # fmt: skip
        )
        assert loop.run_until_complete(track.check_now()) is None  # not due yet: nothing trained
        loop.run_until_complete(
            ops.write(cases.accept_suggestion, opened.id, opened.suggestion.reason_code, actor=ops.shop.actor)
        )
    fits: list[str] = []
    real_fit = suggestions.fit

    def fit(data):
        import threading

        fits.append(threading.current_thread().name)
        return real_fit(data)

    suggestions_fit, suggestions.fit = suggestions.fit, fit
    try:
        done = loop.run_until_complete(track.check_now())
    finally:
        suggestions.fit = suggestions_fit
    assert done is not None and done.model_version == 1
    assert fits and not fits[0].startswith(("shopdesk-db", "shopdesk-read", "MainThread"))  # never a DB thread
    assert loop.run_until_complete(track.check_now()) is None  # learnt: not due again
    trail = read(loop, ops, lambda s: [(a.actor, a.subject) for a in s.scalars(
        select(AuditEvent).where(AuditEvent.action == "ai.retrained"))])  # fmt: skip
    assert trail == [("system", "reason_model:1")]


def test_retrain_now_is_refused_for_staff_before_any_training(opening, qtbot, loop, ops, monkeypatch):  # noqa: F811
    monkeypatch.setattr(suggestions, "fit", lambda data: pytest.fail("a refused retrain must not train"))
    window = logged_in(qtbot, loop, opening, "wang")  # staff: reads cases, may not retrain
    tab = analytics_ai_tab(loop, window)
    assert loop.run_until_complete(tab.retrain_now()) is None
    assert tab.message.objectName() == "errorLabel"
    assert "may not do this" in tab.message.text() and "desk.settings" in tab.message.text()
    assert read(loop, ops, suggestions.status).model_version == 0
    denied = read(loop, ops, lambda s: s.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "denied")))  # fmt: skip
    assert denied == 1  # the refusal is on the record


def test_the_models_notes_read_in_chinese_with_the_reasons_labels(qapp):
    from types import SimpleNamespace

    from PySide6.QtCore import QLocale, QTranslator

    from shopdesk.services.common import notes
    from shopdesk.ui.i18n import install_translators

    reasons = {
        "key_used": SimpleNamespace(label_zh="卡密已被使用", label_en="Key already used"),
        "changed_mind": SimpleNamespace(label_zh="不想要了", label_en="Changed mind"),
        "unclassified": SimpleNamespace(label_zh="待分类", label_en="Unclassified"),
    }
    before, default = set(qapp.findChildren(QTranslator)), QLocale()
    install_translators(qapp, "zh_CN")
    try:
        applied = notes.parse(notes.coded("ai.applied", reason="key_used", confidence="0.96", version=0))
        assert desk.ai_note(applied, reasons) == "模型建议：卡密已被使用（置信度 96%，内置模型）"
        accepted = notes.coded(
            "ai.accepted", before="customer/unclassified", reason="customer/changed_mind", confidence="0.25", version=2
        )
        assert (
            desk.ai_note(notes.parse(accepted), reasons)
            == "采纳模型建议：客户 · 待分类 → 客户 · 不想要了（置信度 25%，模型 #2）"
        )
        money = notes.coded("ai.money_needs_person", confidence="0.85", risk="risky")
        assert desk.ai_note(notes.parse(money), reasons).startswith("依据模型原因退款需置信度达 90%")
        assert desk.ai_note(notes.parse(notes.coded("order.total", total="1.00")), reasons) is None  # not the model's
    finally:
        for t in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(t)
        QLocale.setDefault(default)


def test_the_three_best_give_way_in_a_narrow_case_view_with_their_words_in_the_tooltip(qtbot):
    from shopdesk.ui.widgets.common import ElidedButton

    b = ElidedButton("Description did not match · 12%")
    b.setToolTip("Set this reason; the model learns from your choice")
    qtbot.addWidget(b)
    b.show()  # a hidden widget's resize waits until it is shown
    assert b.minimumSizeHint().width() < b.sizeHint().width() / 2  # it never widens the panel it sits in
    b.resize(b.sizeHint())
    assert (
        b.text() == "Description did not match · 12%"
        and b.toolTip() == "Set this reason; the model learns from your choice"
    )
    b.resize(90, b.height())
    assert b.text().endswith("…") and b.full_text() == "Description did not match · 12%"
    assert b.toolTip().startswith("Description did not match · 12%\n") and b.toolTip().endswith("your choice")


def test_a_cut_suggestion_keeps_how_sure_the_model_is(qtbot):
    from shopdesk.ui.widgets.common import ElidedButton

    b = ElidedButton()
    b.setText("Description did not match", kept=" · 12%")
    qtbot.addWidget(b)
    b.show()
    b.resize(b.sizeHint())
    assert b.text() == "Description did not match · 12%" == b.full_text() and not b.toolTip()
    b.resize(b.minimumSizeHint().width(), b.height())
    assert b.text().endswith("… · 12%") and b.text() != b.full_text()  # the name gives way, the figure stays
    assert b.toolTip() == "Description did not match · 12%"
    b.resize(10, b.height())  # narrower than its least: the figure still shows
    assert b.text().endswith(" · 12%")


def test_a_window_closed_during_the_fit_writes_no_model(window, loop, ops, monkeypatch):
    loop.run_until_complete(ops.write(settings.change, "ai.retrain_every", "1"))
    opened = loop.run_until_complete(
        ops.write(
            cases.open_case, waiting_order(loop, ops)["order_id"], reason_code=None, text=UNSURE, actor="storefront"
        )  # fmt: skip
    )
    loop.run_until_complete(
        ops.write(cases.accept_suggestion, opened.id, opened.suggestion.reason_code, actor=ops.shop.actor)
    )
    track, real_fit = window.ai_track, suggestions.fit

    def fit_then_close(data):
        trained = real_fit(data)
        track.started = False  # what closing the window does (stop()), while the fit runs in its thread
        return trained

    monkeypatch.setattr(suggestions, "fit", fit_then_close)
    assert loop.run_until_complete(track.check_now()) is None
    assert not track.busy and read(loop, ops, suggestions.status).model_version == 0

"""The after-sales desk through its real widgets, offscreen: a case worked end to end, live countdowns under a
fake clock with one breach notification, two desks on one case, desk settings, rule previews, the queue model."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import func, select

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.models import CardKey, Refund
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import clock
from shopdesk.services.desk import cases, rules, sop
from shopdesk.services.desk import queue as case_queue
from shopdesk.services.desk import reasons as reasons_service
from shopdesk.services.inventory import stock as inventory
from shopdesk.services.money import customers, ledger
from shopdesk.services.orders import selling as orders
from shopdesk.ui.desk.dialogs import OpenCaseDialog, ReasonDialog, ResolveDialog, TextDialog
from shopdesk.ui.desk.queue_model import CLOCK_ROLE, CasesModel
from shopdesk.ui.desk.settings import DeskSettingsDialog
from tests.gui.conftest import drain, run_until

_serial = itertools.count(1)
LEFT = Qt.MouseButton.LeftButton


def delivered_order(loop, ops, *, policy: str = "restock", price_fen: int = 2000, wallet_fen: int = 10_000) -> dict:
    """A product with keys, a customer with a wallet, and an order paid from the wallet and delivered."""
    n = next(_serial)
    sku = f"DESK-{n}"

    def build(session) -> dict:
        product = catalog.add_product(
            session,
            ProductInput(
                sku=sku,
                name=f"{sku} 点卡",
                price_fen=price_fen,
                kind="secret",
                rollback_policy=policy,
                low_stock_threshold=0,
            ),
        )
        inventory.add_keys(
            session, ops.shop.vault, product.id, [(None, f"KEY-{n:04d}-{i}-ABCDEFGH") for i in range(3)], actor="test"
        )
        customer = customers.add_customer(session, f"张伟{n}", f"wx:zw{n}")
        customers.topup(session, customer.id, wallet_fen, idempotency_key=f"desk-topup-{n}", actor="test")
        order = orders.create_order(session, customer.id, [(sku, 1)], actor="test")
        paid = orders.pay_order(session, order.id, method="wallet", actor="test")
        assert paid.order.status == "delivered"
        return {
            "sku": sku,
            "product_id": product.id,
            "customer_id": customer.id,
            "customer": customer.name,
            "order_id": order.id,
            "number": order.number,
            "key_id": paid.order.delivered_keys[0].id,
        }

    return loop.run_until_complete(ops.write(build))


def open_case(loop, ops, order: dict, reason: str = "changed_mind", **kwargs) -> int:
    opened = loop.run_until_complete(
        ops.write(cases.open_case, order["order_id"], reason_code=reason, actor="storefront", run_rules=False, **kwargs)
    )
    return opened.id


def read(loop, ops, fn, *args, **kwargs):
    return loop.run_until_complete(ops.read(fn, *args, **kwargs))


def desk_page(window):
    window.nav.setCurrentRow(3)
    return window.aftersales_page


def wait_for_case(loop, page, case_id: int, what: str = "the case in the case view", check=lambda b: True) -> None:
    run_until(
        loop,
        lambda: (
            page.case_view.bundle is not None
            and page.case_view.bundle.case.id == case_id
            and check(page.case_view.bundle)
        ),
        what=what,
    )


def select_case(loop, page, case_id: int) -> None:
    run_until(loop, lambda: page.model.row_of(case_id) >= 0, what="the case in the queue")
    page.table.selectRow(page.model.row_of(case_id))
    wait_for_case(loop, page, case_id)


def dialog_of(page, kind):
    found = [d for d in page.findChildren(kind) if d.isVisible()]
    return found[-1] if found else None


def key_status(loop, ops, key_id: int) -> str:
    return read(loop, ops, lambda s: s.get(CardKey, key_id, populate_existing=True).status)


def countdown(page, case_id: int) -> tuple[str, str, str]:
    """(colour code, cell text, background colour) of a case's countdown cell."""
    index = page.model.index(page.model.row_of(case_id), CasesModel.COUNTDOWN)
    return index.data(CLOCK_ROLE), index.data(), index.data(Qt.ItemDataRole.BackgroundRole).name()


def test_a_case_worked_end_to_end_open_offer_declined_cancel_with_key_recalled_and_wallet_credited(
    window, loop, qtbot, ops
):
    order = delivered_order(loop, ops, policy="restock", price_fen=2000, wallet_fen=10_000)
    assert read(loop, ops, ledger.wallet_balance, order["customer_id"]) == 8_000
    page = desk_page(window)
    assert page.empty.isVisible() and "No open after-sales cases" in page.empty.text()

    # Open the case from the desk, by order number (a request that came by chat).
    qtbot.mouseClick(page.new_button, LEFT)
    run_until(loop, lambda: dialog_of(page, OpenCaseDialog) is not None, what="the open-case dialog")
    dialog = dialog_of(page, OpenCaseDialog)
    qtbot.keyClicks(dialog.order, order["number"])
    dialog.reason.setCurrentIndex(dialog.reason.findData("changed_mind"))
    dialog.note.insert("客户说买错了")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: not dialog.isVisible(), what="the case to open")
    case_id = page.case_view.bundle.case.id
    run_until(loop, lambda: page.model.row_of(case_id) >= 0, what="the case in the queue")
    assert page.table.isVisible()
    view = page.case_view
    assert view.bundle.case.status == "new"
    assert order["number"] in view.title.text() and order["customer"] in view.title.text()
    assert "Reply in" in countdown(page, case_id)[1]
    # The order beside it: lines and the delivered key, masked.
    assert order["sku"] in view.order_panel.toPlainText() and "••••" in view.order_panel.toPlainText()
    assert "EFGH" in view.order_panel.toPlainText() and "ABCDEFGH" not in view.order_panel.toPlainText()
    # The customer beside it: wallet, credit, recent orders.
    history = view.customer_panel.browser.toPlainText()
    assert "80.00" in history and "Normal" in history and order["number"] in history

    # Take it from the keyboard (shortcuts need the window active).
    with qtbot.waitActive(window):
        window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_T)
    wait_for_case(loop, page, case_id, "the case taken", lambda b: b.case.status == "in_progress")
    assert view.bundle.case.assignee == ops.shop.actor

    # Retention first: offer a coupon to keep the order; the customer declines.
    view.tabs.setCurrentWidget(view.offers_panel)
    offers = view.offers_panel
    kinds = [
        offers.suggestions.item(r, 0).data(Qt.ItemDataRole.UserRole).kind for r in range(offers.suggestions.rowCount())
    ]
    assert kinds == ["alternative", "keep_coupon"]
    offers.suggestions.selectRow(1)
    assert offers.amount.text() == "1.00"
    qtbot.mouseClick(offers.make_button, LEFT)
    wait_for_case(loop, page, case_id, "the offer", lambda b: len(b.offers) == 1)
    assert offers.decline_button.isEnabled()
    qtbot.mouseClick(offers.decline_button, LEFT)
    wait_for_case(loop, page, case_id, "the answer", lambda b: b.offers[0].answer == "declined")
    assert offers.offers.item(0, 4).text() == "Declined"

    # Cancel: R opens the resolve dialog; the refund goes to the wallet.
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    run_until(loop, lambda: dialog_of(view, ResolveDialog) is not None, what="the resolve dialog")
    resolve = dialog_of(view, ResolveDialog)
    assert resolve.outcome.currentData() == "cancelled"
    assert resolve.refund.currentData() == "wallet"
    assert resolve.hint.text() == "", "an offer was made: no retention reminder"
    assert not resolve.compensation.isEnabled(), "no compensation when the customer changed their mind"
    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    # First the preview: what will be recalled and refunded; applied only on Apply.
    run_until(loop, lambda: view.preview is not None and view.preview.isVisible(), what="the resolve preview")
    items = [view.preview.items.item(i).text() for i in range(view.preview.items.count())]
    assert any("Back to stock" in t for t in items) and any("Refund ¥20.00 to" in t for t in items), items
    qtbot.mouseClick(view.preview.apply_button, LEFT)
    run_until(loop, lambda: not resolve.isVisible(), what="the resolution")
    wait_for_case(loop, page, case_id, "the resolved case", lambda b: b.case.status == "resolved")
    assert "1 key(s) recalled" in view.message.text() and "¥20.00 refunded" in view.message.text()

    assert view.bundle.case.outcome == "cancelled"
    assert key_status(loop, ops, order["key_id"]) == "available", "restock policy: the key is back in stock"
    assert read(loop, ops, ledger.wallet_balance, order["customer_id"]) == 10_000, "the wallet got the 20.00 back"
    assert view.bundle.order.status == "cancelled" and not view.bundle.order.delivered_keys
    timeline = view.timeline.kinds()
    for kind in ("Opened", "Taken", "Offer made", "Offer declined", "Resolved", "Order rolled back"):
        assert kind in timeline, (kind, timeline)
    assert timeline.index("Offer declined") < timeline.index("Resolved")
    run_until(loop, lambda: page.model.row_of(case_id) == -1, what="the resolved case to leave the open queue")

    # Re-order in one click, then a note from the keyboard.
    assert view.reorder_button.isEnabled()
    qtbot.mouseClick(view.reorder_button, LEFT)
    run_until(loop, lambda: "Re-order" in view.message.text(), what="the re-order")
    assert "20.00" in view.message.text()
    numbers = [o.number for o in view.bundle.history["orders"]]
    assert len(numbers) == 2 and order["number"] in numbers

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(page.table, Qt.Key.Key_N)
    run_until(loop, lambda: dialog_of(view, TextDialog) is not None, what="the note dialog")
    note = dialog_of(view, TextDialog)
    note.text.insertPlainText("已退款到余额，客户重新下单")
    qtbot.mouseClick(note.buttons.button(note.buttons.StandardButton.Ok), LEFT)
    wait_for_case(loop, page, case_id, "the note", lambda b: b.case.events[-1].kind == "note")
    assert "Note" in view.timeline.kinds()

    # Reply templates for the reason, filled in; Copy puts one on the clipboard.
    replies = view.replies_panel
    titles = [replies.titles.item(i).text() for i in range(replies.titles.count())]
    assert titles == ["Keep the order", "First reply"]
    replies.titles.setCurrentRow(0)
    qtbot.mouseClick(replies.copy_button, LEFT)
    copied = QGuiApplication.clipboard().text()
    assert order["customer"] in copied and order["number"] in copied and "{" not in copied


def test_countdown_turns_amber_then_red_and_the_breach_is_notified_once(window, loop, ops):
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    order = delivered_order(loop, ops)
    case_id = open_case(loop, ops, order)  # customer / normal: first response in 5 min, resolution in 30
    page = desk_page(window)
    loop.run_until_complete(page.load())
    page.table.selectRow(page.model.row_of(case_id))
    wait_for_case(loop, page, case_id)

    colour, text, background = countdown(page, case_id)
    assert (colour, text) == ("green", "Reply in 5:00")
    green_bg = background
    assert page.case_view.clock.property("colour") == "green"

    clock.advance(timedelta(minutes=4, seconds=10))  # 50 s of 300 left: under 20%
    page.tick()
    colour, text, background = countdown(page, case_id)
    assert (colour, text) == ("amber", "Reply in 0:50")
    assert background != green_bg
    assert page.case_view.clock.property("colour") == "amber"
    assert loop.run_until_complete(page.sweep_breaches()) == []
    assert [h for h in window.notifier.history if h[0] == "After-sales SOP breached"] == []

    clock.advance(timedelta(minutes=1))
    page.tick()
    colour, text, _ = countdown(page, case_id)
    assert (colour, text) == ("red", "Reply overdue 0:10")
    assert page.case_view.clock.property("colour") == "red"
    assert page.case_view.clock.text() == "Reply overdue 0:10"

    breached = loop.run_until_complete(page.sweep_breaches())
    assert [(b.case_id, b.kind) for b in breached] == [(case_id, "first_response")]
    for _ in range(4):
        clock.advance(timedelta(seconds=15))
        page.tick()
        assert loop.run_until_complete(page.sweep_breaches()) == []
    mine = [(title, text) for title, text in window.notifier.history if f"#{case_id} " in text]
    assert mine == [
        ("After-sales SOP breached", f"Case #{case_id} (order {order['number']}): the first response is overdue.")
    ]
    assert countdown(page, case_id)[1] == "Reply overdue 1:10"

    # The breach is in the timeline, and the Breached filter shows the case.
    wait_for_case(loop, page, case_id, "the breach event", lambda b: b.case.events[-1].kind == "breach")
    qtbot_click_scope(loop, page, "breached")
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [case_id]


def qtbot_click_scope(loop, page, scope: str) -> None:
    button = page.findChild(type(page.new_button), f"scope_{scope}")
    button.click()
    run_until(loop, lambda: page.queue_filter().scope == scope, what="the scope")
    loop.run_until_complete(page.load())


def test_two_desks_resolving_one_case_the_second_is_told_and_nothing_is_written_twice(
    window, loop, qtbot, ops, data_dir
):
    order = delivered_order(loop, ops, policy="verify")
    case_id = open_case(loop, ops, order)
    page = desk_page(window)
    select_case(loop, page, case_id)
    view = page.case_view
    resolve = view.resolve()
    assert resolve.version == view.bundle.case.version

    # Meanwhile a colleague on another desktop cancels the same case.
    other = ShopApp.open(load_config(data_dir))
    try:
        with other.db.write() as s:
            cases.resolve(s, case_id, "cancelled", actor="colleague", refund="wallet")
    finally:
        other.close()

    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: not resolve.isVisible(), what="the dialog to close")
    run_until(loop, lambda: view.message.isVisible(), what="the conflict message")
    assert "changed by someone else" in view.message.text()
    assert "Nothing was written" in view.message.text()
    assert view.message.property("kind") == "conflict"
    assert view.bundle.case.status == "resolved" and view.bundle.case.assignee == "colleague"
    assert not view.resolve_button.isEnabled()

    c = read(loop, ops, case_queue.get_case, case_id)
    assert [e.kind for e in c.events].count("resolved") == 1
    assert [e.kind for e in c.events].count("rolled_back") == 1
    assert read(loop, ops, ledger.wallet_balance, order["customer_id"]) == 10_000, "refunded once"
    assert read(loop, ops, lambda s: s.execute(select(func.count()).select_from(Refund)).scalar_one()) == 1
    assert key_status(loop, ops, order["key_id"]) == "recalled", "verify policy: held for checking"


def open_settings(loop, qtbot, page) -> DeskSettingsDialog:
    qtbot.mouseClick(page.settings_button, LEFT)
    run_until(loop, lambda: dialog_of(page, DeskSettingsDialog) is not None, what="the settings dialog")
    dialog = dialog_of(page, DeskSettingsDialog)
    run_until(loop, lambda: dialog.policies.table.rowCount() == 6, what="the policies")
    return dialog


def test_editing_a_policy_says_it_applies_to_new_cases_and_open_cases_keep_their_deadline(window, loop, qtbot, ops):
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    first = open_case(loop, ops, delivered_order(loop, ops))
    old = read(loop, ops, sop.policy_for, "customer", "normal")
    page = desk_page(window)
    dialog = open_settings(loop, qtbot, page)
    tab = dialog.policies
    assert tab.note.isVisible() and "apply to new cases only" in tab.note.text()
    row = [(p.resp_class, p.priority) for p in tab._policies].index(("customer", "normal"))
    tab.table.selectRow(row)
    assert (tab.first.value(), tab.resolution.value()) == (5, 30)
    tab.resolution.setValue(45)
    qtbot.mouseClick(tab.save_button, LEFT)
    run_until(loop, lambda: "applies to cases opened from now on" in tab.result.text(), what="the save")

    new = read(loop, ops, sop.policy_for, "customer", "normal")
    assert new.id != old.id and new.resolution_minutes == 45 and new.first_response_minutes == 5
    assert new.escalation == old.escalation and new.pause_states == old.pause_states
    assert tab.current().id == new.id and tab.table.item(row, 3).text() == "45"
    assert read(loop, ops, case_queue.get_case, first).resolution_due == start + timedelta(minutes=30), (
        "open case keeps it"
    )
    second = open_case(loop, ops, delivered_order(loop, ops))
    assert read(loop, ops, case_queue.get_case, second).resolution_due == start + timedelta(minutes=45)

    # Reasons: a new one, labelled in both languages, is offered by the queue's reason filter.
    dialog.tabs.setCurrentWidget(dialog.reasons)
    reasons = dialog.reasons
    qtbot.mouseClick(reasons.new_button, LEFT)
    qtbot.keyClicks(reasons.code, "gift_unwanted")
    reasons.resp_class.setCurrentIndex(reasons.resp_class.findData("customer"))
    qtbot.keyClicks(reasons.label_en, "Gift not wanted")
    reasons.label_zh.insert("礼物不想要")
    qtbot.mouseClick(reasons.save_button, LEFT)
    run_until(loop, lambda: "gift_unwanted" in reasons.result.text(), what="the new reason")
    saved = {r.code: r for r in read(loop, ops, reasons_service.reasons)}["gift_unwanted"]
    assert (saved.label_en, saved.label_zh, saved.resp_class) == ("Gift not wanted", "礼物不想要", "customer")
    run_until(loop, lambda: page.reason_filter.findData("gift_unwanted") >= 0, what="the reason in the filter")
    assert page.reason_filter.itemText(page.reason_filter.findData("gift_unwanted")) == "Gift not wanted"
    # A code that is not a code is refused with the reason.
    qtbot.mouseClick(reasons.new_button, LEFT)
    qtbot.keyClicks(reasons.code, "bad code!")
    qtbot.mouseClick(reasons.save_button, LEFT)
    run_until(loop, lambda: reasons.error.isVisible(), what="the refusal")
    assert "letters, digits or underscores" in reasons.error.text()
    dialog.reject()


def test_rule_editor_validates_conditions_and_previews_matching_past_cases(window, loop, qtbot, ops):
    mind = [open_case(loop, ops, delivered_order(loop, ops), "changed_mind") for _ in range(2)]
    open_case(loop, ops, delivered_order(loop, ops), "key_invalid")
    page = desk_page(window)
    dialog = open_settings(loop, qtbot, page)
    dialog.tabs.setCurrentWidget(dialog.rules)
    tab = dialog.rules
    assert tab.table.rowCount() == 4
    qtbot.mouseClick(tab.new_button, LEFT)
    qtbot.keyClicks(tab.name, "Changed mind: to a person")
    tab.conditions.setPlainText('{"reason_code": ["changed_mind"]')
    assert tab.validation.isVisible() and "Not valid JSON" in tab.validation.text()
    assert not tab.test_button.isEnabled() and not tab.save_button.isEnabled()
    tab.conditions.setPlainText('{"colour": ["red"]}')
    assert "Unknown condition 'colour'" in tab.validation.text()
    tab.conditions.setPlainText('{"reason_code": ["changed_mind"], "delivered": true}')
    assert not tab.validation.isVisible() and tab.test_button.isEnabled()

    qtbot.mouseClick(tab.test_button, LEFT)
    run_until(loop, lambda: tab.preview.rowCount() == 2, what="the preview")
    assert sorted(tab.preview.item(r, 0).text() for r in range(2)) == sorted(f"#{i}" for i in mind)
    assert tab.result.text() == "2 past case(s) match these conditions."
    assert len(read(loop, ops, rules.list_rules)) == 4, "a test run saves nothing"

    qtbot.mouseClick(tab.save_button, LEFT)
    run_until(loop, lambda: tab.table.rowCount() == 5, what="the saved rule")
    assert "Changed mind: to a person" in [tab.table.item(r, 1).text() for r in range(5)]
    dialog.reject()


def test_queue_filters_sort_by_nearest_deadline_and_the_model_passes_the_tester(
    window, loop, qtbot, ops, qtmodeltester
):
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start - timedelta(minutes=20))
    late = open_case(loop, ops, delivered_order(loop, ops), "key_used")  # merchant, opened 20 min ago
    clock.freeze(start - timedelta(minutes=2))
    soon = open_case(loop, ops, delivered_order(loop, ops), "changed_mind")
    clock.freeze(start)
    fresh = open_case(loop, ops, delivered_order(loop, ops), "payment_glitch", priority="high")
    loop.run_until_complete(ops.write(cases.take, soon, actor=ops.shop.actor))
    loop.run_until_complete(ops.write(cases.take, late, actor="someone-else"))
    page = desk_page(window)
    loop.run_until_complete(page.load())

    def ids() -> list[int]:
        return [page.model.row_at(r).id for r in range(page.model.rowCount())]

    # late: resolution due in 10 min (first response made); fresh: first reply in 3 min; soon: resolve in 28.
    assert ids() == [fresh, late, soon]
    row = page.model.row_of(fresh)
    assert page.model.index(row, 4).data() == "System · Payment glitch"
    assert "High" in page.model.index(row, 5).data()
    assert page.count_label.text() == "3 case(s)"
    qtbot_click_scope(loop, page, "mine")
    assert ids() == [soon]
    qtbot_click_scope(loop, page, "unassigned")
    assert ids() == [fresh]
    qtbot_click_scope(loop, page, "open")
    page.class_filter.setCurrentIndex(page.class_filter.findData("merchant"))
    loop.run_until_complete(page.load())
    assert ids() == [late]
    page.class_filter.setCurrentIndex(0)
    page.reason_filter.setCurrentIndex(page.reason_filter.findData("changed_mind"))
    loop.run_until_complete(page.load())
    assert ids() == [soon]
    page.reason_filter.setCurrentIndex(0)
    loop.run_until_complete(page.load())
    assert len(ids()) == 3

    # Enter on a row opens that case.
    with qtbot.waitActive(window):
        window.activateWindow()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(page.model.row_of(late), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    wait_for_case(loop, page, late)
    qtmodeltester.check(page.model, force_py=True)


def test_assign_wait_resume_correct_reason_reject_and_credit_override_through_the_case_view(window, loop, qtbot, ops):
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    order = delivered_order(loop, ops)
    case_id = open_case(loop, ops, order, "changed_mind")
    page = desk_page(window)
    select_case(loop, page, case_id)
    view = page.case_view
    assert not view.wait_button.isEnabled() and not view.close_button.isEnabled()

    # Assign to a colleague.
    view.assign()
    run_until(loop, lambda: dialog_of(view, TextDialog) is not None, what="the assign dialog")
    assign = dialog_of(view, TextDialog)
    assign.text.setEditText("小王")
    qtbot.mouseClick(assign.buttons.button(assign.buttons.StandardButton.Ok), LEFT)
    wait_for_case(loop, page, case_id, "the assignment", lambda b: b.case.assignee == "小王")
    assert "小王" in view.info.text()

    # Take it back, wait for the customer (the clock pauses), resume (the deadline moves by the wait).
    qtbot.mouseClick(view.take_button, LEFT)
    wait_for_case(loop, page, case_id, "the take", lambda b: b.case.assignee == ops.shop.actor)
    due = view.bundle.case.resolution_due
    qtbot.mouseClick(view.wait_button, LEFT)
    wait_for_case(loop, page, case_id, "waiting", lambda b: b.case.status == "waiting_customer")
    assert view.clock.property("colour") == "paused" and view.resume_button.isEnabled()
    clock.advance(timedelta(minutes=10))
    page.tick()
    assert view.clock.text() == "Paused · 30:00 left"
    run_until(loop, lambda: countdown(page, case_id)[0] == "paused", what="the queue's paused clock")
    qtbot.mouseClick(view.resume_button, LEFT)
    wait_for_case(loop, page, case_id, "resumed", lambda b: b.case.status == "in_progress")
    assert view.bundle.case.resolution_due == due + timedelta(minutes=10)

    # Correct the reason: the class follows, the old one stays in the timeline.
    view.correct_reason()
    run_until(loop, lambda: dialog_of(view, ReasonDialog) is not None, what="the reason dialog")
    reason = dialog_of(view, ReasonDialog)
    reason.reason.setCurrentIndex(reason.reason.findData("key_used"))
    qtbot.keyClicks(reason.note, "customer sent a screenshot")
    qtbot.mouseClick(reason.buttons.button(reason.buttons.StandardButton.Ok), LEFT)
    wait_for_case(loop, page, case_id, "the new reason", lambda b: b.case.reason_code == "key_used")
    assert view.bundle.case.resp_class == "merchant"
    assert "Merchant · Key already used" in view.info.text()
    # the trail in words: the class and the reason by their names, not "customer/changed_mind -> merchant/key_used"
    assert (
        "Customer · Changed mind → Merchant · Key already used"
        in view.timeline.item(view.timeline.rowCount() - 1, 3).text()
    )

    # Reject without a reason: refused inline, the dialog stays; with one, the case is resolved as rejected.
    resolve = view.resolve()
    resolve.outcome.setCurrentIndex(resolve.outcome.findData("rejected"))
    assert resolve.rejection.isVisible() and not resolve.refund.isVisible()
    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    run_until(loop, lambda: resolve.error.isVisible(), what="the refusal")
    assert "Say why the request is rejected" in resolve.error.text() and resolve.isVisible()
    qtbot.keyClicks(resolve.rejection, "The key was redeemed on your account.")
    qtbot.mouseClick(resolve.buttons.button(resolve.buttons.StandardButton.Ok), LEFT)
    wait_for_case(loop, page, case_id, "the rejection", lambda b: b.case.outcome == "rejected")
    assert "The key was redeemed on your account." in view.info.text()
    assert key_status(loop, ops, order["key_id"]) == "delivered", "a rejection leaves the order alone"
    assert view.close_button.isEnabled() and view.reopen_button.isEnabled() and not view.reorder_button.isEnabled()
    qtbot.mouseClick(view.close_button, LEFT)
    wait_for_case(loop, page, case_id, "the close", lambda b: b.case.status == "closed")

    # The owner sets the customer's risk by hand, with a note (once the close's own reload has settled, so it
    # cannot clear the message below as it lands).
    drain(loop)
    panel = view.customer_panel
    panel.level.setCurrentIndex(panel.level.findData("watch"))
    panel.note.clear()
    qtbot.mouseClick(panel.apply_button, LEFT)
    run_until(loop, lambda: view.message.isVisible(), what="the refusal without a note")
    assert "Say why the level is set by hand" in view.message.text()
    panel.level.setCurrentIndex(panel.level.findData("watch"))
    panel.note.insert("多次发货后申请退款")
    qtbot.mouseClick(panel.apply_button, LEFT)
    wait_for_case(loop, page, case_id, "the override", lambda b: b.history["credit"].overridden)
    text = panel.browser.toPlainText()
    assert "Watch" in text and "set by hand" in text and "多次发货后申请退款" in text
    assert panel.level.currentData() == "watch"

"""Business calendars through the real widgets: a calendar edited in Desk settings (weekly hours as a grid and as
text, refused hours, China's public calendar for a year, a day added and one removed), assigned to a policy (its
versions listed in order), and a case opened after closing time shows in the queue as due tomorrow at 09:05."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt

from shopdesk.services.common import clock
from shopdesk.services.common.zone import shop_zone
from shopdesk.services.desk import calendar, sop
from shopdesk.services.desk import queue as case_queue
from shopdesk.ui.desk.clock import duration
from shopdesk.ui.desk.queue_model import CasesModel
from tests.gui.conftest import run_until
from tests.gui.test_desk import delivered_order, desk_page, open_case, open_settings, read, select_case

LEFT = Qt.MouseButton.LeftButton


def test_a_calendar_is_edited_assigned_and_the_queue_says_due_tomorrow(window, loop, qtbot, ops):
    tz = read(loop, ops, shop_zone)
    clock.freeze(datetime(2026, 12, 1, 20, 0, tzinfo=tz))  # a Tuesday evening, open until 21:00
    page = desk_page(window)
    dialog = open_settings(loop, qtbot, page)
    dialog.tabs.setCurrentWidget(dialog.calendars)
    tab = dialog.calendars
    assert tab.list.count() == 0 and not tab.name.isReadOnly()  # no calendar yet: a new one is offered

    tab.name.insert("门店营业")  # (keyClicks types Latin letters only)
    tab.hours_text.setText("mon-fri 09:00-21:00")
    tab.hours_text.editingFinished.emit()
    assert tab.day_edits["mon"].text() == "09:00-21:00" and tab.day_edits["sat"].text() == ""
    tab.day_edits["sat"].setText("10:00-18:00")
    assert tab.hours_text.text() == "mon-fri 09:00-21:00, sat 10:00-18:00"
    tab.day_edits["sun"].setText("25:00-18:00")  # refused at once, naming the bad part
    assert "'25:00-18:00'" in tab.hours_check.text() and tab.hours_check.property("bad")
    tab.day_edits["sun"].setText("10:00-18:00")
    assert tab.hours_check.text() == "" and tab.hours_text.text() == "mon-fri 09:00-21:00, sat-sun 10:00-18:00"

    tab.year.setValue(2026)
    assert tab.fill_button.text() == "Fill from China's public calendar for 2026"
    qtbot.mouseClick(tab.fill_button, LEFT)
    public = calendar.china_days(2026)
    assert tab.days_table.rowCount() == len(public)
    assert "National Day" in [tab.days_table.item(r, 2).text() for r in range(tab.days_table.rowCount())]
    tab.days_table.selectRow(0)  # New Year's Day: the shop opens
    qtbot.mouseClick(tab.remove_day_button, LEFT)
    tab.day_date.setDate(QDate(2026, 12, 24))
    tab.day_kind.setCurrentIndex(tab.day_kind.findData("holiday"))
    qtbot.mouseClick(tab.add_day_button, LEFT)
    assert tab.days_table.rowCount() == len(public)
    qtbot.mouseClick(tab.save_button, LEFT)
    run_until(loop, lambda: "门店营业" in tab.result.text(), what="the saved calendar")
    saved = read(loop, ops, calendar.get, "门店营业")
    assert saved.hours == "mon-fri 09:00-21:00, sat-sun 10:00-18:00"
    assert date(2026, 1, 1) not in {d.day for d in saved.days} and date(2026, 12, 24) in {d.day for d in saved.days}
    assert len(saved.days) == len(public) and tab.list.count() == 1 and tab.name.isReadOnly()

    # The policy editor offers it; the customer/normal policy counts its open hours from now on.
    dialog.tabs.setCurrentWidget(dialog.policies)
    policies = dialog.policies
    row = [(p.resp_class, p.priority) for p in policies._policies].index(("customer", "normal"))
    policies.table.selectRow(row)
    choice = policies.calendar.findData("门店营业")
    assert choice > 0 and policies.calendar.currentData() is None  # round the clock until chosen
    policies.calendar.setCurrentIndex(choice)
    qtbot.mouseClick(policies.save_button, LEFT)
    run_until(loop, lambda: "applies to cases opened from now on" in policies.result.text(), what="the policy")
    policy = read(loop, ops, sop.policy_for, "customer", "normal")
    assert policy.calendar_id == saved.id and policies.table.item(row, 6).text() == "门店营业"
    run_until(loop, lambda: f"v{policy.id}" in policies.versions.text(), what="the versions")
    assert policies.versions.text().endswith(f"v{policy.id} (5/30 · 门店营业)"), policies.versions.text()
    ids = [int(part.split(" ")[0][1:]) for part in policies.versions.text().split(": ", 1)[1].split(" → ")]
    assert ids == sorted(ids) and len(ids) == 2
    dialog.reject()

    # After closing time a new case is due tomorrow at 09:05, and the queue says so rather than counting down.
    clock.freeze(datetime(2026, 12, 1, 21, 30, tzinfo=tz))
    case_id = open_case(loop, ops, delivered_order(loop, ops))
    view = read(loop, ops, case_queue.get_case, case_id)
    assert view.first_response_due == datetime(2026, 12, 2, 9, 5, tzinfo=tz)
    loop.run_until_complete(page.load())
    select_case(loop, page, case_id)
    cell = page.model.index(page.model.row_of(case_id), CasesModel.COUNTDOWN)
    assert cell.data() == "Reply due tomorrow 09:05"
    assert page.case_view.clock.text() == "Reply due tomorrow 09:05"
    clock.freeze(datetime(2026, 12, 2, 9, 1, tzinfo=tz))  # open again: the countdown ticks
    page.tick()
    assert cell.data() == "Reply in 4:00"


def test_durations_are_words_not_a_pile_of_minutes(window):
    assert duration(1345 * 60) == "22 hour(s) 25 minute(s)"  # the sources' plural forms; zh_CN: 22 小时 25 分
    assert duration(59) == "0 minute(s)" and duration(3600) == "1 hour(s)"
    assert duration(timedelta(days=2, hours=3, minutes=4).total_seconds()) == "2 day(s) 3 hour(s)"

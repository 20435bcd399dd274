"""One path from a failure to the screen: errors the user can fix are shown where the caller says (or in a message
box), in the user's language; bugs are logged in full and shown once, in one crash dialog naming the log file."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from qasync import asyncSlot

from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.ui.crash import CrashReporter, setup_logging
from shopdesk.ui.errors import FAILED, attempt_now, describe
from tests.gui.conftest import run_until


def test_an_error_the_user_can_fix_is_shown_where_the_caller_says(loop, ops, shop):
    label = QLabel()

    def refuse(session):  # runs on the DB thread, inside a read snapshot
        raise NotFound("order.not_found", order=42)

    ops.attach(shop)
    try:
        result = loop.run_until_complete(ops.attempt(ops.read(refuse), label.setText))
    finally:
        ops._shop = None  # the fixture closes the shop itself
    assert result is FAILED and not result
    assert label.text() == "No order with id 42."


def test_without_a_place_to_show_it_the_error_goes_to_the_message_box(loop, ops):
    shown: list[tuple[str, str]] = []
    ops.failed.connect(lambda title, text: shown.append((title, text)))

    async def refuse():
        raise InvalidInput("The amount {amount} has more than two decimals.", amount="1.005")

    assert loop.run_until_complete(ops.attempt(refuse())) is FAILED
    assert shown == [("Cannot do that", "The amount 1.005 has more than two decimals.")]


def test_a_bug_is_not_caught_as_a_fixable_error(loop, ops):
    async def bug():
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        loop.run_until_complete(ops.attempt(bug(), print))
    with pytest.raises(KeyError):
        attempt_now(lambda: {}["missing"], print)


def test_describe_fills_the_template_and_keeps_the_code():
    exc = NotFound("case.not_found", case=7)
    assert (describe(exc), exc.message, exc.code, exc.field) == ("No case 7.", "No case 7.", "case.not_found", "case")
    assert describe(ValueError("plain")) == "plain"
    assert InvalidInput("Say why.").code == "invalid" and NotFound("x").code == "not_found"


class Buggy(QObject):
    @asyncSlot()
    async def click(self) -> None:
        raise RuntimeError("the button's code has a bug")


@pytest.fixture
def reporter(qapp, loop, tmp_path):
    saved = sys.excepthook, loop.get_exception_handler()
    root = logging.getLogger()
    before = list(root.handlers)
    reporter = CrashReporter(lambda: None, setup_logging(tmp_path), qapp)
    reporter.install(loop)
    yield reporter
    sys.excepthook = saved[0]
    loop.set_exception_handler(saved[1])
    for handler in set(root.handlers) - set(before):
        root.removeHandler(handler)
        handler.close()
    if reporter.dialog is not None:
        reporter.dialog.close()


def crash_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()
    ]


def test_a_bug_in_a_slot_is_logged_and_shown_once_with_the_log_path(loop, reporter, tmp_path):
    buggy = Buggy()
    buggy.click()
    run_until(loop, lambda: reporter.dialog is not None, what="the crash dialog")
    [dialog] = crash_dialogs()
    assert str(reporter.log_path) in dialog.text()
    assert "RuntimeError: the button's code has a bug" in dialog.detailedText()
    buggy.click()  # a second bug while the dialog is open: logged, no second dialog
    run_until(loop, lambda: reporter.seen == 2, what="the second bug")
    assert len(crash_dialogs()) == 1
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = reporter.log_path.read_text(encoding="utf-8")
    assert logged.count("RuntimeError: the button's code has a bug") == 2
    assert "Traceback" in logged and "in click" in logged
    dialog.button(QMessageBox.StandardButton.Ok).click()
    run_until(loop, lambda: reporter.dialog is None, what="the dialog to close")


def test_a_failed_task_on_the_loop_reaches_the_crash_dialog(loop, reporter):
    async def background() -> None:
        raise LookupError("a background task failed")

    async def go() -> None:
        task = asyncio.ensure_future(background())
        await asyncio.sleep(0.05)
        del task  # never awaited: the loop reports it through its exception handler

    loop.run_until_complete(go())
    loop.call_exception_handler({"message": "task failed", "exception": LookupError("a background task failed")})
    run_until(loop, lambda: reporter.dialog is not None, what="the crash dialog")
    assert "LookupError" in reporter.dialog.detailedText()

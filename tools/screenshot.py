"""Save screenshots of every page of the main window on a demo shop: tools/screenshot.py OUTDIR [LANG]."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shopdesk.config import load_config  # noqa: E402
from shopdesk.services.common.money import format_yuan  # noqa: E402
from shopdesk.ui.i18n import install_translators  # noqa: E402
from shopdesk.ui.main_window import MainWindow  # noqa: E402
from shopdesk.ui.ops import Ops  # noqa: E402

SAMPLE = (
    "卡号,卡密\n"
    "8601000000000001,QK7M-2XH9-PL4D-88ZA\n"
    "8601000000000002,TW3N-5YB8-KC6R-41QE\n"
    "8601000000000003,ＨＮ２Ｆ-7DJ5-VS9T-63MW\n"
    "8601000000000002,TW3N-5YB8-KC6R-41QE\n"
    "8601000000000004\n"
    "8601000000000005,AB,CD\n"
    "8601000000000006,RP8C-3GM6-ZU2K-57XN\n"
)


def seed_cases(session) -> int:
    """The demo shop has no after-sales cases: open a few on delivered orders, at different ages, so the queue
    shows live countdowns in every colour (green, amber, red, paused). Returns how many were opened."""
    from datetime import timedelta

    from shopdesk.services.common import clock
    from shopdesk.services.desk import cases, sop
    from shopdesk.services.desk import queue as case_queue
    from shopdesk.services.orders.board import BoardFilter, order_ids

    if case_queue.list_cases(session, open_only=False, limit=1):
        return 0
    ids = list(order_ids(session, BoardFilter(status="delivered")))[:6]
    now = clock.now()
    plan = [  # reason, opened this long ago, taken by, then wait for the customer?, priority
        ("delivery_late", timedelta(minutes=41), "小王", False, "normal"),  # resolution overdue: red
        ("key_invalid", timedelta(minutes=26), "小李", False, "normal"),  # 4 of 30 min left: amber
        ("changed_mind", timedelta(minutes=4, seconds=25), None, False, "normal"),  # first reply due in 0:35: amber
        ("price_dropped", timedelta(minutes=1, seconds=10), None, False, "normal"),  # green
        ("wrong_item", timedelta(minutes=9), "小王", True, "normal"),  # waiting for the customer: paused
        ("payment_glitch", timedelta(minutes=6), "小李", False, "high"),  # green, 14 min to go
    ]
    try:
        for order_id, (reason, ago, staff, wait, priority) in zip(ids, plan, strict=False):
            clock.freeze(now - ago)
            opened = cases.open_case(
                session, order_id, reason_code=reason, actor="storefront", priority=priority, run_rules=False
            )
            if staff:
                clock.freeze(now - ago + timedelta(minutes=2))
                cases.take(session, opened.id, actor=staff)
                if wait:
                    cases.wait_for_customer(session, opened.id, actor=staff, note="asked for a screenshot")
        clock.freeze(now)
        sop.record_breaches(session)
    finally:
        clock.reset()
    return len(ids)


def seed_flagged(session) -> int:
    """Two late gateway payments for orders closed unpaid, so the flagged-for-refund queue has something in it."""
    from shopdesk.services.common.errors import PaymentRefused
    from shopdesk.services.orders import flagged
    from shopdesk.services.orders import selling as orders
    from shopdesk.services.orders.board import BoardFilter, order_ids

    closed = list(order_ids(session, BoardFilter(status="closed")))[:2]
    for n, order_id in enumerate(closed):
        view = orders.load_order_view(session, order_id)
        try:
            orders.pay_order(
                session,
                order_id,
                method="alipay",
                trade_no=f"2026120122{n:06d}",
                amount_fen=view.total_fen,
                actor="storefront",
            )
        except PaymentRefused as refused:
            flagged.flag_unmatched_payment(session, refused, actor="storefront")
    return len(closed)


async def flagged(window, out: Path, lang: str) -> None:
    page = window.orders_page
    await window.ops.write(seed_flagged)
    await page.flagged.load()
    page.tabs.setCurrentWidget(page.flagged)
    page.flagged.table.selectRow(0)
    await asyncio.sleep(0.8)
    window.grab().save(str(out / f"orders_flagged_{lang}.png"))
    page.tabs.setCurrentIndex(0)


def statement_rows(session) -> list[tuple[str, str, str, str]]:
    """A WeChat Pay bill of the demo's last payments: most match, one with another amount, one the shop missed
    (an unpaid order's, its callback lost) and one for an order the shop does not know."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from shopdesk.db.models import Order, Payment

    bj = ZoneInfo("Asia/Shanghai")
    paid = session.execute(
        select(Payment.trade_no, Payment.amount_fen, Payment.at, Order.number)
        .join(Order, Order.id == Payment.order_id)
        .where(Payment.method != "wallet")
        .order_by(Payment.at.desc())
        .limit(6)
    ).all()
    rows = [(t, format_yuan(a + (100 if i == 1 else 0)), at.astimezone(bj), n) for i, (t, a, at, n) in enumerate(paid)]
    lost = session.execute(select(Order.number, Order.total_fen).where(Order.status == "pending_payment")).first()
    start = min(r[2] for r in rows)
    if lost is not None:
        rows.append(("4200002026120298765432", format_yuan(lost.total_fen), start, lost.number))
    rows.append(("4200002026120298765433", "30.00", start, "20261201999"))
    return [(t, a, at.strftime("%Y-%m-%d %H:%M:%S"), n) for t, a, at, n in rows]


async def payments(window, out: Path, lang: str) -> None:
    """The Payments page's dialogs: a statement reconciled into its groups, and 补单 on an unpaid order."""
    from tests.helpers import statements

    page = window.payments_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    path = out / "wechat_bill.csv"
    path.write_bytes(statements.wechat(await window.ops.read(statement_rows)))
    dialog = await page.reconcile_path(str(path))
    path.unlink()
    if dialog is not None:
        await asyncio.sleep(0.6)
        dialog.grab().save(str(out / f"payments_reconcile_{lang}.png"))
        dialog.close()
    orders_page = window.orders_page
    window.nav.setCurrentRow(window.stack.indexOf(orders_page))
    orders_page.filters.show("pending_payment", None)
    await asyncio.sleep(1.0)
    orders_page.table.selectRow(0)
    await asyncio.sleep(0.8)
    confirm = orders_page.actions.confirm_dialog()
    if confirm is not None:
        confirm.trade_no.setText("4200002026120298765432")
        await asyncio.sleep(0.5)
        confirm.grab().save(str(out / f"payments_confirm_{lang}.png"))
        confirm.close()


async def aftersales(window, out: Path, lang: str) -> None:
    """The desk with its live queue, the overdue case open beside it."""
    page = window.aftersales_page
    await page.load()
    page.table.selectRow(0)
    await asyncio.sleep(0.8)
    page.case_view.tabs.setCurrentWidget(page.case_view.customer_panel)
    page.tick()
    await asyncio.sleep(0.3)
    window.grab().save(str(out / f"aftersales_queue_{lang}.png"))


async def resolve_preview(window, out: Path, lang: str) -> None:
    """The preview a cancellation shows before it is applied (read only: nothing is resolved)."""
    from shopdesk.services.desk import resolve_plan
    from shopdesk.ui.desk.preview_dialog import ResolvePreviewDialog

    page = window.aftersales_page
    window.nav.setCurrentRow([p for _t, p in window.pages].index(page))
    await page.load()
    page.table.selectRow(0)
    await asyncio.sleep(0.5)
    case = page.case_view.bundle.case
    comp = 0 if case.resp_class == "customer" else 200
    plan = await window.ops.read(resolve_plan.preview_resolution, case.id, "cancelled", compensation_fen=comp)
    dialog = ResolvePreviewDialog(plan, parent=window)
    dialog.open()
    await asyncio.sleep(0.5)
    dialog.grab().save(str(out / f"resolve_preview_{lang}.png"))
    dialog.reject()


def seed_calendar(session) -> str:
    """A business calendar with this year's public holidays (from the library), on the customer/normal policy."""
    from shopdesk.services.common import clock
    from shopdesk.services.desk import calendar, sop

    year = clock.now().year
    calendar.save_calendar(
        session,
        "门店营业",
        hours="mon-fri 09:00-21:00, sat-sun 10:00-18:00",
        year=year,
        year_days=tuple(calendar.china_days(year)),
        actor="owner",
    )
    current = sop.policy_for(session, "customer", "normal")
    sop.save_policy(
        session,
        "customer",
        "normal",
        first_response_minutes=current.first_response_minutes,
        resolution_minutes=current.resolution_minutes,
        pause_states=current.pause_states,
        escalation=current.escalation,
        calendar_name="门店营业",
        actor="owner",
    )
    return "门店营业"


def open_after_closing(session) -> int:
    """A case opened at 21:30 shop time (after closing): its first reply is due at 09:05 the next open day."""
    from datetime import datetime, time

    from shopdesk.services.common import clock
    from shopdesk.services.common.zone import shop_zone
    from shopdesk.services.desk import cases
    from shopdesk.services.desk import queue as case_queue
    from shopdesk.services.orders.board import BoardFilter, order_ids

    tz = shop_zone(session)
    day = clock.now().astimezone(tz).date()
    clock.freeze(datetime.combine(day, time(21, 30), tzinfo=tz))
    ids = list(order_ids(session, BoardFilter(status="delivered")))
    busy = {c.order_id for c in case_queue.list_cases(session, open_only=False, limit=1000)}
    order_id = next(i for i in ids if i not in busy)
    return cases.open_case(session, order_id, reason_code="changed_mind", actor="storefront", run_rules=False).id


async def desk_calendar(window, out: Path, lang: str) -> None:
    """Desk settings → Calendars (this year's public holidays filled in), the policy editor with its calendar, and
    the queue at 21:30 saying when a case opened after closing is due."""
    from shopdesk.services.common import clock
    from shopdesk.ui.desk.settings import DeskSettingsDialog

    await window.ops.write(seed_calendar)
    page = window.aftersales_page
    window.nav.setCurrentRow([p for _t, p in window.pages].index(page))
    dialog = DeskSettingsDialog(window.ops, page)
    await dialog.load()
    dialog.resize(1100, 760)
    dialog.open()
    dialog.tabs.setCurrentWidget(dialog.calendars)
    await asyncio.sleep(0.5)
    dialog.grab().save(str(out / f"desk_calendars_{lang}.png"))
    dialog.tabs.setCurrentWidget(dialog.policies)
    policies = dialog.policies
    keys = [(p.resp_class, p.priority) for p in policies._policies]
    policies.table.selectRow(keys.index(("customer", "normal")))
    await asyncio.sleep(0.5)
    dialog.grab().save(str(out / f"desk_policies_{lang}.png"))
    dialog.close()
    try:
        case_id = await window.ops.write(open_after_closing)
        await page.load()
        page.table.selectRow(page.model.row_of(case_id))
        await asyncio.sleep(0.8)
        page.tick()
        await asyncio.sleep(0.3)
        window.grab().save(str(out / f"aftersales_calendar_{lang}.png"))
    finally:
        clock.reset()


async def customer_page(window, out: Path, lang: str) -> None:
    """The customer page with the customer of the most wallet postings selected (profile, then wallet history)."""
    page = window.customers_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    await page.load()
    rows = page.model.rows()
    best = max(rows, key=lambda c: (c.balance_fen != 0, c.order_count))
    page.table.selectRow(rows.index(best))
    await asyncio.sleep(0.8)
    window.grab().save(str(out / f"customer_profile_{lang}.png"))
    page.detail.tabs.setCurrentIndex(1)
    await asyncio.sleep(0.3)
    window.grab().save(str(out / f"customer_wallet_{lang}.png"))


async def order_actions(window, out: Path, lang: str) -> None:
    """A delivered order selected on the board: the detail with its actions and the right-click menu."""
    page = window.orders_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    page.filters.show("delivered", None)
    await asyncio.sleep(1.0)
    page.table.selectRow(0)
    await asyncio.sleep(0.8)
    window.grab().save(str(out / f"order_actions_{lang}.png"))


async def import_preview(window, out: Path, lang: str) -> None:
    """The import dialog after Preview, on a small sample with a duplicate, bad lines and a full-width secret."""
    from shopdesk.ui.dialogs.import_keys import ImportKeysDialog

    sample = out / "sample_keys.csv"
    sample.write_text(SAMPLE, encoding="utf-8")
    dialog = ImportKeysDialog(window.ops, window, sku="CM-100")
    await dialog.load_products()
    dialog.path.setText(str(sample))
    dialog.show()
    dialog.preview()
    await asyncio.sleep(1.0)
    dialog.grab().save(str(out / f"import_preview_{lang}.png"))
    dialog.close()
    sample.unlink()


async def product_error(window, out: Path, lang: str) -> None:
    """The product dialog refusing a SKU that is taken: the service's error, worded in the user's language."""
    from shopdesk.ui.dialogs.product import ProductDialog

    dialog = ProductDialog(window.ops, parent=window)
    dialog.sku.setText("QQB-10")
    dialog.name.setText("Q币 10元")
    dialog.price.setText("9.80")
    dialog.show()
    await dialog.save()
    await asyncio.sleep(0.3)
    dialog.grab().save(str(out / f"product_error_{lang}.png"))
    dialog.close()


async def staff(window, out: Path, lang: str) -> None:
    """The demo shop protected (an owner, a staff member, a viewer): the Staff page, then the login dialog
    refusing a wrong passphrase in the user's language."""
    from shopdesk.services.staff import users
    from shopdesk.ui.staff.dialogs import LoginDialog

    await window.gate.protect("boss", "owner-pass-1", "老板")
    wrapping = window.ops.shop.wrapping_key
    for name, role, shown in (("wang", "staff", "小王"), ("li", "viewer", "小李")):
        await window.ops.write(users.add_user, wrapping, name, role, f"{name}-pass-1", display_name=shown, actor="boss")
    await window.ops.call(window.ops.shop.login, "wang", "wang-pass-1")
    await window.ops.call(window.ops.shop.login, "boss", "owner-pass-1")
    await asyncio.sleep(0.3)
    window.nav.setCurrentRow(window.nav.count() - 1)
    await window.staff_page.load()
    window.staff_page.table.selectRow(2)
    await asyncio.sleep(0.6)
    window.grab().save(str(out / f"staff_{lang}.png"))

    async def check(name: str, passphrase: str):
        return await window.ops.write(users.check_passphrase, name, passphrase)

    dialog = LoginDialog(check, "login", "wang", parent=window)
    dialog.show()
    dialog.passphrase.setText("not-my-passphrase")
    await dialog.submit()
    await asyncio.sleep(0.3)
    dialog.grab().save(str(out / f"login_{lang}.png"))
    dialog.close()


async def reconnecting(window, out: Path, lang: str) -> None:
    """The database server gone: the status bar says the window is reconnecting (a dialog's Save says why)."""
    window.nav.setCurrentRow(0)
    window.on_connection(False)
    await asyncio.sleep(0.3)
    window.grab().save(str(out / f"reconnecting_{lang}.png"))
    window.on_connection(True)


async def analytics(window, out: Path, lang: str) -> None:
    """Every tab of the Analytics page (the page itself is saved as analytics_<lang>.png)."""
    page = window.analytics_page
    for i in range(1, page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        await asyncio.sleep(0.4)
        window.grab().save(str(out / f"analytics_{i}_{lang}.png"))
    page.tabs.setCurrentIndex(0)


async def backups(window, out: Path, lang: str) -> None:
    """File → Back up now: the result box, the status bar's age; the Settings page's Backups section."""
    from PySide6.QtWidgets import QMessageBox

    from shopdesk.ui.settings.backups import BackupSettings

    window.menus.backup_action.trigger()
    for _ in range(200):
        boxes = [b for b in window.findChildren(QMessageBox, "messageBox") if b.isVisible()]
        if boxes:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)
    boxes[0].grab().save(str(out / f"backup_done_{lang}.png"))
    boxes[0].accept()
    await asyncio.sleep(0.2)
    window.grab().save(str(out / f"backup_status_{lang}.png"))
    widget = BackupSettings(window.ops)
    widget.resize(720, 520)
    widget.show()
    await widget.load()
    await asyncio.sleep(0.3)
    widget.grab().save(str(out / f"backup_settings_{lang}.png"))
    widget.close()
    widget.deleteLater()


async def settings_tabs(window, out: Path, lang: str) -> None:
    """The Settings page's sections (the storefront's with its example request), and a value refused beside its
    field (then put back)."""
    page = window.settings_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    tabs = (
        (page.storefront, "api"),
        (page.orders_tab, "orders"),
        (page.ai_tab, "ai"),
        (page.backups, "backups"),
        (page.webhooks, "webhooks"),
    )
    for tab, name in (*tabs, (page.desktop, "desktop")):
        page.tabs.setCurrentWidget(tab)
        await asyncio.sleep(0.6)
        window.grab().save(str(out / f"settings_{name}_{lang}.png"))
    page.tabs.setCurrentWidget(page.orders_tab)
    page.fields["orders.pay_timeout_minutes"].editor.setText("0")
    await page.save()
    await asyncio.sleep(0.3)
    window.grab().save(str(out / f"settings_refused_{lang}.png"))
    page.revert()


async def orders_board(page) -> None:
    """The board with a delivered order picked (its keys and timeline below), after rows stop flashing."""
    from shopdesk.ui.models.orders import FLASH_S, STATUS_COLUMN, STATUS_ROLE

    model = page.model
    delivered = (r for r in range(model.rowCount()) if model.index(r, STATUS_COLUMN).data(STATUS_ROLE) == "delivered")
    page.table.selectRow(next(delivered, 0))
    await asyncio.sleep(FLASH_S)  # cases opened on demo orders just now made their rows flash


AI_WORDS = {
    "zh_CN": ("卡密显示已被使用，怎么回事？刚买的就用不了", "在吗？这个单子怎么回事 🙏"),
    "en": ("the card says it was already used?? just bought it", "hello? what is going on with this order 🙏"),
}


async def ai_track(window, out: Path, lang: str) -> None:
    """The AI track: a case it read with confidence, one it was unsure of (three best one click away), the
    open-case dialog with pasted words, and Analytics' AI track tab."""
    from shopdesk.services.desk import cases
    from shopdesk.services.orders.board import BoardFilter, order_ids

    sure_text, unsure_text = AI_WORDS.get(lang, AI_WORDS["en"])

    def open_two(session) -> tuple[int, int]:
        ids = [int(i) for i in order_ids(session, BoardFilter(status="delivered"))[10:12]]
        opened = [
            cases.open_case(session, i, reason_code=None, text=t, actor="storefront", run_rules=False)
            for i, t in zip(ids, (sure_text, unsure_text), strict=True)
        ]
        return opened[0].id, opened[1].id

    sure, unsure = await window.ops.write(open_two)
    page = window.aftersales_page
    window.nav.setCurrentRow([p for _t, p in window.pages].index(page))
    for case_id, name in ((sure, "ai_case"), (unsure, "ai_unsure")):
        await page.load()
        page.table.selectRow(page.model.row_of(case_id))
        await asyncio.sleep(0.8)
        page.case_view.tabs.setCurrentWidget(page.case_view.timeline)
        await asyncio.sleep(0.3)
        window.grab().save(str(out / f"{name}_{lang}.png"))
    dialog = page.open_case_dialog()
    dialog.order.setText("SD20261202000042")
    dialog.words.setPlainText(sure_text)
    await asyncio.sleep(0.4)
    dialog.grab().save(str(out / f"ai_open_case_{lang}.png"))
    dialog.reject()
    analytics = window.analytics_page
    window.nav.setCurrentRow([p for _t, p in window.pages].index(analytics))
    analytics.tabs.setCurrentWidget(analytics.ai_tab)
    await analytics.load()
    await asyncio.sleep(0.5)
    window.grab().save(str(out / f"ai_track_tab_{lang}.png"))


def main() -> int:
    out = Path(sys.argv[1])
    lang = sys.argv[2] if len(sys.argv) > 2 else "en"
    only = sys.argv[3] if len(sys.argv) > 3 else ""  # "ai": the AI track's screens alone
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_translators(app, lang)
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    data = os.environ.get("SHOPDESK_SCREENSHOT_DATA") or tempfile.mkdtemp(prefix="shopdesk-shot-")
    ops = Ops()
    window = MainWindow(ops, load_config(data, lang=lang))
    window.resize(1280, 780)
    window.show()

    async def go() -> None:
        await window.start(seed_demo=True, api_port=0)
        await window.ops.write(seed_cases)
        await asyncio.sleep(1.0)
        if only == "ai":
            await ai_track(window, out, lang)
            await settings_tabs(window, out, lang)
            app.setQuitOnLastWindowClosed(False)
            window.close()
            await asyncio.sleep(0.3)
            return
        for row in range(len(window.pages)):
            window.nav.setCurrentRow(row)
            page = window.stack.currentWidget()
            if page is window.orders_page:
                await flagged(window, out, lang)
                await orders_board(page)
            if page is window.aftersales_page:
                await aftersales(window, out, lang)
                continue
            await asyncio.sleep(1.2 if page is window.analytics_page else 0.6)
            name = type(page).__name__.removesuffix("Page").lower()
            window.grab().save(str(out / f"{name}_{lang}.png"))
            if page is window.analytics_page:
                await analytics(window, out, lang)
        await backups(window, out, lang)
        await customer_page(window, out, lang)
        await order_actions(window, out, lang)
        await payments(window, out, lang)
        await import_preview(window, out, lang)
        await resolve_preview(window, out, lang)
        await product_error(window, out, lang)
        await reconnecting(window, out, lang)
        await desk_calendar(window, out, lang)
        await settings_tabs(window, out, lang)
        await ai_track(window, out, lang)
        await staff(window, out, lang)
        app.setQuitOnLastWindowClosed(False)
        window.close()  # inside the loop: the window stops its API server as it closes
        await asyncio.sleep(0.3)

    with loop:
        loop.run_until_complete(go())
    window.close()
    ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

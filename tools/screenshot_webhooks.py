"""Screenshots of the Settings page's webhooks widget and its dialogs: tools/screenshot_webhooks.py OUTDIR [LANG].

A shop of its own in a temporary folder with three hooks (a 企业微信 robot, a Telegram bot, a signed JSON hook) and
a few deliveries sent, waiting and given up. Run offscreen: QT_QPA_PLATFORM=offscreen."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shopdesk.app import ShopApp  # noqa: E402
from shopdesk.config import load_config  # noqa: E402
from shopdesk.ui.i18n import install_translators  # noqa: E402
from shopdesk.ui.ops import Ops  # noqa: E402
from shopdesk.ui.settings.webhooks import AddWebhookDialog, SecretDialog, WebhookSettings  # noqa: E402


def seed(session) -> None:
    from shopdesk.db.models import WebhookDelivery
    from shopdesk.services.common import clock, webhooks
    from shopdesk.services.maintenance import webhooks as hooks

    hooks.add_hook(
        session,
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
        kind="wecom",
        events="breach,paid_order,low_stock",
        actor="boss",
    )
    hooks.add_hook(
        session,
        "https://api.telegram.org/bot123456:ABC-DEF1234ghIkl/sendMessage?chat_id=987654321",
        kind="telegram",
        events="breach,backup_failed,anomaly",
        actor="boss",
    )
    hooks.add_hook(
        session, "https://shop.example.com/hooks/shopdesk", kind="generic", events="paid_order", actor="boss"
    )
    webhooks.enqueue(session, "breach", case_id=12, order_number="SD20261201000154", kind="first_response")
    webhooks.enqueue(session, "paid_order", number="SD20261201000155", amount="9.80", items=[])
    webhooks.enqueue(session, "backup_failed", reason="disk full")
    session.flush()
    rows = session.query(WebhookDelivery).order_by(WebhookDelivery.id).all()
    now = clock.now()
    for row in rows[:2]:
        row.state, row.sent_at = "sent", now - timedelta(minutes=3)
    rows[-1].state, rows[-1].last_error = "failed", "HTTP 404"
    session.flush()


def main() -> int:
    out = Path(sys.argv[1])
    lang = sys.argv[2] if len(sys.argv) > 2 else "en"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_translators(app, lang)
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    ops = Ops()
    ops.attach(ShopApp.open(load_config(tempfile.mkdtemp(prefix="shopdesk-hooks-"), lang=lang)))

    async def go() -> None:
        await ops.write(seed)
        widget = WebhookSettings(ops)
        widget.resize(980, 360)
        widget.show()
        await widget.load()
        await asyncio.sleep(0.3)
        widget.grab().save(str(out / f"settings_webhooks_{lang}.png"))
        dialog = AddWebhookDialog(widget)
        dialog.open()
        await asyncio.sleep(0.3)
        dialog.grab().save(str(out / f"webhook_add_{lang}.png"))
        dialog.close()
        secret = SecretDialog("3f1c9a0d5e7b42c8a6d1f0e9b8c7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9", widget)
        secret.open()
        await asyncio.sleep(0.3)
        secret.grab().save(str(out / f"webhook_secret_{lang}.png"))
        secret.close()
        widget.close()

    loop.run_until_complete(go())
    ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

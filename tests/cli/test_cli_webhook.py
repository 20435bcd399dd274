"""`shopdesk webhook …`: add (the id, and a generic hook's secret once), list (never a secret), test (the HTTP
status of a real loopback server), remove, flush (a new process sends what an earlier one queued); bad URLs and
events refused with exit 2 writing nothing; staff and viewers refused with exit 3."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys

import pytest

from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user
from tests.helpers.webhook_receiver import Receiver


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


def test_add_prints_the_id_and_the_secret_once(sd, receiver):
    added = sd.json("webhook", "add", receiver.url + "/in", "--kind", "generic", "--events", "paid_order,breach")
    assert added["id"] == 1 and len(added["secret"]) == 64
    assert added["events"] == ["breach", "paid_order"] and added["kind"] == "generic"
    listed = sd.json("webhook", "list")["webhooks"]
    assert [(h["id"], h["kind"], h["events"], h["pending"]) for h in listed] == [
        (1, "generic", ["breach", "paid_order"], 0)
    ]
    assert added["secret"] not in json.dumps(listed)
    assert added["secret"] not in sd("webhook", "list").out
    assert sd.count("audit_event", "action = 'webhook.added'") == 1
    secret_rows = [line for line in sd.dump() if added["secret"] in line]
    assert secret_rows == []  # sealed in the database, never in plain


def test_chat_hooks_get_no_secret_and_their_keys_are_masked(sd):
    run = sd("webhook", "add", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123456789", "--kind", "wecom",
             "--events", "breach")  # fmt: skip
    assert run.code == 0 and "secret" not in run.out
    assert "secret" not in sd.json("webhook", "add", "https://api.telegram.org/botTOKEN123/sendMessage?chat_id=5",
                                   "--kind", "telegram", "--events", "low_stock")  # fmt: skip
    text = sd("webhook", "list").out
    assert "0123456789" not in text and "TOKEN123" not in text
    assert "key=0123…" in text and "botTOKE…" in text


@pytest.mark.parametrize("url", ["ftp://example.com/hook", "example.com/hook", "mailto:boss@example.com"])
def test_a_url_that_is_not_http_is_refused_and_writes_nothing(sd, url):
    run = sd.writes_nothing("--json", "webhook", "add", url, "--kind", "generic", "--events", "breach")
    error = run.error()
    assert error["field"] == "url" and "http:// or https://" in error["error"]


def test_an_unknown_event_is_refused_with_the_list(sd):
    run = sd.writes_nothing("--json", "webhook", "add", "https://example.com", "--kind", "generic", "--events",
                            "breach,refund")  # fmt: skip
    error = run.error()["error"]
    assert error.startswith("refund is not a webhook event")
    assert "breach, paid_order, awaiting_stock, low_stock, anomaly, backup_failed" in error


def test_a_telegram_hook_without_a_chat_is_refused(sd):
    run = sd.writes_nothing("--json", "webhook", "add", "https://api.telegram.org/botX/sendMessage", "--kind",
                            "telegram", "--events", "breach")  # fmt: skip
    assert "chat_id" in run.error()["error"]


def test_an_unknown_kind_is_refused_by_the_parser(sd):
    sd.writes_nothing("webhook", "add", "https://example.com", "--kind", "slack", "--events", "breach")


@pytest.mark.parametrize(("who", "pw"), [("xiaowang", STAFF_PW), ("kan", VIEWER_PW)])
def test_only_the_owner_adds_or_removes(staffed, monkeypatch, receiver, who, pw):
    hook = staffed.json("webhook", "add", receiver.url, "--kind", "generic", "--events", "breach")
    as_user(monkeypatch, who, pw)
    run = staffed("--json", "webhook", "add", receiver.url, "--kind", "wecom", "--events", "breach")
    assert run.code == 3 and "owner" in run.error()["error"]
    run = staffed("--json", "webhook", "remove", str(hook["id"]))
    assert run.code == 3
    assert staffed.count("webhook") == 1
    assert staffed.count("audit_event", f"action = 'denied' AND actor = '{who}'") == 2
    assert [h["id"] for h in staffed.json("webhook", "list")["webhooks"]] == [hook["id"]]  # they may look


def test_remove(sd, receiver):
    hook = sd.json("webhook", "add", receiver.url, "--kind", "generic", "--events", "breach")
    assert sd.json("webhook", "remove", str(hook["id"])) == {"id": hook["id"], "removed": True, "dropped": 0}
    assert sd.json("webhook", "list") == {"webhooks": []}
    run = sd.writes_nothing("--json", "webhook", "remove", str(hook["id"]))
    assert "No webhook 1" in run.error()["error"]


def test_test_sends_now_and_reports_the_status(sd, receiver):
    hook = sd.json("webhook", "add", receiver.url + "/t", "--kind", "generic", "--events", "breach")
    assert sd.json("webhook", "test", str(hook["id"])) == {"id": 1, "ok": True, "status": 200, "error": ""}
    [got] = receiver.received
    assert got.json()["event"] == "test" and got.json()["data"] == {"hook": 1}
    signature = hmac.new(hook["secret"].encode(), got.body, hashlib.sha256).hexdigest()
    assert got.headers["X-ShopDesk-Signature"] == signature
    assert sd.count("webhook_delivery") == 0  # a test is never queued
    receiver.status = 500
    run = sd("webhook", "test", str(hook["id"]))
    assert run.code == 1 and "HTTP 500" in run.out


def test_test_of_a_wecom_robot(sd, receiver):
    hook = sd.json("webhook", "add", receiver.url + "/cgi-bin/webhook/send?key=k", "--kind", "wecom", "--events",
                   "breach")  # fmt: skip
    assert sd("webhook", "test", str(hook["id"])).out == "webhook 1: test sent, HTTP 200\n"
    assert receiver.bodies() == [
        {"msgtype": "text", "text": {"content": "[ShopDesk] ShopDesk 测试消息：此 Webhook 工作正常。"}}
    ]


def test_flush_in_a_new_process_sends_what_was_queued(stocked, receiver):
    stocked.json("webhook", "add", receiver.url, "--kind", "generic", "--events", "paid_order")
    for n in range(2):
        assert stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no",
                       f"T{n}").code == 0  # fmt: skip
    assert stocked.count("webhook_delivery", "state = 'pending'") == 2
    receiver.stop()
    down = stocked.json("webhook", "flush", "--timeout", "1")
    assert down == {"sent": 0, "retrying": 1, "failed": 0, "pending": 2, "gave_up": 0}
    receiver.start()
    stocked.execute("UPDATE webhook_delivery SET next_attempt_at = created_at")  # the back-off has run out
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--json", "--data-dir", str(stocked.path), "webhook", "flush"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"sent": 2, "retrying": 0, "failed": 0, "pending": 0, "gave_up": 0}
    numbers = [b["data"]["number"] for b in receiver.bodies()]
    assert len(numbers) == 2 and numbers == sorted(numbers)
    for secret in stocked.secrets:
        assert all(secret.encode() not in r.body for r in receiver.received)
    listed = stocked.json("webhook", "list")["webhooks"][0]
    assert (listed["sent"], listed["pending"], listed["last_state"]) == (2, 0, "sent")


def test_serve_api_sends_the_outbox_while_it_runs(stocked, receiver):
    """The headless storefront server is a ShopDesk process too: what is queued goes out from it."""
    import time

    from tests.slow.serve_api import ServeApi

    stocked.json("webhook", "add", receiver.url, "--kind", "generic", "--events", "paid_order")
    assert (
        stocked("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "external", "--trade-no", "S1").code
        == 0
    )
    with ServeApi(stocked.path, duration=60):
        deadline = time.monotonic() + 30
        # the receiver has the body before the server has marked it sent: wait for both before stopping it
        while time.monotonic() < deadline and not (
            receiver.received and stocked.count("webhook_delivery", "state = 'sent'") == 1
        ):
            time.sleep(0.05)
    assert [b["event"] for b in receiver.bodies()] == ["paid_order"]
    assert stocked.count("webhook_delivery", "state = 'sent'") == 1

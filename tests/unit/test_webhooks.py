"""Webhooks against a real HTTP server on loopback: the outbox is written with its event, signed, worded for
企业微信 and Telegram, retried with back-off on a timeout or a 500, held while the endpoint is down for an hour and
drained in order, kept across a restart, never sent twice by two senders, and never carrying a secret."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
from datetime import timedelta

import pytest
from desk_support import T0, add_customer, make_order, open_case
from svc_support import stock
from webhook_support import add_hook, add_product, deliveries, flush, runner

from shopdesk.app import ShopApp
from shopdesk.db.models import CardKey, Webhook
from shopdesk.services.common import clock, keystore, webhooks
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk import sop
from shopdesk.services.maintenance import webhook_sender, webhook_text
from shopdesk.services.maintenance import webhooks as hooks
from shopdesk.services.numbers import alerts
from shopdesk.services.storefront import intake
from tests.helpers.webhook_receiver import Receiver


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def frozen():
    clock.freeze(T0)
    return T0


def paid_order(app: ShopApp, sku: str = "WH-1", qty: int = 1, keys: int = 5) -> int:
    pid = add_product(app, sku)
    if keys:
        stock(app, pid, keys)
    return make_order(app, add_customer(app), [(sku, qty)])


# --- the enqueue side -----------------------------------------------------------------------------------------


def test_no_hook_no_row(shop):
    paid_order(shop)
    assert deliveries(shop) == []


def test_a_paid_order_queues_its_facts_and_none_of_its_secrets(shop, receiver):
    hook = add_hook(shop, receiver.url + "/in", events="paid_order")
    with shop.db.write() as s:
        api = intake.api_secret(s)
    order_id = paid_order(shop, qty=2)
    [row] = deliveries(shop)
    assert (row["hook"], row["event"], row["state"], row["attempts"]) == (hook.id, "paid_order", "pending", 0)
    assert row["data"]["order_id"] == order_id and row["data"]["amount"] == "20.00"
    assert row["data"]["items"] == [{"sku": "WH-1", "name": "商品 WH-1", "qty": 2, "delivered": 2}]
    with shop.db.read() as s:
        keys = s.execute(select_keys(order_id)).all()
    assert len(keys) == 2
    for card_no, blob, digest, product_id in keys:
        secret = shop.vault.open_secret(blob, digest, product_id)
        assert secret not in row["payload"] and card_no not in row["payload"]
    assert api not in row["payload"] and "wx:desk" not in row["payload"]  # nor the API secret, nor a contact
    assert flush(shop).sent == 1
    for card_no, blob, digest, product_id in keys:
        assert shop.vault.open_secret(blob, digest, product_id).encode() not in receiver.received[0].body
        assert card_no.encode() not in receiver.received[0].body


def select_keys(order_id: int):
    from sqlalchemy import select

    from shopdesk.db.models import OrderLine

    return (
        select(CardKey.card_no, CardKey.secret_enc, CardKey.secret_hash, CardKey.product_id)
        .join(OrderLine, OrderLine.id == CardKey.order_line_id)
        .where(OrderLine.order_id == order_id)
    )


def test_a_payload_key_that_could_hold_a_secret_is_a_bug(shop, receiver):
    add_hook(shop, receiver.url, events="paid_order")
    with pytest.raises(ValueError, match="secret"), shop.db.write() as s:
        webhooks.enqueue(s, "paid_order", number="SD-1", items=[{"sku": "A", "secret": "x"}])
    with pytest.raises(ValueError, match="unknown webhook event"), shop.db.write() as s:
        webhooks.enqueue(s, "sold_out", number="SD-1")
    assert deliveries(shop) == []


def test_an_event_rolled_back_sends_nothing(shop, receiver):
    add_hook(shop, receiver.url, events="backup_failed")
    with pytest.raises(RuntimeError), shop.db.write() as s:
        webhooks.enqueue(s, "backup_failed", reason="disk full")
        raise RuntimeError("the transaction of the event fails")
    assert deliveries(shop) == []


def test_backup_failed_is_queued_and_worded(shop, receiver):
    add_hook(shop, receiver.url, kind="wecom", events="backup_failed")
    with shop.db.write() as s:
        assert webhooks.enqueue(s, "backup_failed", code="backup.disk_full", reason="the backup disk is full") == 1
    assert flush(shop).sent == 1
    assert receiver.bodies() == [
        {"msgtype": "text", "text": {"content": "[ShopDesk] 备份失败：the backup disk is full"}}
    ]


def test_an_order_waiting_for_keys_is_announced(shop, receiver):
    add_hook(shop, receiver.url, events="awaiting_stock,paid_order")
    paid_order(shop, qty=3, keys=1)
    [row] = deliveries(shop)
    assert row["event"] == "awaiting_stock" and row["data"]["items"][0]["delivered"] == 1


def test_low_stock_is_told_once_per_crossing(shop, receiver):
    add_hook(shop, receiver.url, events="low_stock")
    pid = add_product(shop, "LOW-1", threshold=3)
    stock(shop, pid, 5)
    customer = add_customer(shop)
    for _ in range(2):  # 5 -> 4 -> 3 left: not below 3 yet
        make_order(shop, customer, [("LOW-1", 1)])
    assert deliveries(shop) == []
    make_order(shop, customer, [("LOW-1", 1)])  # 2 left: crossed
    make_order(shop, customer, [("LOW-1", 1)])  # 1 left: still below, not told again
    [row] = deliveries(shop)
    assert row["data"] == {"product_id": pid, "sku": "LOW-1", "name": "商品 LOW-1", "available": 2, "threshold": 3}
    stock(shop, pid, 5)  # 6: above again
    for _ in range(4):  # 6 -> 2: a new crossing
        make_order(shop, customer, [("LOW-1", 1)])
    assert [r["data"]["available"] for r in deliveries(shop)] == [2, 2]


def test_a_breach_is_queued_once_with_its_minutes_late(shop, receiver, frozen):
    add_hook(shop, receiver.url + "/bot123:ABC/sendMessage?chat_id=42", kind="telegram", events="breach")
    pid = add_product(shop, "BR-1")
    stock(shop, pid, 3)
    case = open_case(shop, make_order(shop, add_customer(shop), [("BR-1", 1)]), "changed_mind")
    clock.advance(timedelta(minutes=12))
    for _ in range(2):  # the sweep runs again (another desktop): the breach is recorded and queued once
        with shop.db.write() as s:
            sop.record_breaches(s)
    rows = [r for r in deliveries(shop) if r["data"]["kind"] == "first_response"]
    assert len(rows) == 1
    assert rows[0]["data"]["case_id"] == case.id and rows[0]["data"]["minutes_late"] == 7  # 5-minute target
    assert flush(shop).sent >= 1
    first = receiver.received[0]
    assert first.path == "/bot123:ABC/sendMessage"  # the chat id moves into the body
    body = first.json()
    assert body["chat_id"] == "42"
    assert body["text"].startswith("[ShopDesk] SOP breached: case ") and "7 min late" in body["text"]


def test_an_anomaly_reaches_each_hook_once(shop, receiver):
    first = add_hook(shop, receiver.url, events="anomaly")
    second = add_hook(shop, receiver.url + "/two", kind="wecom", events="anomaly,breach")
    pid = add_product(shop, "AN-1")
    found = [alerts.Alert("product_cancellations", pid, "AN-1", T0.date(), None, "", 0.5, 0.1, 0.05, 0.2, 5, 10)]
    for _ in range(3):  # found again by the next look, or by another desktop
        with shop.db.write() as s:
            alerts.announce(s, found)
    assert sorted(r["hook"] for r in deliveries(shop)) == [first.id, second.id]
    assert flush(shop).sent == 2
    wecom = [b for b in receiver.bodies() if "msgtype" in b][0]
    assert (
        wecom["text"]["content"]
        == "[ShopDesk] 异常提醒：AN-1 在 2026-03-02 的取消率为 50.0%（平时约 10.0%，10 单中 5 单）。"
    )


def test_the_anomaly_watch_looks_and_queues(shop, receiver, monkeypatch):
    add_hook(shop, receiver.url, events="anomaly")
    pid = add_product(shop, "AN-2")
    alert = alerts.Alert("batch_defects", pid, "AN-2", None, 7, "Acme", 0.3, 0.01, 0.01, 0.03, 4, 12)
    monkeypatch.setattr(alerts, "alerts", lambda session: [alert])
    ticks = iter([0.0, 10.0, 4000.0])
    watch = webhook_sender.AnomalyWatch(runner(shop, "write"), runner(shop, "read"), monotonic=lambda: next(ticks))
    assert asyncio.run(watch()) == 1
    assert asyncio.run(watch()) == 0  # within the hour: not looked at
    assert asyncio.run(watch()) == 0  # looked at again: already queued
    assert [r["data"]["supplier"] for r in deliveries(shop)] == ["Acme"]


# --- formats --------------------------------------------------------------------------------------------------


def test_generic_post_is_signed_over_the_exact_body(shop, receiver):
    hook = add_hook(shop, receiver.url + "/hook", events="paid_order")
    assert hook.secret and len(hook.secret) == 64
    paid_order(shop)
    assert flush(shop).sent == 1
    [got] = receiver.received
    expected = hmac.new(hook.secret.encode(), got.body, hashlib.sha256).hexdigest()
    assert got.headers["X-ShopDesk-Signature"] == expected
    doc = got.json()
    assert set(doc) == {"id", "event", "at", "shop", "data"}
    assert (doc["event"], doc["shop"], doc["data"]["amount"]) == ("paid_order", "ShopDesk", "10.00")
    forged = hmac.new(b"another secret", got.body, hashlib.sha256).hexdigest()
    assert forged != got.headers["X-ShopDesk-Signature"]


def test_the_secret_is_sealed_and_survives_a_key_rotation(shop, receiver):
    hook = add_hook(shop, receiver.url, events="backup_failed")
    with shop.db.read() as s:
        sealed = s.get(Webhook, hook.id).secret_sealed
    assert hook.secret not in sealed
    old = shop.vault
    with shop.db.write() as s:
        keystore.rotate(s, shop.config.data_dir, old, actor="t")
    keystore.finish_rotation(shop.config.data_dir, old)
    shop.unlock()
    with shop.db.write() as s:
        webhooks.enqueue(s, "backup_failed", reason="x")
    assert flush(shop).sent == 1
    got = receiver.received[0]
    assert got.headers["X-ShopDesk-Signature"] == hmac.new(hook.secret.encode(), got.body, hashlib.sha256).hexdigest()


def test_wecom_body_speaks_the_shops_language(shop, receiver):
    from shopdesk.services.common import settings

    add_hook(shop, receiver.url + "/cgi-bin/webhook/send?key=abc", kind="wecom", events="paid_order")
    paid_order(shop)
    assert flush(shop).sent == 1  # no language set: a 企业微信 robot speaks Chinese
    with shop.db.write() as s:
        settings.put(s, "shop.name", "小店")
        settings.put(s, "shop.language", "en")
    paid_order(shop, sku="WH-2")
    assert flush(shop).sent == 1
    first, second = receiver.received
    assert first.path == "/cgi-bin/webhook/send?key=abc"
    assert first.json()["text"]["content"].startswith("[ShopDesk] 新订单 SD")
    assert first.json()["text"]["content"].endswith("已付款 10.00 元，已发货：商品 WH-1 ×1。")
    assert second.json()["text"]["content"].startswith("[小店] Paid order SD")
    assert second.json()["text"]["content"].endswith("10.00 yuan, delivered 商品 WH-2 ×1.")


def test_every_event_has_both_sentences():
    for language in webhook_text.LANGUAGES:
        for event in webhooks.EVENTS:
            data = {"kind": "product_cancellations"} if event == "anomaly" else {}
            assert "ShopDesk event" not in webhook_text.sentence(event, data, language)
            assert "ShopDesk 事件" not in webhook_text.sentence(event, data, language)


def test_wecom_errcode_is_a_failure(shop, receiver):
    receiver.answer = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
    add_hook(shop, receiver.url, kind="wecom", events="paid_order")
    paid_order(shop)
    result = flush(shop)
    assert (result.sent, result.retrying) == (0, 1)
    assert "93000" in deliveries(shop)[0]["error"]


# --- faults: timeouts, 500s, an endpoint down for an hour, restarts, two senders ------------------------------


def test_a_url_that_times_out_is_retried_with_back_off(shop, receiver, frozen):
    receiver.delay = 1.5
    add_hook(shop, receiver.url, events="paid_order")
    paid_order(shop)
    result = flush(shop, timeout=0.3)
    assert (result.sent, result.retrying, result.pending) == (0, 1, 1)
    [row] = deliveries(shop)
    assert (row["state"], row["attempts"], row["next"]) == ("pending", 1, T0 + timedelta(seconds=30))
    assert row["error"] == "no answer within 0.3 s"
    assert flush(shop, timeout=0.3).retrying == 0  # not due yet: not tried
    clock.advance(timedelta(seconds=30))
    flush(shop, timeout=0.3)
    [row] = deliveries(shop)
    assert (row["attempts"], row["next"]) == (2, T0 + timedelta(seconds=90))  # then a minute
    receiver.delay = 0
    clock.advance(timedelta(minutes=1))
    assert flush(shop).sent == 1
    assert deliveries(shop)[0]["state"] == "sent"


def test_a_500_is_retried_and_the_row_kept(shop, receiver, frozen):
    receiver.status = 500
    add_hook(shop, receiver.url, events="paid_order")
    paid_order(shop)
    assert flush(shop).retrying == 1
    [row] = deliveries(shop)
    assert (row["state"], row["status"], row["next"]) == ("pending", 500, T0 + timedelta(seconds=30))
    assert row["error"].startswith("HTTP 500")
    receiver.status = 200
    clock.advance(timedelta(seconds=30))
    assert flush(shop).sent == 1
    assert len(receiver.received) == 2


def test_a_refusal_is_given_up_at_once_and_a_day_of_failures_too(shop, receiver, frozen):
    receiver.status = 400
    add_hook(shop, receiver.url, events="backup_failed")
    with shop.db.write() as s:
        webhooks.enqueue(s, "backup_failed", reason="a")
    assert flush(shop).failed == 1
    receiver.status = 503
    with shop.db.write() as s:
        webhooks.enqueue(s, "backup_failed", reason="b")
    for _ in range(40):  # an hour apart at most: a day later it is given up
        flush(shop)
        clock.advance(timedelta(hours=1))
    assert [r["state"] for r in deliveries(shop)] == ["failed", "failed"]
    assert deliveries(shop)[1]["attempts"] < 40


def test_retry_delays_double_up_to_an_hour():
    got = [webhook_sender.retry_delay(n).total_seconds() for n in range(1, 10)]
    assert got == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_an_endpoint_down_for_an_hour_holds_the_queue_then_drains_it_in_order(shop, receiver, frozen):
    add_hook(shop, receiver.url, events="backup_failed")
    receiver.stop()  # down: connection refused
    for n in range(5):
        with shop.db.write() as s:
            webhooks.enqueue(s, "backup_failed", reason=f"#{n}")
        clock.advance(timedelta(minutes=1))
    for _ in range(12):  # an hour of the GUI's sender looking every 5 minutes
        result = flush(shop)
        assert result.sent == 0 and result.pending == 5
        clock.advance(timedelta(minutes=5))
    rows = deliveries(shop)
    assert all(r["state"] == "pending" for r in rows)
    assert rows[0]["attempts"] >= 6 and all(r["attempts"] == 0 for r in rows[1:])  # the rest wait behind the first
    assert "ClientConnector" in rows[0]["error"] or "Connect" in rows[0]["error"]
    receiver.start()  # back, on the same port
    clock.advance(timedelta(hours=1))
    assert flush(shop).sent == 5
    assert [b["data"]["reason"] for b in receiver.bodies()] == [f"#{n}" for n in range(5)]
    assert [b["id"] for b in receiver.bodies()] == [r["id"] for r in rows]


def test_a_restart_still_sends_what_was_queued(shop, receiver):
    add_hook(shop, receiver.url, events="paid_order")
    paid_order(shop)
    paid_order(shop, sku="WH-2")
    again = ShopApp.open(shop.config)  # a new process: nothing in memory, the outbox in the database
    try:
        assert flush(again).sent == 2
    finally:
        again.close()
    assert len(receiver.received) == 2


def test_a_claimed_row_is_nobody_elses_until_its_lease_runs_out(shop, receiver, frozen):
    add_hook(shop, receiver.url, events="backup_failed")
    with shop.db.write() as s:
        webhooks.enqueue(s, "backup_failed", reason="once")
    with shop.db.write() as s:
        job = webhook_sender.claim_next(s)
    assert job is not None
    with shop.db.write() as s:  # the second sender, between the first one's claim and its answer
        assert webhook_sender.claim_next(s) is None
    clock.advance(webhook_sender.LEASE)  # the first sender died mid-post: the row comes due again
    with shop.db.write() as s:
        again = webhook_sender.claim_next(s)
    assert again.delivery_id == job.delivery_id and again.attempts == 2


def test_two_senders_at_once_never_send_a_row_twice(shop, receiver):
    receiver.delay = 0.02
    for n in range(3):
        add_hook(shop, f"{receiver.url}/h{n}", events="backup_failed")
    with shop.db.write() as s:
        for n in range(8):
            webhooks.enqueue(s, "backup_failed", reason=f"#{n}")
    other = ShopApp.open(shop.config)  # its own engine and connections, like another process
    results = []
    try:
        senders = [threading.Thread(target=lambda a=a: results.append(flush(a))) for a in (shop, other, shop)]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
    finally:
        other.close()
    ids = [b["id"] for b in receiver.bodies()]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 24
    assert sum(r.sent for r in results) == 24
    assert len({r.path for r in receiver.received}) == 3
    for path in {r.path for r in receiver.received}:  # each hook's rows in their order
        reasons = [r.json()["data"]["reason"] for r in receiver.received if r.path == path]
        assert reasons == [f"#{n}" for n in range(8)]


# --- the hooks themselves ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "example.com/hook", "javascript:alert(1)", "http://", "file:///etc/passwd"]
)
def test_a_url_that_is_not_http_is_refused(shop, url):
    with pytest.raises(InvalidInput) as info, shop.db.write() as s:
        hooks.add_hook(s, url, kind="generic", events="breach", actor="owner")
    assert info.value.code == "webhooks.url_invalid"


def test_events_are_checked(shop):
    with pytest.raises(InvalidInput) as info, shop.db.write() as s:
        hooks.add_hook(s, "https://example.com", kind="generic", events="breach,sold_out", actor="owner")
    assert "breach, paid_order, awaiting_stock, low_stock, anomaly, backup_failed" in info.value.message
    with pytest.raises(InvalidInput, match="at least one"), shop.db.write() as s:
        hooks.add_hook(s, "https://example.com", kind="generic", events=" , ", actor="owner")


def test_the_list_masks_keys_and_tokens(shop, receiver):
    add_hook(shop, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx", kind="wecom")
    add_hook(shop, "https://api.telegram.org/bot123456:ABCDEF/sendMessage?chat_id=987654", kind="telegram")
    with shop.db.read() as s:
        listed = hooks.list_hooks(s)
    assert [h.url for h in listed] == [
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…",
        "https://api.telegram.org/bot1234…/sendMessage?chat_id=9876…",
    ]
    assert "ABCDEF" not in json.dumps([h.url for h in listed])


def test_removing_a_hook_drops_what_it_had_queued(shop, receiver):
    hook = add_hook(shop, receiver.url, events="paid_order")
    paid_order(shop)
    with shop.db.write() as s:
        assert hooks.remove_hook(s, hook.id, actor="owner") == 1
    assert deliveries(shop) == [] and flush(shop).sent == 0

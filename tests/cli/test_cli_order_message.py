"""`shopdesk order message NUMBER`: the delivery message with the keys, audited as a reveal; refused without it."""

from __future__ import annotations

from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user


def _delivered(sd) -> dict:
    assert sd("customer", "topup", "1", "100.00", "--idempotency-key", "top-1").code == 0
    return sd.json("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", "2", "--pay", "wallet")


def test_message_prints_the_keys_in_the_default_wording_and_audits_each_reveal(stocked):
    order = _delivered(stocked)
    before = stocked.count("audit_event", "action = 'key.reveal'")

    out = stocked.json("--lang", "zh_CN", "order", "message", order["number"])

    assert out["number"] == order["number"] and out["id"] == order["id"]
    text = out["message"]
    assert text.startswith(f"您好，您的订单 {order['number']} 已发货")
    assert "【Q币 10元】共 2 张" in text
    shown = [s for s in stocked.secrets if s in text]
    assert len(shown) == 2 and all(f"卡密：{s}" in text for s in shown)
    assert stocked.count("audit_event", "action = 'key.reveal'") == before + 2
    assert stocked.count("audit_event", "action = 'order.message'") == 1
    plain = stocked("--lang", "en", "order", "message", order["number"])
    assert plain.code == 0 and plain.out.startswith(f"Hello, your order {order['number']} has been delivered")


def test_the_products_template_words_the_message(stocked):
    order = _delivered(stocked)
    stocked.execute(
        "UPDATE product SET delivery_template = ? WHERE sku = 'Q-10'", "{order}|{product}|{count}\n{keys}\n{x}"
    )

    text = stocked.json("--lang", "en", "order", "message", order["number"])["message"]

    lines = text.splitlines()
    assert lines[0] == f"{order['number']}|Q币 10元|2"
    assert lines[1].startswith("Secret: PLAIN-") and lines[3] == "{x}"  # an unknown placeholder is kept as written


def test_an_unknown_number_or_an_undelivered_order_is_one_clear_sentence(stocked):
    run = stocked.writes_nothing("order", "message", "SD19990101000001")
    assert "SD19990101000001" in run.err
    order = stocked.json("order", "create", "--customer", "1", "--sku", "Q-10")
    run = stocked("--json", "order", "message", order["number"])
    assert run.code != 0 and "no delivered keys" in run.error()["error"]


def test_a_viewer_is_refused_and_nothing_is_revealed(staffed, monkeypatch):
    order = _delivered(staffed)
    as_user(monkeypatch, "kan", VIEWER_PW)
    reveals = staffed.count("audit_event", "action = 'key.reveal'")

    run = staffed("--json", "order", "message", order["number"])

    assert run.code == 3 and "keys.reveal" in run.error()["error"]
    assert staffed.count("audit_event", "action = 'key.reveal'") == reveals
    assert staffed.count("audit_event", "action = 'denied' AND actor = 'kan'") == 1
    as_user(monkeypatch, "xiaowang", STAFF_PW)  # staff may reveal (the shipped role)
    assert staffed("--json", "order", "message", order["number"]).code == 0

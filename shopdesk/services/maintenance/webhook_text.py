"""One short sentence per webhook event, in English and Chinese, for the chat formats (企业微信 robot, Telegram bot).

The outbox stores codes and facts; a chat message is worded here when it is sent, in the shop's language (setting
`shop.language`; without it 企业微信 speaks Chinese and Telegram English). The generic JSON hook gets the facts.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = {"wecom": "zh_CN", "telegram": "en", "generic": "en"}

SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "breach": "SOP breached: case {case_id} (order {order_number}), {target} is {minutes_late} min late.",
        "paid_order": "Paid order {number}: {amount} yuan, delivered {items}.",
        "awaiting_stock": "Order {number} ({amount} yuan) is paid and waiting for keys: {items}.",
        "low_stock": "{name} ({sku}) is low on stock: {available} key(s) left (alert below {threshold}).",
        "anomaly.product_cancellations": (
            "Out of the ordinary: {sku} cancellation rate {rate}% on {date} (usually {mean}%; {count} of {base})."
        ),
        "anomaly.batch_defects": (
            "Out of the ordinary: batch {batch_id} of {sku} ({supplier}) has {rate}% invalid keys "
            "(other batches {mean}%)."
        ),
        "backup_failed": "Backup failed: {reason}",
        "test": "Test message from ShopDesk: this webhook works.",
        "other": "ShopDesk event {event}.",
    },
    "zh_CN": {
        "breach": "售后超时：工单 {case_id}（订单 {order_number}）{target}已超时 {minutes_late} 分钟。",
        "paid_order": "新订单 {number} 已付款 {amount} 元，已发货：{items}。",
        "awaiting_stock": "订单 {number}（{amount} 元）已付款，等待补货：{items}。",
        "low_stock": "{name}（{sku}）库存不足：剩余 {available} 张卡密（预警线 {threshold}）。",
        "anomaly.product_cancellations": (
            "异常提醒：{sku} 在 {date} 的取消率为 {rate}%（平时约 {mean}%，{base} 单中 {count} 单）。"
        ),
        "anomaly.batch_defects": (
            "异常提醒：{sku} 的批次 {batch_id}（{supplier}）卡密无效率为 {rate}%（其他批次约 {mean}%）。"
        ),
        "backup_failed": "备份失败：{reason}",
        "test": "ShopDesk 测试消息：此 Webhook 工作正常。",
        "other": "ShopDesk 事件 {event}。",
    },
}
TARGETS = {
    "en": {"first_response": "the first response", "resolution": "the resolution", "double": "the resolution (twice)"},
    "zh_CN": {"first_response": "首次响应", "resolution": "处理", "double": "处理（已超两倍时限）"},
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _items(items: Any, language: str) -> str:
    if not isinstance(items, list) or not items:
        return "-"
    sep = "、" if language == "zh_CN" else ", "
    return sep.join(f"{i.get('name') or i.get('sku')} ×{i.get('qty', 1)}" for i in items if isinstance(i, dict))


def sentence(event: str, data: dict[str, Any], language: str, shop: str = "") -> str:
    """The message a chat shows for `event` with its facts, prefixed with the shop's name."""
    table = SENTENCES.get(language, SENTENCES["en"])
    facts = _Blank(data)
    facts["event"] = event
    key = event
    if event == "anomaly":
        key = f"anomaly.{data.get('kind')}"
        for name in ("rate", "mean"):
            if isinstance(data.get(name), int | float):
                facts[name] = f"{data[name] * 100:.1f}"
    if event == "breach":
        facts["target"] = TARGETS.get(language, TARGETS["en"]).get(str(data.get("kind")), str(data.get("kind")))
    if event in ("paid_order", "awaiting_stock"):
        facts["items"] = _items(data.get("items"), language)
    if event == "backup_failed":
        facts["reason"] = data.get("reason") or data.get("code") or "?"
    text = table.get(key, table["other"]).format_map(facts)
    return f"[{shop}] {text}" if shop else text

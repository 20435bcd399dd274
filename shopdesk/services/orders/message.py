"""The delivery message: what the shop pastes into QQ/WeChat for the customer — the order number, each product's
keys (card numbers and secrets) and its instructions, worded by the product's own template or the default one in
the operator's language. It holds secrets, so it is made only through the audited reveal (keys.reveal)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Order, Product
from shopdesk.services.common import access, audit
from shopdesk.services.common.errors import Conflict, NotFound
from shopdesk.services.common.vault import Vault
from shopdesk.services.inventory import secrets
from shopdesk.services.orders.detail import load_order_view

PLACEHOLDERS = ("{order}", "{product}", "{keys}", "{count}")
DEFAULT_TEMPLATES = {
    "zh_CN": "您好，您的订单 {order} 已发货：\n【{product}】共 {count} 张\n{keys}\n"
    "请尽快使用，如有问题请随时联系客服。",
    "en": "Hello, your order {order} has been delivered:\n[{product}] {count} key(s)\n{keys}\n"
    "Please redeem them soon; contact us if anything is wrong.",
}
KEY_LINES = {
    "zh_CN": ("卡号：{card}  卡密：{secret}", "卡密：{secret}"),
    "en": ("Card number: {card}  Secret: {secret}", "Secret: {secret}"),
}


def default_template(lang: str) -> str:
    return DEFAULT_TEMPLATES["zh_CN" if lang.startswith("zh") else "en"]


def render(template: str, *, order: str, product: str, keys: list[tuple[str | None, str]], lang: str) -> str:
    """The template with its placeholders filled (anything else in it, braces included, is kept as written)."""
    with_card, secret_only = KEY_LINES["zh_CN" if lang.startswith("zh") else "en"]
    lines = [
        with_card.replace("{card}", card).replace("{secret}", secret)
        if card
        else secret_only.replace("{secret}", secret)
        for card, secret in keys
    ]
    text = template or default_template(lang)
    for name, value in (("{order}", order), ("{product}", product), ("{count}", str(len(keys)))):
        text = text.replace(name, value)
    return text.replace("{keys}", "\n".join(lines))


def order_id_by_number(session: Session, number: str) -> int:
    order_id = session.execute(select(Order.id).where(Order.number == number.strip())).scalar()
    if order_id is None:
        raise NotFound("order.not_found/open_by_number", number=number)
    return order_id


def delivery_message(session: Session, order_id: int, lang: str, actor: str, *, vault: Vault) -> str:
    """The message for the order's delivered keys, one block per product. Every secret in it is revealed through
    `secrets.reveal` (audited, in the key's history); a user without keys.reveal is refused before any is read."""
    view = load_order_view(session, order_id)
    access.require(session, "keys.reveal", subject=f"order:{order_id}")
    if not view.delivered_keys:
        raise Conflict("order_message.no_keys", number=view.number)
    templates = dict(
        session.execute(
            select(Product.id, Product.delivery_template).where(Product.id.in_({ln.product_id for ln in view.lines}))
        ).all()
    )
    blocks = []
    for line in view.lines:
        keys = [k for k in view.delivered_keys if k.line_id == line.id]
        if not keys:
            continue
        opened = [
            (
                k.card_no,
                secrets.reveal(
                    session, vault, k.id, actor=actor, reason=f"delivery message copied, order {view.number}"
                ),
            )
            for k in keys
        ]
        blocks.append(
            render(templates.get(line.product_id, ""), order=view.number, product=line.name, keys=opened, lang=lang)
        )
    audit.record(
        session, actor=actor, action="order.message", subject=f"order:{order_id}", keys=len(view.delivered_keys)
    )
    return "\n\n".join(blocks)

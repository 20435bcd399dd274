# ruff: noqa: E501  (one message per line reads best in a translation table)
"""zh_CN wording of the resolve preview and its summary (issue 13, item 4)."""

ZH_CN = {
    "Key %1 (%2, order line %3) → %4": "卡密 %1（%2，订单行 %3）→ %4",
    "The unpaid order is closed: nothing was delivered or paid.": "关闭未付款订单：尚未发货，也未收款。",
    "No key to recall.": "没有要收回的卡密。",
    "Refund ¥%1 to %2": "退款 ¥%1 到%2",
    "No refund.": "不退款。",
    "Coupon %1 (¥%2) is given back": "优惠券 %1（¥%2）退还给客户",
    "Compensation ¥%1 to the wallet": "补偿 ¥%1 到钱包余额",
    "The customer's credit level goes from %1 to %2": "客户信用等级将从「%1」变为「%2」",
    "The customer's credit level stays %1": "客户信用等级保持「%1」",
    "%n key(s) recalled": "已收回 %n 张卡密",
    "Cancelled: %1": "已取消：%1",
    "¥%1 refunded to %2": "¥%1 已退到%2",
    "%n coupon(s) restored": "已退还 %n 张优惠券",
    "¥%1 compensation": "补偿 ¥%1",
    "; ": "；",
    "Cancel order %1?": "取消订单 %1？",
    "Applying this cancellation will:": "确认取消后将会：",
    "Nothing has been changed yet.": "现在还没有做任何改动。",
    "Apply": "确认执行",
    "Cancel": "取消",
    "Nothing was applied: the preview was cancelled.": "未执行：已在预览中取消。",
    "Keys swapped for another product": "已换成其他商品",
    "Swap to": "换成",
    "Arranged by staff (no exchange)": "客服另行安排（不换货）",
    # errors of exchanges (swap / alternative offers)
    "Choose the product to swap to (its SKU) for this offer.": "请为这个换货方案选择要换成的商品（SKU）。",
    "There is no product on sale with SKU {sku} to swap to. Pick one from the product list.": (
        "没有在售的 SKU 为 {sku} 的商品可换。请从商品列表中选择。"
    ),
    "{sku} is a reusable secret: a swap needs a product with keys of its own. Pick another product.": (
        "{sku} 是共用卡密商品，换货需要有独立卡密的商品。请换一个商品。"
    ),
    "The order already holds {sku}: a swap needs another product (to replace a faulty key, resolve as replaced).": (
        "订单里已经是 {sku}：换货要换成别的商品（卡密有问题请用“更换卡密”结案）。"
    ),
    "Order {number} is {status}: only delivered keys can be swapped.": "订单 {number} 状态为 {status}：只有已发货的卡密才能换货。",
    "{sku} has {available} key(s) in stock, the swap needs {wanted}. Import keys or pick another product; nothing was changed.": (
        "{sku} 库存只有 {available} 张卡密，换货需要 {wanted} 张。请先导入卡密或换一个商品；未做任何改动。"
    ),
    "The swap to {sku} costs {need} more, but the customer's wallet holds {balance}. Top the wallet up first or pick a cheaper product; nothing was changed.": (
        "换成 {sku} 需补差价 {need}，但客户钱包余额只有 {balance}。请先充值或换一个便宜的商品；未做任何改动。"
    ),
}

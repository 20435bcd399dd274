"""Gateway statements as the platforms export them, for the reconciliation tests: Alipay's 账务明细 (GBK, `#`
comments before and after the table), WeChat Pay's merchant bill (UTF-8 BOM, backtick-prefixed fields, a totals
section) and the plain CSV. Each row: (trade_no, amount "9.80", "YYYY-MM-DD HH:MM:SS", merchant order)."""

from __future__ import annotations

Row = tuple[str, str, str, str]


def _num(amount: str) -> float:
    """The amount as a number for the totals and fees (a deliberately broken amount counts 0)."""
    try:
        return float(amount)
    except ValueError:
        return 0.0


ALIPAY_HEADER = (
    "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,"
    "交易渠道,业务类型,备注"
)


def alipay(rows: list[Row], *, fees: bool = True, encoding: str = "gbk") -> bytes:
    lines = [
        "#支付宝账务明细查询",
        "#账号：[20881234567890120156]",
        "#起始日期：[2026年12月01日 00:00:00]   终止日期：[2026年12月02日 00:00:00]",
        "#-----------------------------------------账务明细列表----------------------------------------",
        ALIPAY_HEADER,
    ]
    balance = 1000.0
    for i, (trade, amount, at, order) in enumerate(rows):
        balance += _num(amount)
        serial = f"2026120110{i:08d}"
        lines.append(
            f"{serial}\t,{trade}\t,{order}\t,Q币充值\t,{at}\t,buyer{i}@example.com\t,{amount},,"
            f"{balance:.2f},支付宝\t,在线支付\t,"
        )
        if fees:  # the service fee of each trade: an expense with the same business serial, not income
            fee = f"{_num(amount) * 0.006:.2f}"
            lines.append(
                f"{serial}1\t,{trade}\t,{order}\t,服务费\t,{at}\t,,,{fee},{balance - float(fee):.2f},支付宝\t,收费\t,"
            )
    lines += [
        "#-----------------------------------------账务明细列表结束------------------------------------",
        f"#收入合计：{len(rows)}笔，共{sum(_num(r[1]) for r in rows):.2f}元",
        "#导出时间：[2026年12月02日 09:00:00]",
    ]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


WECHAT_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
    "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
    "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)


def wechat(rows: list[Row], *, refund_row: bool = True) -> bytes:
    lines = [WECHAT_HEADER]
    for i, (trade, amount, at, order) in enumerate(rows):
        fee = f"{_num(amount) * 0.006:.2f}"
        fields = [
            at, "wx2421b1c4370ec43b", "10000100", "0", "", trade, order, f"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o{i}",
            "NATIVE", "SUCCESS", "CMC", "CNY", amount, "0.00", "0", "0", "0.00", "0.00", "", "", "Q币充值", "",
            fee, "0.60%", amount, "0.00", "",
        ]  # fmt: skip
        lines.append(",".join("`" + f for f in fields))
    if refund_row and rows:  # a refund of the first trade: no money came in on that row
        trade, amount, at, order = rows[0]
        fields = [
            at, "wx2421b1c4370ec43b", "10000100", "0", "", trade, order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o0", "NATIVE",
            "REFUND", "CMC", "CNY", "0.00", "0.00", "50000000000000", "R" + order, amount, "0.00", "ORIGINAL",
            "SUCCESS", "Q币充值", "", "0.00", "0.60%", "0.00", amount, "",
        ]  # fmt: skip
        lines.append(",".join("`" + f for f in fields))
    total = sum(_num(r[1]) for r in rows)
    lines.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额")
    lines.append(f"`{len(rows)},`{total:.2f},`0.00,`0.00,`{total * 0.006:.2f},`{total:.2f},`0.00")
    return "\ufeff".encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def plain(rows: list[Row]) -> bytes:
    lines = ["trade_no,amount,time,order"] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")

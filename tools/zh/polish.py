"""zh_CN wording for the polish of issue 13: rules in words (condition names, yes/no, the rules a new shop starts
with), the rules editor's "in words" line, icons' tooltips."""

ZH_CN = {
    "Order status": "订单状态",
    "Customer credit": "客户信用",
    "Stock to replace the key": "有库存可换卡密",
    "yes": "是",
    "no": "否",
    "Every case": "所有工单",
    "In words": "条件说明",
    "Risky customer: always to a person": "高风险客户：一律转人工",
    "Unpaid order: close it": "未付款订单：直接关闭",
    "Paid, not delivered, customer reason: cancel and refund": "已付款未发货、客户原因：取消并退款",
    "Key invalid with stock: replace the key": "卡密无效且有库存：更换卡密",
}

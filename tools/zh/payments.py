"""zh_CN wording for the payment inbox, hand confirmation (补单) and statement reconciliation (issue 14, item 3)."""

ZH_CN = {
    # --- errors ---
    "Statement format {format} is unknown; use one of {choices} (or leave --format out to detect it).": (
        "账单格式 {format} 不认识；请用 {choices} 之一（或不写 --format，自动识别）。"
    ),
    "The statement file is empty. Download it again from the payment platform.": "账单文件是空的，请从支付平台重新下载。",
    "The statement file is larger than 200 MB; download a shorter period.": "账单文件超过 200 MB，请缩短时间范围后重新下载。",
    "The file holds NUL bytes: it is not a CSV statement (a spreadsheet, or UTF-16 text?). Download the statement as CSV, or save it as CSV (UTF-8).": (
        "文件里有 NUL 字节，不是 CSV 账单（可能是表格文件或 UTF-16 文本）。请下载 CSV 格式的账单，或另存为 CSV（UTF-8）。"
    ),
    "This is not an Alipay 账务明细, a WeChat Pay bill, nor a CSV with the columns trade_no, amount, time, order. Check the file, or name its format with --format.": (
        "这不是支付宝账务明细、微信支付账单，也不是含 trade_no、amount、time、order 列的 CSV。请检查文件，或用 --format 指定格式。"
    ),
    "Line {line} is not {encoding} text, and a {format} file is {encoding}: the file was saved in another encoding. Download it again from the payment platform, or save it as {encoding}.": (
        "第 {line} 行不是 {encoding} 文本，而 {format} 文件应为 {encoding} 编码：文件被另存成了其他编码。请从支付平台重新下载，或另存为 {encoding}。"
    ),
    "Line {line}: the table has no column {column}. Download the full statement again (do not remove columns), or add the column.": (
        "第 {line} 行：表格缺少 {column} 列。请重新下载完整账单（不要删列），或补上这一列。"
    ),
    "No line of the file names the column {column}: the table's header is missing. Download the statement again from the payment platform.": (
        "文件中没有任何一行包含 {column} 列：缺少表头。请从支付平台重新下载账单。"
    ),
    "Line {line} ends before the column {column}: the row is cut short. Check that line in the file.": (
        "第 {line} 行在 {column} 列之前就结束了：这一行不完整，请检查文件中的这一行。"
    ),
    "Line {line}: {got} in column {column} is not an amount in yuan (e.g. 9.80). Correct that line.": (
        "第 {line} 行：{column} 列的 {got} 不是以元为单位的金额（例如 9.80），请改正这一行。"
    ),
    "Line {line}: {got} is not a time; write it as YYYY-MM-DD HH:MM:SS, e.g. 2026-12-01 09:30:00.": (
        "第 {line} 行：{got} 不是时间，请写成 YYYY-MM-DD HH:MM:SS，例如 2026-12-01 09:30:00。"
    ),
    "Line {line}: the trade number ({column}) is empty. Correct that line or remove it.": (
        "第 {line} 行：交易号（{column}）为空，请改正或删除这一行。"
    ),
    "Line {line}: the trade number ({column}) is longer than 100 characters or holds control characters. Correct that line.": (
        "第 {line} 行：交易号（{column}）超过 100 个字符或含有控制字符，请改正这一行。"
    ),
    "Line {line}: trade number {trade} appears again (first on line {first}); a payment is listed once. Remove the repeated line, or download the statement again.": (
        "第 {line} 行：交易号 {trade} 重复出现（第一次在第 {first} 行）；每笔收款只应列一次。请删除重复的行，或重新下载账单。"
    ),
    "{file}: no such file. Check the path.": "{file}：文件不存在，请检查路径。",
    "{file} cannot be read: {why}.": "无法读取 {file}：{why}。",
    "A payment confirmed by hand came through a gateway: method {method} is not one; use one of {choices}.": (
        "手工补单的款项来自支付渠道：{method} 不是支付渠道，请用 {choices} 之一。"
    ),
    "Give the amount the gateway received, more than 0.": "请填写支付渠道实际收到的金额，须大于 0。",
    "Action {action} is unknown; use one of {choices}.": "操作 {action} 不认识，请用 {choices} 之一。",
    "Say why the payment is dismissed (a note): it stays in the audit trail.": "请写明忽略这笔收款的原因（备注），会记入审计记录。",
    "Payment {trade} was already decided ({done}); nothing was changed.": "收款 {trade} 已经处理过（{done}），未做任何更改。",
    "Payment {trade} belongs to no order, so there is nothing to deliver: refund or dismiss it.": (
        "收款 {trade} 不属于任何订单，无法发货：请退款或忽略。"
    ),
    "Order {number} is {status} now, not closed: look at the order, then refund or dismiss this payment.": (
        "订单 {number} 现在是 {status}，不是已关闭：请先查看订单，再对这笔收款退款或忽略。"
    ),
    # --- the page, the dialogs, the labels ---
    "Payment inbox": "收款核对",
    "Confirm payment of %1": "订单 %1 补单",
    "as the gateway shows it": "按支付平台显示的填写",
    "The customer paid but the shop never heard (掉单). Check the payment in the gateway's records, then enter it here: the same trade number twice is one payment.": (
        "客户已付款，但店铺没收到支付通知（掉单）。请先在支付平台核实这笔付款，再在这里录入：同一交易号录入两次只算一笔。"
    ),
    "Payment %1 of %2 dismissed from the payment inbox": "收款 %1（%2）已在收款核对中忽略",
    "Reopened for the late payment %1": "因迟到的付款 %1 重新打开",
    "Late payment %1 of %2: no stock, refunded to the wallet": "迟到的付款 %1（%2）：缺货，已退款到余额",
    "Confirm payment…": "补单…",
    "Record a payment whose callback never came (补单), as the callback would.": (
        "录入没有收到支付通知的付款（补单），处理方式与支付通知相同。"
    ),
    "The order could not take it: %1": "订单无法收下这笔款：%1",
    "That payment was already recorded; nothing changed.": "这笔付款已经录入过，未做任何更改。",
    "Payment recorded: %1.": "付款已录入：%1。",
    "Deliver": "发货",
    "The order takes the money and is delivered from stock; without stock the money goes to the customer's wallet and a case is opened.": (
        "订单收下这笔款并从库存发货；缺货时款项退到客户余额，并新建一个工单。"
    ),
    "Dismiss…": "忽略…",
    "Reconcile a statement…": "导入账单对账…",
    "Money the gateway took that no order kept: paid after the order closed, or paid twice. Decide each one; every decision is recorded.": (
        "支付平台收了款、但没有订单收下的钱：订单关闭后才付款，或重复付款。请逐笔处理，每次处理都会记录。"
    ),
    "%n payment(s) waiting for a decision, ¥%1": "待处理收款 %n 笔，合计 ¥%1",
    "Pick a payment first.": "请先选择一笔收款。",
    "Payment %1: %2": "收款 %1：%2",
    "(case #%1)": "（工单 #%1）",
    "The refund's reference at the gateway (optional):": "支付平台的退款单号（可不填）：",
    "Dismiss the payment": "忽略这笔收款",
    "Why is it dismissed? (kept in the trail)": "为什么忽略？（会记入审计记录）",
    "Reconcile a statement": "导入账单对账",
    "Statements (*.csv *.txt);;All files (*)": "账单 (*.csv *.txt);;所有文件 (*)",
    "Cannot read %1: %2": "无法读取 %1：%2",
    "Reconcile %1": "对账：%1",
    "Record each payment missing in the shop for its order (once).": "把店铺漏记的每笔付款录入对应订单（只录一次）。",
    "%1 matched, %2 missing in the shop, %3 missing in the statement, %4 with another amount.": (
        "一致 %1 笔，店铺漏记 %2 笔，账单中没有 %3 笔，金额不符 %4 笔。"
    ),
    "Result": "结果",
    "not found: %1": "未找到：%1",
    "Statement": "账单",
    "Shop": "店铺",
    "%n payment(s) recorded.": "已录入 %n 笔付款。",
    "Flagged payment dismissed": "待退款收款已忽略",
    "Reopened for a late payment": "因迟到付款重新打开",
    "Paid after the order closed": "订单关闭后付款",
    "Second payment": "重复付款",
    "No order": "无订单",
    "No stock: refunded to the wallet, case opened": "缺货：已退款到余额，已建工单",
    "Partly delivered, case opened": "部分发货，已建工单",
    "Dismissed": "已忽略",
    "Matched": "一致",
    "Missing in the shop": "店铺漏记",
    "Missing in the statement": "账单中没有",
    "Amount differs": "金额不符",
    "Recorded": "已录入",
    "Already recorded": "早已录入",
    "Order cannot take it: flagged for refund": "订单无法收款：已标记待退款",
    "Refused": "已拒绝",
    "Order not found": "未找到订单",
}

"""zh_CN wording for webhooks: alerts off the desktop (issue 14, item 4)."""

ZH_CN = {
    # the Settings page's webhooks
    "Paid order delivered": "已付款订单发货",
    "Order waiting for keys": "订单等待补货",
    "Low stock": "库存不足",
    "Out of the ordinary": "异常提醒",
    "Backup failed": "备份失败",
    "JSON (signed)": "JSON（带签名）",
    "WeCom group robot": "企业微信群机器人",
    "Telegram bot": "Telegram 机器人",
    "Nothing sent yet": "尚未发送",
    "Sent %1": "已发送 %1",
    "Waiting since %1": "自 %1 起等待发送",
    "Gave up %1": "已放弃 %1",
    "Add a webhook": "添加 Webhook",
    "Address": "地址",
    "Format": "格式",
    "Send": "发送",
    "Add": "添加",
    "Cancel": "取消",
    "A JSON POST signed with a secret (header X-ShopDesk-Signature); the secret is shown once.": (
        "以 JSON 方式 POST，并用密钥签名（请求头 X-ShopDesk-Signature）；密钥只显示一次。"
    ),
    "The robot's webhook address from the WeCom group's settings (群机器人).": (
        "企业微信群设置里“群机器人”的 Webhook 地址。"
    ),
    "https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat> of your bot.": (
        "你的机器人的 https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat> 地址。"
    ),
    "Signing secret": "签名密钥",
    "Copy": "复制",
    "Close": "关闭",
    "Keep this secret where the receiving server can check signatures: it is shown only now. Each POST carries "
    "X-ShopDesk-Signature, the hex HMAC-SHA256 of the body under it.": (
        "请把此密钥保存在接收方服务器上用于验证签名：它只在此时显示一次。"
        "每个 POST 请求都带有 X-ShopDesk-Signature，即用此密钥对请求体计算的十六进制 HMAC-SHA256。"
    ),
    "Events": "事件",
    ", ": "、",
    "Last delivery": "最近一次发送",
    "Add…": "添加…",
    "Send a test": "发送测试",
    "Remove": "删除",
    "Alerts off the desktop: ShopDesk posts the events you choose to a WeCom group robot, a Telegram bot or your "
    "own server. Messages wait in a queue and are retried until they get through.": (
        "离开电脑也能收到提醒：ShopDesk 会把你选的事件推送到企业微信群机器人、Telegram 机器人或你自己的服务器。"
        "消息先进入队列，发送失败会自动重试，直到送达。"
    ),
    "%1 waiting to be sent, %2 given up": "%1 条待发送，%2 条已放弃",
    "Pick a webhook first.": "请先选择一个 Webhook。",
    "Webhook added.": "已添加 Webhook。",
    "Sending a test…": "正在发送测试消息…",
    "Test sent: the server answered %1.": "测试消息已发送：服务器返回 %1。",
    "The test did not get through: %1": "测试消息未送达：%1",
    "Remove the webhook to %1? Messages it has not sent yet are dropped.": (
        "删除发往 %1 的 Webhook？尚未发送的消息将被丢弃。"
    ),
    "Remove webhook": "删除 Webhook",
    "Webhook removed.": "已删除 Webhook。",
    # errors (errors.toml [webhooks])
    "{url} is not a web address a webhook can post to: it must start with http:// or https:// and name a host, "
    "e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…": (
        "{url} 不是 Webhook 可以推送的网址：必须以 http:// 或 https:// 开头并带有主机名，"
        "例如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
    ),
    "A Telegram hook needs the chat to write to: add ?chat_id=… to the bot's sendMessage URL, e.g. "
    "https://api.telegram.org/bot<TOKEN>/sendMessage?chat_id=123456.": (
        "Telegram Webhook 需要指定发送到哪个聊天：在机器人的 sendMessage 地址后加上 ?chat_id=…，"
        "例如 https://api.telegram.org/bot<TOKEN>/sendMessage?chat_id=123456。"
    ),
    "Choose at least one event for the webhook (--events), from: {choices}.": (
        "请为 Webhook 至少选择一个事件（--events），可选：{choices}。"
    ),
    "{event} is not a webhook event. Choose from: {choices}.": "{event} 不是 Webhook 事件。可选：{choices}。",
    "{kind} is not a webhook kind. Choose from: {choices}.": "{kind} 不是 Webhook 类型。可选：{choices}。",
    "No webhook {hook}. `shopdesk webhook list` shows the webhooks.": (
        "没有编号为 {hook} 的 Webhook。`shopdesk webhook list` 可查看所有 Webhook。"
    ),
}

"""zh_CN wording of the window shell: menus, shortcuts, the notification bell."""

ZH_CN = {
    "&File": "文件(&F)",
    "Copy the shop to a file…": "把店铺复制到文件…",
    "A complete copy of the shop in a new SQLite file, for safe keeping.": (
        "把整个店铺完整复制到一个新的 SQLite 文件，妥善保存。"
    ),
    "Simulate a storefront for a minute (demo)": "模拟店铺下单一分钟（演示）",
    "Quit": "退出",
    "&View": "视图(&V)",
    "Find on this page": "在本页查找",
    "&Desk": "售后台(&D)",
    "Go to the desk": "前往售后台",
    "Rules…": "规则…",
    "&Help": "帮助(&H)",
    "Keyboard shortcuts": "快捷键",
    "Open the data folder": "打开数据文件夹",
    "Open the log": "打开日志",
    "About ShopDesk": "关于 ShopDesk",
    "Desk: take the case": "售后台：接手工单",
    "Desk: resolve the case": "售后台：处理完结工单",
    "Desk: add a note": "售后台：添加备注",
    "Copy the shop to a file": "把店铺复制到文件",
    "ShopDesk databases (*.sqlite3)": "ShopDesk 数据库 (*.sqlite3)",
    "Copying the shop…": "正在复制店铺…",
    "The shop was copied to %1 (%2 rows).": "店铺已复制到 %1（共 %2 行）。",
    "Shop copied": "店铺已复制",
    "Shortcut": "快捷键",
    "What it does": "作用",
    "ShopDesk %1\n\nOrders, card keys and the after-sales desk of a virtual-goods shop.\n\nData: %2": (
        "ShopDesk %1\n\n虚拟商品店铺的订单、卡密与售后工作台。\n\n数据位置：%2"
    ),
    "Notifications": "通知",
    "Notifications: %1 unread": "通知：%1 条未读",
    "Mark all read": "全部标为已读",
    "Sound": "提示音",
    "Play a sound when a notification arrives": "收到通知时播放提示音",
    "Nothing new. Breaches, paid orders and stock alerts appear here.": (
        "暂无新通知。超时、新付款订单和库存提醒会显示在这里。"
    ),
    "Click to open": "点击打开",
    "Choose a product…": "选择商品…",
}

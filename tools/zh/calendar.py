# ruff: noqa: E501 - one message per line reads best in a translation table
"""zh_CN wording of the business calendars (Desk settings → 营业日历), the desk's clock words and their errors."""

ZH_CN = {
    # the desk's clock words
    "%n day(s)": "%n 天",
    "%n hour(s)": "%n 小时",
    "%n minute(s)": "%n 分",
    "today %1": "今天 %1",
    "tomorrow %1": "明天 %1",
    "%1 %2 %3": "%1 %2 %3",
    "Reply due %1": "%1 前需回复",
    "Due %1": "%1 前需处理",
    # Desk settings → Calendars
    "Calendars": "营业日历",
    "Calendar": "营业日历",
    "Business hours": "营业时间",
    "New calendar": "新建日历",
    "e.g. Shop hours": "例如：门店营业时间",
    "closed": "休息",
    "Weekly opening hours": "每周营业时间",
    "The same as text (as on the command line):": "文字写法（与命令行相同）：",
    "Times are the shop's time zone; several ranges a day are written 09:00-12:00 13:00-21:00. "
    "A make-up working day opens with the Monday-Friday hours.": "时间按店铺时区；一天多段写作 09:00-12:00 13:00-21:00。"
    "调休上班日按周一至周五的营业时间。",
    "Add day": "添加日期",
    "Remove selected": "删除所选",
    "Holidays and make-up working days": "法定节假日与调休上班日",
    "Year": "年份",
    "Save calendar": "保存日历",
    "Holiday (closed)": "节假日（休息）",
    "Make-up working day": "调休上班",
    "Fill from China's public calendar for %1": "按国家法定节假日填入 %1 年",
    "Filled %n day(s) from the public calendar; Save keeps them.": "已按法定节假日填入 %n 天；点“保存日历”后生效。",
    "Saved calendar %1.": "已保存日历 %1。",
    "Round the clock (no calendar)": "全天候（不用营业日历）",
    "round the clock": "全天候",
    "Versions: %1": "历史版本：%1",
    # errors
    "{label}: {got} is not a date. Write YYYY-MM-DD, e.g. 2026-10-01.": "{label}：{got} 不是日期。请写成 YYYY-MM-DD，例如 2026-10-01。",
    "A calendar day is {kind}; use one of {choices}.": "日历日期的类型是 {kind}；请用 {choices} 之一。",
    "{day} is not in {year}: the days of one year are edited together.": "{day} 不在 {year} 年内：一年的日期需一起编辑。",
    "{day} is given as both a holiday and a make-up working day; keep one.": "{day} 同时被设为节假日和调休上班日；请只保留一种。",
    "Opening hours: {part} is not a day. Use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri.": "营业时间：{part} 不是星期几。请用 mon、tue、wed、thu、fri、sat、sun，或 mon-fri 这样的范围。",
    "Opening hours are empty. Write e.g. mon-fri 09:00-21:00, sat-sun 10:00-18:00.": "营业时间为空。请写成例如 mon-fri 09:00-21:00, sat-sun 10:00-18:00。",
    "Opening hours: {part} needs days and then times, e.g. mon-fri 09:00-21:00.": "营业时间：{part} 需要先写星期再写时间，例如 mon-fri 09:00-21:00。",
    'Calendar {name} is new: give its opening hours, e.g. --hours "mon-fri 09:00-21:00".': '日历 {name} 是新建的：请给出营业时间，例如 --hours "mon-fri 09:00-21:00"。',
    "Opening hours: on {day}, {first} and {second} overlap. Join them into one range or move one.": "营业时间：{day} 的 {first} 与 {second} 重叠。请合并为一段或调整其中一段。",
    "Opening hours: {part} does not end after it starts. A range ends later the same day (24:00 at the latest).": "营业时间：{part} 的结束时间不晚于开始时间。一段时间须在当天结束（最晚 24:00）。",
    "Opening hours: {part} is not a time range. Write 24-hour times HH:MM-HH:MM, e.g. 09:00-21:00.": "营业时间：{part} 不是时间段。请用 24 小时制 HH:MM-HH:MM，例如 09:00-21:00。",
    "Calendar name {name}: use 1 to 60 characters.": "日历名称 {name}：请用 1 到 60 个字符。",
    "No calendar {name}. `shopdesk sop calendar list` shows the calendars.": "没有日历 {name}。`shopdesk sop calendar list` 可列出所有日历。",
    "{got} is not a year the public calendar covers: write one from {first} to {last}.": "{got} 不在法定节假日可查的年份内：请写 {first} 到 {last} 之间的年份。",
}

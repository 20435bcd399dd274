"""Wording added for the text that fits and the Chinese walk (issue 13, items 1 and 9)."""

ZH_CN = {
    "mon-fri 09:00-21:00, sat-sun 10:00-18:00": "周一-周五 09:00-21:00, 周六-周日 10:00-18:00",
}

"""zh_CN wording of the settings registry's refusals."""

ZH_CN = {
    "There is no setting {setting}. The settings are: {known}.": "没有名为 {setting} 的设置。可用的设置：{known}。",
    "{setting} takes a whole number from {low} to {high}, not {got}.": "{setting} 须为 {low} 到 {high} 之间的整数，不能是 {got}。",
    "{setting} must be from {low} to {high}; {got} is outside.": "{setting} 须在 {low} 到 {high} 之间；{got} 超出了范围。",
    "{setting} is on or off: write on or off, not {got}.": "{setting} 只能是开或关（on / off），不能是 {got}。",
    "{setting} takes one of {choices}, not {got}.": "{setting} 只能取 {choices} 之一，不能是 {got}。",
    "{setting} is {length} characters long; at most {limit} fit.": "{setting} 有 {length} 个字符，最多 {limit} 个。",
    "{setting} needs a full folder path (such as /home/shop/backups), not {got}.": "{setting} 需要完整的文件夹路径（例如 /home/shop/backups），不能是 {got}。",
}

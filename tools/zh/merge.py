"""zh_CN wording for merging customers and the blacklist (issue 13, item 6)."""

ZH_CN = {
    "Customer {customer} cannot be merged into itself: give the id of the other customer to keep.": (
        "客户 {customer} 不能合并到自己：请填写要保留的另一位客户的编号。"
    ),
    "No customer with id {customer}. `shopdesk customer list` shows the customers.": (
        "没有编号为 {customer} 的客户。`shopdesk customer list` 可查看所有客户。"
    ),
    "Customer {customer} was already merged into customer {survivor}; nothing was changed.": (
        "客户 {customer} 已合并到客户 {survivor}，未做任何更改。"
    ),
    "Customer {customer} was merged into customer {survivor}: merge into {survivor} instead.": (
        "客户 {customer} 已合并到客户 {survivor}：请改为合并到 {survivor}。"
    ),
    "Say why the customer is blocked (--reason): the desk sees it when the customer writes.": (
        "请填写拉黑原因（--reason）：客户来咨询时客服能看到。"
    ),
    "Customer {customer} was merged into customer {survivor}: block or unblock {survivor} instead.": (
        "客户 {customer} 已合并到客户 {survivor}：请对客户 {survivor} 拉黑或解除拉黑。"
    ),
    "Customer {customer} was merged into customer {survivor}: top up customer {survivor}'s wallet instead.": (
        "客户 {customer} 已合并到客户 {survivor}：请给客户 {survivor} 的余额充值。"
    ),
}

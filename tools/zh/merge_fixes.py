"""Wording added while merging the features of issue 13."""

ZH_CN = {
    "Swapped by case #%1 (%2)": "工单 #%1 换货收回（%2）",
    "Delivered in a swap, case #%1": "工单 #%1 换货发出",
    "Swapped to %1: %n key(s) delivered": "换成 %1：已发 %n 张卡密",
    "%1 refunded to the wallet": "%1 已退回余额",
    "%1 charged from the wallet": "已从余额扣除 %1",
    "bonus %1": "赠送 %1",
}

"""zh_CN wording of the fixes after the review of the operations work."""

ZH_CN = {
    "Trade number {trade} paid order {order} after it was flagged: it is that order's payment now, so it cannot be refunded or dismissed here. Refund the order instead if the customer should get the money back.": "交易号 {trade} 被标记后又支付了订单 {order}：它现在是该订单的付款，不能在这里退款或忽略。如需把钱退给客户，请对该订单退款。",
    "The backup {path} was made, but doctor finds problems in the shop itself ({problems}): the copy is kept and not counted as a good backup. Run `shopdesk doctor` and repair the shop.": "备份 {path} 已生成，但体检发现店铺本身有问题（{problems}）：这份副本会保留，但不算作可靠备份。请运行 `shopdesk doctor` 并修复店铺。",
    "Backed up to %1, but not verified: the shop itself has problems (%2). The copy is kept; run shopdesk doctor and repair the shop.": "已备份到 %1，但未通过校验：店铺本身有问题（%2）。副本已保留；请运行 shopdesk doctor 修复店铺。",
    "A backup is being restored into the shop in {folder} right now: start ShopDesk again when the restore has finished.": "{folder} 中的店铺正在从备份恢复：请等恢复完成后再启动 ShopDesk。",
    "Sold again for the second payment %1 of order %2": "按订单 %2 的重复付款 %1 再次售出",
    "The backup holds the vault key sealed under its backup passphrase. Backup passphrase:": "这份备份里有用备份口令密封的保险库密钥。备份口令：",
}

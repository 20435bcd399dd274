<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AddWebhookDialog</name>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="76" />
      <source>Add a webhook</source>
      <translation>添加 Webhook</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="92" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="93" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="95" />
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="97" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="98" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="112" />
      <source>A JSON POST signed with a secret (header X-ShopDesk-Signature); the secret is shown once.</source>
      <translation>以 JSON 方式 POST，并用密钥签名（请求头 X-ShopDesk-Signature）；密钥只显示一次。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="114" />
      <source>The robot's webhook address from the WeCom group's settings (群机器人).</source>
      <translation>企业微信群设置里“群机器人”的 Webhook 地址。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="115" />
      <source>https://api.telegram.org/bot&lt;token&gt;/sendMessage?chat_id=&lt;chat&gt; of your bot.</source>
      <translation>你的机器人的 https://api.telegram.org/bot&lt;token&gt;/sendMessage?chat_id=&lt;chat&gt; 地址。</translation>
    </message>
  </context>
  <context>
    <name>AfterSalesPage</name>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="75" />
      <source>All open</source>
      <translation>全部待处理</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="76" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="77" />
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="78" />
      <source>Breached</source>
      <translation>已超时</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="79" />
      <source>Everything</source>
      <translation>全部（含已解决）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="89" />
      <source>Every class</source>
      <translation>全部责任方</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="94" />
      <location filename="../../ui/pages/aftersales.py" line="223" />
      <source>Every reason</source>
      <translation>全部原因</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="97" />
      <source>Open a case…</source>
      <translation>新建工单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="100" />
      <source>Desk settings…</source>
      <translation>工作台设置…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="186" />
      <source>No open after-sales cases. Cancellation requests will queue here.</source>
      <translation>暂无待处理的售后工单。取消申请会排在这里。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="188" />
      <source>No case matches this filter.</source>
      <translation>没有符合筛选条件的工单。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/aftersales.py" line="194" />
      <source>%n case(s)</source>
      <translation><numerusform>%n 个工单</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/aftersales.py" line="195" />
      <source>%n breached</source>
      <translation><numerusform>%n 个超时</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="204" />
      <source>The stored AI model %1 is damaged and not used: suggestions come from the model before it (or the one ShopDesk ships with). Train it again in Analytics → AI track; `shopdesk doctor` shows the details.</source>
      <translation>已保存的 AI 模型 %1 已损坏，未被使用：建议改由它之前的模型（或 ShopDesk 自带的模型）给出。请在 数据分析 → AI 识别 中重新训练；`shopdesk doctor` 可查看详情。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="288" />
      <source>The rule track settled this case as it opened.</source>
      <translation>工单创建时已由规则自动处理。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="105" />
      <source>After-sales desk</source>
      <translation>售后工作台</translation>
    </message>
  </context>
  <context>
    <name>AiTrackTab</name>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="34" />
      <source>The AI track reads a customer's own words into a reason. Sure enough, the case takes that reason and the rule track may settle it at once; otherwise a person picks from its three best. Every choice a person makes teaches it.</source>
      <translation>AI 识别把客户的原话读成取消原因。把握足够时，工单直接采用该原因，规则通道可立即处理；否则由人工从它给出的三个最佳建议中选择。人工的每一次选择都会让它学得更好。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="51" />
      <source>Retrain now</source>
      <translation>立即重新训练</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="53" />
      <source>Learn again from the seed corpus and the cases people confirmed</source>
      <translation>用自带语料和人工确认过的工单重新学习</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="60" />
      <source>Accuracy, last 30 days</source>
      <translation>近 30 天准确率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="61" />
      <source>Settled alone, last 30 days</source>
      <translation>近 30 天自动处理</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="62" />
      <source>Model in use</source>
      <translation>当前模型</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="63" />
      <source>Learning</source>
      <translation>学习</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="100" />
      <source>%1 (%2 of %3 cases a person confirmed had the model's reason)</source>
      <translation>%1（人工确认的 %3 个工单中有 %2 个与模型原因一致）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="107" />
      <source>No case with the model's reading has been confirmed by a person yet.</source>
      <translation>还没有经人工确认的模型识别工单。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/ai_track_tab.py" line="108" />
      <source>%n case(s) settled by the rule track on the model's reason, no person needed</source>
      <translation><numerusform>%n 个工单由规则通道依据模型原因处理，无需人工</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="111" />
      <source>The seed model ShopDesk ships with (%1 messages).</source>
      <translation>ShopDesk 自带的初始模型（%1 条语料）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="114" />
      <source>Model #%1, trained %2 on %3 messages; accuracy on a held-out fifth %4.</source>
      <translation>模型 #%1，%2 训练，共 %3 条语料；留出五分之一测试的准确率 %4。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="124" />
      <source>A suggestion at least %1 sure becomes the case's reason. The model learns again by itself after every %2 cases people confirm (%3 since the last time).</source>
      <translation>置信度不低于 %1 的建议直接成为工单原因。每有 %2 个工单经人工确认，模型会自动重新学习（上次以来已有 %3 个）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="134" />
      <source>The stored model %1 is damaged and not used: retrain to replace it.</source>
      <translation>已保存的模型 %1 已损坏，未被使用：请重新训练以替换。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="142" />
      <source>Training… the desk goes on meanwhile.</source>
      <translation>训练中……客服台照常工作。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/ai_track_tab.py" line="166" />
      <source>Model #%1 kept: trained on %2 messages, accuracy on a held-out fifth %3.</source>
      <translation>已保存模型 #%1：共 %2 条语料，留出五分之一测试的准确率 %3。</translation>
    </message>
  </context>
  <context>
    <name>AnalyticsPage</name>
    <message>
      <location filename="../../ui/pages/analytics.py" line="182" />
      <source>Last %1 days</source>
      <translation>最近 %1 天</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="183" />
      <source>Dates…</source>
      <translation>指定日期…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="189" />
      <source>Compare with the period before</source>
      <translation>与上一周期对比</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="221" />
      <source>Cancellations</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="224" />
      <source>Hour of the week</source>
      <translation>一周各时段</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="225" />
      <source>SOP</source>
      <translation>SOP</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="226" />
      <source>Retention</source>
      <translation>挽留</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="227" />
      <source>Refunds</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="228" />
      <source>Suppliers</source>
      <translation>供应商</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="229" />
      <source>Products</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="231" />
      <source>AI track</source>
      <translation>AI 识别</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="234" />
      <source>Analytics</source>
      <translation>经营分析</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="307" />
      <source>%1 to %2: %3 of %4 paid orders cancelled (%5); %6 closed unpaid.</source>
      <translation>%1 至 %2：%4 笔已付款订单中取消 %3 笔（%5）；未付款关闭 %6 笔。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="316" />
      <source>The %1 days before: %2.</source>
      <translation>前 %1 天：%2。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="320" />
      <source>Cancellation rate</source>
      <translation>取消率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="322" />
      <source>The period before</source>
      <translation>上一周期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="325" />
      <source>Cancellation rate by day</source>
      <translation>每日取消率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="328" />
      <source>Cancellations by class</source>
      <translation>按责任类别的取消</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="329" />
      <source>Cancellations by reason</source>
      <translation>按原因的取消</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="330" />
      <source>Cancellation rate by product</source>
      <translation>各商品取消率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="331" />
      <source>Cancellation rate by source</source>
      <translation>各来源取消率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="358" />
      <source>First response on time, per agent (first row: the whole desk)</source>
      <translation>各客服首次响应达标情况（第一行为整个售后台）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="367" />
      <source>Retention offers: save rate per reason and offer</source>
      <translation>挽留方案：按原因和方案的挽回率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="372" />
      <source>%1 of %2 offers accepted (%3)</source>
      <translation>%2 个方案中接受 %1 个（%3）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="383" />
      <source>Refunds by reason (yuan)</source>
      <translation>按原因的退款（元）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="388" />
      <source>Key defects per supplier batch (all time)</source>
      <translation>各供应商批次的卡密问题（全部时间）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="392" />
      <source>Products: sales, cancellations, gross profit (yuan)</source>
      <translation>商品：销售额、取消、毛利（元）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="413" />
      <source>Cancellation rate by hour of the week (%)</source>
      <translation>一周各时段取消率（%）</translation>
    </message>
  </context>
  <context>
    <name>BackupSettings</name>
    <message>
      <location filename="../../ui/settings/backups.py" line="49" />
      <source>Back up automatically once a day</source>
      <translation>每天自动备份一次</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="51" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="68" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="78" />
      <source>Folder</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="80" />
      <source>Daily backups kept</source>
      <translation>保留每日备份</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="81" />
      <source>Weekly backups kept</source>
      <translation>保留每周备份</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="84" />
      <source>Made at</source>
      <translation>备份时间</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="84" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="84" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="92" />
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="94" />
      <source>Verify</source>
      <translation>校验</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="96" />
      <source>Restore…</source>
      <translation>从备份恢复…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="131" />
      <source>The shop's keys are wrapped inside: this backup is complete on its own.</source>
      <translation>店铺密钥已加密存放在数据库内：这份备份本身就是完整的。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="135" />
      <source>The vault key is not in the backups: keep a copy of %1 apart from them, or the secrets in them cannot be opened.</source>
      <translation>备份中不含密钥：请把 %1 另外保存一份，不要和备份放在一起，否则备份里的卡密无法打开。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="171" />
      <source>Backup folder</source>
      <translation>备份文件夹</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="193" />
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="199" />
      <source>Backing up…</source>
      <translation>正在备份…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="218" />
      <source>%1 is sound.</source>
      <translation>%1 完好无损。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="219" />
      <location filename="../../ui/settings/backups.py" line="222" />
      <source>Backup verified</source>
      <translation>备份校验</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backups.py" line="221" />
      <source>%1 has problems:</source>
      <translation>%1 有问题：</translation>
    </message>
  </context>
  <context>
    <name>Backups</name>
    <message>
      <location filename="../../ui/backups.py" line="28" />
      <source>Never backed up</source>
      <translation>从未备份</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="30" />
      <source>Backed up %1 min ago</source>
      <translation>备份于 %1 分钟前</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="32" />
      <source>Backed up %1 h ago</source>
      <translation>备份于 %1 小时前</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="33" />
      <source>Backed up %1 days ago</source>
      <translation>备份于 %1 天前</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="39" />
      <source>Backed up to %1 and verified.</source>
      <translation>已备份到 %1，并已校验。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="42" />
      <source>Backed up to %1, but not verified: the shop itself has problems (%2). The copy is kept; run shopdesk doctor and repair the shop.</source>
      <translation>已备份到 %1，但未通过校验：店铺本身有问题（%2）。副本已保留；请运行 shopdesk doctor 修复店铺。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="52" />
      <source>The vault key is not in this backup: keep a copy of %1 apart from the backups, or the secrets in them cannot be opened.</source>
      <translation>这份备份不含密钥：请把 %1 另外保存一份，不要和备份放在一起，否则备份里的卡密无法打开。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="60" />
      <source>The vault key is sealed in the backup under your backup passphrase.</source>
      <translation>密钥已用你的备份口令加密封存在备份里。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="64" />
      <source>The shop's keys are wrapped inside: this backup is complete on its own.</source>
      <translation>店铺密钥已加密存放在数据库内：这份备份本身就是完整的。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="74" />
      <source>The backup folder is on the same disk as the database: a dead disk takes both. Pick a folder on another disk.</source>
      <translation>备份文件夹和数据库在同一块硬盘上：硬盘一坏，两者都会丢失。请选择另一块硬盘上的文件夹。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="134" />
      <source>Backing up…</source>
      <translation>正在备份…</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="136" />
      <source>Backup failed</source>
      <translation>备份失败</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="145" />
      <source>Click to back up now.</source>
      <translation>点击立即备份。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="162" />
      <source>The automatic backup failed</source>
      <translation>自动备份失败</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="170" />
      <source>Backed up</source>
      <translation>备份完成</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="202" />
      <location filename="../../ui/backups.py" line="215" />
      <location filename="../../ui/backups.py" line="226" />
      <source>Restore a backup</source>
      <translation>从备份恢复</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="202" />
      <source>ShopDesk backups (*.sqlite3 *.pgdump)</source>
      <translation>ShopDesk 备份 (*.sqlite3 *.pgdump)</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="212" />
      <source>Put the backup %1 in place of the shop's database?

The current database is kept aside beside it. ShopDesk closes when the restore is done: start it again to open the restored shop.</source>
      <translation>用备份 %1 替换店铺数据库吗？

当前数据库会另存在旁边。恢复完成后 ShopDesk 会关闭：请重新启动以打开恢复后的店铺。</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="227" />
      <source>The backup holds the vault key sealed under its backup passphrase. Backup passphrase:</source>
      <translation>这份备份里有用备份口令密封的保险库密钥。备份口令：</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="262" />
      <source>Backup restored</source>
      <translation>备份已恢复</translation>
    </message>
    <message>
      <location filename="../../ui/backups.py" line="264" />
      <source>The backup was restored; the database that was there is kept as %1.

ShopDesk closes now: start it again.</source>
      <translation>备份已恢复；原来的数据库另存为 %1。

ShopDesk 现在关闭：请重新启动。</translation>
    </message>
  </context>
  <context>
    <name>Bell</name>
    <message>
      <location filename="../../ui/widgets/bell.py" line="131" />
      <source>Notifications</source>
      <translation>通知</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="132" />
      <source>Notifications: %1 unread</source>
      <translation>通知：%1 条未读</translation>
    </message>
  </context>
  <context>
    <name>BellPopup</name>
    <message>
      <location filename="../../ui/widgets/bell.py" line="36" />
      <source>Notifications</source>
      <translation>通知</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="37" />
      <source>Mark all read</source>
      <translation>全部标为已读</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="39" />
      <source>Sound</source>
      <translation>提示音</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="40" />
      <source>Play a sound when a notification arrives</source>
      <translation>收到通知时播放提示音</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="51" />
      <source>Nothing new. Breaches, paid orders and stock alerts appear here.</source>
      <translation>暂无新通知。超时、新付款订单和库存提醒会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/bell.py" line="85" />
      <source>Click to open</source>
      <translation>点击打开</translation>
    </message>
  </context>
  <context>
    <name>BoardFilterBar</name>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="42" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="46" />
      <location filename="../../ui/widgets/board_filters.py" line="102" />
      <source>All products</source>
      <translation>全部商品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="50" />
      <source>All sources</source>
      <translation>全部来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="56" />
      <source>Any time</source>
      <translation>全部时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="56" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="56" />
      <source>Last 7 days</source>
      <translation>近 7 天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="56" />
      <source>Last 30 days</source>
      <translation>近 30 天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="56" />
      <source>Dates…</source>
      <translation>指定日期…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="64" />
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="66" />
      <source>Order number, customer or trade number</source>
      <translation>订单号、客户或交易号</translation>
    </message>
  </context>
  <context>
    <name>BoardModel</name>
    <message>
      <location filename="../../ui/models/orders.py" line="41" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="42" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="43" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="44" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="45" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="46" />
      <source>Payment</source>
      <translation>支付</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="47" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="48" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/models/orders.py" line="49" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
  </context>
  <context>
    <name>CalendarsTab</name>
    <message>
      <location filename="../../ui/desk/calendars.py" line="57" />
      <source>New calendar</source>
      <translation>新建日历</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="64" />
      <source>e.g. Shop hours</source>
      <translation>例如：门店营业时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="69" />
      <source>closed</source>
      <translation>休息</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="75" />
      <source>mon-fri 09:00-21:00, sat-sun 10:00-18:00</source>
      <translation>周一-周五 09:00-21:00, 周六-周日 10:00-18:00</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="80" />
      <source>Weekly opening hours</source>
      <translation>每周营业时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="83" />
      <source>The same as text (as on the command line):</source>
      <translation>文字写法（与命令行相同）：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="89" />
      <source>Times are the shop's time zone; several ranges a day are written 09:00-12:00 13:00-21:00. A make-up working day opens with the Monday-Friday hours.</source>
      <translation>时间按店铺时区；一天多段写作 09:00-12:00 13:00-21:00。调休上班日按周一至周五的营业时间。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="100" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="100" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="100" />
      <location filename="../../ui/desk/calendars.py" line="134" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="106" />
      <source>Add day</source>
      <translation>添加日期</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="108" />
      <source>Remove selected</source>
      <translation>删除所选</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="112" />
      <source>Holidays and make-up working days</source>
      <translation>法定节假日与调休上班日</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="115" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="129" />
      <source>Save calendar</source>
      <translation>保存日历</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="150" />
      <source>Holiday (closed)</source>
      <translation>节假日（休息）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="150" />
      <source>Make-up working day</source>
      <translation>调休上班</translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="246" />
      <source>Fill from China's public calendar for %1</source>
      <translation>按国家法定节假日填入 %1 年</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/desk/calendars.py" line="280" />
      <source>Filled %n day(s) from the public calendar; Save keeps them.</source>
      <translation><numerusform>已按法定节假日填入 %n 天；点“保存日历”后生效。</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/desk/calendars.py" line="297" />
      <source>Saved calendar %1.</source>
      <translation>已保存日历 %1。</translation>
    </message>
  </context>
  <context>
    <name>CaseView</name>
    <message>
      <location filename="../../ui/desk/case_view.py" line="77" />
      <source>Take</source>
      <translation>接单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="77" />
      <source>Take the case (T)</source>
      <translation>接手此工单（T）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="78" />
      <source>Assign…</source>
      <translation>指派…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="79" />
      <source>Waiting for customer</source>
      <translation>等待客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="80" />
      <source>Resume</source>
      <translation>继续处理</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="81" />
      <source>Note…</source>
      <translation>备注…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="81" />
      <source>Add a note (N)</source>
      <translation>添加备注（N）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="82" />
      <source>Correct reason…</source>
      <translation>更正原因…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="84" />
      <source>Resolve…</source>
      <translation>处理结案…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="84" />
      <source>Resolve the case (R)</source>
      <translation>处理结案（R）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="86" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="87" />
      <source>Reopen</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="88" />
      <source>Re-order</source>
      <translation>重新下单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="89" />
      <source>Create the same order again for the customer</source>
      <translation>为客户按原样重新下一单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="104" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="105" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="106" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="107" />
      <source>Offers</source>
      <translation>挽留方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="108" />
      <source>Replies</source>
      <translation>话术</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="125" />
      <source>Pick a case in the queue (Enter opens it).</source>
      <translation>在队列中选择一个工单（回车打开）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="174" />
      <source>Priority: %1</source>
      <translation>优先级：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="175" />
      <source>Handled by %1</source>
      <translation>处理人：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="175" />
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="178" />
      <source>Rejected: %1</source>
      <translation>已驳回：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="239" />
      <source>This case was changed by someone else in the meantime (now: %1). Nothing was written; the case is reloaded — check it and try again.</source>
      <translation>此工单刚刚已被其他人修改（现在：%1）。本次操作没有写入任何内容；工单已重新加载，请核对后再试。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="306" />
      <source>Reason set to %1. The model learns from your choice.</source>
      <translation>原因已设为 %1。模型会从你的选择中学习。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="320" />
      <source>Assign the case</source>
      <translation>指派工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="320" />
      <source>Staff member</source>
      <translation>客服人员</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="339" />
      <source>Add a note</source>
      <translation>添加备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="339" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="367" />
      <source>Nothing was applied: the preview was cancelled.</source>
      <translation>未执行：已在预览中取消。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="370" />
      <source>Not refunded: the passphrase was not confirmed.</source>
      <translation>未退款：口令未确认。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="399" />
      <source>Re-order %1 created (¥%2); it waits for the customer's payment.</source>
      <translation>已重新下单 %1（¥%2），等待客户付款。</translation>
    </message>
  </context>
  <context>
    <name>CasesModel</name>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="38" />
      <source>Case</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="46" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="47" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="48" />
      <source>Class / reason</source>
      <translation>责任方 / 原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="49" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="50" />
      <source>Assignee</source>
      <translation>处理人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="40" />
      <source>Countdown</source>
      <translation>倒计时</translation>
    </message>
  </context>
  <context>
    <name>ConfirmPaymentDialog</name>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="83" />
      <source>Confirm payment of %1</source>
      <translation>订单 %1 补单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="86" />
      <source>as the gateway shows it</source>
      <translation>按支付平台显示的填写</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="94" />
      <source>The customer paid but the shop never heard (掉单). Check the payment in the gateway's records, then enter it here: the same trade number twice is one payment.</source>
      <translation>客户已付款，但店铺没收到支付通知（掉单）。请先在支付平台核实这笔付款，再在这里录入：同一交易号录入两次只算一笔。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="99" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="100" />
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="101" />
      <source>Method</source>
      <translation>方式</translation>
    </message>
  </context>
  <context>
    <name>CrashReporter</name>
    <message>
      <location filename="../../ui/crash.py" line="67" />
      <source>ShopDesk ran into a problem</source>
      <translation>ShopDesk 出现了问题</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="69" />
      <source>Something went wrong inside ShopDesk; what you were doing may not have finished. Nothing that was saved is lost. The details are in the log file:
%1

Please send that file to whoever looks after your ShopDesk.</source>
      <translation>ShopDesk 内部出错，刚才的操作可能没有完成。已保存的内容不会丢失。详细信息在日志文件中：
%1

请把该文件发给负责维护 ShopDesk 的人员。</translation>
    </message>
  </context>
  <context>
    <name>CustomerDetail</name>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="41" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="41" />
      <location filename="../../ui/pages/customer_detail.py" line="45" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="41" />
      <location filename="../../ui/pages/customer_detail.py" line="52" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="41" />
      <location filename="../../ui/pages/customer_detail.py" line="45" />
      <location filename="../../ui/pages/customer_detail.py" line="52" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="45" />
      <location filename="../../ui/pages/customer_detail.py" line="52" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="45" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="45" />
      <source>Created</source>
      <translation>已创建</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="48" />
      <source>Double-click an order to open it on the Orders page</source>
      <translation>双击订单可在订单页打开</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="52" />
      <source>Case</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="52" />
      <source>Opened</source>
      <translation>创建工单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="60" />
      <source>Profile</source>
      <translation>资料</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="61" />
      <source>Wallet history</source>
      <translation>余额明细</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="62" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="63" />
      <source>Cases</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="64" />
      <source>Select a customer to see the wallet, orders and cases.</source>
      <translation>选择一位客户，查看余额明细、订单和工单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="86" />
      <location filename="../../ui/pages/customer_detail.py" line="104" />
      <source>Blocked</source>
      <translation>已拉黑</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="92" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/customer_detail.py" line="92" />
      <source>%n order(s)</source>
      <translation><numerusform>%n 个订单</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="93" />
      <source>no contact</source>
      <translation>无联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="101" />
      <source>Credit profile</source>
      <translation>信用档案</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="102" />
      <source>set by hand</source>
      <translation>手动设定</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="103" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="105" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="106" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="119" />
      <source>The storefront refuses new orders from this contact.</source>
      <translation>店铺将拒绝该联系方式的新订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="158" />
      <source>Wallet history (%1)</source>
      <translation>余额明细（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="159" />
      <source>Orders (%1)</source>
      <translation>订单（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="160" />
      <source>Cases (%1)</source>
      <translation>工单（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customer_detail.py" line="164" />
      <source>Reversal of %1</source>
      <translation>冲正：%1</translation>
    </message>
  </context>
  <context>
    <name>CustomerDialog</name>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="19" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="19" />
      <source>Edit customer</source>
      <translation>编辑客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="24" />
      <source>WeChat, QQ, phone or e-mail</source>
      <translation>微信、QQ、手机或邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="27" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="27" />
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="27" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>CustomerPanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="123" />
      <source>Computed</source>
      <translation>自动评估</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="127" />
      <source>Why the level is set by hand</source>
      <translation>手动设定等级的原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="128" />
      <source>Set level</source>
      <translation>设定等级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="131" />
      <source>Owner override:</source>
      <translation>店主手动设定：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="145" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="146" />
      <source>Credit</source>
      <translation>信用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="147" />
      <source>set by hand</source>
      <translation>手动设定</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="148" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="149" />
      <source>Recent orders</source>
      <translation>最近订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="150" />
      <source>Past cases</source>
      <translation>历史工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="48" />
      <source>Cancellations: %1 in 30 days, %2 in 90 days; %3 likely mistakes, %4 after delivery.</source>
      <translation>取消记录：30 天内 %1 次，90 天内 %2 次；其中 %3 次疑似误操作，%4 次发货后取消。</translation>
    </message>
  </context>
  <context>
    <name>CustomersPage</name>
    <message>
      <location filename="../../ui/pages/customers.py" line="30" />
      <source>ID</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="31" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="33" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="34" />
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="47" />
      <source>Merge into…</source>
      <translation>合并到…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="48" />
      <source>Move this customer's orders, cases and wallet to another customer</source>
      <translation>把该客户的订单、工单和余额转到另一位客户名下</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="49" />
      <location filename="../../ui/pages/customers.py" line="129" />
      <source>Block…</source>
      <translation>拉黑…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="85" />
      <source>No customer's name or contact contains “%1”.</source>
      <translation>没有姓名或联系方式包含 “%1” 的客户。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="87" />
      <source>No customers yet. Orders from the storefront add them.</source>
      <translation>还没有客户。店铺下单时会自动添加。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="129" />
      <source>Unblock</source>
      <translation>解除拉黑</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="171" />
      <source>Let the storefront take orders from %1 again?</source>
      <translation>允许店铺重新接受 %1 的订单吗？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="172" />
      <source>Unblock customer</source>
      <translation>解除拉黑</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="178" />
      <source>Block customer</source>
      <translation>拉黑客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="180" />
      <source>Why is %1 blocked? (the desk sees this; the storefront only hears that orders are refused)</source>
      <translation>为什么拉黑 %1？（售后台可见；店铺只会收到“拒绝下单”）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="32" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="40" />
      <source>Search name or contact</source>
      <translation>搜索姓名或联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="44" />
      <source>New customer…</source>
      <translation>新建客户…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="45" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="46" />
      <source>Top up…</source>
      <translation>充值…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="37" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
  </context>
  <context>
    <name>DeskClock</name>
    <message>
      <location filename="../../ui/desk/clock.py" line="41" />
      <source>%n day(s)</source>
      <translation>%n 天</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="43" />
      <source>%n hour(s)</source>
      <translation>%n 小时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="45" />
      <source>%n minute(s)</source>
      <translation>%n 分</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="54" />
      <source>today %1</source>
      <translation>今天 %1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="56" />
      <source>tomorrow %1</source>
      <translation>明天 %1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="59" />
      <source>%1 %2 %3</source>
      <translation>%1 %2 %3</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="72" />
      <source>Reply due %1</source>
      <translation>%1 前需回复</translation>
    </message>
    <message>
      <location filename="../../ui/desk/clock.py" line="73" />
      <source>Due %1</source>
      <translation>%1 前需处理</translation>
    </message>
  </context>
  <context>
    <name>DeskLabels</name>
    <message>
      <location filename="../../ui/desk/labels.py" line="157" />
      <source>the seed model</source>
      <translation>内置模型</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="158" />
      <source>model #%1</source>
      <translation>模型 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="168" />
      <source>Suggested by the model: %1 (%2 sure, %3)</source>
      <translation>模型建议：%1（置信度 %2，%3）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="170" />
      <source>The model is unsure (at most %1: %2, %3): a person picks the reason</source>
      <translation>模型把握不足（最高 %1：%2，%3）：由人工选择原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="175" />
      <source>The model reads %1 (%2 sure, %3), not the given %4</source>
      <translation>模型识别为 %1（置信度 %2，%3），而非所带的 %4</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="179" />
      <source>The model reads the same reason: %1 (%2 sure, %3)</source>
      <translation>模型识别结果一致：%1（置信度 %2，%3）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="182" />
      <source>Suggestion accepted: %1 → %4 (%2 sure, %3)</source>
      <translation>采纳模型建议：%1 → %4（置信度 %2，%3）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="188" />
      <source>No reason yet (the model was unsure, %1): a person reads the request</source>
      <translation>尚无原因（模型把握不足，%1）：由人工阅读请求</translation>
    </message>
    <message>
      <location filename="../../ui/desk/labels.py" line="192" />
      <source>A refund on the model's reason needs it 90% sure and a customer who is not risky (%1 sure, credit: %2): a person decides</source>
      <translation>依据模型原因退款需置信度达 90% 且客户信用非高风险（置信度 %1，信用：%2）：由人工决定</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>处理中</translation>
    </message>
    <message>
      <source>Waiting for customer</source>
      <translation>等待客户</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <source>Retained</source>
      <translation>已挽留</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Key replaced</source>
      <translation>已换卡</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>已驳回</translation>
    </message>
    <message>
      <source>Opened</source>
      <translation>创建工单</translation>
    </message>
    <message>
      <source>Taken</source>
      <translation>接单</translation>
    </message>
    <message>
      <source>Assigned</source>
      <translation>指派</translation>
    </message>
    <message>
      <source>Resumed</source>
      <translation>继续处理</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Reason corrected</source>
      <translation>更正原因</translation>
    </message>
    <message>
      <source>Order rolled back</source>
      <translation>订单已回滚</translation>
    </message>
    <message>
      <source>Keys replaced</source>
      <translation>已更换卡密</translation>
    </message>
    <message>
      <source>Reopened</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <source>SOP breached</source>
      <translation>SOP 超时</translation>
    </message>
    <message>
      <source>Escalated</source>
      <translation>已升级</translation>
    </message>
    <message>
      <source>Offer made</source>
      <translation>提出挽留方案</translation>
    </message>
    <message>
      <source>Offer declined</source>
      <translation>客户拒绝方案</translation>
    </message>
    <message>
      <source>Offer accepted</source>
      <translation>客户接受方案</translation>
    </message>
    <message>
      <source>Routed to a person</source>
      <translation>转人工处理</translation>
    </message>
    <message>
      <source>The model's reading</source>
      <translation>模型识别</translation>
    </message>
    <message>
      <source>Suggestion accepted</source>
      <translation>采纳建议</translation>
    </message>
    <message>
      <source>Price protection (refund the difference)</source>
      <translation>价格保护（退还差价）</translation>
    </message>
    <message>
      <source>Swap for another product</source>
      <translation>换成其他商品</translation>
    </message>
    <message>
      <source>Compensation coupon</source>
      <translation>补偿优惠券</translation>
    </message>
    <message>
      <source>Compensation credit</source>
      <translation>补偿余额</translation>
    </message>
    <message>
      <source>Another product or denomination</source>
      <translation>换其他商品或面值</translation>
    </message>
    <message>
      <source>Coupon to keep the order</source>
      <translation>保留订单送优惠券</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>已接受</translation>
    </message>
    <message>
      <source>Declined</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <source>High</source>
      <translation>高</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>关注</translation>
    </message>
    <message>
      <source>Risky</source>
      <translation>高风险</translation>
    </message>
    <message>
      <source>Close the unpaid order</source>
      <translation>关闭未付款订单</translation>
    </message>
    <message>
      <source>Cancel and refund</source>
      <translation>取消并退款</translation>
    </message>
    <message>
      <source>Replace the key</source>
      <translation>更换卡密</translation>
    </message>
    <message>
      <source>Hand to a person</source>
      <translation>转人工</translation>
    </message>
    <message>
      <source>notify the owner</source>
      <translation>通知店主</translation>
    </message>
    <message>
      <source>raise the priority</source>
      <translation>提高优先级</translation>
    </message>
    <message>
      <source>Case #%1 (order %2): the first response is overdue.</source>
      <translation>工单 #%1（订单 %2）：首次响应已超时。</translation>
    </message>
    <message>
      <source>Case #%1 (order %2): the resolution is overdue.</source>
      <translation>工单 #%1（订单 %2）：处理已超时。</translation>
    </message>
    <message>
      <source>Case #%1 (order %2) is at twice its resolution target: escalated.</source>
      <translation>工单 #%1（订单 %2）已超过处理时限的两倍：已升级。</translation>
    </message>
    <message>
      <source>Waiting for the answer</source>
      <translation>等待客户答复</translation>
    </message>
    <message>
      <source>Paused · %1 left</source>
      <translation>已暂停 · 剩余 %1</translation>
    </message>
    <message>
      <source>Reply overdue %1</source>
      <translation>回复超时 %1</translation>
    </message>
    <message>
      <source>Overdue %1</source>
      <translation>超时 %1</translation>
    </message>
    <message>
      <source>Reply in %1</source>
      <translation>%1 内回复</translation>
    </message>
    <message>
      <source>Resolve in %1</source>
      <translation>%1 内解决</translation>
    </message>
    <message>
      <source>Customer's wallet</source>
      <translation>客户钱包</translation>
    </message>
    <message>
      <source>Externally (at the payment gateway)</source>
      <translation>原路退回（支付网关）</translation>
    </message>
    <message>
      <source>%1 cancellation(s) after delivery in 90 days</source>
      <translation>90 天内发货后取消 %1 次</translation>
    </message>
    <message>
      <source>%1 cancellations in 30 days</source>
      <translation>30 天内取消 %1 次</translation>
    </message>
    <message>
      <source>%1 cancellation(s) in 90 days, none suspicious</source>
      <translation>90 天内取消 %1 次，均无可疑</translation>
    </message>
    <message>
      <source>level set by the owner</source>
      <translation>等级由店主设定</translation>
    </message>
    <message>
      <source>Order status</source>
      <translation>订单状态</translation>
    </message>
    <message>
      <source>Payment</source>
      <translation>支付</translation>
    </message>
    <message>
      <source>Responsibility</source>
      <translation>责任方</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Customer credit</source>
      <translation>客户信用</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>已发货</translation>
    </message>
    <message>
      <source>Stock to replace the key</source>
      <translation>有库存可换卡密</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Risky customer: always to a person</source>
      <translation>高风险客户：一律转人工</translation>
    </message>
    <message>
      <source>Unpaid order: close it</source>
      <translation>未付款订单：直接关闭</translation>
    </message>
    <message>
      <source>Paid, not delivered, customer reason: cancel and refund</source>
      <translation>已付款未发货、客户原因：取消并退款</translation>
    </message>
    <message>
      <source>Key invalid with stock: replace the key</source>
      <translation>卡密无效且有库存：更换卡密</translation>
    </message>
    <message>
      <source>Every case</source>
      <translation>所有工单</translation>
    </message>
  </context>
  <context>
    <name>DeskSettingsDialog</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="53" />
      <source>Desk settings</source>
      <translation>工作台设置</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="61" />
      <source>SOP policies</source>
      <translation>SOP 时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="62" />
      <source>Calendars</source>
      <translation>营业日历</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="63" />
      <source>Reasons</source>
      <translation>原因分类</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="64" />
      <source>Rules</source>
      <translation>规则</translation>
    </message>
  </context>
  <context>
    <name>DesktopSection</name>
    <message>
      <location filename="../../ui/settings/desktop.py" line="28" />
      <location filename="../../ui/settings/desktop.py" line="111" />
      <source>Unattended delivery</source>
      <translation>无人值守发货</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="33" />
      <source>With unattended delivery on, this desktop's storefront server delivers paid orders while nobody is logged in (at night, say): it keeps its own copy of the shop's key, in the system keyring or a file only your account can read. Turn it off on a desktop others can reach.</source>
      <translation>开启后，即使没有人登录（比如夜里），本机的店铺接口也会给已付款订单自动发货：本机会在系统钥匙串或只有你的账户能读的文件里保存一份店铺密钥。别人能接触到的电脑请关闭。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="47" />
      <source>Users</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="49" />
      <location filename="../../ui/settings/desktop.py" line="92" />
      <source>Who may log in, their roles and what each role may do are on the Team page.</source>
      <translation>谁可以登录、各自的角色以及每个角色的权限，都在“员工与权限”页管理。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="51" />
      <location filename="../../ui/settings/desktop.py" line="94" />
      <source>Open the Team page</source>
      <translation>打开员工与权限</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="74" />
      <source>This shop has no accounts yet: every desktop opens it without a login, so there is nothing to turn on. Once the owner account exists, this desktop can be allowed here.</source>
      <translation>本店还没有账号：每台电脑都无需登录即可打开，所以无需开启。创建店主账号后，可以在这里允许本机无人值守发货。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="79" />
      <source>Create the owner account to give each person their own login and role.</source>
      <translation>创建店主账号后，每个人都可以有自己的登录和角色。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="80" />
      <source>Create the owner account…</source>
      <translation>创建店主账号…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="84" />
      <source>On: this desktop delivers while nobody is logged in.</source>
      <translation>已开启：没有人登录时，本机也会自动发货。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="86" />
      <source>Off: this desktop delivers only while someone is logged in.</source>
      <translation>已关闭：只有有人登录时，本机才会发货。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="88" />
      <source>Turn off</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="88" />
      <source>Turn on</source>
      <translation>开启</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="105" />
      <source>This desktop no longer delivers unattended.</source>
      <translation>本机已关闭无人值守发货。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="108" />
      <source>Let this desktop deliver while nobody is logged in? It keeps a copy of the shop's key that opens without a passphrase.</source>
      <translation>允许本机在没有人登录时发货吗？本机会保存一份无需口令即可打开的店铺密钥。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/desktop.py" line="117" />
      <source>This desktop now delivers unattended.</source>
      <translation>本机已开启无人值守发货。</translation>
    </message>
  </context>
  <context>
    <name>EventText</name>
    <message>
      <location filename="../../ui/event_text.py" line="22" />
      <source>Total %1</source>
      <translation>合计 %1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="30" />
      <source>Out of stock: refunded %1 to %2</source>
      <translation>缺货：已退款 %1 到%2</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="35" />
      <source>Payment %1 of %2 refunded</source>
      <translation>付款 %1（%2）已退款</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="40" />
      <source>%1 payment %2 of %3 could not be kept: flagged for refund</source>
      <translation>%1付款 %2（%3）无法入账：已标记待退款</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="46" />
      <source>Payment %1 of %2 dismissed from the payment inbox</source>
      <translation>收款 %1（%2）已在收款核对中忽略</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="50" />
      <source>Reopened for the late payment %1</source>
      <translation>因迟到的付款 %1 重新打开</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="54" />
      <source>Sold again for the second payment %1 of order %2</source>
      <translation>按订单 %2 的重复付款 %1 再次售出</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="59" />
      <source>Late payment %1 of %2: no stock, refunded to the wallet</source>
      <translation>迟到的付款 %1（%2）：缺货，已退款到余额</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="65" />
      <source>Case #%1: refunded %2 to %3</source>
      <translation>工单 #%1：已退款 %2 到%3</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="70" />
      <source>Not paid in time</source>
      <translation>超时未付款</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="71" />
      <source>Cancelled by case #%1</source>
      <translation>由工单 #%1 取消</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="75" />
      <source>Replaces key #%1 (case #%2)</source>
      <translation>替换卡密 #%1（工单 #%2）</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="80" />
      <source>Replaced by key #%1 (case #%2)</source>
      <translation>已被卡密 #%1 替换（工单 #%2）</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="85" />
      <source>Recalled by case #%1: %2</source>
      <translation>由工单 #%1 收回：%2</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="90" />
      <source>Batch #%1 %2</source>
      <translation>批次 #%1 %2</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="95" />
      <source>Moved to %1</source>
      <translation>移至 %1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="97" />
      <source>Damaged: the secret does not open</source>
      <translation>已损坏：卡密无法解密</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="98" />
      <source>Revealed on the desk, order %1</source>
      <translation>在工作台查看，订单 %1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="101" />
      <source>Resolved straight from new</source>
      <translation>新工单直接处理</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="102" />
      <source>Unpaid order closed</source>
      <translation>已关闭未付款订单</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="103" />
      <source>Cancelled and refunded to %1</source>
      <translation>已取消并退款到%1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="106" />
      <source>Key replaced</source>
      <translation>已换卡</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="110" />
      <source>%1 accepted</source>
      <translation>客户接受：%1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="113" />
      <source>Twice the resolution target passed</source>
      <translation>已超过处理时限的两倍</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="115" />
      <source>First response overdue</source>
      <translation>首次响应超时</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="116" />
      <source>Resolution overdue</source>
      <translation>处理超时</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="117" />
      <source>A person decides</source>
      <translation>转人工处理</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="118" />
      <source>The key was replaced once already; a person decides</source>
      <translation>该卡密已更换过一次，转人工处理</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="122" />
      <source>Swapped by case #%1 (%2)</source>
      <translation>工单 #%1 换货收回（%2）</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="126" />
      <source>Delivered in a swap, case #%1</source>
      <translation>工单 #%1 换货发出</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="140" />
      <source>%1 refunded to the wallet</source>
      <translation>%1 已退回余额</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="144" />
      <source>%1 charged from the wallet</source>
      <translation>已从余额扣除 %1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="147" />
      <source>bonus %1</source>
      <translation>赠送 %1</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="152" />
      <source>%n key(s) delivered</source>
      <translation>已发 %n 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="156" />
      <source>%n key(s) delivered, waiting for stock</source>
      <translation>已发 %n 张卡密，其余等待补货</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="160" />
      <source>%n more key(s) delivered</source>
      <translation>补发 %n 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="164" />
      <source>Case #%1: %n key(s) replaced</source>
      <translation>工单 #%1：已更换 %n 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="168" />
      <source>Reusable secret, %n copy(ies)</source>
      <translation>通用卡密，%n 份</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="172" />
      <source>%n key(s) replaced</source>
      <translation>已更换 %n 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="181" />
      <source>the customer's wallet</source>
      <translation>客户余额</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="182" />
      <source>the payment gateway</source>
      <translation>原支付渠道</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="203" />
      <location filename="../../ui/event_text.py" line="204" />
      <source>Storefront API</source>
      <translation>店铺接口</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="205" />
      <source>Rules (automatic)</source>
      <translation>规则自动处理</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="206" />
      <source>AI track (automatic)</source>
      <translation>AI 识别（自动）</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="207" />
      <source>ShopDesk (automatic)</source>
      <translation>ShopDesk 自动处理</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="208" />
      <source>Demo</source>
      <translation>演示</translation>
    </message>
    <message>
      <location filename="../../ui/event_text.py" line="227" />
      <source>Owner</source>
      <translation>店主</translation>
    </message>
  </context>
  <context>
    <name>FlaggedPaymentsPanel</name>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="29" />
      <source>Received</source>
      <translation>收到时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="30" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="31" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="32" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="33" />
      <source>Method</source>
      <translation>方式</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="34" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="35" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="47" />
      <source>Refunded at the gateway…</source>
      <translation>已在支付平台退款…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="49" />
      <source>Record that this money was given back at the payment gateway; it leaves the queue, audited.</source>
      <translation>记录这笔钱已在支付平台退回：它离开待退款列表，并记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="56" />
      <source>Money the gateway took for an order that could not keep it (closed, or paid twice). Refund it at the gateway, then mark it here.</source>
      <translation>支付平台收了钱、订单却不能接收的款项（订单已关闭，或重复付款）。请在支付平台退款，然后在这里标记。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/flagged_payments.py" line="72" />
      <source>%n flagged, total ¥%1</source>
      <translation><numerusform>待退款 %n 笔，合计 ¥%1</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="86" />
      <source>Pick a flagged payment first.</source>
      <translation>请先选择一笔待退款的付款。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="89" />
      <source>Refund of ¥%1 (trade %2) made at the gateway? Add a note (the refund's reference):</source>
      <translation>已在支付平台退款 ¥%1（交易号 %2）？请填写备注（退款流水号）：</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="92" />
      <source>Refunded at the gateway</source>
      <translation>已在支付平台退款</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="100" />
      <source>Trade %1 marked refunded.</source>
      <translation>交易 %1 已标记为已退款。</translation>
    </message>
  </context>
  <context>
    <name>Gate</name>
    <message>
      <location filename="../../ui/staff/gate.py" line="187" />
      <source>refund more than your limit</source>
      <translation>超出您的退款限额退款</translation>
    </message>
  </context>
  <context>
    <name>ImportKeysDialog</name>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="67" />
      <source>Import keys</source>
      <translation>导入卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="74" />
      <source>A .txt or .csv file from the supplier</source>
      <translation>供应商提供的 .txt 或 .csv 文件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="75" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="82" />
      <source>One key per line, or card number and secret separated by a space, tab, comma, |, ---- or :</source>
      <translation>每行一个卡密，或卡号与卡密之间用空格、制表符、逗号、|、---- 或 : 分隔</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="85" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="86" />
      <source>Paste</source>
      <translation>粘贴</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="94" />
      <source>Keys expire after</source>
      <translation>卡密有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="104" />
      <location filename="../../ui/dialogs/import_keys.py" line="111" />
      <location filename="../../ui/dialogs/import_keys.py" line="122" />
      <source>Detect</source>
      <translation>自动识别</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="105" />
      <source>One secret per line</source>
      <translation>每行一个卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="106" />
      <source>Card number + secret</source>
      <translation>卡号 + 卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="112" />
      <source>Comma</source>
      <translation>逗号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="113" />
      <source>Tab</source>
      <translation>制表符</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="114" />
      <source>Space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="132" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="133" />
      <source>Supplier</source>
      <translation>供应商</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="134" />
      <source>Unit cost (yuan)</source>
      <translation>进价（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="135" />
      <source>Expiry</source>
      <translation>有效期</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="136" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="138" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="140" />
      <source>Separator</source>
      <translation>分隔符</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="142" />
      <source>Encoding</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="149" />
      <source>Line</source>
      <translation>行号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="149" />
      <source>Why it was rejected</source>
      <translation>拒绝原因</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="157" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="159" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="162" />
      <source>Cancel import</source>
      <translation>取消导入</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="199" />
      <source>Choose a product…</source>
      <translation>选择商品…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="212" />
      <source>Choose the key file</source>
      <translation>选择卡密文件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="212" />
      <source>Key files (*.txt *.csv);;All files (*)</source>
      <translation>卡密文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="229" />
      <source>Unit cost</source>
      <translation>进价</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="242" />
      <source>Choose a file, or paste the keys.</source>
      <translation>请选择文件，或粘贴卡密。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="264" />
      <source>comma</source>
      <translation>逗号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="264" />
      <source>tab</source>
      <translation>制表符</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="264" />
      <source>space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="268" />
      <source>&lt;b&gt;%1&lt;/b&gt; key(s) to import</source>
      <translation>将导入 &lt;b&gt;%1&lt;/b&gt; 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="269" />
      <source>%1 repeated in the file</source>
      <translation>文件内重复 %1 张</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="270" />
      <source>%1 already in the shop</source>
      <translation>库中已存在 %1 张</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="271" />
      <source>%1 rejected</source>
      <translation>拒绝 %1 行</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="273" />
      <source>Read as %1</source>
      <translation>按 %1 读取</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="275" />
      <source>card number and secret separated by %1</source>
      <translation>卡号与卡密以 %1 分隔</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="277" />
      <source>one secret per line</source>
      <translation>每行一个卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="279" />
      <source>header line skipped</source>
      <translation>已跳过表头行</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="283" />
      <source>%1 secret(s) contained full-width or invisible characters and were normalised (lines %2).</source>
      <translation>%1 个卡密含全角或不可见字符，已规范化（第 %2 行）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="326" />
      <source>Import cancelled. Nothing was written.</source>
      <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="330" />
      <source>Imported %1 key(s) as batch #%2.</source>
      <translation>已导入 %1 张卡密，批次 #%2。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="334" />
      <source>%1 waiting order(s) were filled.</source>
      <translation>已为 %1 个等待补货的订单发货。</translation>
    </message>
  </context>
  <context>
    <name>InventoryPage</name>
    <message>
      <location filename="../../ui/pages/inventory.py" line="75" />
      <source>Available</source>
      <translation>可售</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="76" />
      <source>Reserved</source>
      <translation>已预留</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="77" />
      <source>Delivered</source>
      <translation>已发货</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="78" />
      <source>Recalled</source>
      <translation>已召回</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="79" />
      <source>Void</source>
      <translation>作废</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="80" />
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="83" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="84" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="115" />
      <location filename="../../ui/pages/inventory.py" line="239" />
      <source>All products</source>
      <translation>全部商品</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="117" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="122" />
      <source>Any expiry</source>
      <translation>不限有效期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="123" />
      <source>Expiring in 7 days</source>
      <translation>7 天内过期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="124" />
      <source>Expiring in 30 days</source>
      <translation>30 天内过期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="128" />
      <source>Batch #</source>
      <translation>批次号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="131" />
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="132" />
      <source>Secret</source>
      <translation>卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="134" />
      <source>Search (exact)</source>
      <translation>精确搜索</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="143" />
      <source>Details…</source>
      <translation>详情…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="146" />
      <source>Void…</source>
      <translation>作废…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="149" />
      <source>Undo void</source>
      <translation>撤销作废</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="152" />
      <source>Import keys…</source>
      <translation>导入卡密…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="155" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="162" />
      <source>Inventory</source>
      <translation>库存</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="253" />
      <source>%n product(s) with keys expiring soon</source>
      <translation><numerusform>%n 个商品有卡密即将过期</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="255" />
      <source>%n damaged key(s) taken out of sale</source>
      <translation><numerusform>%n 张损坏的卡密已下架</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="261" />
      <source>%n key(s)</source>
      <translation><numerusform>共 %n 张卡密</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="338" />
      <source>Void keys</source>
      <translation>作废卡密</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="338" />
      <source>Why are these %n key(s) voided?</source>
      <translation><numerusform>作废这 %n 张卡密的原因？</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="353" />
      <source>%n key(s) changed.</source>
      <translation><numerusform>已更新 %n 张卡密。</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="357" />
      <source>export keys</source>
      <translation>导出卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="359" />
      <source>Export keys</source>
      <translation>导出卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="359" />
      <source>CSV (*.csv);;Text (*.txt)</source>
      <translation>CSV (*.csv);;文本 (*.txt)</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="377" />
      <source>Exported %n key(s); the export is in the audit trail.</source>
      <translation><numerusform>已导出 %n 张卡密，导出操作已记入审计日志。</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="251" />
      <source>%n product(s) low on stock</source>
      <translation><numerusform>%n 个商品库存不足</numerusform></translation>
    </message>
  </context>
  <context>
    <name>KeyDetailDialog</name>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="33" />
      <source>Key #%1</source>
      <translation>卡密 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="38" />
      <source>Reveal secret</source>
      <translation>查看卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="39" />
      <source>Shows the secret; the reveal is recorded in the audit trail.</source>
      <translation>显示卡密明文；查看操作会记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="41" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="45" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="45" />
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="45" />
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="45" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="69" />
      <source>batch #%1</source>
      <translation>批次 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="70" />
      <location filename="../../ui/dialogs/key_detail.py" line="80" />
      <source>order %1</source>
      <translation>订单 %1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="96" />
      <source>reveal the secret</source>
      <translation>查看卡密</translation>
    </message>
  </context>
  <context>
    <name>KeysModel</name>
    <message>
      <location filename="../../ui/models/keys.py" line="29" />
      <source>ID</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="30" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="31" />
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="32" />
      <source>Secret</source>
      <translation>卡密</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="33" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="34" />
      <source>Batch</source>
      <translation>批次</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="36" />
      <source>Expires</source>
      <translation>过期日</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="40" />
      <source>Status changed</source>
      <translation>状态变更时间</translation>
    </message>
    <message>
      <location filename="../../ui/models/keys.py" line="41" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="48" />
      <source>Log in to ShopDesk</source>
      <translation>登录 ShopDesk</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="49" />
      <source>ShopDesk is locked</source>
      <translation>ShopDesk 已锁定</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="50" />
      <source>Confirm it is you</source>
      <translation>确认身份</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="54" />
      <source>This shop has staff accounts. Log in with your user name and passphrase.</source>
      <translation>本店已启用员工账号。请输入用户名和口令登录。</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="55" />
      <source>The window was locked. Type your passphrase to go on, or switch user.</source>
      <translation>窗口已锁定。输入口令继续，或切换用户。</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="56" />
      <source>Type your passphrase again to %1.</source>
      <translation>请再次输入口令以%1。</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="64" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="65" />
      <source>Passphrase</source>
      <translation>口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="66" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="66" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="66" />
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="73" />
      <source>Switch user</source>
      <translation>切换用户</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="84" />
      <source>ShopDesk</source>
      <translation>ShopDesk 店铺管家</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="97" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="98" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="99" />
      <source>Inventory</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="100" />
      <source>After-sales</source>
      <translation>售后</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="101" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="102" />
      <source>Products</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="103" />
      <source>Analytics</source>
      <translation>经营分析</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="104" />
      <source>Payment inbox</source>
      <translation>收款核对</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="105" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="121" />
      <source>ShopDesk is locked.</source>
      <translation>ShopDesk 已锁定。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="145" />
      <source>Protect this shop…</source>
      <translation>保护本店…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="146" />
      <source>Create the owner account: from then on everyone logs in.</source>
      <translation>创建店主账号：此后每个人都需登录。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="149" />
      <source>Opening the shop…</source>
      <translation>正在打开店铺…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="212" />
      <source>Files readable by others</source>
      <translation>文件可被他人读取</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="205" />
      <source>SQLite</source>
      <translation>SQLite 本地</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="205" />
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="206" />
      <source>Database: %1 (%2)</source>
      <translation>数据库：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="218" />
      <source>First start: creating a demo shop…</source>
      <translation>首次启动：正在创建演示店铺…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="236" />
      <location filename="../../ui/main_window.py" line="381" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="279" />
      <source>Storefront API off: port %1 is busy</source>
      <translation>店铺接口未启动：端口 %1 已被占用</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="282" />
      <source>Storefront API: 127.0.0.1:%1</source>
      <translation>店铺接口：127.0.0.1:%1</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="307" />
      <source>No product has keys in stock to sell.</source>
      <translation>没有有库存可卖的商品。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="310" />
      <source>Simulating a storefront for 60 seconds…</source>
      <translation>正在模拟店铺前台下单 60 秒…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="316" />
      <source>Simulation done: %1 orders, %2 payments.</source>
      <translation>模拟完成：%1 个订单，%2 笔付款。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="369" />
      <location filename="../../ui/navigation.py" line="104" />
      <location filename="../../ui/navigation.py" line="108" />
      <source>Team</source>
      <translation>员工与权限</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="454" />
      <source>%1 is low: %2 key(s) left (alert below %3).</source>
      <translation>%1 库存不足：剩余 %2 张（低于 %3 时提醒）。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="458" />
      <source>%1: %2 key(s) with a damaged secret were taken out of sale; check the batch.</source>
      <translation>%1：%2 张卡密损坏，已下架；请检查该批次。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="461" />
      <source>%1: %2 key(s) expire within %3 days.</source>
      <translation>%1：%2 张卡密将在 %3 天内过期。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="464" />
      <source>Stock alert</source>
      <translation>库存提醒</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="484" />
      <source>Out of the ordinary</source>
      <translation>异常提醒</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="493" />
      <source>After-sales SOP breached</source>
      <translation>售后 SOP 超时</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="505" />
      <source>Reconnecting to the database server…</source>
      <translation>正在重新连接数据库服务器…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="508" />
      <source>Reconnected</source>
      <translation>已重新连接</translation>
    </message>
  </context>
  <context>
    <name>Menus</name>
    <message>
      <location filename="../../ui/menus.py" line="56" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="57" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="58" />
      <source>Copy the shop to a file…</source>
      <translation>把店铺复制到文件…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="59" />
      <source>A complete copy of the shop in a new SQLite file, for safe keeping.</source>
      <translation>把整个店铺完整复制到一个新的 SQLite 文件，妥善保存。</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="60" />
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="61" />
      <source>A verified backup into the backup folder, kept 7 days and 4 weeks.</source>
      <translation>在备份文件夹中做一份经过校验的备份，保留最近 7 天和 4 周。</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="62" />
      <source>Restore…</source>
      <translation>从备份恢复…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="63" />
      <source>Put a backup in place of the shop's database (kept aside first).</source>
      <translation>用备份替换店铺数据库（当前数据库会先另存）。</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="66" />
      <source>Simulate a storefront for a minute (demo)</source>
      <translation>模拟店铺下单一分钟（演示）</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="70" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="72" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="79" />
      <source>Find on this page</source>
      <translation>在本页查找</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="82" />
      <source>&amp;Shop</source>
      <translation>店铺(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="83" />
      <location filename="../../ui/menus.py" line="112" />
      <source>Lock</source>
      <translation>锁定</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="85" />
      <source>Protect this shop…</source>
      <translation>保护本店…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="88" />
      <source>Settings…</source>
      <translation>设置…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="90" />
      <source>&amp;Desk</source>
      <translation>售后台(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="91" />
      <source>Go to the desk</source>
      <translation>前往售后台</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="93" />
      <source>Open a case…</source>
      <translation>新建工单…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="97" />
      <source>Desk settings…</source>
      <translation>工作台设置…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="100" />
      <source>Rules…</source>
      <translation>规则…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="103" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="105" />
      <location filename="../../ui/menus.py" line="183" />
      <source>Keyboard shortcuts</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="107" />
      <source>Open the data folder</source>
      <translation>打开数据文件夹</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="108" />
      <source>Open the log</source>
      <translation>打开日志</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="110" />
      <location filename="../../ui/menus.py" line="218" />
      <source>About ShopDesk</source>
      <translation>关于 ShopDesk</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="113" />
      <source>Desk: take the case</source>
      <translation>售后台：接手工单</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="114" />
      <source>Desk: resolve the case</source>
      <translation>售后台：处理完结工单</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="115" />
      <source>Desk: add a note</source>
      <translation>售后台：添加备注</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="156" />
      <source>Copy the shop to a file</source>
      <translation>把店铺复制到文件</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="160" />
      <source>ShopDesk databases (*.sqlite3)</source>
      <translation>ShopDesk 数据库 (*.sqlite3)</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="171" />
      <source>Copying the shop…</source>
      <translation>正在复制店铺…</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="174" />
      <source>The shop was copied to %1 (%2 rows).</source>
      <translation>店铺已复制到 %1（共 %2 行）。</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="176" />
      <source>Shop copied</source>
      <translation>店铺已复制</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="178" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="185" />
      <source>Shortcut</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="185" />
      <source>What it does</source>
      <translation>作用</translation>
    </message>
    <message>
      <location filename="../../ui/menus.py" line="216" />
      <source>ShopDesk %1

Orders, card keys and the after-sales desk of a virtual-goods shop.

Data: %2</source>
      <translation>ShopDesk %1

虚拟商品店铺的订单、卡密与售后工作台。

数据位置：%2</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <location filename="../../ui/pages/customers.py" line="195" />
      <source>Merge customers</source>
      <translation>合并客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="199" />
      <source>Choose the customer to keep…</source>
      <translation>选择保留的客户…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="206" />
      <source>%1's orders, cases and wallet balance (¥%2) move to the customer you keep, in one step that is recorded in the audit trail; %1 is then hidden from the list. This cannot be undone.</source>
      <translation>%1 的订单、工单和余额（¥%2）将一次性转到保留的客户名下，并记入审计日志；之后 %1 不再显示在列表中。此操作无法撤销。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="213" />
      <source>Merge</source>
      <translation>合并</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="214" />
      <source>Into</source>
      <translation>合并到</translation>
    </message>
  </context>
  <context>
    <name>NewOrderDialog</name>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="83" />
      <source>New order</source>
      <translation>新建订单</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="87" />
      <source>Type a name or contact</source>
      <translation>输入姓名或联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="92" />
      <source>Add line</source>
      <translation>添加一行</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="98" />
      <source>Unpaid</source>
      <translation>未付款</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="98" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="98" />
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="98" />
      <source>External (gateway)</source>
      <translation>外部支付（网关）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="103" />
      <source>The gateway's trade number</source>
      <translation>支付网关的交易号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="114" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="116" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="117" />
      <source>Payment</source>
      <translation>支付</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="118" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="162" />
      <source>Total: ¥%1</source>
      <translation>合计：¥%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="167" />
      <source>Wallet balance: ¥%1</source>
      <translation>钱包余额：¥%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="194" />
      <source>Line %1: the quantity must be a whole number, not “%2”.</source>
      <translation>第 %1 行：数量必须是整数，而不是“%2”。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="199" />
      <source>Line %1: pick a product.</source>
      <translation>第 %1 行：请选择商品。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="206" />
      <source>Pick the customer from the list (type part of the name to search).</source>
      <translation>请从列表中选择客户（输入部分姓名即可搜索）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="211" />
      <source>An external payment needs the gateway's trade number.</source>
      <translation>外部支付需要填写支付网关的交易号。</translation>
    </message>
  </context>
  <context>
    <name>OffersPanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="237" />
      <location filename="../../ui/desk/panels.py" line="248" />
      <source>Offer</source>
      <translation>方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="237" />
      <location filename="../../ui/desk/panels.py" line="248" />
      <location filename="../../ui/desk/panels.py" line="343" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="237" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="241" />
      <source>Make offer</source>
      <translation>提出方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="243" />
      <source>Swap to</source>
      <translation>换成</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="248" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="248" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="248" />
      <source>Answer</source>
      <translation>客户答复</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="250" />
      <source>Customer accepted</source>
      <translation>客户接受</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="252" />
      <source>Customer declined</source>
      <translation>客户拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="256" />
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="267" />
      <source>Suggested for this reason</source>
      <translation>此原因的推荐方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="271" />
      <source>Offers made</source>
      <translation>已提出的方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="282" />
      <source>No retention offer for this reason.</source>
      <translation>此原因没有挽留方案。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="318" />
      <source>Arranged by staff (no exchange)</source>
      <translation>客服另行安排（不换货）</translation>
    </message>
  </context>
  <context>
    <name>OpenCaseDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="122" />
      <source>Open a case</source>
      <translation>新建工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="125" />
      <source>Order number, e.g. SD20260101000042</source>
      <translation>订单号，例如 SD20260101000042</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="127" />
      <source>Paste what the customer wrote, e.g. 拍错了，我要的是100面值的</source>
      <translation>粘贴客户的原话，例如：拍错了，我要的是100面值的</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="132" />
      <source>Read from the customer's words (AI track)</source>
      <translation>根据客户原话识别（AI 识别）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="135" />
      <source>The model suggests the reason; when it is not sure, the case waits for a person to pick one.</source>
      <translation>由模型建议原因；模型把握不足时，工单等待人工选择。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="141" />
      <source>A note for the desk (optional)</source>
      <translation>给客服的备注（可选）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="142" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="143" />
      <source>Customer's words</source>
      <translation>客户原话</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="144" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="145" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="146" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../ui/ops.py" line="136" />
      <source>Cannot do that</source>
      <translation>无法执行该操作</translation>
    </message>
  </context>
  <context>
    <name>OrderActions</name>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="120" />
      <source>Open a case…</source>
      <translation>新建工单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="121" />
      <source>Refund…</source>
      <translation>退款…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="122" />
      <source>Resend delivery</source>
      <translation>重发卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="123" />
      <source>Send the delivery message to the storefront again (recorded).</source>
      <translation>向店铺重新推送发货消息（会留记录）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="124" />
      <source>Copy delivery message</source>
      <translation>复制发货消息</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="125" />
      <source>Copies the keys with the product's message, for QQ/WeChat (an audited reveal).</source>
      <translation>按商品的发货模板复制卡密，可直接粘贴到 QQ/微信（属于查看卡密，会记入审计）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="126" />
      <source>Reveal keys</source>
      <translation>查看卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="127" />
      <source>Shows the order's secrets; each reveal is recorded in the audit trail.</source>
      <translation>显示本订单的卡密，每次查看都记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="128" />
      <source>Open the customer</source>
      <translation>查看客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="130" />
      <source>Confirm payment…</source>
      <translation>补单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="132" />
      <source>Record a payment whose callback never came (补单), as the callback would.</source>
      <translation>录入没有收到支付通知的付款（补单），处理方式与支付通知相同。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="220" />
      <source>Case #%1 opened.</source>
      <translation>已创建工单 #%1。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="234" />
      <source>Case #%1 is open. Go to the desk to work on it?</source>
      <translation>工单 #%1 已创建，现在去售后台处理吗？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="235" />
      <source>Case opened</source>
      <translation>工单已创建</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="246" />
      <location filename="../../ui/pages/order_actions.py" line="317" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="249" />
      <source>refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="250" />
      <source>Not refunded: the passphrase was not confirmed.</source>
      <translation>未退款：口令未确认。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="262" />
      <source>¥%1 refunded (%2).</source>
      <translation>已退款 ¥%1（%2）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="285" />
      <source>Delivery of %1 sent again.</source>
      <translation>订单 %1 已重新发货。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="294" />
      <source>copy the keys</source>
      <translation>复制卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="303" />
      <source>Delivery message copied: paste it into the chat.</source>
      <translation>发货消息已复制，粘贴到聊天窗口即可。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="332" />
      <source>The order could not take it: %1</source>
      <translation>订单无法收下这笔款：%1</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="334" />
      <source>That payment was already recorded; nothing changed.</source>
      <translation>这笔付款已经录入过，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="336" />
      <source>Payment recorded: %1.</source>
      <translation>付款已录入：%1。</translation>
    </message>
  </context>
  <context>
    <name>OrderDetail</name>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="74" />
      <source>Select an order to see its lines, payments, keys and timeline.</source>
      <translation>选择一个订单，查看商品明细、支付记录、卡密和时间线。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="81" />
      <source>Delivered keys</source>
      <translation>已发卡密</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="82" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="82" />
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="82" />
      <source>Secret</source>
      <translation>卡密</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="85" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="85" />
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="85" />
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="85" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="105" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="168" />
      <source>refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="168" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="168" />
      <source>Payments</source>
      <translation>支付记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="169" />
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="175" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="176" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="177" />
      <source>Payment</source>
      <translation>支付</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="179" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="184" />
      <source>Created at</source>
      <translation>下单时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="186" />
      <source>Paid at</source>
      <translation>付款时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="188" />
      <source>Delivered at</source>
      <translation>发货时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="199" />
      <source>delivered %1/%2</source>
      <translation>已发 %1/%2</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="242" />
      <source>Reveal</source>
      <translation>查看</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="243" />
      <source>Shows the secret; the reveal is recorded in the audit trail.</source>
      <translation>显示卡密明文；查看操作会记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="255" />
      <source>Recalled %1: %2</source>
      <translation>%1 已收回：%2</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="280" />
      <source>reveal the secret</source>
      <translation>查看卡密</translation>
    </message>
    <message>
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>External (gateway)</source>
      <translation>外部支付（网关）</translation>
    </message>
    <message>
      <source>Alipay</source>
      <translation>支付宝</translation>
    </message>
    <message>
      <source>WeChat Pay</source>
      <translation>微信支付</translation>
    </message>
    <message>
      <source>Bank transfer</source>
      <translation>银行转账</translation>
    </message>
  </context>
  <context>
    <name>OrderLineRow</name>
    <message>
      <location filename="../../ui/dialogs/new_order.py" line="67" />
      <source>Remove this line</source>
      <translation>删除这一行</translation>
    </message>
  </context>
  <context>
    <name>OrderPanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="74" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="75" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="76" />
      <source>Paid</source>
      <translation>已付款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="77" />
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="78" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="79" />
      <source>delivered</source>
      <translation>已发</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="80" />
      <source>Delivered keys</source>
      <translation>已发卡密</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="81" />
      <source>Payments</source>
      <translation>支付记录</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="82" />
      <source>No key is delivered on this order now.</source>
      <translation>此订单目前没有已发出的卡密。</translation>
    </message>
  </context>
  <context>
    <name>OrdersPage</name>
    <message>
      <location filename="../../ui/pages/orders.py" line="104" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="105" />
      <source>Paid at</source>
      <translation>付款时间</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="107" />
      <source>Waiting</source>
      <translation>已等待</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="114" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="123" />
      <source>Refund to wallet…</source>
      <translation>退款到钱包…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="124" />
      <source>Credit the customer's wallet at once and cancel the order.</source>
      <translation>立即退回客户钱包并取消订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="127" />
      <source>Refund externally…</source>
      <translation>外部退款…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="129" />
      <source>Record a refund made at the payment gateway and cancel the order.</source>
      <translation>登记在支付网关完成的退款并取消订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="141" />
      <source>New order…</source>
      <translation>新建订单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="155" />
      <source>Paid orders that got no key yet, oldest first: new stock fills them in this order.</source>
      <translation>已付款但还没拿到卡密的订单，最早的在前：新到的库存按此顺序补发。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="167" />
      <source>All orders</source>
      <translation>全部订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="174" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="228" />
      <source>Flagged for refund (%1)</source>
      <translation>待退款（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="256" />
      <source>counting…</source>
      <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/orders.py" line="258" />
      <source>%n order(s)</source>
      <translation><numerusform>%n 个订单</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="266" />
      <source>No order contains “%1”.</source>
      <translation>没有找到包含 “%1” 的订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="268" />
      <source>No orders match these filters.</source>
      <translation>没有符合筛选条件的订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="317" />
      <source>%1 · %2 · ¥%3</source>
      <translation>%1 · %2 · ¥%3</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="318" />
      <source>New paid order</source>
      <translation>新的已付款订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="326" />
      <source>%1 (%2) has waited %3 minutes for keys: add stock or refund it.</source>
      <translation>%1（%2）已等待卡密 %3 分钟：请补货或退款。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="527" />
      <location filename="../../ui/pages/orders.py" line="328" />
      <source>Order waiting for keys</source>
      <translation>订单等待补货</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="348" />
      <source>Paid, waiting for keys (%1)</source>
      <translation>已付款，等待补货（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="358" />
      <source>Pick an order in the queue first.</source>
      <translation>请先在队列中选择一个订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="361" />
      <source>Refund ¥%1 to %2's wallet and cancel order %3?</source>
      <translation>将 ¥%1 退回 %2 的钱包，并取消订单 %3？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="363" />
      <source>Record that ¥%1 was refunded to %2 at the gateway, and cancel order %3?</source>
      <translation>登记已在支付网关向 %2 退款 ¥%1，并取消订单 %3？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="366" />
      <source>Refund order</source>
      <translation>订单退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="371" />
      <source>Order %1 refunded and cancelled.</source>
      <translation>订单 %1 已退款并取消。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="111" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="113" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="112" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
  </context>
  <context>
    <name>PassphraseDialog</name>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="177" />
      <source>New passphrase for %1</source>
      <translation>为 %1 设置新口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="180" />
      <source>New passphrase</source>
      <translation>新口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="180" />
      <source>Passphrase again</source>
      <translation>再次输入口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="184" />
      <source>The two passphrases differ; type the same one twice.</source>
      <translation>两次输入的口令不一致；请输入相同的口令。</translation>
    </message>
  </context>
  <context>
    <name>PaymentsPage</name>
    <message>
      <location filename="../../ui/pages/payments.py" line="39" />
      <source>Received</source>
      <translation>收到时间</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="40" />
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="41" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="42" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="43" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="44" />
      <source>Method</source>
      <translation>方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="45" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="48" />
      <source>Payment inbox</source>
      <translation>收款核对</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="50" />
      <source>Deliver</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="53" />
      <source>The order takes the money and is delivered from stock; without stock the money goes to the customer's wallet and a case is opened.</source>
      <translation>订单收下这笔款并从库存发货；缺货时款项退到客户余额，并新建一个工单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="57" />
      <source>Refunded at the gateway…</source>
      <translation>已在支付平台退款…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="58" />
      <source>Dismiss…</source>
      <translation>忽略…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="59" />
      <source>Reconcile a statement…</source>
      <translation>导入账单对账…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="64" />
      <source>Money the gateway took that no order kept: paid after the order closed, or paid twice. Decide each one; every decision is recorded.</source>
      <translation>支付平台收了款、但没有订单收下的钱：订单关闭后才付款，或重复付款。请逐笔处理，每次处理都会记录。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/payments.py" line="80" />
      <source>%n payment(s) waiting for a decision, ¥%1</source>
      <translation><numerusform>待处理收款 %n 笔，合计 ¥%1</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="88" />
      <location filename="../../ui/pages/payments.py" line="108" />
      <location filename="../../ui/pages/payments.py" line="120" />
      <source>Pick a payment first.</source>
      <translation>请先选择一笔收款。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="94" />
      <source>Payment %1: %2</source>
      <translation>收款 %1：%2</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="96" />
      <source>(case #%1)</source>
      <translation>（工单 #%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="111" />
      <source>Refunded at the gateway</source>
      <translation>已在支付平台退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="111" />
      <source>The refund's reference at the gateway (optional):</source>
      <translation>支付平台的退款单号（可不填）：</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="122" />
      <source>Dismiss the payment</source>
      <translation>忽略这笔收款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="122" />
      <source>Why is it dismissed? (kept in the trail)</source>
      <translation>为什么忽略？（会记入审计记录）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="129" />
      <source>Reconcile a statement</source>
      <translation>导入账单对账</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="129" />
      <source>Statements (*.csv *.txt);;All files (*)</source>
      <translation>账单 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="138" />
      <source>Cannot read %1: %2</source>
      <translation>无法读取 %1：%2</translation>
    </message>
  </context>
  <context>
    <name>PoliciesTab</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="93" />
      <source>Class</source>
      <translation>责任方</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="94" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="95" />
      <source>First response (min)</source>
      <translation>首次响应（分钟）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="96" />
      <source>Resolution (min)</source>
      <translation>处理时限（分钟）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="97" />
      <source>Clock pauses</source>
      <translation>计时暂停</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="98" />
      <location filename="../../ui/desk/settings.py" line="142" />
      <source>Escalation</source>
      <translation>升级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="99" />
      <source>Calendar</source>
      <translation>营业日历</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="100" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="110" />
      <source>Changes apply to new cases only: a saved policy is a new version, and cases already open keep the deadlines and escalation they started with.</source>
      <translation>修改只对新工单生效：保存会生成新版本，已打开的工单仍按创建时的时限和升级规则执行。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="118" />
      <location filename="../../ui/desk/settings.py" line="121" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="122" />
      <source>Pause the resolution clock while waiting for the customer</source>
      <translation>等待客户时暂停处理计时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="129" />
      <source>At the breach</source>
      <translation>超时时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="129" />
      <source>At twice the target</source>
      <translation>超过时限两倍时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="133" />
      <source>Save as new version</source>
      <translation>保存为新版本</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="138" />
      <source>First response within</source>
      <translation>首次响应时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="139" />
      <source>Resolution within</source>
      <translation>处理时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="141" />
      <source>Business hours</source>
      <translation>营业时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="159" />
      <source>Round the clock (no calendar)</source>
      <translation>全天候（不用营业日历）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="165" />
      <source>round the clock</source>
      <translation>全天候</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="181" />
      <source>while waiting for the customer</source>
      <translation>等待客户时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="181" />
      <source>never</source>
      <translation>从不</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="184" />
      <location filename="../../ui/desk/settings.py" line="227" />
      <source>v%1</source>
      <translation>第 %1 版</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="199" />
      <source>breach</source>
      <translation>超时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="199" />
      <source>2× target</source>
      <translation>两倍时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="224" />
      <source>Versions: %1</source>
      <translation>历史版本：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="265" />
      <source>Saved %1 / %2 as version v%3. It applies to cases opened from now on; open cases keep theirs.</source>
      <translation>已保存 %1 / %2 为版本 v%3。从现在起新建的工单按此执行；已打开的工单保持原时限。</translation>
    </message>
  </context>
  <context>
    <name>Presence</name>
    <message>
      <location filename="../../ui/presence.py" line="76" />
      <source>Desktops online: %1</source>
      <translation>在线电脑：%1 台</translation>
    </message>
    <message>
      <location filename="../../ui/presence.py" line="81" />
      <source>%1 is editing</source>
      <translation>%1 正在编辑</translation>
    </message>
    <message>
      <location filename="../../ui/presence.py" line="81" />
      <source>%1 is viewing</source>
      <translation>%1 正在查看</translation>
    </message>
  </context>
  <context>
    <name>ProductDialog</name>
    <message>
      <location filename="../../ui/dialogs/product.py" line="22" />
      <source>New product</source>
      <translation>新建商品</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="22" />
      <source>Edit product</source>
      <translation>编辑商品</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="25" />
      <source>e.g. QQB-100</source>
      <translation>例如 QQB-100</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="44" />
      <source>Empty: the default message. Placeholders: {order} {product} {count} {keys}</source>
      <translation>留空则用默认消息。可用占位符：{order} {product} {count} {keys}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="48" />
      <source>The message copied from an order for QQ/WeChat: {order} is the order number, {product} the product's name, {count} how many keys, {keys} one line per key with its card number and secret.</source>
      <translation>从订单复制、发到 QQ/微信的消息：{order} 是订单号，{product} 是商品名，{count} 是卡密张数，{keys} 每张卡密一行（卡号和卡密）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="53" />
      <source>On sale</source>
      <translation>在售</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="56" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="57" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="58" />
      <source>Category</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="59" />
      <source>Delivery kind</source>
      <translation>发货类型</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="60" />
      <source>Price (yuan)</source>
      <translation>售价（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="61" />
      <source>Face value (yuan)</source>
      <translation>面值（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="62" />
      <source>On cancellation, keys go</source>
      <translation>取消订单时卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="63" />
      <source>Low-stock alert below</source>
      <translation>库存低于此数时提醒</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="64" />
      <source>Delivery message</source>
      <translation>发货消息</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="86" />
      <source>Price</source>
      <translation>售价</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="87" />
      <source>Face value</source>
      <translation>面值</translation>
    </message>
  </context>
  <context>
    <name>ProductsPage</name>
    <message>
      <location filename="../../ui/pages/products.py" line="25" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="26" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="27" />
      <source>Category</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="28" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="29" />
      <source>Price</source>
      <translation>售价</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="30" />
      <source>Face value</source>
      <translation>面值</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="32" />
      <source>Available</source>
      <translation>可售</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="37" />
      <source>On sale</source>
      <translation>在售</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="37" />
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="37" />
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="43" />
      <source>New product…</source>
      <translation>新建商品…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="44" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="40" />
      <source>Products</source>
      <translation>商品</translation>
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="103" />
      <source>Correct the reason</source>
      <translation>更正原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="108" />
      <source>Why the reason changes (kept in the timeline)</source>
      <translation>更正原因的说明（记入时间线）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="109" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="110" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>ReasonsTab</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="283" />
      <location filename="../../ui/desk/settings.py" line="305" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="283" />
      <location filename="../../ui/desk/settings.py" line="306" />
      <source>Class</source>
      <translation>责任方</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="283" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="283" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="283" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="295" />
      <source>Active (offered when opening or correcting a case)</source>
      <translation>启用（新建或更正工单时可选）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="298" />
      <source>New reason</source>
      <translation>新建原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="300" />
      <source>Save reason</source>
      <translation>保存原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="307" />
      <source>English label</source>
      <translation>英文名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="308" />
      <source>Chinese label</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="330" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="330" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="375" />
      <source>Saved reason %1.</source>
      <translation>已保存原因 %1。</translation>
    </message>
  </context>
  <context>
    <name>ReconcileDialog</name>
    <message>
      <location filename="../../ui/pages/payments.py" line="157" />
      <source>Reconcile %1</source>
      <translation>对账：%1</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="169" />
      <source>Apply</source>
      <translation>确认执行</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="171" />
      <source>Record each payment missing in the shop for its order (once).</source>
      <translation>把店铺漏记的每笔付款录入对应订单（只录一次）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="184" />
      <source>%1 matched, %2 missing in the shop, %3 missing in the statement, %4 with another amount.</source>
      <translation>一致 %1 笔，店铺漏记 %2 笔，账单中没有 %3 笔，金额不符 %4 笔。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="193" />
      <location filename="../../ui/pages/payments.py" line="207" />
      <location filename="../../ui/pages/payments.py" line="215" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="193" />
      <location filename="../../ui/pages/payments.py" line="207" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="193" />
      <location filename="../../ui/pages/payments.py" line="207" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="193" />
      <location filename="../../ui/pages/payments.py" line="207" />
      <location filename="../../ui/pages/payments.py" line="215" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="193" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="199" />
      <source>not found: %1</source>
      <translation>未找到：%1</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="215" />
      <source>Statement</source>
      <translation>账单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/payments.py" line="215" />
      <source>Shop</source>
      <translation>店铺</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/payments.py" line="239" />
      <source>%n payment(s) recorded.</source>
      <translation><numerusform>已录入 %n 笔付款。</numerusform></translation>
    </message>
  </context>
  <context>
    <name>RefundDialog</name>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="48" />
      <source>Refund order %1</source>
      <translation>订单 %1 退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="57" />
      <source>Paid ¥%1, refunded ¥%2, ¥%3 left. The order stays as it is: to refund all of it and take the keys back, open a case and resolve it as cancelled.</source>
      <translation>已付 ¥%1，已退 ¥%2，还可退 ¥%3。订单状态不变；如要全额退款并收回卡密，请开工单并按取消处理。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="67" />
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/order_actions.py" line="68" />
      <source>Refund to</source>
      <translation>退款到</translation>
    </message>
  </context>
  <context>
    <name>RepliesPanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="377" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="414" />
      <source>Copied to the clipboard.</source>
      <translation>已复制到剪贴板。</translation>
    </message>
  </context>
  <context>
    <name>ResolveDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="168" />
      <source>Resolve case #%1</source>
      <translation>处理工单 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="180" />
      <source>Before cancelling, try to keep the customer: %1 (Offers tab).</source>
      <translation>取消之前，先尝试挽留客户：%1（见“挽留方案”页）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="187" />
      <source>Refund only part</source>
      <translation>只退部分金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="195" />
      <source>In words the customer can be told</source>
      <translation>可以直接告诉客户的说明</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="198" />
      <source>Paid ¥%1, refunded so far ¥%2: up to ¥%3 can go back.</source>
      <translation>已付 ¥%1，已退 ¥%2：最多还可退 ¥%3。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="203" />
      <source>Outcome</source>
      <translation>处理结果</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="206" />
      <source>Refund to</source>
      <translation>退款到</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="208" />
      <source>Compensation (yuan)</source>
      <translation>补偿（元）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="210" />
      <source>Why rejected</source>
      <translation>驳回原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="211" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="215" />
      <source>Compensation is for merchant or system fault.</source>
      <translation>只有商家或系统责任才给补偿。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="233" />
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="236" />
      <source>Compensation</source>
      <translation>补偿</translation>
    </message>
  </context>
  <context>
    <name>ResolvePreview</name>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="21" />
      <source>Key %1 (%2, order line %3) → %4</source>
      <translation>卡密 %1（%2，订单行 %3）→ %4</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="34" />
      <source>The unpaid order is closed: nothing was delivered or paid.</source>
      <translation>关闭未付款订单：尚未发货，也未收款。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="38" />
      <source>No key to recall.</source>
      <translation>没有要收回的卡密。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="41" />
      <source>Refund ¥%1 to %2</source>
      <translation>退款 ¥%1 到%2</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="46" />
      <source>No refund.</source>
      <translation>不退款。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="48" />
      <source>Coupon %1 (¥%2) is given back</source>
      <translation>优惠券 %1（¥%2）退还给客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="55" />
      <source>Compensation ¥%1 to the wallet</source>
      <translation>补偿 ¥%1 到钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="61" />
      <source>The customer's credit level goes from %1 to %2</source>
      <translation>客户信用等级将从「%1」变为「%2」</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="67" />
      <source>The customer's credit level stays %1</source>
      <translation>客户信用等级保持「%1」</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="77" />
      <source>Cancelled: %1</source>
      <translation>已取消：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="80" />
      <source>¥%1 refunded to %2</source>
      <translation>¥%1 已退到%2</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="88" />
      <source>¥%1 compensation</source>
      <translation>补偿 ¥%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="92" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="103" />
      <source>Cancel order %1?</source>
      <translation>取消订单 %1？</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="109" />
      <source>Applying this cancellation will:</source>
      <translation>确认取消后将会：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="121" />
      <source>Nothing has been changed yet.</source>
      <translation>现在还没有做任何改动。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="126" />
      <source>Apply</source>
      <translation>确认执行</translation>
    </message>
    <message>
      <location filename="../../ui/desk/preview_dialog.py" line="130" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>RoleDialog</name>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="194" />
      <source>Change the role of %1</source>
      <translation>更改 %1 的角色</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="197" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
  </context>
  <context>
    <name>RulesTab</name>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="40" />
      <source>Position</source>
      <translation>顺序</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="40" />
      <location filename="../../ui/desk/rules_editor.py" line="79" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="40" />
      <source>Action</source>
      <translation>动作</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="40" />
      <location filename="../../ui/desk/rules_editor.py" line="51" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="62" />
      <source>Conditions (all must hold): %1 take a list of values; %2 take true or false.</source>
      <translation>条件（须全部满足）：%1 填写取值列表；%2 填写 true 或 false。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="69" />
      <source>New rule</source>
      <translation>新建规则</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="71" />
      <source>Test on past cases</source>
      <translation>用历史工单试运行</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="73" />
      <source>Save rule</source>
      <translation>保存规则</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="76" />
      <source>Case</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="76" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="84" />
      <source>Order / action</source>
      <translation>顺序 / 动作</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="40" />
      <location filename="../../ui/desk/rules_editor.py" line="85" />
      <source>Conditions</source>
      <translation>条件</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="86" />
      <source>In words</source>
      <translation>条件说明</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="125" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="125" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="172" />
      <source>Not valid JSON at line %1, column %2: %3</source>
      <translation>JSON 格式错误（第 %1 行第 %2 列）：%3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/desk/rules_editor.py" line="202" />
      <source>%n past case(s) match these conditions.</source>
      <translation><numerusform>有 %n 个历史工单符合这些条件。</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="230" />
      <source>Saved rule “%1”.</source>
      <translation>已保存规则“%1”。</translation>
    </message>
  </context>
  <context>
    <name>SecretDialog</name>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="129" />
      <source>Signing secret</source>
      <translation>签名密钥</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="132" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="134" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="143" />
      <source>Keep this secret where the receiving server can check signatures: it is shown only now. Each POST carries X-ShopDesk-Signature, the hex HMAC-SHA256 of the body under it.</source>
      <translation>请把此密钥保存在接收方服务器上用于验证签名：它只在此时显示一次。每个 POST 请求都带有 X-ShopDesk-Signature，即用此密钥对请求体计算的十六进制 HMAC-SHA256。</translation>
    </message>
  </context>
  <context>
    <name>Section</name>
    <message>
      <location filename="../../ui/pages/analytics.py" line="102" />
      <source>CSV…</source>
      <translation>CSV…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="103" />
      <source>XLSX…</source>
      <translation>XLSX…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="148" />
      <source>Export the table</source>
      <translation>导出表格</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="151" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="151" />
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/pages/analytics.py" line="162" />
      <source>Written: %1</source>
      <translation>已写入：%1</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ui/pages/settings.py" line="65" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="67" />
      <source>Only the owner can change the settings: you see them as they are.</source>
      <translation>只有店主可以修改设置，这里仅供查看。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="74" />
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="77" />
      <source>Time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="81" />
      <source>The shop's days (Today, the reports, the board's dates) are its local days.</source>
      <translation>“今天”页、报表和订单看板的日期都按这个时区计算。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="83" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="84" />
      <source>Language</source>
      <translation>界面语言</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="88" />
      <source>Takes effect the next time ShopDesk starts (a --lang given at start wins).</source>
      <translation>下次启动 ShopDesk 时生效（启动时指定的语言参数优先）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="90" />
      <source>Shop</source>
      <translation>店铺</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="94" />
      <source>Storefront API</source>
      <translation>店铺接口</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="102" />
      <source>Unpaid orders close after (minutes)</source>
      <translation>未付款订单自动关闭（分钟）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="103" />
      <source>An order not paid in time closes and its keys go back on sale.</source>
      <translation>超时未付款的订单会自动关闭，预留的卡密重新上架。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="107" />
      <source>Low-stock alert below (keys)</source>
      <translation>库存预警线（张）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="108" />
      <source>For new products; each product's own line is on the Products page.</source>
      <translation>用于新建商品；已有商品的预警线在“商品”页单独修改。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="112" />
      <source>Expiry warning (days ahead)</source>
      <translation>到期提醒（提前天数）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="113" />
      <source>Keys that expire within so many days are flagged on Today and in the inventory.</source>
      <translation>在这么多天内到期的卡密会在“今天”页和库存里提醒。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="117" />
      <source>Cancellation alerts from (paid orders a day)</source>
      <translation>取消率预警起算（每日已付款订单数）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="118" />
      <source>A product's cancellation rate is watched only on days it has at least so many paid orders.</source>
      <translation>商品当天的已付款订单达到这个数量，才会检查它的取消率是否异常。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="123" />
      <source>Orders and stock</source>
      <translation>订单与库存</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="130" />
      <source>Confidence to take a suggestion</source>
      <translation>采纳建议所需置信度</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="132" />
      <source>A suggestion at least this sure becomes the case's reason; below it a person picks from the three best.</source>
      <translation>置信度不低于此值的建议直接成为工单原因；低于此值时由人工从三个最佳建议中选择。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="138" />
      <source>Confirmed cases before the model learns again</source>
      <translation>模型重新学习前需确认的工单数</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="139" />
      <source>The model learns again in the background after this many cases people confirmed.</source>
      <translation>每有这么多工单经人工确认，模型就在后台重新学习一次。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="144" />
      <source>AI track</source>
      <translation>AI 识别</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="148" />
      <source>Backups</source>
      <translation>备份</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="150" />
      <source>Alerts to your phone</source>
      <translation>手机通知</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="154" />
      <source>This desktop</source>
      <translation>本机</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="157" />
      <source>Revert</source>
      <translation>撤销修改</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="159" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="265" />
      <source>Correct the marked field: nothing was saved.</source>
      <translation>请先改正标出的项目，本次没有保存任何内容。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="275" />
      <source>Nothing was saved.</source>
      <translation>本次没有保存任何内容。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/settings.py" line="281" />
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fields.py" line="113" />
      <source>%1 to %2, default %3</source>
      <translation>%1 – %2，默认 %3</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fields.py" line="147" />
      <source>The system's (%1)</source>
      <translation>跟随系统（%1）</translation>
    </message>
  </context>
  <context>
    <name>StaffPage</name>
    <message>
      <location filename="../../ui/pages/staff.py" line="44" />
      <source>Staff and permissions</source>
      <translation>员工与权限</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="49" />
      <source>This shop runs in single-user mode: whoever opens it may do everything. Create the owner account to give each person their own login and role.</source>
      <translation>本店处于单用户模式：任何打开它的人都可执行所有操作。创建店主账号后，每个人都有自己的登录和角色。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="54" />
      <source>Create the owner account…</source>
      <translation>创建店主账号…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="71" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="72" />
      <source>Display name</source>
      <translation>显示名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="73" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="74" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="75" />
      <source>Last login</source>
      <translation>上次登录</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="76" />
      <source>Locked until</source>
      <translation>锁定至</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="79" />
      <source>Add user…</source>
      <translation>添加用户…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="80" />
      <source>Change role…</source>
      <translation>更改角色…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="81" />
      <source>Reset passphrase…</source>
      <translation>重置口令…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="82" />
      <source>Disable</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="97" />
      <source>no limit</source>
      <translation>不限</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="99" />
      <source>Save limit</source>
      <translation>保存限额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="101" />
      <source>Staff refund limit per case (yuan)</source>
      <translation>客服每个工单的退款限额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="108" />
      <source>Verify the trail</source>
      <translation>校验记录链</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="115" />
      <source>Users</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="118" />
      <source>Tamper-evident trail</source>
      <translation>防篡改记录链</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="121" />
      <source>What each role may do</source>
      <translation>各角色的权限</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="160" />
      <source>Audit trail</source>
      <translation>审计记录</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="160" />
      <source>Journal</source>
      <translation>账务流水</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="162" />
      <source>not started</source>
      <translation>尚未开始</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="164" />
      <source>%1: sealed to row %2, head %3</source>
      <translation>%1：已封存至第 %2 行，链头 %3</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="180" />
      <source>The trail is intact: %1 rows checked.</source>
      <translation>记录链完好：已校验 %1 行。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="183" />
      <source>The trail is broken at %1 row %2 (%3). Restore from a backup and find out who had the file.</source>
      <translation>记录链在 %1 第 %2 行处断开（%3）。请从备份恢复，并查明谁接触过数据文件。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="197" />
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="197" />
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="223" />
      <source>The owner may do everything.</source>
      <translation>店主拥有全部权限。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="274" />
      <source>Refund limit</source>
      <translation>退款限额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="279" />
      <source>The staff refund limit is saved.</source>
      <translation>客服退款限额已保存。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="325" />
      <source>Disable %1? They can no longer log in; their history stays.</source>
      <translation>停用 %1？此人将无法再登录；其操作记录会保留。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/staff.py" line="326" />
      <source>Disable user</source>
      <translation>停用用户</translation>
    </message>
  </context>
  <context>
    <name>StorefrontSection</name>
    <message>
      <location filename="../../ui/settings/storefront.py" line="32" />
      <location filename="../../ui/settings/storefront.py" line="43" />
      <source>Port</source>
      <translation>端口</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="36" />
      <source>The storefront sends its requests to 127.0.0.1 on this port. A new port takes effect when the API server restarts: this window restarts its own when you save; a server started from the command line needs a restart by hand.</source>
      <translation>店铺前台通过 127.0.0.1 的这个端口发送请求。新端口在接口服务重启后生效：本窗口的接口服务保存后会自动重启；用命令行启动的接口服务需要手动重启。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="50" />
      <source>hidden</source>
      <translation>已隐藏</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="52" />
      <location filename="../../ui/settings/storefront.py" line="182" />
      <source>Show</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="53" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="54" />
      <source>Rotate…</source>
      <translation>更换…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="61" />
      <source>The storefront signs every request with this secret. Showing or copying it is recorded in the audit trail. After a rotation the old secret stops working at once: give the new one to the storefront.</source>
      <translation>店铺前台用这个密钥为每个请求签名。显示或复制密钥都会记入审计记录。更换后旧密钥立即失效，请把新密钥填到店铺前台。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="67" />
      <source>API secret</source>
      <translation>接口密钥</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="78" />
      <source>Copy the command</source>
      <translation>复制命令</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="79" />
      <source>Sign it again</source>
      <translation>重新签名</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="84" />
      <source>Example request</source>
      <translation>示例请求</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="90" />
      <source>Only the owner sees the API secret and the example request.</source>
      <translation>只有店主可以查看接口密钥和示例请求。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="116" />
      <source>This window's storefront API is off.</source>
      <translation>本窗口的店铺接口未启动。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="119" />
      <source>This window's storefront API listens on 127.0.0.1:%1.</source>
      <translation>本窗口的店铺接口正在监听 127.0.0.1:%1。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="144" />
      <source>The shop has no product on sale yet: write a product's SKU into the command before running it.</source>
      <translation>店里还没有在售商品：运行前请把命令里的 SKU 换成一个商品的 SKU。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="148" />
      <source>Run it in a terminal to try the connection: it creates an unpaid test order for one key of %1, which closes by itself after the unpaid-order timeout.</source>
      <translation>在终端里运行它来测试连接：它会为 %1 创建一张一件的未付款测试订单，超过未付款时限后自动关闭。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="151" />
      <source>Signed just now with the shop's secret, it is accepted once, within %1 minutes.</source>
      <translation>这条命令刚用店铺密钥签名，%1 分钟内有效，只能使用一次。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="172" />
      <source>Hide</source>
      <translation>隐藏</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="189" />
      <source>The secret is copied.</source>
      <translation>密钥已复制。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="194" />
      <source>Make a new API secret? The old one stops working at once: the storefront's requests are refused until it signs with the new one.</source>
      <translation>要生成新的接口密钥吗？旧密钥立即失效：店铺前台换用新密钥签名之前，它的请求都会被拒绝。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="197" />
      <location filename="../../ui/settings/storefront.py" line="199" />
      <source>Rotate the API secret</source>
      <translation>更换接口密钥</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="208" />
      <source>A new secret is in force: give it to the storefront.</source>
      <translation>新密钥已生效，请把它填到店铺前台。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/storefront.py" line="213" />
      <source>The command is copied.</source>
      <translation>命令已复制。</translation>
    </message>
  </context>
  <context>
    <name>SuggestionPanel</name>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="84" />
      <source>The model is not sure enough (%1 at most): a person picks the reason.</source>
      <translation>模型把握不足（最高置信度 %1）：请人工选择原因。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="88" />
      <source>The model reads %1 (%2 sure), not the reason given with the request; the given one stands.</source>
      <translation>模型识别为 %1（置信度 %2），与请求所带原因不同；以所带原因为准。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="80" />
      <source>Reason suggested by the model: %1 (%2 sure, %3).</source>
      <translation>模型建议的原因：%1（置信度 %2，%3）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="92" />
      <source>The model reads the same reason (%1 sure, %3).</source>
      <translation>模型识别结果与所带原因一致（置信度 %1，%3）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="98" />
      <source>The customer wrote: “%1”</source>
      <translation>客户原话：“%1”</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="103" />
      <source>Why: the words that weighed most: %1</source>
      <translation>依据：权重最高的词：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="105" />
      <source>Pick the reason:</source>
      <translation>选择原因：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="105" />
      <source>Not right? Pick:</source>
      <translation>不对？改选：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="117" />
      <source>The case's reason now</source>
      <translation>工单当前的原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/suggestion.py" line="119" />
      <source>Set this reason; the model learns from your choice</source>
      <translation>设为此原因；模型会从你的选择中学习</translation>
    </message>
  </context>
  <context>
    <name>TimelinePanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="200" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="200" />
      <source>Event</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="200" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="200" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
  </context>
  <context>
    <name>TodayPage</name>
    <message>
      <location filename="../../ui/pages/today.py" line="115" />
      <location filename="../../ui/pages/today.py" line="303" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="144" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="145" />
      <source>In stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="146" />
      <source>Alert below</source>
      <translation>预警线</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="147" />
      <source>Expiring in 7 days</source>
      <translation>7 天内过期</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="148" />
      <source>Sold, last 7 days</source>
      <translation>近 7 天售出</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="149" />
      <source>Days left</source>
      <translation>可售天数</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="169" />
      <source>Running out</source>
      <translation>即将售罄</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="170" />
      <source>Alerts</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="171" />
      <source>Sales by hour</source>
      <translation>每小时销售额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="251" />
      <source>Sales</source>
      <translation>销售额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="254" />
      <source>Paid orders</source>
      <translation>已付款订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="257" />
      <source>Orders created today that were paid, whatever happened next. %1 closed unpaid.</source>
      <translation>今天创建并已付款的订单（不论之后如何）。未付款关闭 %1 笔。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="262" />
      <source>Average order</source>
      <translation>客单价</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="265" />
      <source>Refunds</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="269" />
      <source>Cancellations</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="275" />
      <source>Paid orders of today cancelled since, and their share of today's paid orders.</source>
      <translation>今天已付款的订单中此后被取消的笔数，及其占今天已付款订单的比例。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="278" />
      <source>Gross profit</source>
      <translation>毛利</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="281" />
      <source>Sales minus refunds minus what the delivered keys cost (their batch's unit cost).</source>
      <translation>销售额减退款，再减去已发卡密的成本（按所属批次的单价）。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="284" />
      <source>Open cases</source>
      <translation>未结工单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="286" />
      <source>Breached cases</source>
      <translation>已超时工单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="290" />
      <source>First response on time today</source>
      <translation>今日首次响应达标率</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="292" />
      <source>%1 of %2 cases</source>
      <translation>%2 个工单中 %1 个</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="298" />
      <source>Waiting for keys</source>
      <translation>等待补货</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="308" />
      <source>Running out (%1)</source>
      <translation>即将售罄（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="314" />
      <source>Nothing out of the ordinary today.</source>
      <translation>今天一切正常。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/today.py" line="317" />
      <source>Alerts (%1)</source>
      <translation>提醒（%1）</translation>
    </message>
  </context>
  <context>
    <name>TopUpDialog</name>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="45" />
      <source>Top up wallet</source>
      <translation>钱包充值</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="51" />
      <source>e.g. bank transfer 11-22</source>
      <translation>例如 11-22 银行转账</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="53" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="54" />
      <source>Balance</source>
      <translation>余额</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="55" />
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="56" />
      <source>Memo</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer.py" line="60" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="129" />
      <source>Create the owner account</source>
      <translation>创建店主账号</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="129" />
      <source>Add a user</source>
      <translation>添加用户</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="131" />
      <source>Letters, digits, . _ -</source>
      <translation>字母、数字、. _ -</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="133" />
      <source>How the desk shows them, e.g. 小王</source>
      <translation>工作台上显示的名字，例如 小王</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="142" />
      <source>From now on everyone logs in. The owner may do everything and adds the staff; the key that encrypts the card secrets is kept under each user's passphrase. Do not forget it.</source>
      <translation>此后每个人都需登录。店主拥有全部权限并负责添加员工；加密卡密的密钥按每位用户的口令分别保存。请牢记口令。</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="149" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="150" />
      <source>Display name</source>
      <translation>显示名称</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="151" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="152" />
      <source>Passphrase</source>
      <translation>口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="153" />
      <source>Passphrase again</source>
      <translation>再次输入口令</translation>
    </message>
    <message>
      <location filename="../../ui/staff/dialogs.py" line="158" />
      <source>The two passphrases differ; type the same one twice.</source>
      <translation>两次输入的口令不一致；请输入相同的口令。</translation>
    </message>
  </context>
  <context>
    <name>WebhookSettings</name>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="41" />
      <source>SOP breached</source>
      <translation>SOP 超时</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="42" />
      <source>Paid order delivered</source>
      <translation>已付款订单发货</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="43" />
      <source>Order waiting for keys</source>
      <translation>订单等待补货</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="44" />
      <source>Low stock</source>
      <translation>库存不足</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="45" />
      <source>Out of the ordinary</source>
      <translation>异常提醒</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="46" />
      <source>Backup failed</source>
      <translation>备份失败</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="52" />
      <source>JSON (signed)</source>
      <translation>JSON（带签名）</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="53" />
      <source>WeCom group robot</source>
      <translation>企业微信群机器人</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="54" />
      <source>Telegram bot</source>
      <translation>Telegram 机器人</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="60" />
      <source>Nothing sent yet</source>
      <translation>尚未发送</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="63" />
      <source>Sent %1</source>
      <translation>已发送 %1</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="64" />
      <source>Waiting since %1</source>
      <translation>自 %1 起等待发送</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="65" />
      <source>Gave up %1</source>
      <translation>已放弃 %1</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="160" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="161" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="162" />
      <source>Events</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="162" />
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="163" />
      <source>Last delivery</source>
      <translation>最近一次发送</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="174" />
      <source>Add…</source>
      <translation>添加…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="175" />
      <source>Send a test</source>
      <translation>发送测试</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="176" />
      <source>Remove</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="185" />
      <source>Alerts off the desktop: ShopDesk posts the events you choose to a WeCom group robot, a Telegram bot or your own server. Messages wait in a queue and are retried until they get through.</source>
      <translation>离开电脑也能收到提醒：ShopDesk 会把你选的事件推送到企业微信群机器人、Telegram 机器人或你自己的服务器。消息先进入队列，发送失败会自动重试，直到送达。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="206" />
      <source>%1 waiting to be sent, %2 given up</source>
      <translation>%1 条待发送，%2 条已放弃</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="216" />
      <source>Pick a webhook first.</source>
      <translation>请先选择一个 Webhook。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="235" />
      <source>Webhook added.</source>
      <translation>已添加 Webhook。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="251" />
      <source>Sending a test…</source>
      <translation>正在发送测试消息…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="256" />
      <source>Test sent: the server answered %1.</source>
      <translation>测试消息已发送：服务器返回 %1。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="258" />
      <source>The test did not get through: %1</source>
      <translation>测试消息未送达：%1</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="265" />
      <source>Remove the webhook to %1? Messages it has not sent yet are dropped.</source>
      <translation>删除发往 %1 的 Webhook？尚未发送的消息将被丢弃。</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="266" />
      <source>Remove webhook</source>
      <translation>删除 Webhook</translation>
    </message>
    <message>
      <location filename="../../ui/settings/webhooks.py" line="271" />
      <source>Webhook removed.</source>
      <translation>已删除 Webhook。</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <location filename="../../ui/main.py" line="96" />
      <source>Cannot open the shop</source>
      <translation>无法打开店铺</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Awaiting payment</source>
      <translation>待付款</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>已付款</translation>
    </message>
    <message>
      <source>Paid, waiting for keys</source>
      <translation>已付款，等待补货</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>已发货</translation>
    </message>
    <message>
      <source>Completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Unpaid</source>
      <translation>未付款</translation>
    </message>
    <message>
      <source>Partly refunded</source>
      <translation>部分退款</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>Card number + secret</source>
      <translation>卡号 + 卡密</translation>
    </message>
    <message>
      <source>Secret only</source>
      <translation>仅卡密</translation>
    </message>
    <message>
      <source>Reusable secret</source>
      <translation>通用卡密（可重复售卖）</translation>
    </message>
    <message>
      <source>Back to stock</source>
      <translation>退回库存</translation>
    </message>
    <message>
      <source>Hold for checking</source>
      <translation>待核验</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>作废</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>柜台</translation>
    </message>
    <message>
      <source>Storefront</source>
      <translation>店铺前台</translation>
    </message>
    <message>
      <source>Simulator</source>
      <translation>模拟器</translation>
    </message>
    <message>
      <source>Demo</source>
      <translation>演示</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>可售</translation>
    </message>
    <message>
      <source>Reserved</source>
      <translation>已预留</translation>
    </message>
    <message>
      <source>Recalled</source>
      <translation>已召回</translation>
    </message>
    <message>
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>已创建</translation>
    </message>
    <message>
      <source>Waiting for stock</source>
      <translation>等待补货</translation>
    </message>
    <message>
      <source>Partly delivered</source>
      <translation>部分发货</translation>
    </message>
    <message>
      <source>Payment refused, flagged for refund</source>
      <translation>付款被拒，已标记待退款</translation>
    </message>
    <message>
      <source>Keys replaced</source>
      <translation>已更换卡密</translation>
    </message>
    <message>
      <source>Keys swapped for another product</source>
      <translation>已换成其他商品</translation>
    </message>
    <message>
      <source>Flagged payment refunded</source>
      <translation>待退款付款已退款</translation>
    </message>
    <message>
      <source>Flagged payment dismissed</source>
      <translation>待退款收款已忽略</translation>
    </message>
    <message>
      <source>Reopened for a late payment</source>
      <translation>因迟到付款重新打开</translation>
    </message>
    <message>
      <source>Delivery sent again</source>
      <translation>已重新发货</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <source>Released</source>
      <translation>已释放</translation>
    </message>
    <message>
      <source>Back in stock</source>
      <translation>已退回库存</translation>
    </message>
    <message>
      <source>Voided</source>
      <translation>已作废</translation>
    </message>
    <message>
      <source>Moved</source>
      <translation>已转移</translation>
    </message>
    <message>
      <source>Secret revealed</source>
      <translation>查看了卡密</translation>
    </message>
    <message>
      <source>Quarantined (damaged secret)</source>
      <translation>已隔离（卡密损坏）</translation>
    </message>
    <message>
      <source>not valid %1 text: the file mixes encodings or is not %1; save it again in one encoding</source>
      <translation>不是有效的 %1 文本：文件混用了多种编码或不是 %1，请统一编码后重新保存</translation>
    </message>
    <message>
      <source>this line is UTF-8 while the rest of the file is GBK; save the file again in one encoding</source>
      <translation>此行是 UTF-8 编码，而文件其余部分是 GBK，请统一编码后重新保存</translation>
    </message>
    <message>
      <source>line is %1 characters long; a key line is at most 512</source>
      <translation>此行长 %1 个字符，一行卡密最多 512 个字符</translation>
    </message>
    <message>
      <source>missing the secret: expected card number %1 secret</source>
      <translation>缺少卡密：应为 卡号 %1 卡密</translation>
    </message>
    <message>
      <source>more than 2 fields: the separator %1 appears inside a value</source>
      <translation>字段多于 2 个：分隔符 %1 出现在卡号或卡密中</translation>
    </message>
    <message>
      <source>card number longer than %1 characters</source>
      <translation>卡号超过 %1 个字符</translation>
    </message>
    <message>
      <source>secret shorter than %1 characters</source>
      <translation>卡密少于 %1 个字符</translation>
    </message>
    <message>
      <source>secret longer than %1 characters</source>
      <translation>卡密超过 %1 个字符</translation>
    </message>
    <message>
      <source>secret contains control characters</source>
      <translation>卡密含有控制字符</translation>
    </message>
    <message>
      <source>comma</source>
      <translation>逗号</translation>
    </message>
    <message>
      <source>tab</source>
      <translation>制表符</translation>
    </message>
    <message>
      <source>space</source>
      <translation>空格</translation>
    </message>
    <message>
      <source>Paid twice</source>
      <translation>重复付款</translation>
    </message>
    <message>
      <source>Order closed</source>
      <translation>订单已关闭</translation>
    </message>
    <message>
      <source>Order cancelled</source>
      <translation>订单已取消</translation>
    </message>
    <message>
      <source>Paid after the order closed</source>
      <translation>订单关闭后付款</translation>
    </message>
    <message>
      <source>Second payment</source>
      <translation>重复付款</translation>
    </message>
    <message>
      <source>No order</source>
      <translation>无订单</translation>
    </message>
    <message>
      <source>No stock: refunded to the wallet, case opened</source>
      <translation>缺货：已退款到余额，已建工单</translation>
    </message>
    <message>
      <source>Partly delivered, case opened</source>
      <translation>部分发货，已建工单</translation>
    </message>
    <message>
      <source>Refunded at the gateway</source>
      <translation>已在支付平台退款</translation>
    </message>
    <message>
      <source>Dismissed</source>
      <translation>已忽略</translation>
    </message>
    <message>
      <source>Matched</source>
      <translation>一致</translation>
    </message>
    <message>
      <source>Missing in the shop</source>
      <translation>店铺漏记</translation>
    </message>
    <message>
      <source>Missing in the statement</source>
      <translation>账单中没有</translation>
    </message>
    <message>
      <source>Amount differs</source>
      <translation>金额不符</translation>
    </message>
    <message>
      <source>Recorded</source>
      <translation>已录入</translation>
    </message>
    <message>
      <source>Already recorded</source>
      <translation>早已录入</translation>
    </message>
    <message>
      <source>Order cannot take it: flagged for refund</source>
      <translation>订单无法收款：已标记待退款</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <source>Order not found</source>
      <translation>未找到订单</translation>
    </message>
    <message>
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Merchant</source>
      <translation>商家</translation>
    </message>
    <message>
      <source>System</source>
      <translation>系统</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>店主</translation>
    </message>
    <message>
      <source>Staff</source>
      <translation>客服</translation>
    </message>
    <message>
      <source>Viewer</source>
      <translation>只读</translation>
    </message>
    <message>
      <source>ShopDesk</source>
      <translation>ShopDesk 店铺管家</translation>
    </message>
    <message>
      <source>Reveal secrets</source>
      <translation>查看卡密</translation>
    </message>
    <message>
      <source>Export keys</source>
      <translation>导出卡密</translation>
    </message>
    <message>
      <source>Import keys</source>
      <translation>导入卡密</translation>
    </message>
    <message>
      <source>Sell at the desk</source>
      <translation>柜台销售</translation>
    </message>
    <message>
      <source>Handle after-sales cases</source>
      <translation>处理售后工单</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>Refund above the limit</source>
      <translation>超限额退款</translation>
    </message>
    <message>
      <source>Top up wallets</source>
      <translation>钱包充值</translation>
    </message>
    <message>
      <source>Edit products and prices</source>
      <translation>编辑商品与价格</translation>
    </message>
    <message>
      <source>Edit desk settings</source>
      <translation>编辑工作台设置</translation>
    </message>
    <message>
      <source>Set a customer's credit level by hand</source>
      <translation>手动设定客户信用等级</translation>
    </message>
    <message>
      <source>Manage users</source>
      <translation>管理用户</translation>
    </message>
    <message>
      <source>Rotate secrets</source>
      <translation>轮换密钥</translation>
    </message>
    <message>
      <source>Paid from the wallet</source>
      <translation>余额支付</translation>
    </message>
    <message>
      <source>Top-up</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Compensation</source>
      <translation>补偿</translation>
    </message>
    <message>
      <source>Price protection</source>
      <translation>价格保护</translation>
    </message>
    <message>
      <source>Swap price difference</source>
      <translation>换货差价</translation>
    </message>
    <message>
      <source>Customers merged</source>
      <translation>客户合并</translation>
    </message>
  </context>
  <context>
    <name>Numbers</name>
    <message>
      <source>no sales</source>
      <translation>无销量</translation>
    </message>
    <message>
      <source>%1 d</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <source>%1, %2 (%3)</source>
      <translation>%1 %2（%3）</translation>
    </message>
    <message>
      <source>Last %1</source>
      <translation>上周%1</translation>
    </message>
    <message>
      <source>Yesterday %1 · %2 %3</source>
      <translation>昨日 %1 · %2 %3</translation>
    </message>
    <message>
      <source>No case</source>
      <translation>无工单</translation>
    </message>
    <message>
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <source>The whole desk</source>
      <translation>整个售后台</translation>
    </message>
    <message>
      <source>Rule track (automatic)</source>
      <translation>规则自动处理</translation>
    </message>
    <message>
      <source>ShopDesk (automatic)</source>
      <translation>ShopDesk 自动处理</translation>
    </message>
    <message>
      <source>%1 on %2: %3 of %4 paid orders cancelled (%5), above %6 — its 28-day mean %7 + 2 standard deviations.</source>
      <translation>%1 在 %2：%4 笔已付款订单中取消 %3 笔（%5），高于 %6（其近 28 天均值 %7 + 2 个标准差）。</translation>
    </message>
    <message>
      <source>Batch %1 of %2 (%3): %4 key-invalid case(s) in %5 keys delivered (%6), above %7 — the product's other batches' mean %8 + 2 standard deviations.</source>
      <translation>%2 的批次 %1（%3）：已发 %5 张卡密中出现 %4 个卡密无效工单（%6），高于 %7（该商品其他批次均值 %8 + 2 个标准差）。</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Paid orders</source>
      <translation>已付款订单</translation>
    </message>
    <message>
      <source>Sales</source>
      <translation>销售额</translation>
    </message>
    <message>
      <source>Average order</source>
      <translation>客单价</translation>
    </message>
    <message>
      <source>Refunds</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Cancellation rate</source>
      <translation>取消率</translation>
    </message>
    <message>
      <source>Closed unpaid</source>
      <translation>未付款关闭</translation>
    </message>
    <message>
      <source>Gross profit</source>
      <translation>毛利</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>客服</translation>
    </message>
    <message>
      <source>Cases</source>
      <translation>工单</translation>
    </message>
    <message>
      <source>Replied on time</source>
      <translation>首次响应达标</translation>
    </message>
    <message>
      <source>Replied late</source>
      <translation>首次响应超时</translation>
    </message>
    <message>
      <source>On time</source>
      <translation>达标率</translation>
    </message>
    <message>
      <source>Median first reply (min)</source>
      <translation>首次响应中位数（分钟）</translation>
    </message>
    <message>
      <source>p90 first reply (min)</source>
      <translation>首次响应 90 分位（分钟）</translation>
    </message>
    <message>
      <source>Median resolution (min)</source>
      <translation>处理时长中位数（分钟）</translation>
    </message>
    <message>
      <source>p90 resolution (min)</source>
      <translation>处理时长 90 分位（分钟）</translation>
    </message>
    <message>
      <source>Breached</source>
      <translation>已超时</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Offer</source>
      <translation>方案</translation>
    </message>
    <message>
      <source>Made</source>
      <translation>提出</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>已接受</translation>
    </message>
    <message>
      <source>Save rate</source>
      <translation>挽回率</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Key cost</source>
      <translation>卡密成本</translation>
    </message>
    <message>
      <source>Supplier</source>
      <translation>供应商</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>批次</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>卡密数</translation>
    </message>
    <message>
      <source>Keys delivered</source>
      <translation>已发卡密</translation>
    </message>
    <message>
      <source>Key-invalid cases</source>
      <translation>卡密无效工单</translation>
    </message>
    <message>
      <source>Defect rate</source>
      <translation>问题率</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>{user} ({role}) may not do this: it needs the permission {permission}. Ask the owner.</source>
      <translation>{user}（{role}）无权执行此操作：需要权限 {permission}。请联系店主。</translation>
    </message>
    <message>
      <source>This shop has staff accounts: log in first (--user NAME, or SHOPDESK_USER).</source>
      <translation>本店已启用员工账号：请先登录（--user NAME，或 SHOPDESK_USER）。</translation>
    </message>
    <message>
      <source>{user} ({role}) may not do this: only an owner can.</source>
      <translation>{user}（{role}）无权执行此操作：只有店主可以。</translation>
    </message>
    <message>
      <source>{user} ({role}) may refund up to {limit} on one case; this makes {amount}. The owner (or a role with {permission}) can.</source>
      <translation>{user}（{role}）每个工单最多可退款 {limit}；本次合计 {amount}。店主（或拥有 {permission} 权限的角色）可以办理。</translation>
    </message>
    <message>
      <source>{label}: {got} is negative. Amounts are written as positive yuan.</source>
      <translation>{label}：{got} 是负数。金额请填写为正数（元）。</translation>
    </message>
    <message>
      <source>{label}: {got} is not an amount. Write yuan with up to two decimals, e.g. 12.50.</source>
      <translation>{label}：{got} 不是金额。请以元为单位填写，最多两位小数，例如 12.50。</translation>
    </message>
    <message>
      <source>{label}: {got} is not an amount. Write e.g. 12.50.</source>
      <translation>{label}：{got} 不是金额。请填写如 12.50。</translation>
    </message>
    <message>
      <source>{label}: must be more than 0.</source>
      <translation>{label}：必须大于 0。</translation>
    </message>
    <message>
      <source>{label}: {got} is too large.</source>
      <translation>{label}：{got} 太大了。</translation>
    </message>
    <message>
      <source>{label}: {got} has more than two decimals; the smallest unit is 0.01 yuan (1 fen).</source>
      <translation>{label}：{got} 超过两位小数；最小单位是 0.01 元（1 分）。</translation>
    </message>
    <message>
      <source>amount: expected yuan as a string, e.g. "12.50".</source>
      <translation>amount：应为以元为单位的字符串，例如 "12.50"。</translation>
    </message>
    <message>
      <source>The body is not valid JSON: it is nested too deeply.</source>
      <translation>请求体不是有效的 JSON：嵌套层级过深。</translation>
    </message>
    <message>
      <source>The body is not valid JSON: a number has too many digits.</source>
      <translation>请求体不是有效的 JSON：数字位数过多。</translation>
    </message>
    <message>
      <source>The body is not valid JSON: {problem} at line {line} column {column}.</source>
      <translation>请求体不是有效的 JSON：第 {line} 行第 {column} 列，{problem}。</translation>
    </message>
    <message>
      <source>The body must be a JSON object.</source>
      <translation>请求体必须是 JSON 对象。</translation>
    </message>
    <message>
      <source>The body is not UTF-8 text.</source>
      <translation>请求体不是 UTF-8 文本。</translation>
    </message>
    <message>
      <source>The body holds a lone UTF-16 surrogate escape (\ud800-\udfff); send valid Unicode text.</source>
      <translation>请求体含有孤立的 UTF-16 代理项转义（\ud800-\udfff）；请发送有效的 Unicode 文本。</translation>
    </message>
    <message>
      <source>customer: expected an object with name and contact.</source>
      <translation>customer：应为包含 name 和 contact 的对象。</translation>
    </message>
    <message>
      <source>{path}: must not be empty.</source>
      <translation>{path}：不能为空。</translation>
    </message>
    <message>
      <source>{path}: expected a string, got {got}.</source>
      <translation>{path}：应为字符串，收到的是 {got}。</translation>
    </message>
    <message>
      <source>{path}: required.</source>
      <translation>{path}：必填。</translation>
    </message>
    <message>
      <source>{path}: longer than {limit} characters.</source>
      <translation>{path}：超过 {limit} 个字符。</translation>
    </message>
    <message>
      <source>--host {host}: the intake API listens on loopback only (127.0.0.1, ::1 or localhost).</source>
      <translation>--host {host}：接单接口只在本机回环地址上监听（127.0.0.1、::1 或 localhost）。</translation>
    </message>
    <message>
      <source>lines[{index}]: expected an object with sku and quantity.</source>
      <translation>lines[{index}]：应为包含 sku 和 quantity 的对象。</translation>
    </message>
    <message>
      <source>lines: expected a non-empty list of {item}.</source>
      <translation>lines：应为由 {item} 组成的非空列表。</translation>
    </message>
    <message>
      <source>method: the storefront pays through a gateway; wallet payments are made on the desk.</source>
      <translation>method：店铺前台通过支付平台付款；钱包付款请在柜台操作。</translation>
    </message>
    <message>
      <source>Cannot listen on {host}:{port}: {why}. Pick another --port.</source>
      <translation>无法监听 {host}:{port}：{why}。请换一个 --port。</translation>
    </message>
    <message>
      <source>--port {port} is not a TCP port.</source>
      <translation>--port {port} 不是有效的 TCP 端口。</translation>
    </message>
    <message>
      <source>lines[{index}].quantity: expected a whole number, got {got}.</source>
      <translation>lines[{index}].quantity：应为整数，收到的是 {got}。</translation>
    </message>
    <message>
      <source>Key {n} repeats key {first} of this batch.</source>
      <translation>第 {n} 个卡密与本批次第 {first} 个重复。</translation>
    </message>
    <message>
      <source>The batch holds no key.</source>
      <translation>该批次中没有卡密。</translation>
    </message>
    <message>
      <source>A secret of this batch is already in stock or was sold before (key {key}).</source>
      <translation>本批次中有卡密已在库存中或曾经售出（卡密 {key}）。</translation>
    </message>
    <message>
      <source>Key {n}: the secret is empty.</source>
      <translation>第 {n} 个卡密：卡密为空。</translation>
    </message>
    <message>
      <source>The {chain} trail has sealed rows but its chain head is missing: table chain_head was altered. Nothing more is written to it; run `shopdesk audit verify` and restore the database from a backup.</source>
      <translation>{chain} 记录链已有封存的行，但链头缺失：chain_head 表被改动过。不会再向其写入；请运行 `shopdesk audit verify`，并从备份恢复数据库。</translation>
    </message>
    <message>
      <source>The {chain} trail is broken at {table} row {id} ({problem}), so the key is not rotated: a new key would seal the damage. Run `shopdesk audit verify`, restore the database from a backup, then rotate again.</source>
      <translation>{chain} 记录链在 {table} 第 {id} 行断开（{problem}），因此不轮换密钥：新密钥会把损坏一并封存。请运行 `shopdesk audit verify`，从备份恢复数据库，然后再轮换。</translation>
    </message>
    <message>
      <source>Order {number} already has open case {case}; add to that case instead.</source>
      <translation>订单 {number} 已有未结工单 {case}，请在该工单中补充。</translation>
    </message>
    <message>
      <source>The order already has open case {case}.</source>
      <translation>该订单已有未结工单 {case}。</translation>
    </message>
    <message>
      <source>Case {case} is already {status} ({outcome}).</source>
      <translation>工单 {case} 已是 {status}（{outcome}）。</translation>
    </message>
    <message>
      <source>Name the staff member to assign the case to.</source>
      <translation>请填写要指派的处理人。</translation>
    </message>
    <message>
      <source>The responsibility class is customer, merchant or system.</source>
      <translation>责任方只能是 customer（客户）、merchant（商家）或 system（系统）。</translation>
    </message>
    <message>
      <source>No case {case}.</source>
      <translation>没有工单 {case}。</translation>
    </message>
    <message>
      <source>The note is empty.</source>
      <translation>备注为空。</translation>
    </message>
    <message>
      <source>The order has no delivered key to replace.</source>
      <translation>该订单没有已发货的卡密可以更换。</translation>
    </message>
    <message>
      <source>Case {case} points at an order that no longer exists.</source>
      <translation>工单 {case} 关联的订单已不存在。</translation>
    </message>
    <message>
      <source>The outcome is one of {choices}.</source>
      <translation>处理结果只能是 {choices} 之一。</translation>
    </message>
    <message>
      <source>Priority is normal or high.</source>
      <translation>优先级只能是 normal（普通）或 high（高）。</translation>
    </message>
    <message>
      <source>Set the reason before resolving the case.</source>
      <translation>结案前请先选择原因。</translation>
    </message>
    <message>
      <source>Say why the request is rejected, in words the customer can be told.</source>
      <translation>请说明拒绝的理由，用可以直接告诉客户的话。</translation>
    </message>
    <message>
      <source>Case {case} was resolved more than 7 days ago; open a new case instead.</source>
      <translation>工单 {case} 已结案超过 7 天，请新建工单。</translation>
    </message>
    <message>
      <source>Case {case} was changed by someone else (it is now {state}, handled by nobody). Reload it and try again.</source>
      <translation>工单 {case} 已被他人修改（现在为 {state}，无人处理）。请刷新后重试。</translation>
    </message>
    <message>
      <source>Case {case} was changed by someone else (it is now {state}, handled by {assignee}). Reload it and try again.</source>
      <translation>工单 {case} 已被他人修改（现在为 {state}，处理人 {assignee}）。请刷新后重试。</translation>
    </message>
    <message>
      <source>Case {case} is {status}; reopen it to reassign.</source>
      <translation>工单 {case} 状态为 {status}；请重新打开后再指派。</translation>
    </message>
    <message>
      <source>Case {case} is {status}; resolve it before closing.</source>
      <translation>工单 {case} 状态为 {status}；请先处理结案再关闭。</translation>
    </message>
    <message>
      <source>Case {case} is {status}; offers are made on open cases.</source>
      <translation>工单 {case} 状态为 {status}；只能对未结工单提出挽留方案。</translation>
    </message>
    <message>
      <source>Case {case} is still open.</source>
      <translation>工单 {case} 仍未结案。</translation>
    </message>
    <message>
      <source>Case {case} is {status}, not waiting for the customer.</source>
      <translation>工单 {case} 状态为 {status}，不在等待客户。</translation>
    </message>
    <message>
      <source>Case {case} is {status}; only new or in-progress cases can be taken.</source>
      <translation>工单 {case} 状态为 {status}；只能接手新建或处理中的工单。</translation>
    </message>
    <message>
      <source>Case {case} is {status}; take it first.</source>
      <translation>工单 {case} 状态为 {status}；请先接手。</translation>
    </message>
    <message>
      <source>This shop has staff accounts: say who you are with --user NAME (or SHOPDESK_USER).</source>
      <translation>此店铺已启用员工账号：请用 --user 用户名（或 SHOPDESK_USER）说明身份。</translation>
    </message>
    <message>
      <source>No passphrase: use {option} FILE or set {env} (no terminal to ask on).</source>
      <translation>没有口令：请使用 {option} 文件，或设置 {env}（当前没有终端可以询问）。</translation>
    </message>
    <message>
      <source>Cannot read the passphrase from {file}: {why}.</source>
      <translation>无法从 {file} 读取口令：{why}。</translation>
    </message>
    <message>
      <source>The two passphrases differ; type the same one twice.</source>
      <translation>两次输入的口令不一致；请输入相同的口令。</translation>
    </message>
    <message>
      <source>--db {db} is neither a database URL (e.g. postgresql://user@host/shop) nor the path of a SQLite file.</source>
      <translation>--db {db} 既不是数据库 URL（例如 postgresql://user@host/shop），也不是 SQLite 文件的路径。</translation>
    </message>
    <message>
      <source>--limit must be between 1 and 10000.</source>
      <translation>--limit 必须在 1 到 10000 之间。</translation>
    </message>
    <message>
      <source>Risk level is one of {choices}.</source>
      <translation>风险等级只能是 {choices} 之一。</translation>
    </message>
    <message>
      <source>Say why the level is set by hand.</source>
      <translation>请说明手动设置等级的原因。</translation>
    </message>
    <message>
      <source>The customer needs a name.</source>
      <translation>请填写客户名称。</translation>
    </message>
    <message>
      <source>No customer with id {customer}.</source>
      <translation>没有 ID 为 {customer} 的客户。</translation>
    </message>
    <message>
      <source>No customer with id {customer}. `shopdesk customer add` creates one.</source>
      <translation>没有 ID 为 {customer} 的客户。可用 `shopdesk customer add` 新建。</translation>
    </message>
    <message>
      <source>Name and contact are limited to 200 characters.</source>
      <translation>名称和联系方式最多 200 个字符。</translation>
    </message>
    <message>
      <source>Choose the customer to keep: the one this customer is merged into.</source>
      <translation>请选择保留的客户，即要合并到的那位客户。</translation>
    </message>
    <message>
      <source>--orders must be between 0 and 100000.</source>
      <translation>--orders 必须在 0 到 100000 之间。</translation>
    </message>
    <message>
      <source>--history-days must be between 0 and 365.</source>
      <translation>--history-days 必须在 0 到 365 之间。</translation>
    </message>
    <message>
      <source>This shop already has products; the demo only fills an empty shop. Use --data-dir with a new folder to try it.</source>
      <translation>这个店铺已有商品；演示数据只能填入空店铺。请用 --data-dir 指定一个新文件夹来试用。</translation>
    </message>
    <message>
      <source>Export columns are {choices}; got none.</source>
      <translation>可导出的列为 {choices}；未指定任何列。</translation>
    </message>
    <message>
      <source>Export columns are {choices}; got {got}.</source>
      <translation>可导出的列为 {choices}；收到的是 {got}。</translation>
    </message>
    <message>
      <source>The disk holding {folder} is full: the export stopped part-way, its partial file was removed and no key file was written. Free some space (or choose another folder) and export again.</source>
      <translation>{folder} 所在的磁盘已满：导出中途停止，未完成的文件已删除，没有写出卡密文件。请腾出空间（或选择其他文件夹）后重新导出。</translation>
    </message>
    <message>
      <source>{folder} does not exist; choose another folder.</source>
      <translation>{folder} 不存在，请选择其他文件夹。</translation>
    </message>
    <message>
      <source>{file}: keys are exported to a .csv or a .txt file.</source>
      <translation>{file}：卡密只能导出为 .csv 或 .txt 文件。</translation>
    </message>
    <message>
      <source>Export format is csv or txt.</source>
      <translation>导出格式只能是 csv 或 txt。</translation>
    </message>
    <message>
      <source>Writing {file} failed ({why}); the partial file was removed and nothing was exported.</source>
      <translation>写入 {file} 失败（{why}）；未完成的文件已删除，没有导出任何内容。</translation>
    </message>
    <message>
      <source>Cannot open {where}. Check that the folder exists and is writable.</source>
      <translation>无法打开 {where}。请确认该文件夹存在且可写。</translation>
    </message>
    <message>
      <source>The connection to the database server at {where} was lost; what was being saved was not written. ShopDesk reconnects when the server is back.</source>
      <translation>与数据库服务器 {where} 的连接已断开；正在保存的内容没有写入。服务器恢复后 ShopDesk 会自动重新连接。</translation>
    </message>
    <message>
      <source>The copy does not hold what the source does ({tables}); nothing of it can be trusted: start again with an empty target.</source>
      <translation>副本与源数据库不一致（{tables}）；此副本不可信：请用一个空的目标数据库重新复制。</translation>
    </message>
    <message>
      <source>The source {source} is not at this ShopDesk's schema: run `shopdesk --db SOURCE db upgrade` first.</source>
      <translation>源数据库 {source} 的结构版本与当前 ShopDesk 不同：请先运行 `shopdesk --db SOURCE db upgrade`。</translation>
    </message>
    <message>
      <source>The target {target} already holds data ({tables}); a copy goes into an empty database only.</source>
      <translation>目标数据库 {target} 中已有数据（{tables}）；只能复制到空数据库。</translation>
    </message>
    <message>
      <source>{where} is damaged. Restore it from a backup.</source>
      <translation>{where} 已损坏。请从备份恢复。</translation>
    </message>
    <message>
      <source>The database named in {where} does not exist on that server. Create it (createdb) or fix the name.</source>
      <translation>服务器上不存在 {where} 中指定的数据库。请先创建它（createdb）或改正名称。</translation>
    </message>
    <message>
      <source>The disk holding {where} is full. Free some space and retry; nothing was written.</source>
      <translation>{where} 所在的磁盘已满。请腾出空间后重试；没有写入任何内容。</translation>
    </message>
    <message>
      <source>The driver for {where} is not installed ({module}). Install it with: pip install 'shopdesk[postgresql]'</source>
      <translation>{where} 所需的驱动没有安装（{module}）。请安装：pip install 'shopdesk[postgresql]'</translation>
    </message>
    <message>
      <source>The host in {where} is unknown. Check its spelling in --db / SHOPDESK_DB_URL.</source>
      <translation>找不到 {where} 中的主机。请检查 --db / SHOPDESK_DB_URL 中的拼写。</translation>
    </message>
    <message>
      <source>{where} is locked by another program for too long. Close other ShopDesk windows or tools and retry.</source>
      <translation>{where} 被其他程序锁定太久。请关闭其他 ShopDesk 窗口或工具后重试。</translation>
    </message>
    <message>
      <source>{where} is not a ShopDesk (SQLite) database. Point --db / SHOPDESK_DB_URL at the right file, or move this file away to start a new shop.</source>
      <translation>{where} 不是 ShopDesk（SQLite）数据库。请让 --db / SHOPDESK_DB_URL 指向正确的文件，或把这个文件移走以新建店铺。</translation>
    </message>
    <message>
      <source>The server at {where} does not let this user in from this computer (pg_hba.conf). Ask its administrator to allow it.</source>
      <translation>服务器 {where} 不允许此用户从这台电脑连接（pg_hba.conf）。请联系服务器管理员放行。</translation>
    </message>
    <message>
      <source>The server refused the user name or password in {where}. Check them in --db / SHOPDESK_DB_URL.</source>
      <translation>服务器拒绝了 {where} 中的用户名或密码。请检查 --db / SHOPDESK_DB_URL 中的设置。</translation>
    </message>
    <message>
      <source>{where} is read-only. Check the file's permissions.</source>
      <translation>{where} 是只读的。请检查文件权限。</translation>
    </message>
    <message>
      <source>No database server answers at {where}. Start PostgreSQL there, or check the host and port.</source>
      <translation>{where} 没有数据库服务器应答。请启动该处的 PostgreSQL，或检查主机和端口。</translation>
    </message>
    <message>
      <source>The database server at {where} did not answer in time. Check the network and that it is running.</source>
      <translation>数据库服务器 {where} 没有及时应答。请检查网络，并确认服务器正在运行。</translation>
    </message>
    <message>
      <source>The server at {where} accepts only encrypted connections: add ?sslmode=require to the URL.</source>
      <translation>服务器 {where} 只接受加密连接：请在 URL 后加上 ?sslmode=require。</translation>
    </message>
    <message>
      <source>The server at {where} does not offer SSL, but the URL asks for it (sslmode). Remove sslmode from the URL or enable SSL on the server.</source>
      <translation>服务器 {where} 不支持 SSL，但 URL 要求使用（sslmode）。请从 URL 中去掉 sslmode，或在服务器上启用 SSL。</translation>
    </message>
    <message>
      <source>The database at {where} has schema revision {revision}, which this version of ShopDesk does not know: it was written by a newer ShopDesk. Upgrade ShopDesk to open it.</source>
      <translation>{where} 的数据库结构版本为 {revision}，本版 ShopDesk 不认识：它由更新版本的 ShopDesk 写入。请升级 ShopDesk 后再打开。</translation>
    </message>
    <message>
      <source>This is a binary file (it contains NUL bytes), not a text list of keys. Export the keys as .txt or .csv and import that.</source>
      <translation>这是二进制文件（含 NUL 字节），不是卡密文本列表。请把卡密导出为 .txt 或 .csv 再导入。</translation>
    </message>
    <message>
      <source>Import cancelled; nothing was written.</source>
      <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
      <source>The unit cost cannot be negative.</source>
      <translation>单位成本不能为负数。</translation>
    </message>
    <message>
      <source>Encoding {encoding} is not supported; use one of {choices}.</source>
      <translation>不支持编码 {encoding}；可选：{choices}。</translation>
    </message>
    <message>
      <source>--expires {got} is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30.</source>
      <translation>--expires {got} 不是日期；请写成 YYYY-MM-DD，例如 2027-06-30。</translation>
    </message>
    <message>
      <source>The expiry must carry its time zone (use shopdesk.cli_keys.parse_expiry).</source>
      <translation>有效期必须带时区（请使用 shopdesk.cli_keys.parse_expiry）。</translation>
    </message>
    <message>
      <source>The expiry date {date} is already past. Check the date on the supplier's sheet; keys that are already expired cannot be imported.</source>
      <translation>有效期 {date} 已经过去。请核对供应商清单上的日期；已过期的卡密不能导入。</translation>
    </message>
    <message>
      <source>The file holds no key: it is empty or has only blank lines.</source>
      <translation>文件中没有卡密：文件为空或只有空行。</translation>
    </message>
    <message>
      <source>{file}: no such file. Check the path.</source>
      <translation>{file}：文件不存在，请检查路径。</translation>
    </message>
    <message>
      <source>{file} is larger than 512 MB; split it into smaller files.</source>
      <translation>{file} 超过 512 MB，请拆分成较小的文件。</translation>
    </message>
    <message>
      <source>Format {format} is unknown; use auto, lines or pairs.</source>
      <translation>未知的格式 {format}；可选 auto、lines 或 pairs。</translation>
    </message>
    <message>
      <source>No valid key in the file. {problems}.</source>
      <translation>文件中没有有效的卡密。{problems}。</translation>
    </message>
    <message>
      <source>No valid key in the file. {problems} (and {more} more).</source>
      <translation>文件中没有有效的卡密。{problems}（另有 {more} 处）。</translation>
    </message>
    <message>
      <source>The file is not UTF-16. Try --encoding auto.</source>
      <translation>文件不是 UTF-16 编码。请试试 --encoding auto。</translation>
    </message>
    <message>
      <source>Could not tell how card number and secret are separated; pass --sep.</source>
      <translation>无法判断卡号和卡密的分隔方式，请用 --sep 指定。</translation>
    </message>
    <message>
      <source>Separator {sep} is not supported; use one of space, tab, comma, |, ----, :.</source>
      <translation>不支持分隔符 {sep}；可选：space、tab、comma、|、----、:。</translation>
    </message>
    <message>
      <source>The file starts as UTF-16 but breaks at byte {byte}. Save it again from the supplier's tool or pick another encoding.</source>
      <translation>文件以 UTF-16 开头，但在第 {byte} 字节处出错。请用供应商的工具重新保存，或换一种编码。</translation>
    </message>
    <message>
      <source>{sku} sells '{kind}' keys; keys of another kind cannot move there.</source>
      <translation>{sku} 售卖“{kind}”类型的卡密；其他类型的卡密不能移入。</translation>
    </message>
    <message>
      <source>No key selected.</source>
      <translation>没有选择卡密。</translation>
    </message>
    <message>
      <source>Only available keys can move; some of these are reserved, sold or void.</source>
      <translation>只有可售的卡密才能移动；其中有些已被预留、售出或作废。</translation>
    </message>
    <message>
      <source>No key of that product is in stock to replace with; import keys or cancel instead.</source>
      <translation>该商品没有库存卡密可供更换；请导入卡密，或改为取消订单。</translation>
    </message>
    <message>
      <source>No key with id {key}.</source>
      <translation>没有 ID 为 {key} 的卡密。</translation>
    </message>
    <message>
      <source>Some of those keys do not exist.</source>
      <translation>其中有些卡密不存在。</translation>
    </message>
    <message>
      <source>{sku} is a reusable product: it sells one secret, so exactly one can be on sale ({count} would be). Add or restore a secret only after voiding the current one.</source>
      <translation>{sku} 是通用卡密商品：只售卖一个卡密，因此在售的只能有一个（此操作后会有 {count} 个）。请先作废当前卡密，再添加或恢复。</translation>
    </message>
    <message>
      <source>Key(s) {keys} cannot be recovered: only keys voided within the last 24 hours can be put back.</source>
      <translation>卡密 {keys} 无法恢复：只有 24 小时内作废的卡密才能恢复。</translation>
    </message>
    <message>
      <source>Paste the secret to search for.</source>
      <translation>请粘贴要查找的卡密。</translation>
    </message>
    <message>
      <source>Keys sort by {choices}.</source>
      <translation>卡密只能按 {choices} 排序。</translation>
    </message>
    <message>
      <source>{stuck} of the {total} key(s) are not {expected}; nothing was changed.</source>
      <translation>{total} 张卡密中有 {stuck} 张不是 {expected} 状态；未做任何更改。</translation>
    </message>
    <message>
      <source>Status {status} is unknown; use one of {choices}.</source>
      <translation>未知的状态 {status}；可选：{choices}。</translation>
    </message>
    <message>
      <source>Statuses are {choices}; got none.</source>
      <translation>可用的状态为 {choices}；未指定任何状态。</translation>
    </message>
    <message>
      <source>Statuses are {choices}; got {got}.</source>
      <translation>可用的状态为 {choices}；收到的是 {got}。</translation>
    </message>
    <message>
      <source>Say why the keys are voided (e.g. 'supplier says used').</source>
      <translation>请说明作废卡密的原因（例如“供应商说已被使用”）。</translation>
    </message>
    <message>
      <source>No account {account}.</source>
      <translation>没有账户 {account}。</translation>
    </message>
    <message>
      <source>Entry {entry} has already been reversed.</source>
      <translation>分录 {entry} 已被冲正。</translation>
    </message>
    <message>
      <source>Entry {entry} was already reversed by entry {reversal}; it can be reversed once.</source>
      <translation>分录 {entry} 已被分录 {reversal} 冲正；每笔分录只能冲正一次。</translation>
    </message>
    <message>
      <source>No journal entry {entry}.</source>
      <translation>没有分录 {entry}。</translation>
    </message>
    <message>
      <source>An idempotency key is required for every money movement.</source>
      <translation>每笔资金变动都需要幂等键。</translation>
    </message>
    <message>
      <source>Idempotency key {key} was already used for a different movement (entry {entry}). Use a new key for a new movement, or repeat the original input to get its result.</source>
      <translation>幂等键 {key} 已用于另一笔资金变动（分录 {entry}）。新的变动请使用新的键，或按原来的内容重试以取得原结果。</translation>
    </message>
    <message>
      <source>Posting to {account}: amount must be whole fen, got {got}.</source>
      <translation>记入 {account}：金额必须是整数（单位：分），收到的是 {got}。</translation>
    </message>
    <message>
      <source>Posting to {account}: {amount} fen is more than one movement can carry.</source>
      <translation>记入 {account}：{amount} 分超出了单笔变动的上限。</translation>
    </message>
    <message>
      <source>Entry {entry} is itself a reversal; post a new entry instead of reversing it.</source>
      <translation>分录 {entry} 本身就是冲正分录；请记一笔新分录，而不要再冲正它。</translation>
    </message>
    <message>
      <source>An entry needs at least two non-zero postings.</source>
      <translation>一笔分录至少需要两条非零的记账行。</translation>
    </message>
    <message>
      <source>Postings must sum to zero; these sum to {total}.</source>
      <translation>记账行合计必须为零；当前合计为 {total}。</translation>
    </message>
    <message>
      <source>Offer {offer} was already answered ({answer}).</source>
      <translation>方案 {offer} 已有答复（{answer}）。</translation>
    </message>
    <message>
      <source>This offer needs an amount above 0.</source>
      <translation>此方案需要大于 0 的金额。</translation>
    </message>
    <message>
      <source>The offer is one of {choices}.</source>
      <translation>挽留方案只能是 {choices} 之一。</translation>
    </message>
    <message>
      <source>No offer {offer}.</source>
      <translation>没有方案 {offer}。</translation>
    </message>
    <message>
      <source>Re-order is offered after a cancellation.</source>
      <translation>只有取消订单后才能提供重新下单。</translation>
    </message>
    <message>
      <source>{label}: {got} is not a date. Write it as YYYY-MM-DD, e.g. 2026-12-01.</source>
      <translation>{label}：{got} 不是日期。请写成 YYYY-MM-DD，例如 2026-12-01。</translation>
    </message>
    <message>
      <source>--by {by} is not a breakdown; choose one of: {choices}.</source>
      <translation>--by {by} 不是可用的分组方式；请选择：{choices}。</translation>
    </message>
    <message>
      <source>Could not write {file}: {why}. Choose a folder you may write to.</source>
      <translation>无法写入 {file}：{why}。请选择一个有写入权限的文件夹。</translation>
    </message>
    <message>
      <source>{file}: exports are .csv or .xlsx files.</source>
      <translation>{file}：只能导出为 .csv 或 .xlsx 文件。</translation>
    </message>
    <message>
      <source>The range ends ({end}) before it starts ({start}); swap the dates.</source>
      <translation>结束日期（{end}）早于开始日期（{start}）；请对调两个日期。</translation>
    </message>
    <message>
      <source>A report spans at most {days} days; choose a shorter range.</source>
      <translation>报表最多覆盖 {days} 天；请选择更短的范围。</translation>
    </message>
    <message>
      <source>{zone} is not a time zone this machine knows. Write an IANA name such as Asia/Shanghai.</source>
      <translation>本机不认识时区 {zone}。请填写 IANA 名称，例如 Asia/Shanghai。</translation>
    </message>
    <message>
      <source>Order {number} is {status}; there is nothing left to cancel or fix.</source>
      <translation>订单 {number} 状态为 {status}，已没有可取消或处理的内容。</translation>
    </message>
    <message>
      <source>Order {number} is already {status}; there is nothing to roll back.</source>
      <translation>订单 {number} 已是 {status}，没有可回滚的内容。</translation>
    </message>
    <message>
      <source>Order {external_id} from {source} already exists (id {order}).</source>
      <translation>来自 {source} 的订单 {external_id} 已存在（ID {order}）。</translation>
    </message>
    <message>
      <source>Order {number} already has {delivered} key(s) delivered; open an after-sales case to recall them and refund.</source>
      <translation>订单 {number} 已发出 {delivered} 张卡密；请新建售后工单，召回卡密并退款。</translation>
    </message>
    <message>
      <source>An order needs at least one line (a SKU and a quantity).</source>
      <translation>订单至少需要一行（SKU 和数量）。</translation>
    </message>
    <message>
      <source>No order with id {order}.</source>
      <translation>没有 ID 为 {order} 的订单。</translation>
    </message>
    <message>
      <source>No order with id {order}. `shopdesk order list` shows the orders.</source>
      <translation>没有 ID 为 {order} 的订单。`shopdesk order list` 可列出订单。</translation>
    </message>
    <message>
      <source>No order numbered {number}.</source>
      <translation>没有订单号为 {number} 的订单。</translation>
    </message>
    <message>
      <source>No storefront order with id {order}.</source>
      <translation>没有 ID 为 {order} 的店铺前台订单。</translation>
    </message>
    <message>
      <source>Line {line} ({sku}): quantity must be a whole number from 1 to {most}, got {got}.</source>
      <translation>第 {line} 行（{sku}）：数量必须是 1 到 {most} 之间的整数，收到的是 {got}。</translation>
    </message>
    <message>
      <source>Source {source} is unknown; use one of {choices}.</source>
      <translation>未知的来源 {source}；可选：{choices}。</translation>
    </message>
    <message>
      <source>Order {number} is gone, not {expected}; it cannot become {new}. Reload the order and try again.</source>
      <translation>订单 {number} 已不存在（应为 {expected}），无法变为 {new}。请刷新订单后重试。</translation>
    </message>
    <message>
      <source>Order {number} is {status}, not {expected}; it cannot become {new}. Reload the order and try again.</source>
      <translation>订单 {number} 当前为 {status}，而非 {expected}，无法变为 {new}。请刷新订单后重试。</translation>
    </message>
    <message>
      <source>--status {status} is unknown; use one of {choices}.</source>
      <translation>未知的 --status {status}；可选值：{choices}。</translation>
    </message>
    <message>
      <source>An order has at most {most} lines.</source>
      <translation>一个订单最多 {most} 行。</translation>
    </message>
    <message>
      <source>The order's total {total} is too large; split it.</source>
      <translation>订单总额 {total} 过大，请拆分订单。</translation>
    </message>
    <message>
      <source>Order {number} is {status}; only orders waiting for stock are refunded here. Other cancellations go through the after-sales desk.</source>
      <translation>订单 {number} 状态为 {status}；这里只退款等待补货的订单。其他取消请通过售后工作台处理。</translation>
    </message>
    <message>
      <source>Order {number} is already paid (trade number {paid_trade}); the second payment {second_trade} is flagged for refund. Refund it at the gateway.</source>
      <translation>订单 {number} 已付款（交易号 {paid_trade}）；第二笔付款 {second_trade} 已标记待退款。请在支付平台退款。</translation>
    </message>
    <message>
      <source>Payment of {amount} for order {number} was refused: the order is {status}, and a payment for it is only recorded (for a refund) when it is the order's total {total}. Nothing was written.</source>
      <translation>订单 {number} 的 {amount} 付款被拒绝：订单状态为 {status}，只有金额等于订单总额 {total} 的付款才会登记（以便退款）。未写入任何数据。</translation>
    </message>
    <message>
      <source>Payment of {amount} does not match order {number}'s total {total}.</source>
      <translation>付款金额 {amount} 与订单 {number} 的总额 {total} 不符。</translation>
    </message>
    <message>
      <source>Trade number {trade} was recorded for {recorded}, not {amount}.</source>
      <translation>交易号 {trade} 登记的金额是 {recorded}，而不是 {amount}。</translation>
    </message>
    <message>
      <source>Flagged payment {trade} was already marked refunded.</source>
      <translation>待退款付款 {trade} 已标记为已退款。</translation>
    </message>
    <message>
      <source>No flagged payment {flag}.</source>
      <translation>没有待退款付款 {flag}。</translation>
    </message>
    <message>
      <source>Payment method {method} is unknown; use one of {choices}.</source>
      <translation>未知的付款方式 {method}；可选：{choices}。</translation>
    </message>
    <message>
      <source>The note is longer than 1000 characters.</source>
      <translation>备注超过 1000 个字符。</translation>
    </message>
    <message>
      <source>Order {number} is {status} and cannot take a payment. Refund trade {trade} at the gateway, or create a new order. The payment is flagged for refund.</source>
      <translation>订单 {number} 状态为 {status}，不能收款。请在支付平台退还交易 {trade}，或新建订单。这笔付款已标记待退款。</translation>
    </message>
    <message>
      <source>Order {number} is {status}/{payment_status} and cannot take a wallet payment.</source>
      <translation>订单 {number} 状态为 {status}/{payment_status}，不能用钱包付款。</translation>
    </message>
    <message>
      <source>The trade number holds control or invisible characters; send it as the gateway printed it.</source>
      <translation>交易号含有控制字符或不可见字符；请按支付平台显示的原样发送。</translation>
    </message>
    <message>
      <source>--pay external needs --trade-no (the gateway's trade number).</source>
      <translation>--pay external 需要 --trade-no（支付平台的交易号）。</translation>
    </message>
    <message>
      <source>An external payment needs --trade-no (the gateway's trade number).</source>
      <translation>外部支付需要 --trade-no（支付平台的交易号）。</translation>
    </message>
    <message>
      <source>An external payment needs the gateway's trade number (--trade-no).</source>
      <translation>外部支付需要支付平台的交易号（--trade-no）。</translation>
    </message>
    <message>
      <source>Trade number {trade} is already flagged for order {flagged_order}, not order {order}: each gateway trade number belongs to one order.</source>
      <translation>交易号 {trade} 已标记在订单 {flagged_order} 下，而不是订单 {order}：每个支付平台交易号只属于一个订单。</translation>
    </message>
    <message>
      <source>Trade number {trade} already paid order {paid_order}, not order {order}. Check the callback: each gateway trade number pays one order.</source>
      <translation>交易号 {trade} 已支付订单 {paid_order}，而不是订单 {order}。请检查回调：每个支付平台交易号只支付一个订单。</translation>
    </message>
    <message>
      <source>The trade number is longer than 100 characters.</source>
      <translation>交易号超过 100 个字符。</translation>
    </message>
    <message>
      <source>--trade-no is only used with --pay external.</source>
      <translation>--trade-no 只能与 --pay external 一起使用。</translation>
    </message>
    <message>
      <source>Order {number} is {status}; price protection cannot give back anything.</source>
      <translation>订单 {number} 状态为 {status}，价格保护无法退还任何金额。</translation>
    </message>
    <message>
      <source>Price protection cannot give back {amount}: order {number} has {left} paid and not refunded, and keeping the order means refunding less than that. Cancel the order to refund it all.</source>
      <translation>价格保护无法退还 {amount}：订单 {number} 已付且未退款的金额为 {left}，保留订单时退款必须少于此数。如需全部退款，请取消订单。</translation>
    </message>
    <message>
      <source>Mode {mode} is unknown; use one of {choices}.</source>
      <translation>未知的模式 {mode}；请使用 {choices} 之一。</translation>
    </message>
    <message>
      <source>Line {line}: {sku} is not on sale (inactive).</source>
      <translation>第 {line} 行：{sku} 未上架（已停用）。</translation>
    </message>
    <message>
      <source>The delivery kind cannot change once the product has keys.</source>
      <translation>商品已有卡密后，不能再修改发货类型。</translation>
    </message>
    <message>
      <source>Kind {kind} is unknown; choose one of {choices}.</source>
      <translation>未知的发货类型 {kind}；请从 {choices} 中选择。</translation>
    </message>
    <message>
      <source>The product needs a name.</source>
      <translation>请填写商品名称。</translation>
    </message>
    <message>
      <source>The product name is longer than 200 characters.</source>
      <translation>商品名称超过 200 个字符。</translation>
    </message>
    <message>
      <source>No product with id {product}.</source>
      <translation>没有 ID 为 {product} 的商品。</translation>
    </message>
    <message>
      <source>Price and face value cannot be negative.</source>
      <translation>售价和面值不能为负数。</translation>
    </message>
    <message>
      <source>{label}: must be whole fen, got {got}.</source>
      <translation>{label}：必须是整数（单位：分），收到的是 {got}。</translation>
    </message>
    <message>
      <source>Price and face value are at most {most} yuan.</source>
      <translation>售价和面值最多 {most} 元。</translation>
    </message>
    <message>
      <source>Rollback policy {policy} is unknown; choose one of {choices}.</source>
      <translation>未知的回滚策略 {policy}；请从 {choices} 中选择。</translation>
    </message>
    <message>
      <source>SKU {sku} is not valid: use 1-64 letters, digits, '.', '_' or '-', e.g. GAME-QB-100.</source>
      <translation>SKU {sku} 无效：请使用 1-64 个字母、数字、'.'、'_' 或 '-'，例如 GAME-QB-100。</translation>
    </message>
    <message>
      <source>SKU {sku} already exists. Pick another SKU or edit the existing product.</source>
      <translation>SKU {sku} 已存在。请换一个 SKU，或编辑现有商品。</translation>
    </message>
    <message>
      <source>SKU {sku} belongs to another product.</source>
      <translation>SKU {sku} 已被其他商品使用。</translation>
    </message>
    <message>
      <source>Line {line}: unknown SKU {sku}. `shopdesk product list` shows the SKUs.</source>
      <translation>第 {line} 行：未知的 SKU {sku}。`shopdesk product list` 可列出 SKU。</translation>
    </message>
    <message>
      <source>Unknown SKU {sku}. `shopdesk product list` shows the SKUs you have.</source>
      <translation>未知的 SKU {sku}。`shopdesk product list` 可列出已有的 SKU。</translation>
    </message>
    <message>
      <source>The low-stock threshold cannot be negative.</source>
      <translation>库存提醒阈值不能为负数。</translation>
    </message>
    <message>
      <source>Responsibility is one of {choices}.</source>
      <translation>责任方只能是 {choices} 之一。</translation>
    </message>
    <message>
      <source>A reason code is 1-40 letters, digits or underscores, e.g. key_invalid.</source>
      <translation>原因代码为 1-40 个字母、数字或下划线，例如 key_invalid。</translation>
    </message>
    <message>
      <source>Give the reason a label in English and in Chinese.</source>
      <translation>请为原因填写英文和中文名称。</translation>
    </message>
    <message>
      <source>Reason {reason} is unknown; use one of {choices}.</source>
      <translation>未知的原因 {reason}；可选：{choices}。</translation>
    </message>
    <message>
      <source>Refund to the customer's wallet or externally (at the gateway).</source>
      <translation>请选择退款到客户钱包，或原路退回（支付平台）。</translation>
    </message>
    <message>
      <source>Refund and compensation cannot be negative.</source>
      <translation>退款和补偿不能为负数。</translation>
    </message>
    <message>
      <source>A refund is more than 0.</source>
      <translation>退款金额必须大于 0。</translation>
    </message>
    <message>
      <source>Order {number} was refunded meanwhile; reload it and try again.</source>
      <translation>订单 {number} 刚刚已被退款；请刷新后重试。</translation>
    </message>
    <message>
      <source>Cannot refund {amount}: order {number} was paid {paid} and {refunded} is already refunded, so at most {most}.</source>
      <translation>无法退款 {amount}：订单 {number} 实付 {paid}，已退款 {refunded}，最多还能退 {most}。</translation>
    </message>
    <message>
      <source>Compensation is for merchant or system fault; this case is the customer's.</source>
      <translation>只有商家或系统责任才给补偿；此工单是客户责任。</translation>
    </message>
    <message>
      <source>A rule's action is one of {choices}.</source>
      <translation>规则的动作只能是 {choices} 之一。</translation>
    </message>
    <message>
      <source>Condition {condition}: true or false.</source>
      <translation>条件 {condition}：应为 true 或 false。</translation>
    </message>
    <message>
      <source>Condition {condition}: a non-empty list of values.</source>
      <translation>条件 {condition}：应为非空的取值列表。</translation>
    </message>
    <message>
      <source>Unknown condition {condition}; use {choices}.</source>
      <translation>未知的条件 {condition}；可用：{choices}。</translation>
    </message>
    <message>
      <source>Conditions are an object of field -&gt; allowed values.</source>
      <translation>条件应为“字段 -&gt; 允许的取值”形式的对象。</translation>
    </message>
    <message>
      <source>Give the rule a name.</source>
      <translation>请为规则命名。</translation>
    </message>
    <message>
      <source>No rule {rule}.</source>
      <translation>没有规则 {rule}。</translation>
    </message>
    <message>
      <source>The API at {url} did not take any order: {error}. Is the app or `shopdesk serve-api` running?</source>
      <translation>{url} 的接口一单也没有接收：{error}。请确认 ShopDesk 或 `shopdesk serve-api` 正在运行。</translation>
    </message>
    <message>
      <source>--duration must be between 1 second and a day.</source>
      <translation>--duration 必须在 1 秒到 1 天之间。</translation>
    </message>
    <message>
      <source>No product has keys in stock to sell. Import keys first, or run `shopdesk demo`.</source>
      <translation>没有有库存可卖的商品。请先导入卡密，或运行 `shopdesk demo`。</translation>
    </message>
    <message>
      <source>--rate must be more than 0 and at most 200 orders a second.</source>
      <translation>--rate 必须大于 0，且每秒最多 200 单。</translation>
    </message>
    <message>
      <source>An escalation step is {shape}.</source>
      <translation>升级步骤的格式为 {shape}。</translation>
    </message>
    <message>
      <source>Only {choices} can pause the clock.</source>
      <translation>只有 {choices} 可以暂停计时。</translation>
    </message>
    <message>
      <source>No SOP policy for {resp_class}/{priority}.</source>
      <translation>没有 {resp_class}/{priority} 的 SOP 时限。</translation>
    </message>
    <message>
      <source>Policies exist per class ({classes}) and priority ({priorities}).</source>
      <translation>SOP 时限按责任方（{classes}）和优先级（{priorities}）设置。</translation>
    </message>
    <message>
      <source>The first response cannot be due after the resolution.</source>
      <translation>首次响应时限不能晚于处理完成时限。</translation>
    </message>
    <message>
      <source>Targets are whole minutes: first response up to a week, resolution up to 30 days.</source>
      <translation>时限以整分钟计：首次响应最多一周，处理完成最多 30 天。</translation>
    </message>
    <message>
      <source>A refund limit cannot be negative; leave it empty for no limit.</source>
      <translation>退款限额不能为负数；留空表示不限。</translation>
    </message>
    <message>
      <source>Role {role} cannot be changed: the owner may do everything; edit staff or viewer.</source>
      <translation>角色 {role} 不能修改：店主拥有全部权限；请编辑客服或只读角色。</translation>
    </message>
    <message>
      <source>Permission {permission} is unknown.</source>
      <translation>未知权限 {permission}。</translation>
    </message>
    <message>
      <source>User {name} is disabled; the owner can add them again.</source>
      <translation>用户 {name} 已停用；店主可以重新添加。</translation>
    </message>
    <message>
      <source>The shop's first user must be an owner (--role owner).</source>
      <translation>本店的第一个用户必须是店主（--role owner）。</translation>
    </message>
    <message>
      <source>That is the shop's last active owner; make another user owner first.</source>
      <translation>这是本店最后一位在用的店主；请先把其他用户设为店主。</translation>
    </message>
    <message>
      <source>User {name} is locked after five wrong passphrases; try again in {minutes} min.</source>
      <translation>用户 {name} 因连续五次口令错误已被锁定；请在 {minutes} 分钟后重试。</translation>
    </message>
    <message>
      <source>User name {name}: use 1 to 64 letters, digits, '.', '_' or '-'.</source>
      <translation>用户名 {name}：请使用 1 到 64 个字母、数字、“.”、“_”或“-”。</translation>
    </message>
    <message>
      <source>There is already a user {name}; pick another name.</source>
      <translation>已有用户 {name}；请换一个名字。</translation>
    </message>
    <message>
      <source>No user {name}. `shopdesk user list` shows the users.</source>
      <translation>没有用户 {name}。`shopdesk user list` 可列出用户。</translation>
    </message>
    <message>
      <source>The passphrase is empty; type one.</source>
      <translation>口令为空；请输入口令。</translation>
    </message>
    <message>
      <source>The passphrase is too short: use at least {least} characters.</source>
      <translation>口令太短：至少需要 {least} 个字符。</translation>
    </message>
    <message>
      <source>Role {role} is unknown; use one of {choices}.</source>
      <translation>未知角色 {role}；请使用 {choices} 之一。</translation>
    </message>
    <message>
      <source>No active user {name}. `shopdesk user list` shows the users.</source>
      <translation>没有在用的用户 {name}。`shopdesk user list` 可列出用户。</translation>
    </message>
    <message>
      <source>Wrong passphrase for {name}. Five wrong tries lock the user for five minutes.</source>
      <translation>{name} 的口令错误。连续五次错误将锁定该用户五分钟。</translation>
    </message>
    <message>
      <source>The shop's secrets open when a user logs in (or on a desktop allowed to run unattended).</source>
      <translation>用户登录后（或在允许无人值守的电脑上）才能打开本店的加密内容。</translation>
    </message>
    <message>
      <source>The shop's sealed key does not open with this copy of the wrapping key, or is not the key that sealed the secrets. Restore the database from a backup.</source>
      <translation>店铺保存的密钥无法用这份包装密钥打开，或不是加密卡密的那把密钥。请从备份恢复数据库。</translation>
    </message>
    <message>
      <source>{path} is damaged: it does not hold a base64 key. Restore it from a backup.</source>
      <translation>{path} 已损坏：其中不是 base64 格式的密钥。请从备份恢复。</translation>
    </message>
    <message>
      <source>{path} is damaged: the key is {size} bytes, not 32 (cut short?). Restore it from a backup.</source>
      <translation>{path} 已损坏：密钥长 {size} 字节，而不是 32 字节（被截断了？）。请从备份恢复。</translation>
    </message>
    <message>
      <source>The shop's secrets are sealed with key {key_id}, but {path} is missing. Restore vault.key (key {key_id}) from a backup of this data folder, or point --data-dir at the folder that holds it. ShopDesk will not make a new key for a shop that already has secrets.</source>
      <translation>店铺的卡密由密钥 {key_id} 加密，但找不到 {path}。请从此数据文件夹的备份中恢复 vault.key（密钥 {key_id}），或用 --data-dir 指向存放它的文件夹。已有卡密的店铺，ShopDesk 不会新建密钥。</translation>
    </message>
    <message>
      <source>The shop holds encrypted secrets, but {path} is missing. Restore vault.key from a backup of this data folder; ShopDesk will not make a new key for a shop that already has secrets.</source>
      <translation>店铺中有加密的卡密，但找不到 {path}。请从此数据文件夹的备份中恢复 vault.key；已有卡密的店铺，ShopDesk 不会新建密钥。</translation>
    </message>
    <message>
      <source>the vault master key must be 32 bytes</source>
      <translation>保险库主密钥必须是 32 字节</translation>
    </message>
    <message>
      <source>This shop was opened without its vault key.</source>
      <translation>打开此店铺时没有提供保险库密钥。</translation>
    </message>
    <message>
      <source>not a legacy secret</source>
      <translation>不是旧格式的卡密</translation>
    </message>
    <message>
      <source>Key {key}'s secret does not open, so it cannot be sealed under a new key. Run `shopdesk doctor --deep` to list the damaged secrets, void them, then rotate again.</source>
      <translation>卡密 {key} 无法解密，因此无法用新密钥重新加密。请运行 `shopdesk doctor --deep` 列出损坏的卡密，将其作废后再重新轮换密钥。</translation>
    </message>
    <message>
      <source>A secret does not open: it was altered, or copied from another row or product.</source>
      <translation>卡密无法解密：它被篡改过，或是从其他记录或商品复制来的。</translation>
    </message>
    <message>
      <source>A secret sealed by an older ShopDesk does not open with this key: it is damaged, or vault.key is not this shop's.</source>
      <translation>旧版 ShopDesk 加密的卡密无法用此密钥解开：卡密已损坏，或 vault.key 不是本店的。</translation>
    </message>
    <message>
      <source>A sealed value has an unknown format or is cut short.</source>
      <translation>加密数据格式未知，或已被截断。</translation>
    </message>
    <message>
      <source>A secret was sealed with key {sealed_with}, but the vault holds key {holds}.</source>
      <translation>卡密由密钥 {sealed_with} 加密，但保险库中是密钥 {holds}。</translation>
    </message>
    <message>
      <source>{path} holds key {found}, but this shop's secrets are sealed with key {key_id}: it is another shop's key. Restore this shop's vault.key (key {key_id}) from a backup.</source>
      <translation>{path} 中是密钥 {found}，但本店的卡密由密钥 {key_id} 加密：这是其他店铺的密钥。请从备份恢复本店的 vault.key（密钥 {key_id}）。</translation>
    </message>
    <message>
      <source>{path} does not open this shop's secrets: it is another shop's key, or damaged. Restore this shop's vault.key from a backup.</source>
      <translation>{path} 解不开本店的卡密：它是其他店铺的密钥，或已损坏。请从备份恢复本店的 vault.key。</translation>
    </message>
    <message>
      <source>Wallet {wallet} holds {have}, not enough for {need}. Top it up or pay another way.</source>
      <translation>钱包 {wallet} 余额 {have}，不足 {need}。请先充值或换一种付款方式。</translation>
    </message>
    <message>
      <source>A top-up must be more than 0.</source>
      <translation>充值金额必须大于 0。</translation>
    </message>
    <message>
      <source>Choose the product to swap to (its SKU) for this offer.</source>
      <translation>请为这个换货方案选择要换成的商品（SKU）。</translation>
    </message>
    <message>
      <source>There is no product on sale with SKU {sku} to swap to. Pick one from the product list.</source>
      <translation>没有在售的 SKU 为 {sku} 的商品可换。请从商品列表中选择。</translation>
    </message>
    <message>
      <source>{sku} is a reusable secret: a swap needs a product with keys of its own. Pick another product.</source>
      <translation>{sku} 是共用卡密商品，换货需要有独立卡密的商品。请换一个商品。</translation>
    </message>
    <message>
      <source>The order already holds {sku}: a swap needs another product (to replace a faulty key, resolve as replaced).</source>
      <translation>订单里已经是 {sku}：换货要换成别的商品（卡密有问题请用“更换卡密”结案）。</translation>
    </message>
    <message>
      <source>Order {number} is {status}: only delivered keys can be swapped.</source>
      <translation>订单 {number} 状态为 {status}：只有已发货的卡密才能换货。</translation>
    </message>
    <message>
      <source>{sku} has {available} key(s) in stock, the swap needs {wanted}. Import keys or pick another product; nothing was changed.</source>
      <translation>{sku} 库存只有 {available} 张卡密，换货需要 {wanted} 张。请先导入卡密或换一个商品；未做任何改动。</translation>
    </message>
    <message>
      <source>The swap to {sku} costs {need} more, but the customer's wallet holds {balance}. Top the wallet up first or pick a cheaper product; nothing was changed.</source>
      <translation>换成 {sku} 需补差价 {need}，但客户钱包余额只有 {balance}。请先充值或换一个便宜的商品；未做任何改动。</translation>
    </message>
    <message>
      <source>{label}: {got} is not a date. Write YYYY-MM-DD, e.g. 2026-10-01.</source>
      <translation>{label}：{got} 不是日期。请写成 YYYY-MM-DD，例如 2026-10-01。</translation>
    </message>
    <message>
      <source>A calendar day is {kind}; use one of {choices}.</source>
      <translation>日历日期的类型是 {kind}；请用 {choices} 之一。</translation>
    </message>
    <message>
      <source>{day} is not in {year}: the days of one year are edited together.</source>
      <translation>{day} 不在 {year} 年内：一年的日期需一起编辑。</translation>
    </message>
    <message>
      <source>{day} is given as both a holiday and a make-up working day; keep one.</source>
      <translation>{day} 同时被设为节假日和调休上班日；请只保留一种。</translation>
    </message>
    <message>
      <source>Opening hours: {part} is not a day. Use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri.</source>
      <translation>营业时间：{part} 不是星期几。请用 mon、tue、wed、thu、fri、sat、sun，或 mon-fri 这样的范围。</translation>
    </message>
    <message>
      <source>Opening hours are empty. Write e.g. mon-fri 09:00-21:00, sat-sun 10:00-18:00.</source>
      <translation>营业时间为空。请写成例如 mon-fri 09:00-21:00, sat-sun 10:00-18:00。</translation>
    </message>
    <message>
      <source>Opening hours: {part} needs days and then times, e.g. mon-fri 09:00-21:00.</source>
      <translation>营业时间：{part} 需要先写星期再写时间，例如 mon-fri 09:00-21:00。</translation>
    </message>
    <message>
      <source>Calendar {name} is new: give its opening hours, e.g. --hours "mon-fri 09:00-21:00".</source>
      <translation>日历 {name} 是新建的：请给出营业时间，例如 --hours "mon-fri 09:00-21:00"。</translation>
    </message>
    <message>
      <source>Opening hours: on {day}, {first} and {second} overlap. Join them into one range or move one.</source>
      <translation>营业时间：{day} 的 {first} 与 {second} 重叠。请合并为一段或调整其中一段。</translation>
    </message>
    <message>
      <source>Opening hours: {part} does not end after it starts. A range ends later the same day (24:00 at the latest).</source>
      <translation>营业时间：{part} 的结束时间不晚于开始时间。一段时间须在当天结束（最晚 24:00）。</translation>
    </message>
    <message>
      <source>Opening hours: {part} is not a time range. Write 24-hour times HH:MM-HH:MM, e.g. 09:00-21:00.</source>
      <translation>营业时间：{part} 不是时间段。请用 24 小时制 HH:MM-HH:MM，例如 09:00-21:00。</translation>
    </message>
    <message>
      <source>Calendar name {name}: use 1 to 60 characters.</source>
      <translation>日历名称 {name}：请用 1 到 60 个字符。</translation>
    </message>
    <message>
      <source>No calendar {name}. `shopdesk sop calendar list` shows the calendars.</source>
      <translation>没有日历 {name}。`shopdesk sop calendar list` 可列出所有日历。</translation>
    </message>
    <message>
      <source>{got} is not a year the public calendar covers: write one from {first} to {last}.</source>
      <translation>{got} 不在法定节假日可查的年份内：请写 {first} 到 {last} 之间的年份。</translation>
    </message>
    <message>
      <source>Order {number} has no delivered keys, so there is no delivery message to copy.</source>
      <translation>订单 {number} 没有已发出的卡密，没有发货消息可复制。</translation>
    </message>
    <message>
      <source>Order {number} is {status}: only a delivered order's message can be sent again.</source>
      <translation>订单 {number} 的状态是 {status}：只有已发货的订单才能重新发货。</translation>
    </message>
    <message>
      <source>Order {number} has nothing left to refund (paid {paid}, refunded {refunded}).</source>
      <translation>订单 {number} 已无可退金额（已付 {paid}，已退 {refunded}）。</translation>
    </message>
    <message>
      <source>Refunding all that is left of order {number} ({left}) cancels it: open a case and resolve it as cancelled, so its keys come back. Here at most {most} can be refunded.</source>
      <translation>把订单 {number} 剩余的 {left} 全部退掉就等于取消订单：请开工单并按取消处理，卡密会一并收回。这里最多可退 {most}。</translation>
    </message>
    <message>
      <source>Customer {customer} cannot be merged into itself: give the id of the other customer to keep.</source>
      <translation>客户 {customer} 不能合并到自己：请填写要保留的另一位客户的编号。</translation>
    </message>
    <message>
      <source>No customer with id {customer}. `shopdesk customer list` shows the customers.</source>
      <translation>没有编号为 {customer} 的客户。`shopdesk customer list` 可查看所有客户。</translation>
    </message>
    <message>
      <source>Customer {customer} was already merged into customer {survivor}; nothing was changed.</source>
      <translation>客户 {customer} 已合并到客户 {survivor}，未做任何更改。</translation>
    </message>
    <message>
      <source>Customer {customer} was merged into customer {survivor}: merge into {survivor} instead.</source>
      <translation>客户 {customer} 已合并到客户 {survivor}：请改为合并到 {survivor}。</translation>
    </message>
    <message>
      <source>Say why the customer is blocked (--reason): the desk sees it when the customer writes.</source>
      <translation>请填写拉黑原因（--reason）：客户来咨询时客服能看到。</translation>
    </message>
    <message>
      <source>Customer {customer} was merged into customer {survivor}: block or unblock {survivor} instead.</source>
      <translation>客户 {customer} 已合并到客户 {survivor}：请对客户 {survivor} 拉黑或解除拉黑。</translation>
    </message>
    <message>
      <source>Customer {customer} was merged into customer {survivor}: top up customer {survivor}'s wallet instead.</source>
      <translation>客户 {customer} 已合并到客户 {survivor}：请给客户 {survivor} 的余额充值。</translation>
    </message>
    <message>
      <source>There is no setting {setting}. The settings are: {known}.</source>
      <translation>没有名为 {setting} 的设置。可用的设置：{known}。</translation>
    </message>
    <message>
      <source>{setting} takes a whole number from {low} to {high}, not {got}.</source>
      <translation>{setting} 须为 {low} 到 {high} 之间的整数，不能是 {got}。</translation>
    </message>
    <message>
      <source>{setting} takes a number from {low} to {high}, such as 0.85, not {got}.</source>
      <translation>{setting} 须为 {low} 到 {high} 之间的数，例如 0.85，不能是 {got}。</translation>
    </message>
    <message>
      <source>{setting} must be from {low} to {high}; {got} is outside.</source>
      <translation>{setting} 须在 {low} 到 {high} 之间；{got} 超出了范围。</translation>
    </message>
    <message>
      <source>{setting} is on or off: write on or off, not {got}.</source>
      <translation>{setting} 只能是开或关（on / off），不能是 {got}。</translation>
    </message>
    <message>
      <source>{setting} takes one of {choices}, not {got}.</source>
      <translation>{setting} 只能取 {choices} 之一，不能是 {got}。</translation>
    </message>
    <message>
      <source>{setting} is {length} characters long; at most {limit} fit.</source>
      <translation>{setting} 有 {length} 个字符，最多 {limit} 个。</translation>
    </message>
    <message>
      <source>{setting} needs a full folder path (such as /home/shop/backups), not {got}.</source>
      <translation>{setting} 需要完整的文件夹路径（例如 /home/shop/backups），不能是 {got}。</translation>
    </message>
    <message>
      <source>{url} is not a web address a webhook can post to: it must start with http:// or https:// and name a host, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</source>
      <translation>{url} 不是 Webhook 可以推送的网址：必须以 http:// 或 https:// 开头并带有主机名，例如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</translation>
    </message>
    <message>
      <source>A Telegram hook needs the chat to write to: add ?chat_id=… to the bot's sendMessage URL, e.g. https://api.telegram.org/bot&lt;TOKEN&gt;/sendMessage?chat_id=123456.</source>
      <translation>Telegram Webhook 需要指定发送到哪个聊天：在机器人的 sendMessage 地址后加上 ?chat_id=…，例如 https://api.telegram.org/bot&lt;TOKEN&gt;/sendMessage?chat_id=123456。</translation>
    </message>
    <message>
      <source>Choose at least one event for the webhook (--events), from: {choices}.</source>
      <translation>请为 Webhook 至少选择一个事件（--events），可选：{choices}。</translation>
    </message>
    <message>
      <source>{event} is not a webhook event. Choose from: {choices}.</source>
      <translation>{event} 不是 Webhook 事件。可选：{choices}。</translation>
    </message>
    <message>
      <source>{kind} is not a webhook kind. Choose from: {choices}.</source>
      <translation>{kind} 不是 Webhook 类型。可选：{choices}。</translation>
    </message>
    <message>
      <source>No webhook {hook}. `shopdesk webhook list` shows the webhooks.</source>
      <translation>没有编号为 {hook} 的 Webhook。`shopdesk webhook list` 可查看所有 Webhook。</translation>
    </message>
    <message>
      <source>Statement format {format} is unknown; use one of {choices} (or leave --format out to detect it).</source>
      <translation>账单格式 {format} 不认识；请用 {choices} 之一（或不写 --format，自动识别）。</translation>
    </message>
    <message>
      <source>The statement file is empty. Download it again from the payment platform.</source>
      <translation>账单文件是空的，请从支付平台重新下载。</translation>
    </message>
    <message>
      <source>The statement file is larger than 200 MB; download a shorter period.</source>
      <translation>账单文件超过 200 MB，请缩短时间范围后重新下载。</translation>
    </message>
    <message>
      <source>The file holds NUL bytes: it is not a CSV statement (a spreadsheet, or UTF-16 text?). Download the statement as CSV, or save it as CSV (UTF-8).</source>
      <translation>文件里有 NUL 字节，不是 CSV 账单（可能是表格文件或 UTF-16 文本）。请下载 CSV 格式的账单，或另存为 CSV（UTF-8）。</translation>
    </message>
    <message>
      <source>This is not an Alipay 账务明细, a WeChat Pay bill, nor a CSV with the columns trade_no, amount, time, order. Check the file, or name its format with --format.</source>
      <translation>这不是支付宝账务明细、微信支付账单，也不是含 trade_no、amount、time、order 列的 CSV。请检查文件，或用 --format 指定格式。</translation>
    </message>
    <message>
      <source>Line {line} is not {encoding} text, and a {format} file is {encoding}: the file was saved in another encoding. Download it again from the payment platform, or save it as {encoding}.</source>
      <translation>第 {line} 行不是 {encoding} 文本，而 {format} 文件应为 {encoding} 编码：文件被另存成了其他编码。请从支付平台重新下载，或另存为 {encoding}。</translation>
    </message>
    <message>
      <source>Line {line}: the table has no column {column}. Download the full statement again (do not remove columns), or add the column.</source>
      <translation>第 {line} 行：表格缺少 {column} 列。请重新下载完整账单（不要删列），或补上这一列。</translation>
    </message>
    <message>
      <source>No line of the file names the column {column}: the table's header is missing. Download the statement again from the payment platform.</source>
      <translation>文件中没有任何一行包含 {column} 列：缺少表头。请从支付平台重新下载账单。</translation>
    </message>
    <message>
      <source>Line {line} ends before the column {column}: the row is cut short. Check that line in the file.</source>
      <translation>第 {line} 行在 {column} 列之前就结束了：这一行不完整，请检查文件中的这一行。</translation>
    </message>
    <message>
      <source>Line {line}: {got} in column {column} is not an amount in yuan (e.g. 9.80). Correct that line.</source>
      <translation>第 {line} 行：{column} 列的 {got} 不是以元为单位的金额（例如 9.80），请改正这一行。</translation>
    </message>
    <message>
      <source>Line {line}: {got} is not a time; write it as YYYY-MM-DD HH:MM:SS, e.g. 2026-12-01 09:30:00.</source>
      <translation>第 {line} 行：{got} 不是时间，请写成 YYYY-MM-DD HH:MM:SS，例如 2026-12-01 09:30:00。</translation>
    </message>
    <message>
      <source>Line {line}: the trade number ({column}) is empty. Correct that line or remove it.</source>
      <translation>第 {line} 行：交易号（{column}）为空，请改正或删除这一行。</translation>
    </message>
    <message>
      <source>Line {line}: the trade number ({column}) is longer than 100 characters or holds control characters. Correct that line.</source>
      <translation>第 {line} 行：交易号（{column}）超过 100 个字符或含有控制字符，请改正这一行。</translation>
    </message>
    <message>
      <source>Line {line}: trade number {trade} appears again (first on line {first}); a payment is listed once. Remove the repeated line, or download the statement again.</source>
      <translation>第 {line} 行：交易号 {trade} 重复出现（第一次在第 {first} 行）；每笔收款只应列一次。请删除重复的行，或重新下载账单。</translation>
    </message>
    <message>
      <source>{file} cannot be read: {why}.</source>
      <translation>无法读取 {file}：{why}。</translation>
    </message>
    <message>
      <source>A payment confirmed by hand came through a gateway: method {method} is not one; use one of {choices}.</source>
      <translation>手工补单的款项来自支付渠道：{method} 不是支付渠道，请用 {choices} 之一。</translation>
    </message>
    <message>
      <source>Give the amount the gateway received, more than 0.</source>
      <translation>请填写支付渠道实际收到的金额，须大于 0。</translation>
    </message>
    <message>
      <source>Action {action} is unknown; use one of {choices}.</source>
      <translation>操作 {action} 不认识，请用 {choices} 之一。</translation>
    </message>
    <message>
      <source>Say why the payment is dismissed (a note): it stays in the audit trail.</source>
      <translation>请写明忽略这笔收款的原因（备注），会记入审计记录。</translation>
    </message>
    <message>
      <source>Payment {trade} was already decided ({done}); nothing was changed.</source>
      <translation>收款 {trade} 已经处理过（{done}），未做任何更改。</translation>
    </message>
    <message>
      <source>Payment {trade} belongs to no order, so there is nothing to deliver: refund or dismiss it.</source>
      <translation>收款 {trade} 不属于任何订单，无法发货：请退款或忽略。</translation>
    </message>
    <message>
      <source>Order {number} is {status} now, not closed: look at the order, then refund or dismiss this payment.</source>
      <translation>订单 {number} 现在是 {status}，不是已关闭：请先查看订单，再对这笔收款退款或忽略。</translation>
    </message>
    <message>
      <source>Trade number {trade} paid order {order} after it was flagged: it is that order's payment now, so it cannot be refunded or dismissed here. Refund the order instead if the customer should get the money back.</source>
      <translation>交易号 {trade} 被标记后又支付了订单 {order}：它现在是该订单的付款，不能在这里退款或忽略。如需把钱退给客户，请对该订单退款。</translation>
    </message>
    <message>
      <source>There is no backup file {path}. `shopdesk backup list` shows the backups.</source>
      <translation>没有备份文件 {path}。`shopdesk backup list` 可列出所有备份。</translation>
    </message>
    <message>
      <source>{path} is not a ShopDesk backup: it is neither a SQLite database nor a pg_dump archive. Pick a file named like shopdesk-20261202-013000.sqlite3.</source>
      <translation>{path} 不是 ShopDesk 备份：它既不是 SQLite 数据库，也不是 pg_dump 归档。请选择形如 shopdesk-20261202-013000.sqlite3 的文件。</translation>
    </message>
    <message>
      <source>{path} is a database, but not a ShopDesk one (it has no ShopDesk schema revision). Pick a ShopDesk backup.</source>
      <translation>{path} 是数据库，但不是 ShopDesk 的（没有 ShopDesk 的结构版本）。请选择 ShopDesk 备份。</translation>
    </message>
    <message>
      <source>{path} is cut short: it has {size} bytes of the {expected} its header announces, so the copy is incomplete. Use another backup.</source>
      <translation>{path} 不完整：文件头声明 {expected} 字节，实际只有 {size} 字节。请改用另一份备份。</translation>
    </message>
    <message>
      <source>{path} is damaged and cannot be read ({why}). Use another backup.</source>
      <translation>{path} 已损坏，无法读取（{why}）。请改用另一份备份。</translation>
    </message>
    <message>
      <source>{path} was made by a newer ShopDesk (schema revision {revision}). Upgrade ShopDesk to use it; nothing was changed.</source>
      <translation>{path} 由更新版本的 ShopDesk 生成（结构版本 {revision}）。请先升级 ShopDesk 再使用；未做任何改动。</translation>
    </message>
    <message>
      <source>The disk holding the backup folder {folder} is full. The unfinished copy was removed and the older backups were kept; free some space or pick another folder.</source>
      <translation>备份文件夹 {folder} 所在的磁盘已满。未完成的副本已删除，旧备份都保留着；请腾出空间或换一个文件夹。</translation>
    </message>
    <message>
      <source>Cannot write a backup into {folder}: {why}. The unfinished copy was removed and the older backups were kept.</source>
      <translation>无法在 {folder} 中写入备份：{why}。未完成的副本已删除，旧备份都保留着。</translation>
    </message>
    <message>
      <source>The new backup did not verify ({problems}); it was removed and the older backups were kept. Run `shopdesk doctor` on the shop.</source>
      <translation>新备份未通过校验（{problems}）；已将其删除，旧备份都保留着。请对店铺运行 `shopdesk doctor`。</translation>
    </message>
    <message>
      <source>The backup {path} was made, but doctor finds problems in the shop itself ({problems}): the copy is kept and not counted as a good backup. Run `shopdesk doctor` and repair the shop.</source>
      <translation>备份 {path} 已生成，但体检发现店铺本身有问题（{problems}）：这份副本会保留，但不算作可靠备份。请运行 `shopdesk doctor` 并修复店铺。</translation>
    </message>
    <message>
      <source>The backup passphrase is empty: give one, or leave it out and keep vault.key apart from the backups.</source>
      <translation>备份口令为空：请填写口令，或者不用口令，把 vault.key 与备份分开保存。</translation>
    </message>
    <message>
      <source>{path} holds the vault key sealed under a backup passphrase: give it (--passphrase-file FILE or SHOPDESK_BACKUP_PASSPHRASE).</source>
      <translation>{path} 中的密钥用备份口令加密封存：请提供口令（--passphrase-file 文件 或 SHOPDESK_BACKUP_PASSPHRASE）。</translation>
    </message>
    <message>
      <source>The backup passphrase does not open the vault key sealed in {path}. Nothing was changed.</source>
      <translation>备份口令打不开 {path} 中封存的密钥。未做任何改动。</translation>
    </message>
    <message>
      <source>The shop in {folder} is open in another ShopDesk (the window or serve-api). Close it, then restore; nothing was changed.</source>
      <translation>{folder} 中的店铺正被另一个 ShopDesk（窗口或 serve-api）打开。请先关闭它再恢复；未做任何改动。</translation>
    </message>
    <message>
      <source>Restoring puts {path} in place of the shop's database {db} (the current one is kept aside). Run again with --yes to go ahead.</source>
      <translation>恢复会用 {path} 替换店铺数据库 {db}（当前数据库会另存）。确认请加 --yes 再运行一次。</translation>
    </message>
    <message>
      <source>{path} did not verify ({problems}), so it was not restored. Nothing was changed; use another backup.</source>
      <translation>{path} 未通过校验（{problems}），因此没有恢复。未做任何改动；请改用另一份备份。</translation>
    </message>
    <message>
      <source>The data folder already holds another vault.key (key {found}; the backup's is {key_id}). Run again with --yes to keep the present one aside and restore the backup's.</source>
      <translation>数据文件夹里已有另一个 vault.key（密钥 {found}；备份中的是 {key_id}）。加 --yes 再运行一次，会把现有的另存，并恢复备份中的密钥。</translation>
    </message>
    <message>
      <source>The server database {db} already holds a shop. Restoring into PostgreSQL needs an empty database: drop and create it (dropdb, createdb), then restore. Nothing was changed.</source>
      <translation>服务器数据库 {db} 里已有店铺数据。恢复到 PostgreSQL 需要一个空数据库：请先删除并重建（dropdb、createdb），再恢复。未做任何改动。</translation>
    </message>
    <message>
      <source>{path} is a pg_dump archive: reading it needs {tool}, which is not on PATH. Install the PostgreSQL client tools.</source>
      <translation>{path} 是 pg_dump 归档：读取它需要 {tool}，但 PATH 中找不到。请安装 PostgreSQL 客户端工具。</translation>
    </message>
    <message>
      <source>{path} is a pg_dump archive of a PostgreSQL shop; it restores into an empty PostgreSQL database only (--db postgresql://...).</source>
      <translation>{path} 是 PostgreSQL 店铺的 pg_dump 归档，只能恢复到空的 PostgreSQL 数据库（--db postgresql://...）。</translation>
    </message>
    <message>
      <source>The restore did not finish ({why}). The database kept aside is {kept}: move it back to {db} to return to where you were.</source>
      <translation>恢复没有完成（{why}）。另存的数据库是 {kept}：把它移回 {db} 即可回到恢复之前的状态。</translation>
    </message>
    <message>
      <source>A backup is being restored into the shop in {folder} right now: start ShopDesk again when the restore has finished.</source>
      <translation>{folder} 中的店铺正在从备份恢复：请等恢复完成后再启动 ShopDesk。</translation>
    </message>
    <message>
      <source>There are no words to read: give the customer's message (or a reason code).</source>
      <translation>没有可读的文字：请填写客户的留言（或原因代码）。</translation>
    </message>
    <message>
      <source>The reason model knows none of the active reasons: run `shopdesk ai retrain`, or pick the reason by hand.</source>
      <translation>原因模型不认识任何启用中的原因：请运行 `shopdesk ai retrain`，或手动选择原因。</translation>
    </message>
    <message>
      <source>Training needs messages for at least two active reasons; the corpus and the confirmed cases have fewer.</source>
      <translation>训练至少需要两个启用原因的留言；语料和已确认的工单不足。</translation>
    </message>
    <message>
      <source>{reason} is not one of the model's suggestions for case {case}: pick one of them, or correct the reason instead.</source>
      <translation>{reason} 不是模型对工单 {case} 的建议之一：请从建议中选择，或改为更正原因。</translation>
    </message>
    <message>
      <source>The reason taxonomy has no placeholder reason 'unclassified' (the database predates the AI track): run `shopdesk db upgrade`.</source>
      <translation>原因分类中没有占位原因 'unclassified'（数据库早于智能分类功能）：请运行 `shopdesk db upgrade`。</translation>
    </message>
    <message>
      <source>Give reason_code, or the customer's own words in note: the AI track reads them into a reason.</source>
      <translation>请提供 reason_code，或在 note 中填写客户原话：智能分类会据此判断原因。</translation>
    </message>
    <message>
      <source>{reason} is the reason a case holds until a person reads the customer's words; it cannot be edited. Pick another code.</source>
      <translation>{reason} 是工单在有人阅读客户留言之前使用的占位原因，不能编辑。请换一个代码。</translation>
    </message>
  </context>
</TS>
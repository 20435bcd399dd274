<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AfterSalesPage</name>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="69" />
      <source>All open</source>
      <translation>全部待处理</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="70" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="71" />
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="72" />
      <source>Breached</source>
      <translation>已超时</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="73" />
      <source>Everything</source>
      <translation>全部（含已解决）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="83" />
      <source>Every class</source>
      <translation>全部责任方</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="88" />
      <location filename="../../ui/pages/aftersales.py" line="194" />
      <source>Every reason</source>
      <translation>全部原因</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="91" />
      <source>Open a case…</source>
      <translation>新建工单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="93" />
      <source>Desk settings…</source>
      <translation>工作台设置…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="167" />
      <source>No open after-sales cases. Cancellation requests will queue here.</source>
      <translation>暂无待处理的售后工单。取消申请会排在这里。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="169" />
      <source>No case matches this filter.</source>
      <translation>没有符合筛选条件的工单。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/aftersales.py" line="174" />
      <source>%n case(s)</source>
      <translation><numerusform>%n 个工单</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/aftersales.py" line="175" />
      <source>%n breached</source>
      <translation><numerusform>%n 个超时</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="258" />
      <source>The rule track settled this case as it opened.</source>
      <translation>工单创建时已由规则自动处理。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/aftersales.py" line="97" />
      <source>After-sales desk</source>
      <translation>售后工作台</translation>
    </message>
  </context>
  <context>
    <name>BoardFilterBar</name>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="30" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="34" />
      <location filename="../../ui/widgets/board_filters.py" line="93" />
      <source>All products</source>
      <translation>全部商品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="38" />
      <source>All sources</source>
      <translation>全部来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="44" />
      <source>Any time</source>
      <translation>全部时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="44" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="44" />
      <source>Last 7 days</source>
      <translation>近 7 天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="44" />
      <source>Last 30 days</source>
      <translation>近 30 天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="44" />
      <source>Dates…</source>
      <translation>指定日期…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="55" />
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/board_filters.py" line="57" />
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
    <name>CaseView</name>
    <message>
      <location filename="../../ui/desk/case_view.py" line="62" />
      <source>Take</source>
      <translation>接单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="62" />
      <source>Take the case (T)</source>
      <translation>接手此工单（T）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="63" />
      <source>Assign…</source>
      <translation>指派…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="64" />
      <source>Waiting for customer</source>
      <translation>等待客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="65" />
      <source>Resume</source>
      <translation>继续处理</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="66" />
      <source>Note…</source>
      <translation>备注…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="66" />
      <source>Add a note (N)</source>
      <translation>添加备注（N）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="67" />
      <source>Correct reason…</source>
      <translation>更正原因…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="68" />
      <source>Resolve…</source>
      <translation>处理结案…</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="68" />
      <source>Resolve the case (R)</source>
      <translation>处理结案（R）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="69" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="70" />
      <source>Reopen</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="71" />
      <source>Re-order</source>
      <translation>重新下单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="72" />
      <source>Create the same order again for the customer</source>
      <translation>为客户按原样重新下一单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="87" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="88" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="89" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="90" />
      <source>Offers</source>
      <translation>挽留方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="91" />
      <source>Replies</source>
      <translation>话术</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="106" />
      <source>Pick a case in the queue (Enter opens it).</source>
      <translation>在队列中选择一个工单（回车打开）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="145" />
      <source>Priority: %1</source>
      <translation>优先级：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="146" />
      <source>Handled by %1</source>
      <translation>处理人：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="146" />
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="149" />
      <source>Rejected: %1</source>
      <translation>已驳回：%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="207" />
      <source>This case was changed by someone else in the meantime (now: %1). Nothing was written; the case is reloaded — check it and try again.</source>
      <translation>此工单刚刚已被其他人修改（现在：%1）。本次操作没有写入任何内容；工单已重新加载，请核对后再试。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="273" />
      <source>Assign the case</source>
      <translation>指派工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="273" />
      <source>Staff member</source>
      <translation>客服人员</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="287" />
      <source>Add a note</source>
      <translation>添加备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="287" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/case_view.py" line="323" />
      <source>Re-order %1 created (¥%2); it waits for the customer's payment.</source>
      <translation>已重新下单 %1（¥%2），等待客户付款。</translation>
    </message>
  </context>
  <context>
    <name>CasesModel</name>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="29" />
      <source>Case</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="37" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="38" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="39" />
      <source>Class / reason</source>
      <translation>责任方 / 原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="40" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="41" />
      <source>Assignee</source>
      <translation>处理人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/queue_model.py" line="31" />
      <source>Countdown</source>
      <translation>倒计时</translation>
    </message>
  </context>
  <context>
    <name>CrashReporter</name>
    <message>
      <location filename="../../ui/crash.py" line="81" />
      <source>ShopDesk ran into a problem</source>
      <translation>ShopDesk 出现了问题</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="83" />
      <source>Something went wrong inside ShopDesk; what you were doing may not have finished. Nothing that was saved is lost. The details are in the log file:
%1

Please send that file to whoever looks after your ShopDesk.</source>
      <translation>ShopDesk 内部出错，刚才的操作可能没有完成。已保存的内容不会丢失。详细信息在日志文件中：
%1

请把该文件发给负责维护 ShopDesk 的人员。</translation>
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
      <location filename="../../ui/desk/panels.py" line="122" />
      <source>Computed</source>
      <translation>自动评估</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="126" />
      <source>Why the level is set by hand</source>
      <translation>手动设定等级的原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="127" />
      <source>Set level</source>
      <translation>设定等级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="130" />
      <source>Owner override:</source>
      <translation>店主手动设定：</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="144" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="145" />
      <source>Credit</source>
      <translation>信用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="146" />
      <source>set by hand</source>
      <translation>手动设定</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="147" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="148" />
      <source>Recent orders</source>
      <translation>最近订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="149" />
      <source>Past cases</source>
      <translation>历史工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="152" />
      <source>Cancellations: %1 in 30 days, %2 in 90 days; %3 likely mistakes, %4 after delivery.</source>
      <translation>取消记录：30 天内 %1 次，90 天内 %2 次；其中 %3 次疑似误操作，%4 次发货后取消。</translation>
    </message>
  </context>
  <context>
    <name>CustomersPage</name>
    <message>
      <location filename="../../ui/pages/customers.py" line="20" />
      <source>ID</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="21" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="22" />
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="23" />
      <source>Wallet</source>
      <translation>钱包余额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="24" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="30" />
      <source>Search name or contact</source>
      <translation>搜索姓名或联系方式</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="33" />
      <source>New customer…</source>
      <translation>新建客户…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="34" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="35" />
      <source>Top up…</source>
      <translation>充值…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/customers.py" line="27" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
  </context>
  <context>
    <name>DeskSettingsDialog</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="49" />
      <source>Desk settings</source>
      <translation>工作台设置</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="55" />
      <source>SOP policies</source>
      <translation>SOP 时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="56" />
      <source>Reasons</source>
      <translation>原因分类</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="57" />
      <source>Rules</source>
      <translation>规则</translation>
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
      <location filename="../../ui/widgets/flagged_payments.py" line="48" />
      <source>Refunded at the gateway…</source>
      <translation>已在支付平台退款…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="50" />
      <source>Record that this money was given back at the payment gateway; it leaves the queue, audited.</source>
      <translation>记录这笔钱已在支付平台退回：它离开待退款列表，并记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="57" />
      <source>Money the gateway took for an order that could not keep it (closed, or paid twice). Refund it at the gateway, then mark it here.</source>
      <translation>支付平台收了钱、订单却不能接收的款项（订单已关闭，或重复付款）。请在支付平台退款，然后在这里标记。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/flagged_payments.py" line="74" />
      <source>%n flagged, total ¥%1</source>
      <translation><numerusform>待退款 %n 笔，合计 ¥%1</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="88" />
      <source>Pick a flagged payment first.</source>
      <translation>请先选择一笔待退款的付款。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="91" />
      <source>Refund of ¥%1 (trade %2) made at the gateway? Add a note (the refund's reference):</source>
      <translation>已在支付平台退款 ¥%1（交易号 %2）？请填写备注（退款流水号）：</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="94" />
      <source>Refunded at the gateway</source>
      <translation>已在支付平台退款</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/flagged_payments.py" line="102" />
      <source>Trade %1 marked refunded.</source>
      <translation>交易 %1 已标记为已退款。</translation>
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
      <location filename="../../ui/dialogs/import_keys.py" line="150" />
      <source>Line</source>
      <translation>行号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="150" />
      <source>Why it was rejected</source>
      <translation>拒绝原因</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="158" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="160" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="163" />
      <source>Cancel import</source>
      <translation>取消导入</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="204" />
      <source>Choose the key file</source>
      <translation>选择卡密文件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="204" />
      <source>Key files (*.txt *.csv);;All files (*)</source>
      <translation>卡密文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="221" />
      <source>Unit cost</source>
      <translation>进价</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="234" />
      <source>Choose a file, or paste the keys.</source>
      <translation>请选择文件，或粘贴卡密。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="256" />
      <source>comma</source>
      <translation>逗号</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="256" />
      <source>tab</source>
      <translation>制表符</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="256" />
      <source>space</source>
      <translation>空格</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="260" />
      <source>&lt;b&gt;%1&lt;/b&gt; key(s) to import</source>
      <translation>将导入 &lt;b&gt;%1&lt;/b&gt; 张卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="261" />
      <source>%1 repeated in the file</source>
      <translation>文件内重复 %1 张</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="262" />
      <source>%1 already in the shop</source>
      <translation>库中已存在 %1 张</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="263" />
      <source>%1 rejected</source>
      <translation>拒绝 %1 行</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="265" />
      <source>Read as %1</source>
      <translation>按 %1 读取</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="267" />
      <source>card number and secret separated by %1</source>
      <translation>卡号与卡密以 %1 分隔</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="269" />
      <source>one secret per line</source>
      <translation>每行一个卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="271" />
      <source>header line skipped</source>
      <translation>已跳过表头行</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="275" />
      <source>%1 secret(s) contained full-width or invisible characters and were normalised (lines %2).</source>
      <translation>%1 个卡密含全角或不可见字符，已规范化（第 %2 行）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="318" />
      <source>Import cancelled. Nothing was written.</source>
      <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="322" />
      <source>Imported %1 key(s) as batch #%2.</source>
      <translation>已导入 %1 张卡密，批次 #%2。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_keys.py" line="326" />
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
      <location filename="../../ui/pages/inventory.py" line="234" />
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
      <location filename="../../ui/pages/inventory.py" line="145" />
      <source>Void…</source>
      <translation>作废…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="147" />
      <source>Undo void</source>
      <translation>撤销作废</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="149" />
      <source>Import keys…</source>
      <translation>导入卡密…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="151" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="157" />
      <source>Inventory</source>
      <translation>库存</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="248" />
      <source>%n product(s) with keys expiring soon</source>
      <translation><numerusform>%n 个商品有卡密即将过期</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="250" />
      <source>%n damaged key(s) taken out of sale</source>
      <translation><numerusform>%n 张损坏的卡密已下架</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="256" />
      <source>%n key(s)</source>
      <translation><numerusform>共 %n 张卡密</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="312" />
      <source>Void keys</source>
      <translation>作废卡密</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="312" />
      <source>Why are these %n key(s) voided?</source>
      <translation><numerusform>作废这 %n 张卡密的原因？</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="327" />
      <source>%n key(s) changed.</source>
      <translation><numerusform>已更新 %n 张卡密。</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="331" />
      <source>Export keys</source>
      <translation>导出卡密</translation>
    </message>
    <message>
      <location filename="../../ui/pages/inventory.py" line="331" />
      <source>CSV (*.csv);;Text (*.txt)</source>
      <translation>CSV (*.csv);;文本 (*.txt)</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="349" />
      <source>Exported %n key(s); the export is in the audit trail.</source>
      <translation><numerusform>已导出 %n 张卡密，导出操作已记入审计日志。</numerusform></translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/inventory.py" line="246" />
      <source>%n product(s) low on stock</source>
      <translation><numerusform>%n 个商品库存不足</numerusform></translation>
    </message>
  </context>
  <context>
    <name>KeyDetailDialog</name>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="32" />
      <source>Key #%1</source>
      <translation>卡密 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="37" />
      <source>Reveal secret</source>
      <translation>查看卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="38" />
      <source>Shows the secret; the reveal is recorded in the audit trail.</source>
      <translation>显示卡密明文；查看操作会记入审计日志。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="40" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="44" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="44" />
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="44" />
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="44" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="68" />
      <source>batch #%1</source>
      <translation>批次 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/key_detail.py" line="77" />
      <source>order %1</source>
      <translation>订单 %1</translation>
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
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="58" />
      <source>ShopDesk</source>
      <translation>ShopDesk 店铺管家</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="68" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="69" />
      <source>Inventory</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="70" />
      <source>After-sales</source>
      <translation>售后</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="71" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="72" />
      <source>Products</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="98" />
      <source>&amp;Demo</source>
      <translation>演示(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="99" />
      <source>Simulate a storefront for a minute</source>
      <translation>模拟店铺前台下单一分钟</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="102" />
      <source>Opening the shop…</source>
      <translation>正在打开店铺…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="127" />
      <source>Files readable by others</source>
      <translation>文件可被他人读取</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="129" />
      <source>SQLite</source>
      <translation>SQLite 本地</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="129" />
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="130" />
      <source>Database: %1 (%2)</source>
      <translation>数据库：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="132" />
      <source>First start: creating a demo shop…</source>
      <translation>首次启动：正在创建演示店铺…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="141" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="153" />
      <source>Storefront API off: port %1 is busy</source>
      <translation>店铺接口未启动：端口 %1 已被占用</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="156" />
      <source>Storefront API: 127.0.0.1:%1</source>
      <translation>店铺接口：127.0.0.1:%1</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="168" />
      <source>No product has keys in stock to sell.</source>
      <translation>没有有库存可卖的商品。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="171" />
      <source>Simulating a storefront for 60 seconds…</source>
      <translation>正在模拟店铺前台下单 60 秒…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="177" />
      <source>Simulation done: %1 orders, %2 payments.</source>
      <translation>模拟完成：%1 个订单，%2 笔付款。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="225" />
      <source>%1 is low: %2 key(s) left (alert below %3).</source>
      <translation>%1 库存不足：剩余 %2 张（低于 %3 时提醒）。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="229" />
      <source>%1: %2 key(s) with a damaged secret were taken out of sale; check the batch.</source>
      <translation>%1：%2 张卡密损坏，已下架；请检查该批次。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="232" />
      <source>%1: %2 key(s) expire within 7 days.</source>
      <translation>%1：%2 张卡密将在 7 天内过期。</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="234" />
      <source>Stock alert</source>
      <translation>库存提醒</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="242" />
      <source>After-sales SOP breached</source>
      <translation>售后 SOP 超时</translation>
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
      <location filename="../../ui/desk/panels.py" line="234" />
      <location filename="../../ui/desk/panels.py" line="242" />
      <source>Offer</source>
      <translation>方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="234" />
      <location filename="../../ui/desk/panels.py" line="242" />
      <location filename="../../ui/desk/panels.py" line="323" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="234" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="238" />
      <source>Make offer</source>
      <translation>提出方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="242" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="242" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="242" />
      <source>Answer</source>
      <translation>客户答复</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="244" />
      <source>Customer accepted</source>
      <translation>客户接受</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="246" />
      <source>Customer declined</source>
      <translation>客户拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="250" />
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="259" />
      <source>Suggested for this reason</source>
      <translation>此原因的推荐方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="263" />
      <source>Offers made</source>
      <translation>已提出的方案</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="274" />
      <source>No retention offer for this reason.</source>
      <translation>此原因没有挽留方案。</translation>
    </message>
  </context>
  <context>
    <name>OpenCaseDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="113" />
      <source>Open a case</source>
      <translation>新建工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="116" />
      <source>Order number, e.g. SD20260101000042</source>
      <translation>订单号，例如 SD20260101000042</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="123" />
      <source>What the customer said</source>
      <translation>客户的原话</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="124" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="125" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="126" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="127" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../ui/ops.py" line="91" />
      <source>Cannot do that</source>
      <translation>无法执行该操作</translation>
    </message>
  </context>
  <context>
    <name>OrderDetail</name>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="71" />
      <source>Select an order to see its lines, payments, keys and timeline.</source>
      <translation>选择一个订单，查看商品明细、支付记录、卡密和时间线。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="79" />
      <source>Delivered keys</source>
      <translation>已发卡密</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="80" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="80" />
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="80" />
      <source>Secret</source>
      <translation>卡密</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="83" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="83" />
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="83" />
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="83" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="101" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="141" />
      <source>refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="141" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="141" />
      <source>Payments</source>
      <translation>支付记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="147" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="148" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="149" />
      <source>Payment</source>
      <translation>支付</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="151" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="156" />
      <source>Created at</source>
      <translation>下单时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="158" />
      <source>Paid at</source>
      <translation>付款时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="160" />
      <source>Delivered at</source>
      <translation>发货时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="171" />
      <source>delivered %1/%2</source>
      <translation>已发 %1/%2</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="202" />
      <source>Reveal</source>
      <translation>查看</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/order_detail.py" line="203" />
      <source>Shows the secret; the reveal is recorded in the audit trail.</source>
      <translation>显示卡密明文；查看操作会记入审计日志。</translation>
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
      <location filename="../../ui/desk/panels.py" line="73" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="74" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="75" />
      <source>Paid</source>
      <translation>已付款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="76" />
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="77" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="78" />
      <source>delivered</source>
      <translation>已发</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="79" />
      <source>Delivered keys</source>
      <translation>已发卡密</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="80" />
      <source>Payments</source>
      <translation>支付记录</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="81" />
      <source>No key is delivered on this order now.</source>
      <translation>此订单目前没有已发出的卡密。</translation>
    </message>
  </context>
  <context>
    <name>OrdersPage</name>
    <message>
      <location filename="../../ui/pages/orders.py" line="85" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="86" />
      <source>Paid at</source>
      <translation>付款时间</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="88" />
      <source>Waiting</source>
      <translation>已等待</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/orders.py" line="89" />
      <source>%n min</source>
      <translation><numerusform>%n 分钟</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="95" />
      <source>Trade number</source>
      <translation>交易号</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="105" />
      <source>Refund to wallet…</source>
      <translation>退款到钱包…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="106" />
      <source>Credit the customer's wallet at once and cancel the order.</source>
      <translation>立即退回客户钱包并取消订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="108" />
      <source>Refund externally…</source>
      <translation>外部退款…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="110" />
      <source>Record a refund made at the payment gateway and cancel the order.</source>
      <translation>登记在支付网关完成的退款并取消订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="118" />
      <source>New order…</source>
      <translation>新建订单…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="130" />
      <source>Paid orders that got no key yet, oldest first: new stock fills them in this order.</source>
      <translation>已付款但还没拿到卡密的订单，最早的在前：新到的库存按此顺序补发。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="142" />
      <source>All orders</source>
      <translation>全部订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="149" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="202" />
      <source>Flagged for refund (%1)</source>
      <translation>待退款（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="217" />
      <source>counting…</source>
      <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/pages/orders.py" line="219" />
      <source>%n order(s)</source>
      <translation><numerusform>%n 个订单</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="239" />
      <source>%1 · %2 · ¥%3</source>
      <translation>%1 · %2 · ¥%3</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="240" />
      <source>New paid order</source>
      <translation>新的已付款订单</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="248" />
      <source>%1 (%2) has waited %3 minutes for keys: add stock or refund it.</source>
      <translation>%1（%2）已等待卡密 %3 分钟：请补货或退款。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="250" />
      <source>Order waiting for keys</source>
      <translation>订单等待补货</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="270" />
      <source>Paid, waiting for keys (%1)</source>
      <translation>已付款，等待补货（%1）</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="280" />
      <source>Pick an order in the queue first.</source>
      <translation>请先在队列中选择一个订单。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="283" />
      <source>Refund ¥%1 to %2's wallet and cancel order %3?</source>
      <translation>将 ¥%1 退回 %2 的钱包，并取消订单 %3？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="285" />
      <source>Record that ¥%1 was refunded to %2 at the gateway, and cancel order %3?</source>
      <translation>登记已在支付网关向 %2 退款 ¥%1，并取消订单 %3？</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="288" />
      <source>Refund order</source>
      <translation>订单退款</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="293" />
      <source>Order %1 refunded and cancelled.</source>
      <translation>订单 %1 已退款并取消。</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="92" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="94" />
      <source>Total</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/pages/orders.py" line="93" />
      <source>Items</source>
      <translation>商品明细</translation>
    </message>
  </context>
  <context>
    <name>PoliciesTab</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="78" />
      <source>Class</source>
      <translation>责任方</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="79" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="80" />
      <source>First response (min)</source>
      <translation>首次响应（分钟）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="81" />
      <source>Resolution (min)</source>
      <translation>处理时限（分钟）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="82" />
      <source>Clock pauses</source>
      <translation>计时暂停</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="83" />
      <location filename="../../ui/desk/settings.py" line="121" />
      <source>Escalation</source>
      <translation>升级</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="84" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="91" />
      <source>Changes apply to new cases only: a saved policy is a new version, and cases already open keep the deadlines and escalation they started with.</source>
      <translation>修改只对新工单生效：保存会生成新版本，已打开的工单仍按创建时的时限和升级规则执行。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="100" />
      <location filename="../../ui/desk/settings.py" line="103" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="104" />
      <source>Pause the resolution clock while waiting for the customer</source>
      <translation>等待客户时暂停处理计时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="108" />
      <source>At the breach</source>
      <translation>超时时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="108" />
      <source>At twice the target</source>
      <translation>超过时限两倍时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="112" />
      <source>Save as new version</source>
      <translation>保存为新版本</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="118" />
      <source>First response within</source>
      <translation>首次响应时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="119" />
      <source>Resolution within</source>
      <translation>处理时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="142" />
      <source>while waiting for the customer</source>
      <translation>等待客户时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="142" />
      <source>never</source>
      <translation>从不</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="156" />
      <source>breach</source>
      <translation>超时</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="156" />
      <source>2× target</source>
      <translation>两倍时限</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="199" />
      <source>Saved %1 / %2 as version v%3. It applies to cases opened from now on; open cases keep theirs.</source>
      <translation>已保存 %1 / %2 为版本 v%3。从现在起新建的工单按此执行；已打开的工单保持原时限。</translation>
    </message>
  </context>
  <context>
    <name>ProductDialog</name>
    <message>
      <location filename="../../ui/dialogs/product.py" line="20" />
      <source>New product</source>
      <translation>新建商品</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="20" />
      <source>Edit product</source>
      <translation>编辑商品</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="23" />
      <source>e.g. QQB-100</source>
      <translation>例如 QQB-100</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="40" />
      <source>On sale</source>
      <translation>在售</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="43" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="44" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="45" />
      <source>Category</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="46" />
      <source>Delivery kind</source>
      <translation>发货类型</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="47" />
      <source>Price (yuan)</source>
      <translation>售价（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="48" />
      <source>Face value (yuan)</source>
      <translation>面值（元）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="49" />
      <source>On cancellation, keys go</source>
      <translation>取消订单时卡密</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="50" />
      <source>Low-stock alert below</source>
      <translation>库存低于此数时提醒</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="71" />
      <source>Price</source>
      <translation>售价</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/product.py" line="72" />
      <source>Face value</source>
      <translation>面值</translation>
    </message>
  </context>
  <context>
    <name>ProductsPage</name>
    <message>
      <location filename="../../ui/pages/products.py" line="24" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="25" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="26" />
      <source>Category</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="27" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="28" />
      <source>Price</source>
      <translation>售价</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="29" />
      <source>Face value</source>
      <translation>面值</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="31" />
      <source>Available</source>
      <translation>可售</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="36" />
      <source>On sale</source>
      <translation>在售</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="36" />
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="36" />
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="42" />
      <source>New product…</source>
      <translation>新建商品…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="43" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../ui/pages/products.py" line="39" />
      <source>Products</source>
      <translation>商品</translation>
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="95" />
      <source>Correct the reason</source>
      <translation>更正原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="100" />
      <source>Why the reason changes (kept in the timeline)</source>
      <translation>更正原因的说明（记入时间线）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="101" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="102" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>ReasonsTab</name>
    <message>
      <location filename="../../ui/desk/settings.py" line="215" />
      <location filename="../../ui/desk/settings.py" line="237" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="215" />
      <location filename="../../ui/desk/settings.py" line="238" />
      <source>Class</source>
      <translation>责任方</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="215" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="215" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="215" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="227" />
      <source>Active (offered when opening or correcting a case)</source>
      <translation>启用（新建或更正工单时可选）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="230" />
      <source>New reason</source>
      <translation>新建原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="232" />
      <source>Save reason</source>
      <translation>保存原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="239" />
      <source>English label</source>
      <translation>英文名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="240" />
      <source>Chinese label</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="262" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="262" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/desk/settings.py" line="307" />
      <source>Saved reason %1.</source>
      <translation>已保存原因 %1。</translation>
    </message>
  </context>
  <context>
    <name>RepliesPanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="353" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="390" />
      <source>Copied to the clipboard.</source>
      <translation>已复制到剪贴板。</translation>
    </message>
  </context>
  <context>
    <name>ResolveDialog</name>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="147" />
      <source>Resolve case #%1</source>
      <translation>处理工单 #%1</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="160" />
      <source>Before cancelling, try to keep the customer: %1 (Offers tab).</source>
      <translation>取消之前，先尝试挽留客户：%1（见“挽留方案”页）。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="167" />
      <source>Refund only part</source>
      <translation>只退部分金额</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="175" />
      <source>In words the customer can be told</source>
      <translation>可以直接告诉客户的说明</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="178" />
      <source>Paid ¥%1, refunded so far ¥%2: up to ¥%3 can go back.</source>
      <translation>已付 ¥%1，已退 ¥%2：最多还可退 ¥%3。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="183" />
      <source>Outcome</source>
      <translation>处理结果</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="186" />
      <source>Refund to</source>
      <translation>退款到</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="188" />
      <source>Compensation (yuan)</source>
      <translation>补偿（元）</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="190" />
      <source>Why rejected</source>
      <translation>驳回原因</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="191" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="195" />
      <source>Compensation is for merchant or system fault.</source>
      <translation>只有商家或系统责任才给补偿。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="213" />
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <location filename="../../ui/desk/dialogs.py" line="216" />
      <source>Compensation</source>
      <translation>补偿</translation>
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
      <location filename="../../ui/desk/rules_editor.py" line="74" />
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
      <location filename="../../ui/desk/rules_editor.py" line="49" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="55" />
      <source>Conditions (all must hold): %1 take a list of values; %2 take true or false.</source>
      <translation>条件（须全部满足）：%1 填写取值列表；%2 填写 true 或 false。</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="63" />
      <source>New rule</source>
      <translation>新建规则</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="65" />
      <source>Test on past cases</source>
      <translation>用历史工单试运行</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="67" />
      <source>Save rule</source>
      <translation>保存规则</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="71" />
      <source>Case</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="71" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="79" />
      <source>Order / action</source>
      <translation>顺序 / 动作</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="80" />
      <source>Conditions</source>
      <translation>条件</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="112" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="112" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="151" />
      <source>Not valid JSON at line %1, column %2: %3</source>
      <translation>JSON 格式错误（第 %1 行第 %2 列）：%3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/desk/rules_editor.py" line="180" />
      <source>%n past case(s) match these conditions.</source>
      <translation><numerusform>有 %n 个历史工单符合这些条件。</numerusform></translation>
    </message>
    <message>
      <location filename="../../ui/desk/rules_editor.py" line="202" />
      <source>Saved rule “%1”.</source>
      <translation>已保存规则“%1”。</translation>
    </message>
  </context>
  <context>
    <name>TimelinePanel</name>
    <message>
      <location filename="../../ui/desk/panels.py" line="205" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="205" />
      <source>Event</source>
      <translation>事件</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="205" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../ui/desk/panels.py" line="205" />
      <source>Details</source>
      <translation>详情</translation>
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
    <name>window</name>
    <message>
      <location filename="../../ui/main.py" line="48" />
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
      <source>Flagged payment refunded</source>
      <translation>待退款付款已退款</translation>
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
  </context>
  <context>
    <name>DeskLabels</name>
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
  </context>
</TS>
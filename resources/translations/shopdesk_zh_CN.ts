<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AfterSalesPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="25" />
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="26" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="27" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="28" />
        <source>Responsibility</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="29" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="30" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="31" />
        <source>First response due</source>
        <translation>首次响应截止</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="32" />
        <source>Resolution due</source>
        <translation>解决截止</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="39" />
        <source>No open after-sales cases. Cancellation requests will queue here.</source>
        <translation>暂无待处理的售后工单。取消申请会排在这里。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/aftersales.py" line="45" />
        <source>After-sales desk</source>
        <translation>售后工作台</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="24" />
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="24" />
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="28" />
        <source>WeChat, QQ, phone or e-mail</source>
        <translation>微信、QQ、手机或邮箱</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="33" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="34" />
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="35" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="22" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="23" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="24" />
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="25" />
        <source>Wallet</source>
        <translation>钱包余额</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="26" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="35" />
        <source>Search name or contact</source>
        <translation>搜索姓名或联系方式</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="38" />
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="40" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="42" />
        <source>Top up…</source>
        <translation>充值…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/customers.py" line="46" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>ImportKeysDialog</name>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="66" />
        <source>Import keys</source>
        <translation>导入卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="73" />
        <source>A .txt or .csv file from the supplier</source>
        <translation>供应商提供的 .txt 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="74" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="81" />
        <source>One key per line, or card number and secret separated by a space, tab, comma, |, ---- or :</source>
        <translation>每行一个卡密，或卡号与卡密之间用空格、制表符、逗号、|、---- 或 : 分隔</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="84" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="85" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="93" />
        <source>Keys expire after</source>
        <translation>卡密有效期至</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="103" />
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="110" />
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="121" />
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="104" />
        <source>One secret per line</source>
        <translation>每行一个卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="105" />
        <source>Card number + secret</source>
        <translation>卡号 + 卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="111" />
        <source>Comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="112" />
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="113" />
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="131" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="132" />
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="133" />
        <source>Unit cost (yuan)</source>
        <translation>进价（元）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="134" />
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="135" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="137" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="139" />
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="141" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="149" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="149" />
        <source>Why it was rejected</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="157" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="159" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="162" />
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="202" />
        <source>Choose the key file</source>
        <translation>选择卡密文件</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="202" />
        <source>Key files (*.txt *.csv);;All files (*)</source>
        <translation>卡密文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="219" />
        <source>Unit cost</source>
        <translation>进价</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="232" />
        <source>Choose a file, or paste the keys.</source>
        <translation>请选择文件，或粘贴卡密。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="252" />
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="252" />
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="252" />
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="256" />
        <source>&lt;b&gt;%1&lt;/b&gt; key(s) to import</source>
        <translation>将导入 &lt;b&gt;%1&lt;/b&gt; 张卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="257" />
        <source>%1 repeated in the file</source>
        <translation>文件内重复 %1 张</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="258" />
        <source>%1 already in the shop</source>
        <translation>库中已存在 %1 张</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="259" />
        <source>%1 rejected</source>
        <translation>拒绝 %1 行</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="261" />
        <source>Read as %1</source>
        <translation>按 %1 读取</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="263" />
        <source>card number and secret separated by %1</source>
        <translation>卡号与卡密以 %1 分隔</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="265" />
        <source>one secret per line</source>
        <translation>每行一个卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="267" />
        <source>header line skipped</source>
        <translation>已跳过表头行</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="271" />
        <source>%1 secret(s) contained full-width or invisible characters and were normalised (lines %2).</source>
        <translation>%1 个卡密含全角或不可见字符，已规范化（第 %2 行）。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="300" />
        <source>Import cancelled. Nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="311" />
        <source>Imported %1 key(s) as batch #%2.</source>
        <translation>已导入 %1 张卡密，批次 #%2。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/import_keys.py" line="315" />
        <source>%1 waiting order(s) were filled.</source>
        <translation>已为 %1 个等待补货的订单发货。</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="73" />
        <source>Available</source>
        <translation>可售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="74" />
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="75" />
        <source>Delivered</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="76" />
        <source>Recalled</source>
        <translation>已召回</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="77" />
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="78" />
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="81" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="82" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="113" />
        <location filename="../../shopdesk/ui/pages/inventory.py" line="215" />
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="115" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="120" />
        <source>Any expiry</source>
        <translation>不限有效期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="121" />
        <source>Expiring in 7 days</source>
        <translation>7 天内过期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="122" />
        <source>Expiring in 30 days</source>
        <translation>30 天内过期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="126" />
        <source>Batch #</source>
        <translation>批次号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="129" />
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="130" />
        <source>Secret</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="132" />
        <source>Search (exact)</source>
        <translation>精确搜索</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="141" />
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="143" />
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="145" />
        <source>Undo void</source>
        <translation>撤销作废</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="147" />
        <source>Import keys…</source>
        <translation>导入卡密…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="149" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="155" />
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="228" />
        <source>%n product(s) with keys expiring soon</source>
        <translation><numerusform>%n 个商品有卡密即将过期</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="234" />
        <source>%n key(s)</source>
        <translation><numerusform>共 %n 张卡密</numerusform></translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="291" />
        <source>Void keys</source>
        <translation>作废卡密</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="291" />
        <source>Why are these %n key(s) voided?</source>
        <translation><numerusform>作废这 %n 张卡密的原因？</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="309" />
        <source>%n key(s) changed.</source>
        <translation><numerusform>已更新 %n 张卡密。</numerusform></translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="314" />
        <source>Export keys</source>
        <translation>导出卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="314" />
        <source>CSV (*.csv);;Text (*.txt)</source>
        <translation>CSV (*.csv);;文本 (*.txt)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="332" />
        <source>Exported %n key(s); the export is in the audit trail.</source>
        <translation><numerusform>已导出 %n 张卡密，导出操作已记入审计日志。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="226" />
        <source>%n product(s) low on stock</source>
        <translation><numerusform>%n 个商品库存不足</numerusform></translation>
    </message>
</context>
<context>
    <name>KeyDetailDialog</name>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="31" />
        <source>Key #%1</source>
        <translation>卡密 #%1</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="36" />
        <source>Reveal secret</source>
        <translation>查看卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="37" />
        <source>Shows the secret; the reveal is recorded in the audit trail.</source>
        <translation>显示卡密明文；查看操作会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="39" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="43" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="43" />
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="43" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="43" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="67" />
        <source>batch #%1</source>
        <translation>批次 #%1</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/key_detail.py" line="76" />
        <source>order %1</source>
        <translation>订单 %1</translation>
    </message>
</context>
<context>
    <name>KeysModel</name>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="37" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="38" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="39" />
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="40" />
        <source>Secret</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="41" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="42" />
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="44" />
        <source>Expires</source>
        <translation>过期日</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="48" />
        <source>Status changed</source>
        <translation>状态变更时间</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/keys.py" line="49" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="9" />
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="10" />
        <location filename="../../shopdesk/ui/labels.py" line="19" />
        <location filename="../../shopdesk/ui/labels.py" line="49" />
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="11" />
        <source>Paid, waiting for keys</source>
        <translation>已付款，等待补货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="12" />
        <location filename="../../shopdesk/ui/labels.py" line="42" />
        <location filename="../../shopdesk/ui/labels.py" line="50" />
        <location filename="../../shopdesk/ui/labels.py" line="59" />
        <source>Delivered</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="13" />
        <location filename="../../shopdesk/ui/labels.py" line="54" />
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="14" />
        <location filename="../../shopdesk/ui/labels.py" line="53" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="15" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="18" />
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="20" />
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="21" />
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="24" />
        <source>Card number + secret</source>
        <translation>卡号 + 卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="25" />
        <source>Secret only</source>
        <translation>仅卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="26" />
        <source>Reusable secret</source>
        <translation>通用卡密（可重复售卖）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="29" />
        <source>Back to stock</source>
        <translation>退回库存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="30" />
        <source>Hold for checking</source>
        <translation>待核验</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="31" />
        <location filename="../../shopdesk/ui/labels.py" line="44" />
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="34" />
        <source>Desk</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="35" />
        <source>Storefront</source>
        <translation>店铺前台</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="36" />
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="37" />
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="40" />
        <source>Available</source>
        <translation>可售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="41" />
        <location filename="../../shopdesk/ui/labels.py" line="58" />
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="43" />
        <location filename="../../shopdesk/ui/labels.py" line="61" />
        <source>Recalled</source>
        <translation>已召回</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="45" />
        <location filename="../../shopdesk/ui/labels.py" line="64" />
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="48" />
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="51" />
        <source>Waiting for stock</source>
        <translation>等待补货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="52" />
        <source>Partly delivered</source>
        <translation>部分发货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="57" />
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="60" />
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="62" />
        <source>Back in stock</source>
        <translation>已退回库存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="63" />
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="65" />
        <source>Moved</source>
        <translation>已转移</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="66" />
        <source>Secret revealed</source>
        <translation>查看了卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="69" />
        <source>not valid %1 text: the file mixes encodings or is not %1; save it again in one encoding</source>
        <translation>不是有效的 %1 文本：文件混用了多种编码或不是 %1，请统一编码后重新保存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="72" />
        <source>this line is UTF-8 while the rest of the file is GBK; save the file again in one encoding</source>
        <translation>此行是 UTF-8 编码，而文件其余部分是 GBK，请统一编码后重新保存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="75" />
        <source>line is %1 characters long; a key line is at most 512</source>
        <translation>此行长 %1 个字符，一行卡密最多 512 个字符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="76" />
        <source>missing the secret: expected card number %1 secret</source>
        <translation>缺少卡密：应为 卡号 %1 卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="77" />
        <source>more than 2 fields: the separator %1 appears inside a value</source>
        <translation>字段多于 2 个：分隔符 %1 出现在卡号或卡密中</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="78" />
        <source>card number longer than %1 characters</source>
        <translation>卡号超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="79" />
        <source>secret shorter than %1 characters</source>
        <translation>卡密少于 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="80" />
        <source>secret longer than %1 characters</source>
        <translation>卡密超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="81" />
        <source>secret contains control characters</source>
        <translation>卡密含有控制字符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="84" />
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="85" />
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="86" />
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="89" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="90" />
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="91" />
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="50" />
        <source>ShopDesk</source>
        <translation>ShopDesk 店铺管家</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="60" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="61" />
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="62" />
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="63" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="64" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="84" />
        <source>Opening the shop…</source>
        <translation>正在打开店铺…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="105" />
        <source>SQLite</source>
        <translation>SQLite 本地</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="105" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="106" />
        <source>Database: %1 (%2)</source>
        <translation>数据库：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="108" />
        <source>First start: creating a demo shop…</source>
        <translation>首次启动：正在创建演示店铺…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="116" />
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="140" />
        <source>%1 is low: %2 key(s) left (alert below %3).</source>
        <translation>%1 库存不足：剩余 %2 张（低于 %3 时提醒）。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="144" />
        <source>%1: %2 key(s) expire within 7 days.</source>
        <translation>%1：%2 张卡密将在 7 天内过期。</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="146" />
        <source>Stock alert</source>
        <translation>库存提醒</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="29" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="30" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="31" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="32" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="33" />
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="34" />
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/models/orders.py" line="35" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="29" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="38" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="79" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="80" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="81" />
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="82" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="83" />
        <source>Items</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="84" />
        <source>delivered</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="85" />
        <source>Delivered keys</source>
        <translation>已发卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="86" />
        <source>Payments</source>
        <translation>支付记录</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="87" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="33" />
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="33" />
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="37" />
        <source>e.g. QQB-100</source>
        <translation>例如 QQB-100</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="54" />
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="59" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="60" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="61" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="62" />
        <source>Delivery kind</source>
        <translation>发货类型</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="63" />
        <source>Price (yuan)</source>
        <translation>售价（元）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="64" />
        <source>Face value (yuan)</source>
        <translation>面值（元）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="65" />
        <source>On cancellation, keys go</source>
        <translation>取消订单时卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="66" />
        <source>Low-stock alert below</source>
        <translation>库存低于此数时提醒</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="93" />
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/product.py" line="94" />
        <source>Face value</source>
        <translation>面值</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="26" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="27" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="28" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="29" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="30" />
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="31" />
        <source>Face value</source>
        <translation>面值</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="33" />
        <source>Available</source>
        <translation>可售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="38" />
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="38" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="38" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="47" />
        <source>New product…</source>
        <translation>新建商品…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="49" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="53" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="73" />
        <source>Top up wallet</source>
        <translation>钱包充值</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="77" />
        <source>e.g. bank transfer 11-22</source>
        <translation>例如 11-22 银行转账</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="80" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="81" />
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="82" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="83" />
        <source>Memo</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/dialogs/customer.py" line="96" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../shopdesk/ui/main.py" line="39" />
        <source>Cannot open the shop</source>
        <translation>无法打开店铺</translation>
    </message>
</context>
</TS>
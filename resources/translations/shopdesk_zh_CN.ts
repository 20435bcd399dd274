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
    <name>InventoryPage</name>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="47" />
        <source>Available</source>
        <translation>可售</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="48" />
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="49" />
        <source>Delivered</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="50" />
        <source>Recalled</source>
        <translation>已召回</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="51" />
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="52" />
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="55" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="56" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/inventory.py" line="74" />
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="95" />
        <source>%n key(s) available</source>
        <translation><numerusform>可用卡密 %n 张</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopdesk/ui/pages/inventory.py" line="97" />
        <source>%n product(s) low on stock</source>
        <translation><numerusform>%n 个商品库存不足</numerusform></translation>
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
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="43" />
        <source>Recalled</source>
        <translation>已召回</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="45" />
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
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="58" />
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/labels.py" line="59" />
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="46" />
        <source>ShopDesk</source>
        <translation>ShopDesk 店铺管家</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="56" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="57" />
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="58" />
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="59" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="60" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="80" />
        <source>Opening the shop…</source>
        <translation>正在打开店铺…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="95" />
        <source>SQLite</source>
        <translation>SQLite 本地</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="95" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="96" />
        <source>Database: %1 (%2)</source>
        <translation>数据库：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="98" />
        <source>First start: creating a demo shop…</source>
        <translation>首次启动：正在创建演示店铺…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/main_window.py" line="104" />
        <source>Ready</source>
        <translation>就绪</translation>
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
        <location filename="../../shopdesk/ui/pages/orders.py" line="76" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="77" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="78" />
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="79" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="80" />
        <source>Items</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="81" />
        <source>delivered</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="82" />
        <source>Delivered keys</source>
        <translation>已发卡密</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="83" />
        <source>Payments</source>
        <translation>支付记录</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/orders.py" line="84" />
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
        <location filename="../../shopdesk/ui/pages/products.py" line="46" />
        <source>New product…</source>
        <translation>新建商品…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="48" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../shopdesk/ui/pages/products.py" line="52" />
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
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AfterSalesPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/aftersales.py" line="194" />
        <source>%n case(s)</source>
        <translation><numerusform>%n case</numerusform><numerusform>%n cases</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/aftersales.py" line="195" />
        <source>%n breached</source>
        <translation><numerusform>%n breached</numerusform><numerusform>%n breached</numerusform></translation>
    </message>
</context>
<context>
    <name>AiTrackTab</name>
    <message numerus="yes">
        <location filename="../../ui/pages/ai_track_tab.py" line="108" />
        <source>%n case(s) settled by the rule track on the model's reason, no person needed</source>
        <translation><numerusform>%n case settled by the rule track on the model's reason, no person needed</numerusform><numerusform>%n cases settled by the rule track on the model's reason, no person needed</numerusform></translation>
    </message>
</context>
<context>
    <name>CalendarsTab</name>
    <message numerus="yes">
        <location filename="../../ui/desk/calendars.py" line="280" />
        <source>Filled %n day(s) from the public calendar; Save keeps them.</source>
        <translation><numerusform>Filled %n day from the public calendar; Save keeps them.</numerusform><numerusform>Filled %n days from the public calendar; Save keeps them.</numerusform></translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message numerus="yes">
        <location filename="../../ui/pages/customer_detail.py" line="92" />
        <source>%n order(s)</source>
        <translation><numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
</context>
<context>
    <name>FlaggedPaymentsPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/flagged_payments.py" line="72" />
        <source>%n flagged, total ¥%1</source>
        <translation><numerusform>%n flagged, total ¥%1</numerusform><numerusform>%n flagged, total ¥%1</numerusform></translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="251" />
        <source>%n product(s) low on stock</source>
        <translation><numerusform>%n product low on stock</numerusform><numerusform>%n products low on stock</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="253" />
        <source>%n product(s) with keys expiring soon</source>
        <translation><numerusform>%n product with keys expiring soon</numerusform><numerusform>%n products with keys expiring soon</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="255" />
        <source>%n damaged key(s) taken out of sale</source>
        <translation><numerusform>%n damaged key taken out of sale</numerusform><numerusform>%n damaged keys taken out of sale</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="261" />
        <source>%n key(s)</source>
        <translation><numerusform>%n key</numerusform><numerusform>%n keys</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="338" />
        <source>Why are these %n key(s) voided?</source>
        <translation><numerusform>Why is this key voided?</numerusform><numerusform>Why are these %n keys voided?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="353" />
        <source>%n key(s) changed.</source>
        <translation><numerusform>%n key changed.</numerusform><numerusform>%n keys changed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/inventory.py" line="377" />
        <source>Exported %n key(s); the export is in the audit trail.</source>
        <translation><numerusform>Exported %n key; the export is in the audit trail.</numerusform><numerusform>Exported %n keys; the export is in the audit trail.</numerusform></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/orders.py" line="258" />
        <source>%n order(s)</source>
        <translation><numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/payments.py" line="80" />
        <source>%n payment(s) waiting for a decision, ¥%1</source>
        <translation><numerusform>%n payment waiting for a decision, ¥%1</numerusform><numerusform>%n payments waiting for a decision, ¥%1</numerusform></translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message numerus="yes">
        <location filename="../../ui/pages/payments.py" line="239" />
        <source>%n payment(s) recorded.</source>
        <translation><numerusform>%n payment recorded.</numerusform><numerusform>%n payments recorded.</numerusform></translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message numerus="yes">
        <location filename="../../ui/desk/rules_editor.py" line="202" />
        <source>%n past case(s) match these conditions.</source>
        <translation><numerusform>%n past case matches these conditions.</numerusform><numerusform>%n past cases match these conditions.</numerusform></translation>
    </message>
</context>
</TS>
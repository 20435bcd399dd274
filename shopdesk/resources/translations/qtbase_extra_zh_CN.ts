<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Qt's own strings that Qt 6.11 labels with a mnemonic while qtbase_zh_CN.qm (the wheel's and Debian's) still
     translates them without one: loaded beside qtbase (shopdesk/ui/i18n.py). Compile: pyside6-lrelease. -->
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
</context>
</TS>

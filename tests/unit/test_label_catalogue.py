"""Every label of labels.toml is in the zh_CN catalogue under its context, and translated."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from shopdesk.ui.i18n import resources_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from catalogue import add_messages, label_messages  # noqa: E402


def catalogue() -> dict[tuple[str, str], str]:
    tree = ET.parse(resources_dir() / "translations" / "shopdesk_zh_CN.ts")
    return {
        (context.findtext("name"), m.findtext("source")): "".join(m.find("translation").itertext())
        for context in tree.iter("context")
        for m in context.iter("message")
    }


def test_every_label_is_translated_in_its_context():
    found = catalogue()
    wanted = [(context, text) for context, texts in label_messages().items() for text in texts]
    assert len(wanted) > 50
    assert [w for w in wanted if not found.get(w)] == []


def test_add_messages_adds_only_what_is_missing(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN">'
        "<context><name>Labels</name><message><source>Paid</source><translation>已付款</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    assert add_messages(ts, {"Labels": ["Paid", "Void"], "DeskLabels": ["Open"]}) == 2
    assert add_messages(ts, {"Labels": ["Paid", "Void"], "DeskLabels": ["Open"]}) == 0
    tree = ET.parse(ts)
    entries = {
        (c.findtext("name"), m.findtext("source")): m.find("translation")
        for c in tree.iter("context")
        for m in c.iter("message")
    }
    assert entries[("Labels", "Paid")].text == "已付款"
    assert entries[("Labels", "Void")].get("type") == "unfinished"
    assert ("DeskLabels", "Open") in entries

"""Strings that live outside tr() calls, added to a .ts catalogue after pyside6-lupdate.

lupdate only sees literal tr()/translate() calls in the UI. Two kinds of strings are translated at run time with
QCoreApplication.translate(context, text) instead: the label tables (shopdesk/ui/labels.toml, under their own
contexts) and the services' error templates (context "Errors", worded by shopdesk/ui/errors). Their English goes
into the catalogue here, and tools/fill_translations.py words them like any other string.
"""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

from error_templates import error_templates

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "shopdesk" / "ui" / "labels.toml"
CATALOGUES = ROOT / "shopdesk" / "resources" / "translations"
ERRORS = "Errors"


def label_messages(path: Path = LABELS) -> dict[str, list[str]]:
    """{context: [English, ...]} for every label of labels.toml, in file order, without repeats."""
    found: dict[str, list[str]] = {}
    for context, group in tomllib.loads(path.read_text(encoding="utf-8")).items():
        texts = found.setdefault(context, [])
        texts.extend(t for table in group.values() for t in table.values() if t not in texts)
    return {context: list(dict.fromkeys(texts)) for context, texts in found.items()}


def error_messages(root: Path = ROOT) -> dict[str, list[str]]:
    """{"Errors": [template, ...]}: every error template the services, db and CLI raise, in source order."""
    return {ERRORS: list(error_templates(root))}


def add_messages(ts: Path, messages: Mapping[str, Iterable[str]]) -> int:
    """Put each (context, English) in the catalogue as an unfinished message unless it is there; returns how many."""
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    added = 0
    for name, sources in messages.items():
        context = contexts.get(name)
        if context is None:
            context = contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        present = {m.findtext("source") for m in context.iter("message")}
        for source in sources:
            if source in present:
                continue
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation", type="unfinished")
            present.add(source)
            added += 1
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return added

"""Every error a service raises can be shown in the user's language: its message is an English template (never an
f-string), each raise passes exactly the template's arguments, and the zh_CN catalogue translates every template
keeping the same placeholders. No Qt here: the templates are read from the sources, the wording from tools/."""

from __future__ import annotations

import ast
import string
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from catalogue import CATALOGUES, ERRORS  # noqa: E402
from error_templates import error_templates, formatted_raises  # noqa: E402
from zh_CN import ZH_CN  # noqa: E402

OWN_KEYWORDS = {"field", "code"}  # ShopError's own keywords, not template arguments
PAYMENT_REFUSED_KEYWORDS = {"order_id", "trade_no", "method", "amount_fen", "reason"}
TEMPLATES = error_templates(ROOT)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@cache
def _raises(path: str) -> dict[int, ast.Call]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), path)
    return {n.lineno: n.exc for n in ast.walk(tree) if isinstance(n, ast.Raise) and isinstance(n.exc, ast.Call)}


def raise_call(place: str) -> ast.Call:
    path, _, line = place.rpartition(":")
    return _raises(path)[int(line)]


def arguments_passed(call: ast.Call) -> set[str]:
    """The keyword arguments a raise gives its template (`**spread` shows as '**')."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    own = OWN_KEYWORDS | (PAYMENT_REFUSED_KEYWORDS if name == "PaymentRefused" else set())
    return {k.arg or "**" for k in call.keywords if k.arg not in own}


def test_the_catalogue_finds_the_templates():
    assert len(TEMPLATES) > 150
    assert "No order with id {order}." in TEMPLATES


def test_no_service_raises_a_formatted_message():
    assert formatted_raises(ROOT) == []


def test_every_raise_passes_exactly_the_arguments_of_its_template():
    wrong = []
    for template, places in TEMPLATES.items():
        wanted = placeholders(template)
        for place in places:
            given = arguments_passed(raise_call(place))
            if given != wanted:
                wrong.append((place, template, sorted(given), sorted(wanted)))
    assert wrong == []


def test_every_template_formats():
    broken = []
    for template in TEMPLATES:
        names = placeholders(template)
        if not names:
            # Without arguments the template is the message as it is (ShopError does not format it): no braces.
            if "{" in template or "}" in template:
                broken.append(template)
            continue
        if not all(n.isidentifier() for n in names):
            broken.append(template)
            continue
        try:
            template.format(**dict.fromkeys(names, "x"))
        except (KeyError, IndexError, ValueError):
            broken.append(template)
    assert broken == []


def test_every_template_has_a_zh_cn_translation_with_the_same_placeholders():
    missing = [t for t in TEMPLATES if not ZH_CN.get(t)]
    assert missing == []
    differ = [(t, ZH_CN[t]) for t in TEMPLATES if placeholders(ZH_CN[t]) != placeholders(t)]
    assert differ == []
    broken = []
    for template in TEMPLATES:
        text, names = ZH_CN[template], placeholders(template)
        try:
            if names:
                text.format(**dict.fromkeys(names, "x"))
            elif "{" in text or "}" in text:
                broken.append(text)
        except (KeyError, IndexError, ValueError):
            broken.append(text)
    assert broken == []


def test_the_zh_cn_catalogue_holds_every_template_translated():
    """`make translations` puts them there (tools/update_translations.py, then tools/fill_translations.py)."""
    tree = ET.parse(CATALOGUES / "shopdesk_zh_CN.ts")
    [context] = [c for c in tree.getroot().iter("context") if c.findtext("name") == ERRORS]
    translations = {m.findtext("source"): m.find("translation") for m in context.iter("message")}
    assert sorted(set(translations) - set(TEMPLATES)) == []
    assert sorted(set(TEMPLATES) - set(translations)) == []
    unfinished = [s for s, t in translations.items() if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert unfinished == []

"""Every error a service raises can be shown in the user's language: a raise names a message of errors.toml (never
an f-string), passes exactly the arguments its text uses, and the zh_CN catalogue translates every message keeping
the same placeholders. No Qt here: the raises are read from the sources, the wording from tools/."""

from __future__ import annotations

import ast
import string
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from shopdesk.services.common.errors import MESSAGES, Conflict, NotFound

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from catalogue import CATALOGUES, ERRORS  # noqa: E402
from error_templates import error_templates, formatted_raises, messages, raised_ids  # noqa: E402
from zh_CN import ZH_CN  # noqa: E402

OWN_KEYWORDS = {"field", "code"}  # ShopError's own keywords, not template arguments
PAYMENT_REFUSED_KEYWORDS = {"order_id", "trade_no", "method", "amount_fen", "reason"}
TEMPLATES = error_templates(ROOT)
TEXTS = messages(ROOT)
RAISED = raised_ids(ROOT)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@cache
def _calls(path: str) -> dict[tuple[int, str], ast.Call]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), path)
    return {
        (n.lineno, n.args[0].value): n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Constant)
    }


def raise_call(place: str, ident: str) -> ast.Call:
    path, _, line = place.rpartition(":")
    return _calls(path)[(int(line), ident)]


def arguments_passed(call: ast.Call) -> set[str]:
    """The keyword arguments a raise gives its template (`**spread` shows as '**')."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    own = OWN_KEYWORDS | (PAYMENT_REFUSED_KEYWORDS if name == "PaymentRefused" else set())
    return {k.arg or "**" for k in call.keywords if k.arg not in own}


def test_the_table_holds_the_messages():
    assert len(TEXTS) > 150
    assert TEXTS["order.not_found"] == "No order with id {order}."
    assert {ident: m.text for ident, m in MESSAGES.items()} == TEXTS  # the service reads the same table


def test_an_error_takes_its_code_field_and_words_from_the_table():
    gone = Conflict("order.stale_status/gone", number="SD-1", expected="paid", new="delivered")
    assert (gone.code, gone.field) == ("order.stale_status", "status")
    assert gone.message == "Order SD-1 is gone, not paid; it cannot become delivered. Reload the order and try again."
    assert gone.template == TEXTS["order.stale_status/gone"] and gone.arguments["new"] == "delivered"
    other = NotFound("order.not_found", field="number", order=7)  # a raise may name another field
    assert (other.code, other.field, other.message) == ("order.not_found", "number", "No order with id 7.")


def test_no_service_raises_a_formatted_message():
    assert formatted_raises(ROOT) == []


def test_every_raised_message_is_in_the_table_and_every_message_is_raised():
    assert sorted(set(RAISED) - set(TEXTS)) == []
    assert sorted(set(TEXTS) - set(RAISED)) == []


def test_every_raise_passes_exactly_the_arguments_of_its_message():
    wrong = []
    for ident, places in RAISED.items():
        wanted = placeholders(TEXTS[ident])
        for place in places:
            given = arguments_passed(raise_call(place, ident))
            if given != wanted:
                wrong.append((place, ident, sorted(given), sorted(wanted)))
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

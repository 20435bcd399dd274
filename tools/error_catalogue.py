"""Put the services' error templates into the Qt catalogue, context "Errors", so they can be translated.

pyside6-lupdate only finds the strings of the UI sources; an error's English template is raised by a service
and translated on the screen (`shopdesk/ui/errors.describe`: `QCoreApplication.translate("Errors", template)`).
This adds (or refreshes) that context from `error_templates()`: one message per template with its locations,
an unfinished translation for a new template, the translation kept for a known one, and the messages of
templates that are gone dropped. The rest of the catalogue is left as it is.

Run it after tools/update_translations.py and before tools/fill_translations.py (which fills in tools/zh_CN.py).
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from error_templates import ROOT, error_templates  # noqa: E402

CONTEXT = "Errors"
CATALOGUES = ("resources/translations", "shopdesk/resources/translations")
INDENT = "    "


def catalogue(name: str = "shopdesk_zh_CN.ts", root: Path = ROOT) -> Path:
    """The catalogue file, wherever the resources live (the repo root's resources/, or the package's)."""
    for folder in CATALOGUES:
        path = root / folder / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"{name} is in none of {', '.join(CATALOGUES)} under {root}")


def add_error_context(ts_path: Path, templates: dict[str, list[str]]) -> int:
    """Write the "Errors" context of the .ts file at `ts_path` from `templates` ({template: ["file:line", ...]},
    files relative to the repo root); returns how many messages it holds."""
    ts_path = Path(ts_path)
    tree = ET.parse(ts_path)
    ts = tree.getroot()
    contexts = ts.findall("context")
    old = next((c for c in contexts if c.findtext("name") == CONTEXT), None)
    known = {}
    if old is not None:
        for message in old.iter("message"):
            translation = message.find("translation")
            if translation is not None:
                known[message.findtext("source")] = translation
    context = _context(ts_path, templates, known)
    if old is not None:
        context.tail = old.tail
        ts[list(ts).index(old)] = context
    else:
        _insert_sorted(ts, context)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return len(templates)


def _context(ts_path: Path, templates: dict[str, list[str]], known: dict[str, ET.Element]) -> ET.Element:
    context = ET.Element("context")
    context.text = "\n" + INDENT
    name = ET.SubElement(context, "name")
    name.text = CONTEXT
    name.tail = "\n" + INDENT
    message = None
    for template, places in sorted(templates.items(), key=lambda item: min(map(_place, item[1]))):
        message = ET.SubElement(context, "message")
        message.text = "\n" + INDENT * 2
        message.tail = "\n" + INDENT
        for place in sorted(places, key=_place):
            filename, line = _place(place)
            location = ET.SubElement(message, "location", filename=_relative(ts_path, filename), line=str(line))
            location.tail = "\n" + INDENT * 2
        source = ET.SubElement(message, "source")
        source.text = template
        source.tail = "\n" + INDENT * 2
        before = known.get(template)
        if before is not None:
            translation = ET.SubElement(message, "translation", dict(before.attrib))
            translation.text = before.text
            translation.extend(list(before))
        else:
            translation = ET.SubElement(message, "translation", type="unfinished")
        translation.tail = "\n" + INDENT
    (message if message is not None else name).tail = "\n"
    return context


def _insert_sorted(ts: ET.Element, context: ET.Element) -> None:
    """Among the other contexts in name order, as lupdate keeps them."""
    children = list(ts)
    after = [i for i, c in enumerate(children) if c.tag == "context" and (c.findtext("name") or "") > CONTEXT]
    if after:
        context.tail = "\n"
        ts.insert(after[0], context)
    else:
        last = children[-1] if children else None
        context.tail = last.tail if last is not None else "\n"
        if last is not None:
            last.tail = "\n"
        ts.append(context)


def _place(place: str) -> tuple[str, int]:
    filename, _, line = place.rpartition(":")
    return filename, int(line)


def _relative(ts_path: Path, filename: str) -> str:
    """A location as lupdate writes it: relative to the catalogue's folder, with forward slashes."""
    return Path(os.path.relpath(ROOT / filename, ts_path.resolve().parent)).as_posix()


def main() -> int:
    path = catalogue()
    count = add_error_context(path, error_templates())
    print(f"{path.relative_to(ROOT)}: {count} error templates in context {CONTEXT!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

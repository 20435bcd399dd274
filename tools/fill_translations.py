"""Write the wording of tools/zh_CN.py into the .ts catalogue, then compile it (run after update_translations)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from en_plurals import EN_PLURALS  # noqa: E402
from zh_CN import ZH_CN  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "shopdesk" / "resources" / "translations" / "shopdesk_zh_CN.ts"
EN_TS = TS.with_name("shopdesk_en.ts")


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        text = ZH_CN.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    lrelease = str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([lrelease, str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    missing += fill_english(lrelease)
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


def fill_english(lrelease: str) -> list[str]:
    """The English catalogue: only the numerus messages, each with its singular and plural form."""
    if not EN_TS.exists():
        return []
    tree = ET.parse(EN_TS)
    missing = []
    for message in tree.iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        forms = EN_PLURALS.get(source)
        if message.get("numerus") != "yes":
            continue
        if forms is None:
            missing.append(f"{source} (English plural forms, tools/en_plurals.py)")
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    tree.write(EN_TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([lrelease, str(EN_TS), "-qm", str(EN_TS.with_suffix(".qm"))], check=True)
    return missing


if __name__ == "__main__":
    sys.exit(main())

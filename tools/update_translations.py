"""Refresh shopdesk/resources/translations/*.ts from the UI sources (lupdate), the label tables and the error
templates; compile .qm."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import CATALOGUES, add_messages, error_messages, label_messages  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("zh_CN",)


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "shopdesk" / "ui").rglob("*.py"))
    for lang in LANGS:
        ts = CATALOGUES / f"shopdesk_{lang}.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True)
        add_messages(ts, label_messages() | error_messages())
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    # English needs a catalogue only for its plural forms ("%n key(s)" -> "1 key", "2 keys"): tools/en_plurals.py
    ts = CATALOGUES / "shopdesk_en.ts"
    lupdate = [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-pluralonly", "-source-language", "en"]
    subprocess.run([*lupdate, "-target-language", "en", "-ts", str(ts)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The error messages of shopdesk/resources/errors.toml and where they are raised, so the catalogue can
translate them (context "Errors") and a test can hold every raise to its message. Used by tools/catalogue.py and
tests/unit/test_error_catalogue.py."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = Path("shopdesk/resources/errors.toml")
SOURCES = ("shopdesk/services", "shopdesk/db", "shopdesk/cli")
MESSAGE_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+(/[a-z0-9_]+)?")


def messages(root: Path = ROOT) -> dict[str, str]:
    """{message id: English template}, as errors.toml has them."""
    table = tomllib.loads((root / TABLE).read_text(encoding="utf-8"))
    flat: dict[str, str] = {}
    for ident, entry in table.items():
        if "text" in entry:
            flat[ident] = entry["text"]
        else:  # a [section] of one feature's messages
            flat.update((inner, e["text"]) for inner, e in entry.items())
    return flat


def raised_ids(root: Path = ROOT) -> dict[str, list[str]]:
    """{message id: [file:line, ...]} for every error made with a message id (a call of a class derived from
    errors.Worded whose first argument is a string shaped like an id)."""
    trees = [(path, ast.parse(path.read_text(encoding="utf-8"), str(path))) for path in _sources(root)]
    worded = _error_classes([tree for _, tree in trees])
    found: dict[str, list[str]] = {}
    for path, tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and _name(node.func) in worded):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and MESSAGE_ID.fullmatch(first.value):
                found.setdefault(first.value, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def error_templates(root: Path = ROOT) -> dict[str, list[str]]:
    """{template: [file:line, ...]}: every message's English and where it is raised (a template two ids share
    lists the places of both)."""
    texts, places = messages(root), raised_ids(root)
    found: dict[str, list[str]] = {}
    for ident, text in texts.items():
        found.setdefault(text, []).extend(places.get(ident, []))
    return found


def formatted_raises(root: Path = ROOT) -> list[str]:
    """file:line of every raise whose message is built at run time (an f-string, a sum, a variable): it cannot be
    translated (name a message of errors.toml and pass its arguments)."""
    out = []
    for path in sorted((root / "shopdesk" / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                first = node.exc.args[0]
                if any(isinstance(n, ast.JoinedStr) for n in ast.walk(first)):
                    out.append(f"{path.relative_to(root)}:{node.lineno}")
    return out


def _sources(root: Path) -> list[Path]:
    return [path for folder in SOURCES for path in sorted((root / folder).rglob("*.py"))]


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _error_classes(trees) -> set[str]:
    """The names of errors.Worded and every class derived from it, however many steps away."""
    bases = {
        n.name: {_name(b) for b in n.bases} for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
    }
    found = {"Worded"}
    while grown := {name for name, of in bases.items() if of & found and name not in found}:
        found |= grown
    # and a parameter that takes one of them (`error: type[ShopError]`)
    return found | {
        n.arg
        for tree in trees
        for n in ast.walk(tree)
        if isinstance(n, ast.arg) and isinstance(n.annotation, ast.Subscript)
        if _name(n.annotation.value) == "type" and _name(n.annotation.slice) in found
    }

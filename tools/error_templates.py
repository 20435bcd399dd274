"""The English templates of every error the services raise (the first argument of `raise SomeError("...")`), so the
catalogue can translate them (context "Errors"). Used by tools/update_translations.py and the translation test."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("shopdesk/services", "shopdesk/db", "shopdesk/cli")


def error_templates(root: Path = ROOT) -> dict[str, list[str]]:
    """{template: [file:line, ...]} for every raise of an exception called with a plain string first argument."""
    found: dict[str, list[str]] = {}
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call) or not node.exc.args:
                    continue
                first = node.exc.args[0]
                text = _literal(first)
                if text:
                    found.setdefault(text, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def formatted_raises(root: Path = ROOT) -> list[str]:
    """file:line of every raise whose message is an f-string: it cannot be translated (use a template + arguments)."""
    out = []
    for folder in ("shopdesk/services",):
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                raised = isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args
                if raised and _has_fstring(node.exc.args[0]):
                    out.append(f"{path.relative_to(root)}:{node.lineno}")
    return out


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "a " "b" is one Constant; "a" + "b" is not
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _has_fstring(node: ast.expr) -> bool:
    return any(isinstance(n, ast.JoinedStr) for n in ast.walk(node))

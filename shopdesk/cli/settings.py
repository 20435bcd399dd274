"""`shopdesk settings ...`: the shop's settings, each with its default (services/common/settings.REGISTRY).

shopdesk settings list [--json]          {"settings": [{"key", "value", "default"}]}
shopdesk settings get KEY [--json]       {"key", "value", "default"}
shopdesk settings set KEY VALUE [--json] validated (exit 2 with what is allowed), owner only (exit 3)
shopdesk settings reset KEY [--json]     back to the default (owner only)
"""

from __future__ import annotations

from typing import Any

from shopdesk.cli.runtime import EXIT_OK, read, write


def add_parsers(sub, leaf) -> None:
    group = sub.add_parser("settings", help="the shop's settings and their defaults").add_subparsers(
        dest="settings_command", metavar="ACTION", required=True
    )
    leaf(group, "list", cmd_list, "every setting: its value and its default")
    p = leaf(group, "get", cmd_get, "one setting's value and default")
    p.add_argument("key", metavar="KEY")
    p = leaf(group, "set", cmd_set, "change a setting (owner only)")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE")
    p = leaf(group, "reset", cmd_reset, "put a setting back to its default (owner only)")
    p.add_argument("key", metavar="KEY")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return '""' if value == "" else str(value)


def _item(key: str, value: Any) -> dict[str, Any]:
    from shopdesk.services.common import settings

    return {"key": key, "value": value, "default": settings.spec(key).default}


def _line(item: dict[str, Any]) -> str:
    same = item["value"] == item["default"]
    return f"{item['key']} = {_shown(item['value'])}" + ("" if same else f"  (default {_shown(item['default'])})")


def cmd_list(args):
    from shopdesk.services.common import settings

    values = read(args, lambda app, s: settings.values(s))
    items = [_item(key, value) for key, value in values.items()]
    return EXIT_OK, {"settings": items}, "\n".join(_line(i) for i in items)


def cmd_get(args):
    from shopdesk.services.common import settings

    settings.spec(args.key)  # an unknown key: exit 2 before the shop opens
    item = _item(args.key, read(args, lambda app, s: settings.value(s, args.key)))
    return EXIT_OK, item, _line(item)


def cmd_set(args):
    from shopdesk.services.common import settings

    settings.spec(args.key)
    item = _item(args.key, write(args, lambda app, s: settings.change(s, args.key, args.value)))
    return EXIT_OK, item, _line(item)


def cmd_reset(args):
    from shopdesk.services.common import settings

    settings.spec(args.key)
    item = _item(args.key, write(args, lambda app, s: settings.reset(s, args.key)))
    return EXIT_OK, item, _line(item)

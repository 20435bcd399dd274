"""The `shopdesk` command. No subcommand starts the GUI; subcommands do the same work headless.

With --json every subcommand prints one JSON object on stdout. Errors go to stderr: exit 2 for bad
input (nothing written), 1 for a failure. One module per noun; `runtime` opens the shop for each run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from shopdesk.cli.options import add_global_options, db_url
from shopdesk.config import load_config, private_umask

# The nouns' modules (each adds its subcommands), imported only when a subcommand is asked for: starting the GUI
# imports none of them, nor the services and the database layer they bring.
NOUNS = (
    "maintenance",
    "backup",
    "product",
    "customer",
    "order",
    "payments",
    "keys",
    "vault",
    "api",
    "case",
    "ai",
    "sop",
    "staff",
    "audit",
    "changes",
    "report",
    "settings",
    "webhook",
)


def _head_parser() -> argparse.ArgumentParser:
    """The top-level options alone: enough to start the GUI or print the version."""
    parser = argparse.ArgumentParser(prog="shopdesk", description="Back office of a card-key shop.")
    add_global_options(parser, suppress=False)
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="GUI language (default: the system's)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.set_defaults(handler=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    import importlib

    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, suppress=True)

    parser = _head_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def leaf(group, name: str, handler: Callable, help_: str) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help_, parents=[common], description=help_)
        p.set_defaults(handler=handler, leaf=p.prog)
        return p

    for noun in NOUNS:
        importlib.import_module(f"shopdesk.cli.{noun}").add_parsers(sub, leaf)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; the whole parser (every subcommand) only when more than the top-level options is given."""
    argv = list(sys.argv[1:] if argv is None else argv)
    head, rest = _head_parser().parse_known_args(argv) if not {"-h", "--help"} & set(argv) else (None, argv)
    if head is not None and not rest:
        return head
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()
    args = parse(argv)
    if args.version:
        return print_version(args.lang)
    if args.handler is None:
        return gui_main(args)
    from shopdesk.cli.runtime import finish
    from shopdesk.logfile import cli_run

    with cli_run(load_config(args.data_dir).data_dir, args.leaf) as outcome:
        outcome["exit"] = finish(args, lambda: args.handler(args))
    return outcome["exit"]


def print_version(lang: str | None) -> int:
    """`ShopDesk 0.1.0`; with --lang, a string from the installed catalogue proves it loads (1 if it does not)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        line = f"ShopDesk {version('shopdesk')}"
    except PackageNotFoundError:  # a source tree on sys.path, not installed; or a bundle built without its metadata
        from shopdesk import __version__

        line = f"ShopDesk {__version__}" if getattr(sys, "frozen", False) else "ShopDesk (not installed)"
    if lang is None:
        print(line)
        return 0
    if lang == "en":  # the sources' language: no catalogue to load
        print(f"{line} (en)")
        return 0
    from PySide6.QtCore import QTranslator

    from shopdesk.ui.i18n import resources_dir

    translator = QTranslator()
    shown = ""
    if translator.load(str(resources_dir() / "translations" / f"shopdesk_{lang}.qm")):
        shown = translator.translate("MainWindow", "ShopDesk")
    print(f"{line} ({lang}: {shown or 'catalogue missing'})")
    return 0 if shown else 1


def gui_main(args: argparse.Namespace | None = None) -> int:
    private_umask()
    if args is None:
        args = parse(None)
    from shopdesk.ui.main import run_gui

    return run_gui(load_config(args.data_dir, db_url(args.db), args.lang))

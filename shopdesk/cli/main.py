"""The `shopdesk` command. No subcommand starts the GUI; subcommands do the same work headless.

With --json every subcommand prints one JSON object on stdout. Errors go to stderr: exit 2 for bad
input (nothing written), 1 for a failure. One module per noun; `runtime` opens the shop for each run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from shopdesk.cli import (
    api,
    audit,
    backup,
    case,
    changes,
    customer,
    keys,
    maintenance,
    order,
    payments,
    product,
    report,
    settings,
    sop,
    staff,
    vault,
    webhook,
)
from shopdesk.cli.runtime import add_global_options, db_url, finish
from shopdesk.config import load_config, private_umask
from shopdesk.logfile import cli_run

NOUNS = (
    maintenance,
    backup,
    product,
    customer,
    order,
    payments,
    keys,
    vault,
    api,
    case,
    sop,
    staff,
    audit,
    changes,
    report,
    settings,
    webhook,
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, suppress=True)

    parser = argparse.ArgumentParser(prog="shopdesk", description="Back office of a card-key shop.")
    add_global_options(parser, suppress=False)
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="GUI language (default: the system's)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def leaf(group, name: str, handler: Callable, help_: str) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help_, parents=[common], description=help_)
        p.set_defaults(handler=handler, leaf=p.prog)
        return p

    for noun in NOUNS:
        noun.add_parsers(sub, leaf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        return print_version(args.lang)
    if args.handler is None:
        return gui_main(args)
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
        args = build_parser().parse_args(sys.argv[1:])
    from shopdesk.ui.main import run_gui

    return run_gui(load_config(args.data_dir, db_url(args.db), args.lang))

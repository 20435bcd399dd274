"""The `shopdesk` command. No subcommand starts the GUI; subcommands do the same work headless.

With --json every subcommand prints one JSON object on stdout. Errors go to stderr: exit 2 for bad
input (nothing written), 1 for a failure. One module per noun; `runtime` opens the shop for each run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from shopdesk.cli import api, case, customer, keys, maintenance, order, product, vault
from shopdesk.cli.runtime import add_global_options, db_url, finish
from shopdesk.config import load_config, private_umask

NOUNS = (maintenance, product, customer, order, keys, vault, api, case)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, suppress=True)

    parser = argparse.ArgumentParser(prog="shopdesk", description="Back office of a card-key shop.")
    add_global_options(parser, suppress=False)
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="GUI language (default: the system's)")
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def leaf(group, name: str, handler: Callable, help_: str) -> argparse.ArgumentParser:
        p = group.add_parser(name, help=help_, parents=[common], description=help_)
        p.set_defaults(handler=handler)
        return p

    for noun in NOUNS:
        noun.add_parsers(sub, leaf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.handler is None:
        return gui_main(args)
    return finish(args, lambda: args.handler(args))


def gui_main(args: argparse.Namespace | None = None) -> int:
    private_umask()
    if args is None:
        args = build_parser().parse_args(sys.argv[1:])
    from shopdesk.ui.main import run_gui

    return run_gui(load_config(args.data_dir, db_url(args.db), args.lang))

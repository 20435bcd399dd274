"""The `shopdesk` command line: `main` for the console script, `gui_main` for the GUI launcher."""

from shopdesk.cli.main import gui_main, main

__all__ = ["gui_main", "main"]

"""The bundled program's entry point: the same `shopdesk` that pip installs (no argument opens the GUI, a
subcommand runs headless, `--version` prints the version).

On Windows the bundle's ShopDesk.exe is a windowed program (no console flashes up when it is double-clicked), so
it has no stdout of its own: started from a console with arguments, it attaches to that console and writes there.
The console twin, shopdesk-cli.exe in the same folder, is for scripts that read its output or exit code.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _attach_parent_console() -> None:
    if sys.platform != "win32" or len(sys.argv) < 2 or sys.stdout is not None:
        return
    import ctypes

    if not ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS: the console it was started from
        return
    sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115 (for the process's life)
    sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stdin = open("CONIN$", encoding="utf-8", errors="replace")  # noqa: SIM115


def main() -> int:
    multiprocessing.freeze_support()
    _attach_parent_console()
    os.environ.setdefault("QT_API", "pyside6")
    from shopdesk.cli import main as shopdesk_main

    return shopdesk_main()


if __name__ == "__main__":
    sys.exit(main())

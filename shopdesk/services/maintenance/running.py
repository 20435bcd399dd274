"""Which processes have the shop open: the desktop window and `serve-api` hold a shared lock on
<data dir>/shopdesk.lock while they run (one-shot commands do not), and a restore takes it exclusively, so it
never swaps the database under a running ShopDesk. An advisory lock (flock): it covers the processes of this
computer, and the OS drops it when a process dies, however it dies."""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; a restore cannot tell (it says so nowhere worse)
    fcntl = None

LOCK_NAME = "shopdesk.lock"


class Held:
    """A lock on the shop; release() (or the process ending) lets it go."""

    def __init__(self, fd: int | None):
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _open(data_dir: Path) -> int:
    Path(data_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    return os.open(Path(data_dir) / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)


def hold_open(data_dir: Path) -> Held:
    """The window or the API server is running on this shop (a shared lock). Conflict while a restore holds it: the
    database is being replaced under what this process just opened, so it must start again once the restore ends."""
    if fcntl is None:
        return Held(None)
    fd = _open(data_dir)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        from shopdesk.services.common.errors import Conflict

        raise Conflict("backup.restore_running", folder=str(data_dir)) from None
    return Held(fd)


def take_alone(data_dir: Path) -> Held | None:
    """The shop for this process alone (a restore): None when another process has it open."""
    if fcntl is None:
        return Held(None)
    fd = _open(data_dir)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return Held(fd)

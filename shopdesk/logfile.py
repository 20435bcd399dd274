"""The log file: `logs/shopdesk.log` in the data dir, rotated at 1 MB with five old files kept, owner-only (0600).

The GUI opens it for the life of the app (ui/crash.setup_logging); each CLI run, `serve-api` included, logs to it
for the length of the run (`cli_run`) and writes nothing when the data dir does not exist (a refused `--db` must
not leave a data dir behind). No Qt here: the CLI and the services' loggers share it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from shopdesk import __version__

LOG_DIR, LOG_NAME = "logs", "shopdesk.log"
MAX_BYTES, BACKUP_COUNT = 1_000_000, 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("shopdesk")


def log_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / LOG_DIR / LOG_NAME


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are 0600 (each new one after a rollover too) in a 0700 folder.

    With `only_if_exists`, a record is dropped while the data dir does not exist rather than creating it."""

    def __init__(self, path: Path, *, only_if_exists: Path | None = None, delay: bool = False):
        self.only_if_exists = only_if_exists
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=delay)
        self.setFormatter(logging.Formatter(FORMAT))
        self.addFilter(_worth_keeping)

    def _open(self):
        folder = Path(self.baseFilename).parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.chmod(self.baseFilename, 0o600)  # a file made before, under another umask
        except OSError:
            pass
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        if self.only_if_exists is not None and not self.only_if_exists.is_dir():
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full or read-only disk) never stops the shop: one line on stderr."""
        if not getattr(self, "_told", False):
            self._told = True
            print(f"shopdesk: warning: cannot write the log {self.baseFilename}", file=sys.stderr)


def _worth_keeping(record: logging.LogRecord) -> bool:
    """Alembic says a few lines at every open; only a migration that ran is worth a line in the log."""
    if record.name.startswith("alembic") and record.levelno < logging.WARNING:
        return record.getMessage().startswith(("Running upgrade", "Running downgrade", "Running stamp"))
    return True


def _ours(path: Path) -> PrivateRotatingFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and Path(handler.baseFilename) == path:
            return handler
    return None


def setup_logging(data_dir: Path | str) -> Path:
    """The GUI's log for the life of the process: opened now (the data dir is made if need be)."""
    path = log_path(data_dir).absolute()
    if _ours(path) is None:
        root = logging.getLogger()
        root.addHandler(PrivateRotatingFileHandler(path))
        root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path


@contextmanager
def cli_run(data_dir: Path | str, what: str) -> Iterator[dict]:
    """Log one CLI run: a line when it starts and one with its exit code when it ends (a traceback for a bug).

    The caller puts the exit code in the yielded dict under "exit". The handler goes away with the run, so that
    many runs in one process (the tests) each log to their own data dir and no file stays open."""
    data_dir = Path(data_dir).absolute()
    path = log_path(data_dir)
    root = logging.getLogger()
    handler = _ours(path)
    added = handler is None
    level = root.level
    if added:
        handler = PrivateRotatingFileHandler(path, only_if_exists=data_dir, delay=True)
        root.addHandler(handler)
        root.setLevel(min(level or logging.INFO, logging.INFO))
    outcome: dict = {}
    started = time.monotonic()
    log.info("ShopDesk %s: %s started", __version__, what)
    try:
        yield outcome
    except BaseException as exc:
        if isinstance(exc, SystemExit | KeyboardInterrupt):
            log.info("%s stopped (%s)", what, type(exc).__name__)
        else:
            log.exception("%s failed", what)
        raise
    else:
        log.info("%s: exit %s after %.2f s", what, outcome.get("exit"), time.monotonic() - started)
    finally:
        if added:
            root.removeHandler(handler)
            handler.close()
            root.setLevel(level)

"""`shopdesk serve-api` as its own OS process on a shop's data dir, for the multi-process API tests."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

BANNER = re.compile(r"ShopDesk intake API on (http://127\.0\.0\.1:(\d+))/v1")


class ServeApi:
    """with ServeApi(data_dir) as api: api.url is the running server's base URL; SIGTERM stops it on exit."""

    def __init__(self, data_dir: Path, *, duration: float = 300.0):
        self.data_dir = Path(data_dir)
        self.duration = duration  # a safety net: the server stops by itself even if the test never does
        self.url = ""
        self.returncode: int | None = None
        self.stdout = self.stderr = ""
        self._out = self.data_dir / "serve-api.out"
        self._err = self.data_dir / "serve-api.err"

    def __enter__(self) -> ServeApi:
        argv = [sys.executable, "-m", "shopdesk", "--data-dir", str(self.data_dir), "serve-api"]
        argv += ["--port", "0", "--duration", str(self.duration)]
        with open(self._out, "wb") as out, open(self._err, "wb") as err:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=err)
        deadline = time.monotonic() + 60
        while not (found := BANNER.search(self._err.read_text(errors="replace"))):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise AssertionError(f"serve-api did not start (exit {self.returncode}):\n{self.stderr}")
            time.sleep(0.02)
        self.url = found.group(1)
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.returncode = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.returncode = self.proc.wait()
        self.stdout = self._out.read_text(errors="replace")
        self.stderr = self._err.read_text(errors="replace")

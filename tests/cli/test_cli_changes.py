"""`shopdesk changes follow`: every change as it commits, one JSON object per line, until interrupted."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time

from shopdesk.config import load_config
from tests.helpers import pg


class Follower:
    """`shopdesk --json changes follow ...` as its own process; its lines read by a thread as they come."""

    def __init__(self, sd, *extra):
        argv = [sys.executable, "-m", "shopdesk", "--data-dir", str(sd.path), "--json", "changes", "follow", *extra]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=lambda: [self._lines.put(line) for line in self.proc.stdout])
        self._reader.start()

    def lines(self, n: int, timeout: float = 30) -> list[dict]:
        """Up to n more lines (as JSON), waiting at most `timeout` seconds in all."""
        got, deadline = [], time.monotonic() + timeout
        while len(got) < n and (left := deadline - time.monotonic()) > 0:
            try:
                got.append(json.loads(self._lines.get(timeout=left)))
            except queue.Empty:
                break
        return got

    def stop(self, sig=signal.SIGINT) -> str:
        """Signal it, wait for it to end; its stderr."""
        self.proc.send_signal(sig)
        self.proc.wait(timeout=30)
        self._reader.join(30)
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err


def test_follow_prints_changes_as_they_commit_and_stops_on_a_signal(sd):
    [(now,)] = pg.raw(load_config(sd.path), "SELECT COALESCE(MAX(id), 0) FROM change")
    follower = Follower(sd, "--after", str(now), "--every", "0.05")  # from the present, however slow it starts
    try:
        assert sd("customer", "add", "--name", "Bob").code == 0
        got = follower.lines(1)
        assert [(c["topic"], c["entity_id"]) for c in got] == [("customer", 1)]
        assert set(got[0]) == {"id", "topic", "entity_id", "at"}
        # a change that took an earlier id and committed late (another desktop's transaction) still comes
        sd.execute(
            "INSERT INTO change (id, topic, entity_id, at) VALUES (?, 'order', 9, '2026-01-01 00:00:00')",
            got[0]["id"] + 2,
        )
        sd.execute(
            "INSERT INTO change (id, topic, entity_id, at) VALUES (?, 'order', 8, '2026-01-01 00:00:00')",
            got[0]["id"] + 1,
        )
        late = follower.lines(2)
        assert sorted(c["entity_id"] for c in late) == [8, 9]
        assert follower.lines(1, timeout=1) == []  # each once
    finally:
        err = follower.stop()
    assert follower.proc.returncode == 0, err
    assert "Traceback" not in err


def test_follow_from_the_first_change(sd):
    assert sd("customer", "add", "--name", "Ann").code == 0
    total = sd.count("change")
    follower = Follower(sd, "--after", "0", "--every", "0.05")
    try:
        got = follower.lines(total)
    finally:
        follower.stop(signal.SIGTERM)
    assert follower.proc.returncode == 0
    assert [c["id"] for c in got] == sorted(c["id"] for c in got) and len(got) == total  # every one, in order
    assert ("customer", 1) in [(c["topic"], c["entity_id"]) for c in got]

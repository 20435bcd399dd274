"""The log file in the data dir: every CLI run leaves a line with its exit code, it is 0600, it rotates at 1 MB
keeping five old files, and the GUI writes to the same file when it starts."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from shopdesk.logfile import BACKUP_COUNT, MAX_BYTES, PrivateRotatingFileHandler, cli_run, log_path

REPO_ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_cli_run_leaves_a_line_with_its_exit_code_in_a_private_log(cli, tmp_path):
    data = tmp_path / "shop"
    assert cli("--data-dir", data, "--json", "doctor").code == 0
    path = data / "logs" / "shopdesk.log"
    assert path == log_path(data)
    text = path.read_text(encoding="utf-8")
    assert "shopdesk doctor: exit 0 after" in text
    assert "Running upgrade  -> 0001" in text and "Context impl" not in text  # migrations that ran, not chatter
    assert mode(path) == 0o600 and mode(path.parent) == 0o700

    refused = cli("--data-dir", data, "--json", "product", "add", "--sku", "", "--name", "x", "--price", "abc")
    assert refused.code == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "shopdesk product add: exit 2 after" in lines[-1]
    # the handler went away with the run: no file stays open, nothing is logged there afterwards
    assert not [h for h in logging.getLogger().handlers if isinstance(h, PrivateRotatingFileHandler)]


def test_serve_api_logs_where_it_listens_and_when_it_stops(cli, tmp_path):
    data = tmp_path / "shop"
    run = cli("--data-dir", data, "--json", "serve-api", "--port", "0", "--duration", "0.3")
    assert run.code == 0, run.err
    port = run.json()["port"]
    text = log_path(data).read_text(encoding="utf-8")
    assert f"intake API listening on http://127.0.0.1:{port}/v1" in text
    assert "shopdesk serve-api: exit 0 after" in text


def test_a_bug_in_a_command_is_logged_with_its_traceback(tmp_path):
    data = tmp_path / "shop"
    data.mkdir()
    try:
        with cli_run(data, "shopdesk demo"):
            raise RuntimeError("a bug in the handler")
    except RuntimeError:
        pass
    text = log_path(data).read_text(encoding="utf-8")
    assert "shopdesk demo failed" in text and "Traceback" in text and "RuntimeError: a bug in the handler" in text


def test_no_data_dir_is_made_just_to_log(tmp_path):
    with cli_run(tmp_path / "nowhere", "shopdesk doctor") as outcome:
        outcome["exit"] = 1
    assert not (tmp_path / "nowhere").exists()


def test_the_log_rotates_past_1_mb_and_keeps_five_old_files_all_private(tmp_path):
    old = os.umask(0o022)  # the files are 0600 whatever the umask
    try:
        handler = PrivateRotatingFileHandler(log_path(tmp_path))
        logger = logging.getLogger("shopdesk.test_rotation")
        logger.propagate = False
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            line = "x" * 1000
            for _ in range((MAX_BYTES // 1000) * (BACKUP_COUNT + 2)):
                logger.info(line)
        finally:
            logger.removeHandler(handler)
            handler.close()
    finally:
        os.umask(old)
    folder = tmp_path / "logs"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["shopdesk.log"] + [f"shopdesk.log.{i}" for i in range(1, BACKUP_COUNT + 1)]
    for path in folder.iterdir():
        assert path.stat().st_size <= MAX_BYTES
        assert mode(path) == 0o600, path


def test_the_gui_writes_to_the_log_when_it_starts(tmp_path):
    """run_gui itself, in a child process, with a window that stops at once (its login was cancelled)."""
    data = tmp_path / "shop"
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtWidgets import QMainWindow
        from shopdesk.config import load_config
        from shopdesk.ui import main

        class Window(QMainWindow):
            gave_up = True

            def __init__(self, ops, config):
                super().__init__()

            async def start(self, seed_demo):
                return None

        main.MainWindow = Window
        sys.exit(main.run_gui(load_config({str(data)!r})))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    path = log_path(data)
    text = path.read_text(encoding="utf-8")
    assert "the GUI started (Qt 6." in text and "offscreen" in text and "the GUI closed (exit 0)" in text
    assert mode(path) == 0o600

"""`make dist`'s bundle as a person without Python gets it: packaging/shopdesk.spec built by PyInstaller into a
temp dir, then the bundled program run with nothing of this checkout's Python around it, on a fresh data dir.

It proves what the bundle must carry: the translations (`--lang zh_CN --version` reads the window title from the
catalogue), the Alembic migrations loaded by path (`db upgrade` and a first open), errors.toml (a refused
command's message), the demo shop (demo.toml), the holidays library's data (a calendar filled from it), and the
GUI's Qt plugins, icons and icon fonts (the window starts offscreen and logs that it did, with no error).

The build takes a few minutes on two cores; the bundle is built once for the module.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shopdesk import __version__

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC = REPO_ROOT / "packaging" / "shopdesk.spec"
BUILD_TIMEOUT = 1500


def _clean_env(data_dir: Path) -> dict[str, str]:
    """No Python of ours: nothing that points an interpreter at the checkout or the venv."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SHOPDESK_")) and k != "VIRTUAL_ENV"}
    env.update(QT_QPA_PLATFORM="offscreen", SHOPDESK_DATA_DIR=str(data_dir), LANG="C.UTF-8")
    env.pop("QT_API", None)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(where / "dist"), "--workpath", str(where / "build"), str(SPEC)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )  # fmt: skip
    # "No module named PyInstaller": install the test (or dist) extras (make test does)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-8000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    program = where / "dist" / "shopdesk" / ("shopdesk-cli.exe" if sys.platform == "win32" else "shopdesk")
    assert program.is_file() and os.access(program, os.X_OK)
    return program


def run(program: Path, data_dir: Path, *args, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)],
        cwd=data_dir.parent, env=_clean_env(data_dir), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def window_title_zh() -> str:
    tree = ET.parse(REPO_ROOT / "shopdesk" / "resources" / "translations" / "shopdesk_zh_CN.ts")
    for context in tree.iter("context"):
        if context.findtext("name") == "MainWindow":
            for message in context.iter("message"):
                if message.findtext("source") == "ShopDesk":
                    return message.findtext("translation")
    raise AssertionError("MainWindow/ShopDesk is not in the catalogue")


def test_the_bundle_answers_version_and_doctor_and_opens_a_fresh_shop(bundle, tmp_path):
    data = tmp_path / "fresh"
    assert not data.exists()

    version = run(bundle, data, "--version")
    assert version.returncode == 0, version.stdout + version.stderr
    assert version.stdout == f"ShopDesk {__version__}\n"
    zh = run(bundle, data, "--lang", "zh_CN", "--version")
    assert zh.returncode == 0, zh.stdout + zh.stderr
    assert zh.stdout == f"ShopDesk {__version__} (zh_CN: {window_title_zh()})\n"

    upgraded = run(bundle, data, "--json", "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    assert (data / "shopdesk.sqlite3").is_file()

    doctor = run(bundle, data, "--json", "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert json.loads(doctor.stdout)["ok"] is True

    refused = run(bundle, data, "--json", "product", "add", "--sku", "A", "--name", "A", "--price", "abc")
    assert refused.returncode == 2
    # worded from the bundled errors.toml (amount.not_a_number/decimals)
    assert (
        json.loads(refused.stderr)["error"]
        == "price: 'abc' is not an amount. Write yuan with up to two decimals, e.g. 12.50."
    )

    calendar = run(bundle, data, "--json", "sop", "calendar", "set", "cn", "--hours", "mon-fri 09:00-18:00",
                   "--china-holidays", "2026")  # fmt: skip
    assert calendar.returncode == 0, calendar.stdout + calendar.stderr
    assert "2026-10-01" in json.loads(calendar.stdout)["calendar"]["holidays"]  # 国庆节, from the holidays library

    demo = run(bundle, data, "--json", "demo", "--orders", "3")
    assert demo.returncode == 0, demo.stdout + demo.stderr

    log = (data / "logs" / "shopdesk.log").read_text(encoding="utf-8")
    assert "shopdesk doctor: exit 0" in log and "shopdesk product add: exit 2" in log


def test_the_bundled_gui_starts_on_a_fresh_data_dir(bundle, tmp_path):
    data = tmp_path / "gui"
    proc = subprocess.Popen(
        [str(bundle), "--lang", "zh_CN"], cwd=tmp_path, env=_clean_env(data),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    log = data / "logs" / "shopdesk.log"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if log.is_file() and "the GUI started" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.5)
        time.sleep(8)  # the window opens the shop and seeds the demo on its first start
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            output = proc.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            output = proc.communicate()[0]
    text = log.read_text(encoding="utf-8")
    assert "the GUI started (Qt 6." in text and "offscreen" in text, text
    assert "ERROR" not in text and "Traceback" not in text, text
    assert "Could not load the Qt platform plugin" not in output, output
    assert "qtawesome" not in output.lower(), output

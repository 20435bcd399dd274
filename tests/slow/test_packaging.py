"""The wheel as a user gets it: built from this checkout, installed into a fresh venv, run from there.

Nothing is downloaded: the wheel is built without build isolation (setuptools and wheel come with the
test extras), installed with --no-deps --no-index, and the fresh venv sees the test interpreter's
dependencies through a .pth line. That directory holds only an editable hook for shopdesk, which a .pth
line does not process, so `shopdesk` in the fresh venv is the installed wheel and nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300
# Left out of the copy the wheel is built from: a stale build/ would leak old files into the wheel.
NOT_SOURCES = {".git", ".venv", "venv", "build", "dist", ".pytest_cache", ".ruff_cache", ".hypothesis"}


def _env() -> dict[str, str]:
    """This environment without what would point Python at the checkout (PYTHONPATH and the like)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(argv: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=TIMEOUT)


def _ignore(directory: str, names: list[str]) -> set[str]:
    top = Path(directory) == REPO_ROOT
    return {n for n in names if (top and n in NOT_SOURCES) or n == "__pycache__" or n.endswith(".egg-info")}


def _expected_title() -> str:
    """The zh_CN of the window title, read from the catalogue's source."""
    tree = ET.parse(REPO_ROOT / "shopdesk" / "resources" / "translations" / "shopdesk_zh_CN.ts")
    for context in tree.iter("context"):
        if context.findtext("name") == "MainWindow":
            for message in context.iter("message"):
                if message.findtext("source") == "ShopDesk":
                    return message.findtext("translation")
    raise AssertionError("MainWindow/ShopDesk is not in the catalogue")


def test_the_wheel_ships_its_resources_and_runs_from_a_fresh_venv(tmp_path):
    src, wheels, fresh = tmp_path / "src", tmp_path / "wheels", tmp_path / "fresh"
    shutil.copytree(REPO_ROOT, src, ignore=_ignore)

    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, src],
        tmp_path,
    )
    # "invalid command 'bdist_wheel'" or "No module named setuptools": install the test extras (make test does).
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("shopdesk-*.whl")

    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "shopdesk/resources/translations/shopdesk_zh_CN.qm",
        "shopdesk/resources/translations/shopdesk_zh_CN.ts",
        "shopdesk/openapi.json",
        "shopdesk/db/migrations/env.py",
        "shopdesk/db/migrations/script.py.mako",
    } <= names
    for path in (REPO_ROOT / "shopdesk" / "db" / "migrations" / "versions").glob("*.py"):
        assert f"shopdesk/db/migrations/versions/{path.name}" in names
    for path in (REPO_ROOT / "shopdesk" / "resources").rglob("*"):
        if path.is_file():
            assert path.relative_to(REPO_ROOT).as_posix() in names

    made = _run([sys.executable, "-m", "venv", fresh], tmp_path)
    assert made.returncode == 0, made.stderr
    python, shopdesk = fresh / "bin" / "python", fresh / "bin" / "shopdesk"
    installed = _run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path)
    assert site.returncode == 0, site.stderr
    ours = sysconfig.get_paths()
    deps = dict.fromkeys([ours["purelib"], ours["platlib"]])  # the same directory on most systems
    (Path(site.stdout.strip()) / "zz_shopdesk_test_deps.pth").write_text("".join(f"{d}\n" for d in deps))

    version = _run([shopdesk, "--lang", "zh_CN", "--version"], tmp_path)
    assert version.returncode == 0, version.stdout + version.stderr
    assert version.stdout.startswith("ShopDesk ")
    assert version.stdout.endswith(f" (zh_CN: {_expected_title()})\n")

    where = _run([python, "-c", "import shopdesk, sys; print(shopdesk.__file__)"], tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(fresh.resolve()), where.stdout

    doctor = _run([shopdesk, "--data-dir", tmp_path / "shop", "--json", "doctor"], tmp_path)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    report = json.loads(doctor.stdout)
    assert report["ok"] is True, report

"""tools/check_runtime.py (run by `make run`): reading ldd and os-release, mapping libraries to packages, and the
commands it would run or print — all without running apt."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_runtime.py"
_spec = importlib.util.spec_from_file_location("check_runtime", TOOL)
cr = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("check_runtime", cr)  # dataclasses look their module up there
_spec.loader.exec_module(cr)

LDD = """\
\tlinux-vdso.so.1 (0x00007f2fc54fd000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f2fc542f000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f2fc534c000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f2fc4762000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f2fc54ff000)
"""

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'
UBUNTU = 'NAME="Ubuntu"\nVERSION="24.04 LTS (Noble Numbat)"\nID=ubuntu\nID_LIKE=debian\n'
MINT = '# Linux Mint\nNAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\n'
ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n'
MANJARO = "NAME='Manjaro Linux'\nID=manjaro\nID_LIKE=arch\n"
ALPINE = 'NAME="Alpine Linux"\nID=alpine\n'


def test_ldd_output_gives_each_missing_library_once_in_order():
    assert cr.parse_ldd(LDD) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert cr.parse_ldd("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n\tstatically linked\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DEBIAN, "debian"),
        (UBUNTU, "debian"),
        (MINT, "debian"),
        (FEDORA, "fedora"),
        (ROCKY, "fedora"),
        (MANJARO, "arch"),
        (ALPINE, None),
        ("", None),
    ],
)
def test_os_release_names_the_family(text, expected):
    assert cr.family(cr.parse_os_release(text)) == expected


def test_os_release_values_are_unquoted():
    parsed = cr.parse_os_release(MINT)
    assert parsed["NAME"] == "Linux Mint" and parsed["ID_LIKE"] == "ubuntu debian"


def test_missing_libraries_map_to_debian_packages_and_a_missing_font_adds_one():
    plan = cr.make_plan(cr.parse_ldd(LDD), True, False, "debian")
    assert plan.packages == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "fonts-noto-cjk"]
    assert not plan.ok and plan.unknown == []


def test_without_fc_list_fontconfig_comes_with_the_font():
    plan = cr.make_plan([], True, True, "debian")
    assert plan.packages == ["fontconfig", "fonts-noto-cjk"]


def test_the_renamed_packages_follow_what_apt_knows():
    libs = ["libglib-2.0.so.0", "libgthread-2.0.so.0", "libEGL.so.1", "libxkbcommon-x11.so.0"]
    bookworm = cr.make_plan(libs, False, False, "debian", known=lambda name: not name.endswith("t64"))
    assert bookworm.packages == ["libglib2.0-0", "libegl1", "libxkbcommon-x11-0"]
    noble = cr.make_plan(libs, False, False, "debian", known=lambda name: True)
    assert noble.packages[0] == "libglib2.0-0t64"


def test_a_library_with_no_known_package_is_named_not_guessed():
    plan = cr.make_plan(["libfrobnicate.so.3", "libxcb-cursor.so.0"], False, False, "debian")
    assert plan.unknown == ["libfrobnicate.so.3"] and plan.packages == ["libxcb-cursor0"]


def test_nothing_missing_is_ok():
    assert cr.make_plan([], False, False, "debian").ok


def test_the_install_command_goes_through_sudo_when_not_root():
    pkgs = ["libxcb-cursor0", "fonts-noto-cjk"]
    assert cr.install_command(pkgs, is_root=True, sudo=None) == ["apt-get", "install", "-y", *pkgs]
    assert cr.install_command(pkgs, is_root=False, sudo="/usr/bin/sudo") == ["sudo", "apt-get", "install", "-y", *pkgs]
    assert cr.install_command(pkgs, is_root=False, sudo=None) is None


@pytest.mark.parametrize(
    ("env", "platform", "skipped"),
    [
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "minimal"}, "linux", True),
        ({}, "linux", True),
        ({"DISPLAY": ":0", "SHOPDESK_SKIP_RUNTIME_CHECK": "1"}, "linux", True),
        ({"DISPLAY": ":0", "SHOPDESK_SKIP_RUNTIME_CHECK": "0"}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", True),
        ({"DISPLAY": ":0"}, "win32", True),
    ],
)
def test_when_the_check_is_skipped(env, platform, skipped):
    assert (cr.skip_reason(env, platform) is not None) is skipped


def test_other_systems_are_told_what_to_install():
    fedora = cr.elsewhere_advice(cr.make_plan(["libxcb-cursor.so.0", "libxcb-icccm.so.4"], True, False, "fedora"))
    assert fedora[0] == "Qt's display plugins cannot find: libxcb-cursor.so.0, libxcb-icccm.so.4"
    assert fedora[-1] == "Install them with: sudo dnf install xcb-util-cursor xcb-util-wm google-noto-sans-cjk-fonts"
    arch = cr.elsewhere_advice(cr.make_plan(["libxcb-cursor.so.0"], False, False, "arch"))
    assert arch[-1] == "Install them with: sudo pacman -S xcb-util-cursor"
    other = cr.elsewhere_advice(cr.make_plan(["libxcb-cursor.so.0"], False, False, None))
    assert "libxcb-cursor.so.0" in other[0] and "provide them" in other[-1]


# --- main(): what it runs, with apt, sudo and the machine replaced --------------------------------------------
class Machine:
    def __init__(
        self,
        monkeypatch,
        *,
        root: bool,
        sudo: bool,
        os_release: str = DEBIAN,
        fails: int = 0,
        missing=("libxcb-cursor.so.0",),
        font_missing=False,
    ):
        self.ran: list[list[str]] = []
        self.fails = fails
        self.installed = False
        monkeypatch.setattr(cr.os, "environ", {"DISPLAY": ":0"})
        monkeypatch.setattr(cr.os, "geteuid", lambda: 0 if root else 1000)
        tools = {"apt-get": "/usr/bin/apt-get", "sudo": "/usr/bin/sudo" if sudo else None}
        monkeypatch.setattr(cr.shutil, "which", lambda name: tools.get(name, f"/usr/bin/{name}"))
        monkeypatch.setattr(cr, "read_os_release", lambda: cr.parse_os_release(os_release))

        def look(os_family, fonts=True):
            self.looked_at_fonts = fonts
            if self.installed:
                return cr.make_plan([], False, False, os_family)
            return cr.make_plan(list(missing), font_missing and fonts, False, os_family)

        monkeypatch.setattr(cr, "look", look)
        monkeypatch.setattr(cr.subprocess, "run", self.run)

    def run(self, argv, *a, **kw):
        self.ran.append(list(argv))
        if "install" in argv:
            if self.fails:
                self.fails -= 1
                return subprocess.CompletedProcess(argv, 100)
            self.installed = True
        return subprocess.CompletedProcess(argv, 0)


def test_as_root_it_installs_with_apt_get(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=True, sudo=False, font_missing=True)
    assert cr.main([]) == 0
    assert machine.ran == [["apt-get", "install", "-y", "libxcb-cursor0", "fonts-noto-cjk"]]
    assert "check_runtime: done" in capsys.readouterr().err


def test_not_root_it_goes_through_sudo(monkeypatch):
    machine = Machine(monkeypatch, root=False, sudo=True)
    assert cr.main([]) == 0
    assert machine.ran == [["sudo", "apt-get", "install", "-y", "libxcb-cursor0"]]


def test_without_sudo_it_stops_with_the_command_to_run_as_root(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=False, sudo=False)
    assert cr.main([]) == 1
    assert machine.ran == []
    assert "as root, run\n    apt-get install -y libxcb-cursor0" in capsys.readouterr().err


def test_a_failed_install_refreshes_the_lists_once_then_stops_with_the_exact_command(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=False, sudo=True, fails=2)
    assert cr.main([]) == 1
    assert machine.ran == [
        ["sudo", "apt-get", "install", "-y", "libxcb-cursor0"],
        ["sudo", "apt-get", "update"],
        ["sudo", "apt-get", "install", "-y", "libxcb-cursor0"],
    ]
    err = capsys.readouterr().err
    assert "Run this, then `make run` again:\n    sudo apt-get update && sudo apt-get install -y libxcb-cursor0" in err


def test_stale_package_lists_are_refreshed_and_the_install_goes_on(monkeypatch):
    machine = Machine(monkeypatch, root=True, sudo=False, fails=1)
    assert cr.main([]) == 0
    assert machine.ran[1] == ["apt-get", "update"] and machine.installed


def test_a_dry_run_installs_nothing(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=False, sudo=True)
    assert cr.main(["--dry-run"]) == 0
    assert machine.ran == []
    assert "would run: sudo apt-get install -y libxcb-cursor0" in capsys.readouterr().err


def test_elsewhere_it_says_what_to_install_and_carries_on(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=True, sudo=True, os_release=FEDORA)
    assert cr.main([]) == 0
    assert machine.ran == []
    assert "sudo dnf install xcb-util-cursor" in capsys.readouterr().err


def test_a_machine_with_everything_says_nothing(monkeypatch, capsys):
    machine = Machine(monkeypatch, root=True, sudo=True, missing=())
    assert cr.main([]) == 0
    assert machine.ran == [] and capsys.readouterr().err == ""


def test_for_the_bundle_it_checks_the_libraries_without_a_display_and_leaves_fonts_alone(monkeypatch):
    machine = Machine(monkeypatch, root=True, sudo=False, font_missing=True)
    monkeypatch.setattr(cr.os, "environ", {})  # a build machine: no desktop
    assert cr.main(["--for-bundle"]) == 0
    assert machine.ran == [["apt-get", "install", "-y", "libxcb-cursor0"]] and machine.looked_at_fonts is False


def test_it_looks_at_the_plugins_of_the_installed_pyside6():
    plugins = cr.qt_plugins()
    assert plugins[0].name == "libqxcb.so" and plugins[0].is_file()
    assert all(p.parent.name in ("platforms", "xcbglintegrations") for p in plugins)
    assert cr.qt_plugins(wayland=True)[-1].name == "libqwayland.so"
    assert all(lib.startswith("lib") and ".so" in lib for lib in cr.ldd_missing(plugins))  # whatever this host lacks

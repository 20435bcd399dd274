"""Before `make run` opens the window: does this machine have what Qt needs to draw it?

Qt's wheel brings Qt itself but not the system libraries its X11 (xcb) plugin loads: on a fresh Debian desktop
libxcb-cursor0 is the classic one missing, and the window never opens ("could not load the Qt platform plugin
xcb"). The most reliable check is the plugin's own: `ldd` on PySide6's libqxcb.so (and its GL integrations)
lists every library it would load, and the ones "not found" map to Debian packages. A CJK font is checked too
(`fc-list :lang=zh`): without one every Chinese word is a row of boxes.

On Debian and Ubuntu (and their kin: /etc/os-release ID or ID_LIKE) what is missing is installed with
`apt-get install -y` (through sudo when not root); when that cannot be done it stops with the exact command to run.
Elsewhere it prints what to install and carries on. Nothing is checked when no window will be drawn
(QT_QPA_PLATFORM=offscreen or minimal, or no DISPLAY/WAYLAND_DISPLAY), nor off Linux (the wheels for macOS and
Windows carry their libraries), nor with SHOPDESK_SKIP_RUNTIME_CHECK=1.

    python tools/check_runtime.py [--dry-run]     # --dry-run: say what would be installed, install nothing
    python tools/check_runtime.py --for-bundle    # `make dist`: the libraries only, display or not, so that
                                                  # PyInstaller finds them on the build machine and bundles them
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The Debian/Ubuntu package of each library the xcb plugin and QtGui load; a tuple lists the names a package had
# in different releases (the 64-bit time_t transition renamed some: Debian 13, Ubuntu 24.04), newest first.
DEBIAN_PACKAGES: dict[str, str | tuple[str, ...]] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-util.so.0": "libxcb-util0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": ("libpng16-16t64", "libpng16-16"),
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
CJK_FONT_PACKAGE = "fonts-noto-cjk"  # what Debian's Chinese desktop task installs; fonts-wqy-microhei does as well
FC_LIST_PACKAGE = "fontconfig"

# Elsewhere: the packages to name, by distribution family, for the libraries most often missing.
OTHER_FAMILIES: dict[str, tuple[str, dict[str, str]]] = {
    "fedora": (
        "sudo dnf install",
        {
            "libxcb-cursor.so.0": "xcb-util-cursor",
            "libxkbcommon-x11.so.0": "libxkbcommon-x11",
            "libEGL.so.1": "libglvnd-egl",
            "libxcb-icccm.so.4": "xcb-util-wm",
            "libxcb-image.so.0": "xcb-util-image",
            "libxcb-keysyms.so.1": "xcb-util-keysyms",
            "libxcb-render-util.so.0": "xcb-util-renderutil",
            "cjk-font": "google-noto-sans-cjk-fonts",
        },
    ),
    "arch": (
        "sudo pacman -S",
        {
            "libxcb-cursor.so.0": "xcb-util-cursor",
            "libxkbcommon-x11.so.0": "libxkbcommon-x11",
            "libEGL.so.1": "libglvnd",
            "libxcb-icccm.so.4": "xcb-util-wm",
            "libxcb-image.so.0": "xcb-util-image",
            "libxcb-keysyms.so.1": "xcb-util-keysyms",
            "libxcb-render-util.so.0": "xcb-util-renderutil",
            "cjk-font": "noto-fonts-cjk",
        },
    ),
}
NO_WINDOW_PLATFORMS = {"offscreen", "minimal"}


def parse_os_release(text: str) -> dict[str, str]:
    """/etc/os-release: KEY=value lines, values maybe quoted; comments and blank lines skipped."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        try:
            words = shlex.split(value)
        except ValueError:
            words = [value.strip("\"'")]
        out[key.strip()] = " ".join(words)
    return out


def family(os_release: Mapping[str, str]) -> str | None:
    """ "debian" for Debian, Ubuntu, Mint, …; "fedora", "arch" for those families; None otherwise."""
    ids = [os_release.get("ID", "").lower(), *os_release.get("ID_LIKE", "").lower().split()]
    for name, kin in (("debian", {"debian", "ubuntu"}), ("fedora", {"fedora", "rhel", "centos"}), ("arch", {"arch"})):
        if any(i in kin for i in ids):
            return name
    return None


def parse_ldd(text: str) -> list[str]:
    """The libraries `ldd` reports as "not found", each once, in the order it names them."""
    missing: list[str] = []
    for line in text.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def skip_reason(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why there is nothing to check here, or None to check."""
    if not platform.startswith("linux"):
        return "not Linux: Qt's wheel carries what it needs"
    if env.get("SHOPDESK_SKIP_RUNTIME_CHECK", "") not in ("", "0"):
        return "SHOPDESK_SKIP_RUNTIME_CHECK is set"
    first = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if first in NO_WINDOW_PLATFORMS:
        return f"QT_QPA_PLATFORM={first}: no window to draw"
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return "no DISPLAY or WAYLAND_DISPLAY: no desktop to open the window on"
    return None


@dataclass
class Plan:
    """What is missing and what to do about it."""

    missing_libs: list[str]
    font_missing: bool
    family: str | None
    packages: list[str] = field(default_factory=list)  # Debian packages to install
    unknown: list[str] = field(default_factory=list)  # libraries no package is known for

    @property
    def ok(self) -> bool:
        return not self.missing_libs and not self.font_missing


def debian_package(lib: str, known: Callable[[str], bool]) -> str | None:
    names = DEBIAN_PACKAGES.get(lib)
    if names is None:
        return None
    if isinstance(names, str):
        return names
    return next((n for n in names if known(n)), names[-1])


def make_plan(
    missing_libs: Sequence[str],
    font_missing: bool,
    fc_list_missing: bool,
    os_family: str | None,
    known: Callable[[str], bool] = lambda _name: True,
) -> Plan:
    plan = Plan(list(missing_libs), font_missing, os_family)
    if os_family != "debian":
        return plan
    for lib in missing_libs:
        package = debian_package(lib, known)
        if package is None:
            plan.unknown.append(lib)
        elif package not in plan.packages:
            plan.packages.append(package)
    if font_missing:
        if fc_list_missing:
            plan.packages.append(FC_LIST_PACKAGE)
        plan.packages.append(CJK_FONT_PACKAGE)
    return plan


def install_command(packages: Iterable[str], *, is_root: bool, sudo: str | None) -> list[str] | None:
    """`apt-get install -y …`, through sudo when not root; None when neither is possible."""
    argv = ["apt-get", "install", "-y", *packages]
    if is_root:
        return argv
    if sudo:
        return ["sudo", *argv]
    return None


def shell_line(argv: Sequence[str]) -> str:
    return shlex.join(argv)


def elsewhere_advice(plan: Plan) -> list[str]:
    """What to say on a system without apt-get."""
    lines = []
    if plan.missing_libs:
        lines.append("Qt's display plugins cannot find: " + ", ".join(plan.missing_libs))
    if plan.font_missing:
        lines.append("No Chinese (CJK) font is installed: Chinese text will show as boxes.")
    if plan.family in OTHER_FAMILIES:
        tool, names = OTHER_FAMILIES[plan.family]
        wanted = [names[lib] for lib in plan.missing_libs if lib in names]
        if plan.font_missing:
            wanted.append(names["cjk-font"])
        if wanted:
            lines.append("Install them with: " + tool + " " + " ".join(dict.fromkeys(wanted)))
    else:
        lines.append("Install the packages of your system that provide them, then run `make run` again.")
    return lines


# --- looking at this machine -------------------------------------------------------------------------------
def qt_plugins(wayland: bool = False) -> list[Path]:
    """The xcb platform plugin of the PySide6 this interpreter would import, and its GL integrations; in a Wayland
    session the Wayland plugin too (Qt prefers it there, and falls back to xcb)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    plugins = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"
    found = [plugins / "platforms" / "libqxcb.so"]
    found += sorted((plugins / "xcbglintegrations").glob("*.so"))
    if wayland:
        found.append(plugins / "platforms" / "libqwayland.so")
    return [p for p in found if p.is_file()]


def ldd_missing(paths: Sequence[Path]) -> list[str]:
    missing: list[str] = []
    for path in paths:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        for lib in parse_ldd(done.stdout):
            if lib not in missing:
                missing.append(lib)
    return missing


def cjk_font_state() -> tuple[bool, bool]:
    """(font missing, fc-list missing)."""
    if shutil.which("fc-list") is None:
        return True, True
    done = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return not done.stdout.strip(), False


def apt_knows(name: str) -> bool:
    done = subprocess.run(["apt-cache", "show", "-q", name], capture_output=True, text=True)
    return done.returncode == 0 and bool(done.stdout.strip())


def _any(_name: str) -> bool:
    return True


def look(os_family: str | None, *, fonts: bool = True) -> Plan:
    missing = ldd_missing(qt_plugins(bool(os.environ.get("WAYLAND_DISPLAY")))) if shutil.which("ldd") else []
    font_missing, fc_missing = cjk_font_state() if fonts else (False, False)
    known = apt_knows if os_family == "debian" and shutil.which("apt-cache") else _any
    return make_plan(missing, font_missing, fc_missing, os_family, known)


def read_os_release() -> dict[str, str]:
    for where in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            return parse_os_release(Path(where).read_text(encoding="utf-8"))
        except OSError:
            continue
    return {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check (and on Debian/Ubuntu install) what Qt needs to open.")
    parser.add_argument("--dry-run", action="store_true", help="say what would be installed; install nothing")
    parser.add_argument(
        "--for-bundle", action="store_true", help="the X11 plugin's libraries only, whether or not there is a display"
    )
    args = parser.parse_args(argv)
    say = lambda text: print(f"check_runtime: {text}", file=sys.stderr)  # noqa: E731

    reason = skip_reason({"DISPLAY": ":0"} if args.for_bundle else os.environ)
    if reason:
        say(f"skipped ({reason})")
        return 0
    os_family = family(read_os_release())
    if os_family == "debian" and shutil.which("apt-get") is None:
        os_family = None
    plan = look(os_family, fonts=not args.for_bundle)
    if plan.ok:
        return 0
    if os_family != "debian":
        for line in elsewhere_advice(plan):
            say(line)
        return 0  # the window may still open (another plugin); Qt will say so if it does not

    if plan.missing_libs:
        say("Qt's display plugins cannot find: " + ", ".join(plan.missing_libs))
    if plan.font_missing:
        say("no Chinese (CJK) font is installed")
    for lib in plan.unknown:
        say(f"no package is known here for {lib}: `apt-file search {lib}` names it")
    if not plan.packages:
        return 1
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = install_command(plan.packages, is_root=is_root, sudo=shutil.which("sudo"))
    exact = shell_line(install_command(plan.packages, is_root=is_root, sudo="sudo") or [])
    if args.dry_run:
        say(f"would run: {exact}")
        return 0
    if command is None:
        say(f"not root and no sudo here: as root, run\n    {shell_line(['apt-get', 'install', '-y', *plan.packages])}")
        return 1
    say(f"installing: {shell_line(command)}")
    if subprocess.run(command).returncode != 0:
        update = [*command[: command.index("apt-get")], "apt-get", "update"]
        say("that failed; refreshing the package lists and trying once more")
        if subprocess.run(update).returncode != 0 or subprocess.run(command).returncode != 0:
            say(f"could not install them. Run this, then `make run` again:\n    {shell_line(update)} && {exact}")
            return 1
    after = look(os_family, fonts=False)
    if after.missing_libs:
        say("still missing after the install: " + ", ".join(after.missing_libs))
        return 1
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())

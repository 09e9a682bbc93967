"""Core: can the desktop app start here? A display to open a window on, and the system libraries Qt needs.

Qt aborts with a long message about the xcb platform plugin when either is missing. These checks run
before Qt is imported, so the user gets one clear line instead; ``.ci/sysdeps.sh`` asks
:func:`debian_packages` which Debian packages bring the missing libraries.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Shared libraries Qt's xcb platform loads, with the Debian packages that provide them (newest name first:
# Debian 13 renamed some for the 64-bit time transition).
DEBIAN_PACKAGES: dict[str, str] = {
    "libglib-2.0.so.0": "libglib2.0-0t64|libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0t64|libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0t64|libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
    "libpulse.so.0": "libpulse0",
    "libpulse-mainloop-glib.so.0": "libpulse-mainloop-glib0",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """One line saying why no window can open here, or None when a display (or a headless platform) is set."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip()
    if qpa in HEADLESS_PLATFORMS:
        return None
    if qpa == "wayland" and not env.get("WAYLAND_DISPLAY"):
        return "Storybook needs a display: QT_QPA_PLATFORM is wayland but WAYLAND_DISPLAY is not set."
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("Storybook needs a display to open its window and none was found (DISPLAY and WAYLAND_DISPLAY are "
            "unset). Start it from a desktop session, or under Xvfb with 'xvfb-run storybook', or use the "
            "commands without a window: 'storybook --help'.")


def uses_xcb(env: Mapping[str, str] | None = None) -> bool:
    """Whether Qt will pick its X11 (xcb) platform: asked for, or the default with no Wayland session."""
    env = os.environ if env is None else env
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip()
    return qpa == "xcb" or (not qpa and not env.get("WAYLAND_DISPLAY"))


def qt_binaries(xcb: bool = True) -> list[Path]:
    """QtGui and (with ``xcb``) the X11 platform plugin of the installed PySide6, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    candidates = [qt / "lib" / "libQt6Gui.so.6"]
    if xcb:
        candidates += [qt / "lib" / "libQt6XcbQpa.so.6", qt / "plugins" / "platforms" / "libqxcb.so"]
    return [p for p in candidates if p.is_file()]


def parse_ldd(output: str) -> list[str]:
    """The sonames ``ldd`` reports as ``not found``, in order, without repeats."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def missing_libraries(binaries: list[Path] | None = None, ldd: str = "ldd") -> list[str]:
    """Shared libraries the Qt binaries need that the system cannot find (empty when ldd is not there)."""
    return start_library_check(binaries, ldd)()


def start_library_check(binaries: list[Path] | None = None, ldd: str = "ldd") -> Callable[[], list[str]]:
    """Start ``ldd`` on the Qt binaries now, all at once; the returned function waits for the missing sonames.

    The app starts the check, imports its modules meanwhile, and asks for the answer before Qt opens a window.
    """
    procs: list[subprocess.Popen[str]] = []
    for binary in qt_binaries(uses_xcb()) if binaries is None else binaries:
        try:
            procs.append(subprocess.Popen([ldd, str(binary)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                          text=True))
        except OSError:
            _reap(procs)
            return list

    def finish() -> list[str]:
        missing: list[str] = []
        for proc in procs:
            try:
                out, _ = proc.communicate(timeout=30)
            except subprocess.SubprocessError:
                _reap(procs)
                return []
            missing += parse_ldd(out or "")
        return list(dict.fromkeys(missing))

    return finish


def _reap(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def debian_packages(sonames: list[str]) -> list[str]:
    """Debian package choices (``a|b``: the first that exists) for missing sonames; unknown ones are guessed."""
    out = []
    for soname in sonames:
        package = DEBIAN_PACKAGES.get(soname)
        if package is None:
            stem, _, version = soname.partition(".so")
            version = version.strip(".").split(".")[0]
            package = (stem.lower() + ("-" if stem[-1:].isdigit() else "") + version).replace("_", "-")
        out.append(package)
    return list(dict.fromkeys(out))


def libraries_problem(missing: list[str]) -> str | None:
    """One line naming the missing libraries and the apt-get command that brings them, or None."""
    if not missing:
        return None
    packages = " ".join(p.split("|")[-1] if "|" in p else p for p in debian_packages(missing))
    return (f"Storybook cannot open its window: Qt needs {', '.join(missing)}, which this system lacks. "
            f"On Debian or Ubuntu: sudo apt-get install {packages}")


"""Core: put Storybook in the desktop's application menu (a .desktop file, hicolor icons, AppStream metainfo).

Everything goes into the user's XDG data folder (``$XDG_DATA_HOME``, by default ``~/.local/share``), so no
root is needed and ``uninstall`` removes exactly what ``install`` wrote.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from storybook.paths import resources_dir

log = logging.getLogger(__name__)

DESKTOP_ID = "storybook.desktop"
APP_ID = "io.github.storybook.Storybook"
ICON_NAME = "storybook"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def xdg_data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value).expanduser() if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


@dataclass
class DesktopFiles:
    """Core: the files one installation consists of, under one XDG data folder."""

    root: Path

    @property
    def desktop_file(self) -> Path:
        return self.root / "applications" / DESKTOP_ID

    @property
    def metainfo_file(self) -> Path:
        return self.root / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def svg_icon(self) -> Path:
        return self.root / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"

    def png_icon(self, size: int) -> Path:
        return self.root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"

    def all(self) -> list[Path]:
        return [self.desktop_file, self.metainfo_file, self.svg_icon, *(self.png_icon(n) for n in PNG_SIZES)]


@dataclass
class DesktopResult:
    """Core: what an install or uninstall did, for the CLI to print."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    command: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def launcher_command() -> list[str]:
    """The command (absolute program path first) the menu entry should run."""
    beside = Path(sys.executable).with_name("storybook")  # the venv or pipx environment of this Python
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("storybook")
    return [found] if found else [sys.executable, "-m", "storybook"]


def desktop_text(command: list[str]) -> str:
    """The shipped .desktop file with Exec (and TryExec) pointing at ``command``."""
    template = (resources_dir() / DESKTOP_ID).read_text(encoding="utf-8")
    program = command[0]
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={_quote_exec(command)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={program}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _quote_exec(command: list[str]) -> str:
    """Quote each argument as the Desktop Entry spec asks when it holds a space or a reserved character."""
    reserved = set(' \t\n"\'\\><~|&;$*?#()`')
    quoted = []
    for part in command:
        if any(ch in reserved for ch in part):
            escaped = part.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
            part = f'"{escaped}"'
        quoted.append(part.replace("%", "%%"))
    return " ".join(quoted)


def _write(path: Path, data: bytes, result: DesktopResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    result.written.append(path)


def install(root: Path | None = None, command: list[str] | None = None) -> DesktopResult:
    """Write the menu entry, icons and metainfo under ``root`` (the XDG data folder by default)."""
    files = DesktopFiles(root or xdg_data_home())
    result = DesktopResult(command=command or launcher_command())
    res = resources_dir()
    _write(files.desktop_file, desktop_text(result.command).encode("utf-8"), result)
    files.desktop_file.chmod(0o755)  # some desktops only trust executable launchers
    _write(files.metainfo_file, (res / "storybook.metainfo.xml").read_bytes(), result)
    _write(files.svg_icon, (res / "icons" / "storybook.svg").read_bytes(), result)
    for size in PNG_SIZES:
        _write(files.png_icon(size), (res / "icons" / "hicolor" / f"storybook-{size}.png").read_bytes(), result)
    _refresh_caches(files.root, result)
    return result


def uninstall(root: Path | None = None) -> DesktopResult:
    """Remove what :func:`install` wrote; folders it created are left (they may hold other apps' files)."""
    files = DesktopFiles(root or xdg_data_home())
    result = DesktopResult()
    for path in files.all():
        if path.is_file():
            path.unlink()
            result.removed.append(path)
    if result.removed:
        _refresh_caches(files.root, result)
    return result


def _refresh_caches(root: Path, result: DesktopResult) -> None:
    """Tell the desktop about the change when its cache tools exist; their absence is not an error."""
    jobs = (("update-desktop-database", [str(root / "applications")]),
            ("gtk-update-icon-cache", ["-f", "-t", "-q", str(root / "icons" / "hicolor")]))
    for tool, args in jobs:
        exe = shutil.which(tool)
        if exe is None or not Path(args[-1]).is_dir():
            continue
        try:
            subprocess.run([exe, *args], check=False, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            result.notes.append(f"{tool} did not run: {exc}")

"""Installed like an app: the menu entry, icons and metainfo; no-display start; Qt's shared libraries."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from storybook.cli import main
from storybook.desktop_entry import PNG_SIZES, DesktopFiles, desktop_text
from storybook.qt_libs import (
    debian_packages,
    display_problem,
    libraries_problem,
    missing_libraries,
    parse_ldd,
    start_library_check,
)


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(root))
    return root


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_install_writes_menu_entry_icons_and_metainfo(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["install-desktop"]) == 0
    files = DesktopFiles(xdg)
    for path in files.all():
        assert path.is_file(), path
    for size in PNG_SIZES:
        assert _png_size(files.png_icon(size)) == (size, size)
    entry = files.desktop_file.read_text(encoding="utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" ")[0].strip('"')
    assert os.access(program, os.X_OK), exec_line
    assert "Icon=storybook" in entry
    assert str(files.desktop_file) in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_installed_desktop_file_validates(xdg: Path) -> None:
    assert main(["install-desktop"]) == 0
    done = subprocess.run(["desktop-file-validate", str(DesktopFiles(xdg).desktop_file)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_installed_metainfo_validates(xdg: Path) -> None:
    assert main(["install-desktop"]) == 0
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(DesktopFiles(xdg).metainfo_file)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_uninstall_removes_exactly_what_was_installed(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = xdg / "applications" / "other-app.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    assert main(["install-desktop"]) == 0
    assert main(["uninstall-desktop"]) == 0
    assert not any(p.exists() for p in DesktopFiles(xdg).all())
    assert other.is_file()
    capsys.readouterr()
    assert main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_exec_line_quotes_a_path_with_spaces() -> None:
    text = desktop_text(["/home/ann/my apps/bin/storybook"])
    assert 'Exec="/home/ann/my apps/bin/storybook"' in text


def test_display_problem() -> None:
    assert display_problem({}, "linux") is not None
    assert "xvfb-run" in display_problem({}, "linux")
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "darwin") is None


def test_gui_without_display_prints_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = ("import sys; from storybook.cli import main; rc = main(['--db', sys.argv[1]]); "
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT'); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "b.sqlite")], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert done.stderr.startswith("storybook: Storybook needs a display")
    assert done.stdout.strip() == "NOQT"
    assert not (tmp_path / "b.sqlite").exists()


def test_ldd_not_found_lines_become_packages(tmp_path: Path) -> None:
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\necho '\tlibglib-2.0.so.0 => not found'\necho '\tlibc.so.6 => /lib/libc.so.6 (0x1)'\n"
                    "echo '\tlibxcb-cursor.so.0 => not found'\n")
    fake.chmod(0o755)
    missing = missing_libraries([tmp_path / "libQt6Gui.so.6"], ldd=str(fake))
    assert missing == ["libglib-2.0.so.0", "libxcb-cursor.so.0"]
    assert debian_packages(missing) == ["libglib2.0-0t64|libglib2.0-0", "libxcb-cursor0"]
    line = libraries_problem(missing)
    assert "sudo apt-get install libglib2.0-0 libxcb-cursor0" in line
    assert parse_ldd("libfoo.so.1 => /usr/lib/libfoo.so.1\n") == []


@pytest.mark.skipif(shutil.which("ldd") is None, reason="no ldd")
def test_this_machine_has_what_qt_needs() -> None:
    """The suite runs here with Qt working, so the real ldd check must find nothing missing."""
    assert missing_libraries() == []


def test_the_library_check_started_early_gives_the_same_answer(tmp_path: Path) -> None:
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\necho \"\t$(basename $1) => not found\"\n")
    fake.chmod(0o755)
    binaries = [tmp_path / "libone.so.1", tmp_path / "libtwo.so.2"]
    pending = start_library_check(binaries, ldd=str(fake))
    assert pending() == ["libone.so.1", "libtwo.so.2"]
    assert missing_libraries(binaries, ldd=str(fake)) == ["libone.so.1", "libtwo.so.2"]
    assert start_library_check(binaries, ldd=str(tmp_path / "no-such-ldd"))() == []

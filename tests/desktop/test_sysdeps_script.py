""".ci/sysdeps.sh adds what ldd says Qt lacks to its hand list, picking the package name apt knows."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


def test_missing_qt_libraries_become_apt_packages(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _tool(bin_dir, "dpkg-query", "exit 1\n")  # nothing is installed
    _tool(bin_dir, "apt-cache", '[ "$2" = "libglib2.0-0" ] && exit 0; [ "$2" = "libfoo9" ] && exit 0; exit 100\n')
    _tool(bin_dir, "fakepython", 'echo "libglib2.0-0t64|libglib2.0-0 libfoo9"\n')
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin", "QT_PY": str(bin_dir / "fakepython")}
    env.pop("CI", None)
    done = subprocess.run(["bash", str(ROOT / ".ci" / "sysdeps.sh"), "run"], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 0
    first = done.stdout.splitlines()[0]
    assert first.startswith("sysdeps: missing Debian packages:")
    assert first.endswith(" libglib2.0-0 libfoo9")
    assert "libglib2.0-0t64" not in done.stdout

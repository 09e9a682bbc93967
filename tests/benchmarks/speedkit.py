"""Helpers for the speed benchmarks: big banks made quickly, timed subprocesses, a bare Qt baseline."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

BARE_QT = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            QTimer.singleShot(0, lambda: (print(json.dumps({"shown_ms": 0, "rows": 0}), flush=True), app.quit()))
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def make_bank(path: Path, count: int) -> Path:
    """A bank holding ``count`` stories: the samples, copied with their tags and competencies."""
    from storybook.bank import StoryBank

    path.parent.mkdir(parents=True, exist_ok=True)
    with StoryBank.open(path) as bank:
        samples = bank.stories.load_samples()
    conn = sqlite3.connect(path)
    with conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(story)") if r[1] not in ("id", "sample_key")]
        names = ", ".join(columns)
        titles = ", ".join("title || ' ' || ?" if c == "title" else c for c in columns)
        source = [r[0] for r in conn.execute("SELECT id FROM story ORDER BY id")]
        for n in range(count - samples):
            src = source[n % len(source)]
            cur = conn.execute(f"INSERT INTO story ({names}) SELECT {titles} FROM story WHERE id = ?", (n + 2, src))
            new = cur.lastrowid
            conn.execute("INSERT INTO story_tag SELECT ?, tag_id FROM story_tag WHERE story_id = ?", (new, src))
            conn.execute("INSERT INTO story_competency SELECT ?, competency_id FROM story_competency "
                         "WHERE story_id = ?", (new, src))
    conn.close()
    return path


def compile_sources() -> None:
    """Write the app's bytecode, as an installed copy has it (the baseline's PySide6 has its own compiled).

    With PYTHONDONTWRITEBYTECODE set (as in CI shells) an editable install would otherwise compile every
    module from source at each start, and the benchmark would time the compiler instead of the app.
    """
    import compileall

    compileall.compile_dir(str(REPO / "storybook"), quiet=1)


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"), QT_QPA_PLATFORM="offscreen")
    env.pop("STORYBOOK_PROBE", None)
    return env


def timed_run(args: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, str]:
    """Wall-clock milliseconds from spawning ``args`` to its exit, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def time_to_probe(args: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, str]:
    """Wall-clock milliseconds from spawning ``args`` to its probe line on stdout (what it does after is not timed)."""
    env = {**env, "STORYBOOK_PROBE": "startup"}
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "shown_ms" in line:
                return (time.perf_counter() - start) * 1000, line
        raise AssertionError(f"{args} ended without a probe line (exit {proc.wait()})")
    finally:
        proc.wait(timeout=timeout)


def probe_line(stdout: str) -> dict:
    for line in stdout.splitlines():
        if line.startswith("{") and "shown_ms" in line:
            return json.loads(line)
    raise AssertionError(f"no probe line in {stdout[-500:]!r}")


def alternate_medians(runs: int, *commands: tuple[list[str], dict[str, str]], probe: bool = False,
                      ) -> list[tuple[float, str]]:
    """Run the commands in turn ``runs`` times (so load on the shared machine hits all alike); medians."""
    times: list[list[float]] = [[] for _ in commands]
    outs = [""] * len(commands)
    run = time_to_probe if probe else timed_run
    for _ in range(runs):
        for i, (args, env) in enumerate(commands):
            ms, outs[i] = run(args, env)
            times[i].append(ms)
    return [(statistics.median(t), out) for t, out in zip(times, outs, strict=True)]


def python() -> str:
    return sys.executable

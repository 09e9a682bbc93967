"""Core: the log file, the crash file and a plain summary of an unexpected error (no Qt).

The desktop app writes a rotating log into the user's log folder and lets ``faulthandler`` write a native
crash (a segfault in Qt, say) into ``crash.log`` beside it, so a user who reports a problem has something to
attach. Nothing here shows anything: the GUI decides how to tell the user.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import platformdirs

from storybook.paths import APP_DIR_NAME

LOG_ENV_VAR = "STORYBOOK_LOG_DIR"
LOG_FILE_NAME = "storybook.log"
CRASH_FILE_NAME = "crash.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


def log_dir() -> Path:
    """The folder for the log and crash files (``STORYBOOK_LOG_DIR`` wins; not created here)."""
    override = os.environ.get(LOG_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


@dataclass
class LogSetup:
    """Core: where this run logs to, and the open crash file that ``faulthandler`` writes into."""

    folder: Path
    log_file: Path | None = None
    crash_file: Path | None = None
    handler: logging.Handler | None = None
    crash_stream: IO[str] | None = field(default=None, repr=False)
    problem: str = ""  # why the file log could not be set up, if it could not

    def close(self) -> None:
        """Detach the file handler and stop writing crashes (tests call this; the app keeps it to exit)."""
        if self.handler is not None:
            logging.getLogger().removeHandler(self.handler)
            self.handler.close()
            self.handler = None
        if self.crash_stream is not None:
            if faulthandler.is_enabled():
                faulthandler.disable()
            self.crash_stream.close()
            self.crash_stream = None


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only the user can read (logs name story files and folders)."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream


def _file_handler(path: Path) -> logging.Handler:
    handler = _PrivateRotatingHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8",
                                      delay=False)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler.setLevel(logging.INFO)
    return handler


def _keep_console_quiet(root: logging.Logger) -> None:
    """The file gets INFO; handlers already on the root (the console) keep the level the root had."""
    for handler in root.handlers:
        if handler.level == logging.NOTSET:
            handler.setLevel(root.level)


def setup_logging(folder: Path | None = None, crash_file: bool = True) -> LogSetup:
    """Add the rotating log file (and the crash file) under ``folder``; never raises for a bad folder."""
    folder = folder or log_dir()
    setup = LogSetup(folder=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        setup.handler = _file_handler(folder / LOG_FILE_NAME)
    except OSError as exc:
        setup.problem = f"cannot write the log in {folder}: {exc}"
        log.warning("No log file: %s", setup.problem)
        return setup
    root = logging.getLogger()
    _keep_console_quiet(root)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    root.addHandler(setup.handler)
    setup.log_file = folder / LOG_FILE_NAME
    if crash_file:
        _enable_crash_file(setup)
    log.info("Storybook started; log file %s", setup.log_file)
    return setup


def _enable_crash_file(setup: LogSetup) -> None:
    path = setup.folder / CRASH_FILE_NAME
    try:
        stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for faulthandler until exit
        path.chmod(0o600)
    except OSError as exc:
        log.warning("No crash file %s: %s", path, exc)
        return
    faulthandler.enable(file=stream, all_threads=True)
    setup.crash_stream, setup.crash_file = stream, path


@dataclass(frozen=True)
class ErrorSummary:
    """Core: an unexpected error told for people: one line, where it happened, and the full traceback."""

    headline: str
    where: str
    details: str


def summarise_error(exc_type: type[BaseException], exc: BaseException | None,
                    tb: TracebackType | None) -> ErrorSummary:
    """Turn an exception into a headline ("ValueError: bad value"), the innermost frame and the traceback."""
    message = str(exc).strip() if exc is not None else ""
    headline = f"{exc_type.__name__}: {message}" if message else exc_type.__name__
    frames = traceback.extract_tb(tb) if tb is not None else []
    ours = [f for f in frames if "storybook" in Path(f.filename).parts] or frames
    where = ""
    if ours:
        last = ours[-1]
        where = f"{Path(last.filename).name}, line {last.lineno}, in {last.name}"
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    return ErrorSummary(headline=headline.splitlines()[0][:300], where=where, details=details)


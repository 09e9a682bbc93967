"""GUI: the story checks' engines: a separate checks process (the app's default) or this process's thread.

Parsing with spaCy holds the interpreter lock for tens of milliseconds at a time; in a thread of the app
that freezes the window while the user types. ``ProcessChecks`` sends plain story records to a child
process (``storybook.analysis.worker_process``) and waits for its reports; the waiting thread blocks on a
pipe, which leaves the lock to the GUI thread. The child is started by the first ``load`` (after the
window's first paint), kept warm, started again (and the request sent again) if it dies, and stopped by
``close``. If it cannot be started at all, the checks run in this process as before and ``note`` says so.

Nothing here imports Qt: every method but ``close`` runs on the checks' single worker thread.
"""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

from storybook.analysis.worker_process import StreamClosed, read_frame, write_frame
from storybook.gui.checks.worker import snapshot

log = logging.getLogger(__name__)

CHILD_MODULE = "storybook.analysis.worker_process"
STOP_WAIT_S = 2.0  # how long a closing child may take to exit by itself before it is killed


class ChecksProcessError(RuntimeError):
    """The checks process could not be started or stopped answering."""


class InProcessChecks:
    """GUI: the checks in this process (on the caller's thread), with the app context's engine cache."""

    kind = "thread"

    def __init__(self, engines: Any) -> None:
        self.engines = engines

    def load(self) -> dict[str, Any]:
        return dict(self.engines.get().info)

    def loaded_info(self) -> dict[str, Any] | None:
        loaded = self.engines.peek()
        return dict(loaded.info) if loaded is not None else None

    def analyze(self, stories: Sequence[Any], settings: Any) -> list[Any]:
        from storybook.analysis import analyze_stories

        return analyze_stories(stories, settings, self.engines)

    def close(self) -> None:
        """Nothing to stop: the thread belongs to the worker's pool."""


class ChecksProcess:
    """GUI: one child process answering check requests; started on first use and again after it dies."""

    def __init__(self, prefer: str | None = None, command: Sequence[str] | None = None) -> None:
        self.command = list(command) if command else [sys.executable, "-m", CHILD_MODULE, prefer or ""]
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.closed = False
        self._lock = threading.Lock()  # guards ``proc`` between the worker thread and ``close``
        self._turn = threading.Lock()  # one request at a time: the checks' thread and the matching's

    @property
    def pid(self) -> int | None:
        proc = self.proc
        return proc.pid if proc is not None else None

    def _ensure(self) -> subprocess.Popen[bytes]:
        with self._lock:
            if self.closed:
                raise ChecksProcessError("the checks were stopped")
            if self.proc is None or self.proc.poll() is not None:
                try:
                    self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                 close_fds=True)
                except OSError as exc:
                    raise ChecksProcessError(f"could not start the checks process: {exc}") from exc
                self.starts += 1
                log.info("started the checks process (pid %s)", self.proc.pid)
            return self.proc

    def request(self, message: tuple[Any, ...]) -> Any:
        """Send one request and wait for its answer; a child that died is started again and asked once more."""
        with self._turn:
            return self._request(message)

    def _request(self, message: tuple[Any, ...]) -> Any:
        for attempt in (1, 2):
            proc = self._ensure()
            try:
                write_frame(proc.stdin, message)  # type: ignore[arg-type]  # both are pipes (Popen above)
                status, value = read_frame(proc.stdout)  # type: ignore[arg-type]
            except (OSError, StreamClosed, ValueError, pickle.UnpicklingError) as exc:
                if self.closed:
                    raise ChecksProcessError("the checks were stopped") from exc
                code = self._discard(proc)
                log.warning("The checks process (pid %s) stopped (exit code %s); %s", proc.pid, code,
                            "starting a new one and checking again" if attempt == 1 else "giving up")
                continue
            if status != "ok":
                raise RuntimeError(str(value))
            return value
        raise ChecksProcessError("the checks process stopped twice in a row")

    def _discard(self, proc: subprocess.Popen[bytes]) -> int | None:
        with self._lock:
            if self.proc is proc:
                self.proc = None
        code = _stop(proc, busy=True)  # a child that broke the stream is not waited for
        if proc.stdout is not None:
            proc.stdout.close()  # this thread was its only reader
        return code

    def close(self) -> None:
        """Stop the child (it exits on end of input; killed if it does not) and start no other."""
        with self._lock:
            self.closed = True
            proc, self.proc = self.proc, None
        if proc is not None:
            code = _stop(proc, busy=self._turn.locked())
            log.info("stopped the checks process (pid %s, exit code %s)", proc.pid, code)


def _stop(proc: subprocess.Popen[bytes], busy: bool = False) -> int | None:
    """End the child: at the end of its input when idle; killed at once when a request is waiting on it (a
    thread blocked reading its output then sees the end of it instead of holding the stream's lock)."""
    if busy:
        proc.kill()
    for stream in (proc.stdin,) if busy else (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        return proc.wait(STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


class ProcessChecks:
    """GUI: the checks in a separate process; falls back to ``InProcessChecks`` when it cannot start."""

    kind = "process"

    def __init__(self, engines: Any, command: Sequence[str] | None = None) -> None:
        self.fallback = InProcessChecks(engines)
        self.process = ChecksProcess(getattr(engines, "prefer", None), command)
        self.note = ""  # why the checks run in this process after all ("" while the child serves them)
        self._info: dict[str, Any] | None = None

    @property
    def in_process(self) -> bool:
        return bool(self.note)

    def load(self) -> dict[str, Any]:
        if not self.in_process:
            try:
                self._info = dict(self.process.request(("load",)))
                return self._info
            except ChecksProcessError as exc:
                self._fall_back(exc)
        return self.fallback.load()

    def loaded_info(self) -> dict[str, Any] | None:
        return self.fallback.loaded_info() if self.in_process else self._info

    def analyze(self, stories: Sequence[Any], settings: Any) -> list[Any]:
        if not self.in_process:
            records = [snapshot(story) for story in stories]  # only what the checks read crosses over
            try:
                return list(self.process.request(("check", records, settings)))
            except ChecksProcessError as exc:
                self._fall_back(exc)
        return self.fallback.analyze(stories, settings)

    def match(self, questions: Sequence[Any], competencies: Sequence[Any], story: Any,
              linked: Sequence[Any]) -> Any:
        """The story's ``StoryMatch`` from the checks process (runs on a pool thread, waiting on the pipe).

        When the checks run in the app after all, this raises: the caller ranks in the app as before.
        """
        if self.in_process:
            raise ChecksProcessError(self.note)
        try:
            return self.process.request(("match", list(questions), list(competencies), story, list(linked)))
        except ChecksProcessError as exc:
            self._fall_back(exc)
            raise

    def _fall_back(self, exc: Exception) -> None:
        if self.process.closed:
            raise exc
        self.note = f"The checks run inside the app (slower while typing): {exc}."
        log.warning("Checks process unavailable (%s); checking in the app's own thread instead", exc)
        self.process.close()

    def close(self) -> None:
        self.process.close()

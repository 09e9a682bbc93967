"""GUI: one Storybook instance per database, enforced with an advisory lock file next to it."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

try:  # POSIX: flock is released by the kernel even after kill -9
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """GUI: an exclusive, non-blocking lock on ``<db>.lock``; a second holder is refused."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path_for(db_path)
        self._fd: int | None = None
        self._qlock = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._qlock is not None

    def acquire(self) -> bool:
        """Take the lock; False when another instance holds it."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if fcntl is None:  # pragma: no cover - Windows
            return self._acquire_qt()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            log.info("Database lock %s is held by another instance", self.path)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def _acquire_qt(self) -> bool:  # pragma: no cover - Windows
        from PySide6.QtCore import QLockFile

        qlock = QLockFile(str(self.path))
        qlock.setStaleLockTime(0)
        if not qlock.tryLock(100):
            return False
        self._qlock = qlock
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._qlock is not None:  # pragma: no cover - Windows
            self._qlock.unlock()
            self._qlock = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

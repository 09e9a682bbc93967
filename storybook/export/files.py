"""Export: atomic file writes and the text clean-up every exported string goes through."""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)
PRIVATE_FILE_MODE = 0o600  # whole-bank exports hold every story: only the user may read them
PRIVATE_FOLDER_MODE = 0o700

# Characters XML 1.0 does not allow (C0 controls except tab/newline/return, lone surrogates, U+FFFE/FFFF),
# plus C1 controls, which are never meaningful in typed text and upset some readers.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class ExportError(Exception):
    """Export: a failure the user must hear about, with a message fit to show as is."""


class ExportWriteError(ExportError):
    """Export: the output file could not be written; nothing was left half-written."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


def sanitize_text(value: object) -> str:
    """Return ``value`` as text that any XML document accepts (invalid characters removed)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", text)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def check_target(path: Path) -> None:
    """Raise ExportWriteError early when ``path`` can clearly not be written (a folder, no folder)."""
    if path.is_dir():
        raise ExportWriteError(path, "it is a folder")
    folder = path.parent
    if not folder.is_dir():
        raise ExportWriteError(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportWriteError(path, f"the folder {folder} is not writable")


def _new_file_mode(path: Path) -> int:
    """Keep an existing file's permissions; new files follow the umask like any document."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success move it over ``path``.

    On any failure the temporary file is removed and the old file (if any) is untouched.
    ``OSError`` becomes :class:`ExportWriteError` with a short reason. ``mode`` (for example
    PRIVATE_FILE_MODE) overrides the usual permissions: an existing file's, or the umask's for a new one.
    """
    target = Path(path).expanduser()
    check_target(target)
    mode = _new_file_mode(target) if mode is None else mode
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportWriteError(target, _reason(exc)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise ExportWriteError(target, _reason(exc)) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_folder(target.parent)
    log.info("Wrote %s", target)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object], mode: int | None = None) -> Path:
    """Call ``write(buffer)`` on an in-memory buffer, then write it to a temporary file and move that over ``path``.

    Buffering first means a writer that keeps its own file object (a ZipFile) never meets a full disk.
    """
    target = Path(path).expanduser()
    check_target(target)
    buffer = io.BytesIO()
    try:
        write(buffer)
    except OSError as exc:
        raise ExportWriteError(target, _reason(exc)) from exc
    with atomic_path(target, mode) as tmp, open(tmp, "wb") as handle:
        handle.write(buffer.getbuffer())
    return target


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> Path:
    target = Path(path).expanduser()
    with atomic_path(target, mode) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, mode: int | None = None) -> Path:
    """Write UTF-8 text with ``\\n`` line ends, atomically."""
    return atomic_write_bytes(path, text.encode("utf-8", errors="replace"), mode)


def ensure_folder(path: str | os.PathLike[str], private: bool = False) -> Path:
    """Create an output folder (and its parents) or raise one clear error; ``private``: new folders are 0700."""
    folder = Path(path).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportWriteError(folder, "it is a file, not a folder")
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        for part in reversed(missing):
            part.mkdir(mode=PRIVATE_FOLDER_MODE if private else 0o777, exist_ok=True)
            if private:
                part.chmod(PRIVATE_FOLDER_MODE)  # mkdir's mode is cut by the umask; 0700 is what we want
    except OSError as exc:
        raise ExportWriteError(folder, _reason(exc)) from exc
    return folder

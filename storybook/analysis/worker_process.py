"""Analysis: the story checks in a process of their own, so parsing never holds the app's interpreter lock.

The desktop app starts ``python -m storybook.analysis.worker_process [prefer]`` and speaks to it over the
child's standard input and output in frames: four bytes of length (big-endian) and a pickled tuple.

- ``("load",)`` loads the engine and answers ``("ok", engine.info)``.
- ``("check", stories, settings)`` checks plain story records (one ``nlp.pipe`` stream) and answers
  ``("ok", [StoryReport, ...])`` in the same order.
- ``("match", questions, competencies, story, linked)`` ranks the question bank for one story and answers
  ``("ok", StoryMatch)`` (the matcher is kept while the question bank is unchanged).
- anything that fails answers ``("error", message)``; the loop goes on.

The child never opens the database and imports no Qt; it exits when its input closes (the app quit, or
died). Only the app that started it writes to its input, so the pickles it reads are its own.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import sys
from typing import Any, BinaryIO

log = logging.getLogger(__name__)

HEADER = struct.Struct(">I")
MAX_FRAME = 256 * 1024 * 1024  # a request or answer larger than this is a broken stream, not a bank


class StreamClosed(EOFError):
    """The other side closed the stream (or it ended in the middle of a frame)."""


def read_exactly(stream: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise StreamClosed("the stream ended")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_bytes(stream: BinaryIO) -> bytes:
    """The payload of the next frame (its length read first, so a bad payload leaves the stream in step)."""
    (size,) = HEADER.unpack(read_exactly(stream, HEADER.size))
    if size > MAX_FRAME:
        raise StreamClosed(f"a frame of {size} bytes is too large")
    return read_exactly(stream, size)


def read_frame(stream: BinaryIO) -> Any:
    return pickle.loads(read_bytes(stream))  # noqa: S301 - only our own parent (or child) writes here


def write_frame(stream: BinaryIO, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def answer(request: Any, engines: Any, matchers: Any = None) -> tuple[str, Any]:
    """The answer to one request (see the module's docstring); ``matchers`` is the child's MatcherCache."""
    from storybook.analysis.report import analyze_stories

    try:
        op = request[0]
        if op == "load":
            return "ok", dict(engines.get().info)
        if op == "check":
            _op, stories, settings = request
            return "ok", analyze_stories(stories, settings, engines)
        if op == "match" and matchers is not None:
            _op, questions, competencies, story, linked = request
            return "ok", matchers.match(questions, competencies, story, linked)
        if op == "unreadable":
            return "error", f"the checks process could not read the request ({request[1]})"
        return "error", f"unknown request {op!r}"
    except Exception as exc:  # reported to the app, which decides what to show; the loop goes on
        log.exception("checks process: request failed")
        return "error", str(exc) or type(exc).__name__


def serve(requests: BinaryIO, answers: BinaryIO, prefer: str | None = None) -> int:
    """Answer requests until the input closes; returns the exit code."""
    from storybook.analysis.nlp import EngineCache
    from storybook.analysis.story_match import MatcherCache

    engines = EngineCache(prefer)
    matchers = MatcherCache(engines)
    while True:
        try:
            payload = read_bytes(requests)
        except StreamClosed:
            return 0
        try:
            request = pickle.loads(payload)  # noqa: S301 - only our own parent writes here
        except Exception as exc:  # a request this side cannot read: say so and keep serving
            request = ("unreadable", f"{type(exc).__name__}: {exc}")
        try:
            write_frame(answers, answer(request, engines, matchers))
        except (BrokenPipeError, OSError):
            return 0  # the app is gone


def _private_stdout() -> BinaryIO:
    """The protocol's own copy of standard output; anything a library prints goes to standard error."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return answers


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="checks process: %(levelname)s %(message)s")
    prefer = argv[0] if argv and argv[0] else None
    answers = _private_stdout()
    return serve(sys.stdin.buffer, answers, prefer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

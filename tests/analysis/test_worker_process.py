"""Analysis: the checks process's loop (headless, over in-memory streams): answers, errors, end of input."""

from __future__ import annotations

import io
import pickle

from storybook.analysis import analyze_stories, build_basic_engine
from storybook.analysis.worker_process import HEADER, read_frame, serve, write_frame
from storybook.model.values import Settings


def _answers(*payloads: bytes) -> list[tuple[str, object]]:
    requests = io.BytesIO(b"".join(HEADER.pack(len(p)) + p for p in payloads))
    out = io.BytesIO()
    assert serve(requests, out, prefer="basic") == 0  # the end of input ends the loop cleanly
    out.seek(0)
    answers = []
    while out.tell() < len(out.getvalue()):
        answers.append(read_frame(out))
    return answers


def test_checks_are_answered_in_order_with_the_reports_the_app_would_make(good_story) -> None:
    stories = [good_story(), good_story(id=8, action="I basically tried to help. TODO")]
    answers = _answers(pickle.dumps(("load",)), pickle.dumps(("check", stories, Settings())))
    (status, info), (status2, reports) = answers
    assert (status, status2) == ("ok", "ok")
    assert info["full"] is False
    assert reports == analyze_stories(stories, Settings(), build_basic_engine())
    assert [r.story_id for r in reports] == [7, 8]


def test_a_bad_request_gets_an_error_and_the_loop_goes_on(good_story) -> None:
    answers = _answers(b"not a pickle", pickle.dumps(("fly",)), pickle.dumps(("check", [good_story()], None)))
    assert answers[0][0] == "error"
    assert "could not read the request" in answers[0][1]
    assert answers[1] == ("error", "unknown request 'fly'")
    assert answers[2][0] == "ok"
    assert answers[2][1][0].title == good_story().title


def test_frames_survive_large_text_emoji_and_control_characters() -> None:
    text = ("\U0001f680 \u05e9\u05dc\u05d5\u05dd \x00\x07 " * 50_000)
    stream = io.BytesIO()
    write_frame(stream, ("ok", text))
    stream.seek(0)
    assert read_frame(stream) == ("ok", text)


def test_the_checks_process_ends_when_the_app_is_killed(tmp_path) -> None:  # noqa: ANN001
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    app = subprocess.Popen([sys.executable, "-c", (
        "import time\n"
        "from storybook.gui.checks.process_client import ChecksProcess\n"
        "c = ChecksProcess('basic')\n"
        "c.request(('load',))\n"
        "print(c.pid, flush=True)\n"
        "time.sleep(120)\n")], stdout=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    child = int(app.stdout.readline())
    os.kill(app.pid, signal.SIGKILL)  # the app crashes: nothing closes the child on purpose
    app.wait()

    def alive() -> bool:
        try:
            return Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    end = time.monotonic() + 20
    while alive() and time.monotonic() < end:
        time.sleep(0.05)
    assert not alive()  # it saw the end of its input and exited

"""The log file, the crash file and the error summary (no Qt)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from storybook.cli import main
from storybook.logs import CRASH_FILE_NAME, LOG_FILE_NAME, log_dir, setup_logging, summarise_error


@pytest.fixture
def restore_root_logging():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)


@pytest.mark.usefixtures("restore_root_logging")
def test_log_file_receives_info_and_rotates(tmp_path: Path) -> None:
    setup = setup_logging(tmp_path / "logs", crash_file=False)
    try:
        assert setup.log_file == tmp_path / "logs" / LOG_FILE_NAME
        logging.getLogger("storybook.test").info("opened the bank %s", "x.sqlite")
        setup.handler.flush()
        assert "opened the bank x.sqlite" in setup.log_file.read_text(encoding="utf-8")
        for _ in range(3000):  # about 1.5 MB: past the 1 MB limit, so the file rotates
            logging.getLogger("storybook.test").info("%s", "x" * 500)
        assert (tmp_path / "logs" / f"{LOG_FILE_NAME}.1").is_file()
        assert setup.log_file.stat().st_mode & 0o777 == 0o600  # the fresh file after rotating too
        assert (tmp_path / "logs").stat().st_mode & 0o777 == 0o700
        assert setup.log_file.stat().st_size < 1_100_000
    finally:
        setup.close()


@pytest.mark.usefixtures("restore_root_logging")
def test_unwritable_log_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    setup = setup_logging(blocker / "logs")
    assert setup.log_file is None
    assert "cannot write the log" in setup.problem


def test_native_crash_lands_in_crash_file(tmp_path: Path) -> None:
    code = ("import ctypes, os; from pathlib import Path; from storybook.logs import setup_logging; "
            f"setup_logging(Path({str(tmp_path)!r})); ctypes.string_at(0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    crash = (tmp_path / CRASH_FILE_NAME).read_text(encoding="utf-8")
    assert (tmp_path / CRASH_FILE_NAME).stat().st_mode & 0o777 == 0o600
    assert "Segmentation fault" in crash
    assert 'File "<string>", line 1' in crash


def test_summary_names_the_error_and_our_frame() -> None:
    def broken() -> None:
        raise ValueError("the title is empty")

    try:
        broken()
    except ValueError as exc:
        summary = summarise_error(type(exc), exc, exc.__traceback__)
    assert summary.headline == "ValueError: the title is empty"
    assert summary.where.startswith("test_logs.py, line ")
    assert summary.where.endswith("in broken")
    assert "Traceback" in summary.details


def test_log_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYBOOK_LOG_DIR", str(tmp_path / "here"))
    assert log_dir() == tmp_path / "here"
    monkeypatch.delenv("STORYBOOK_LOG_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert log_dir().is_relative_to(tmp_path / "state")


def test_info_shows_log_folder_and_data_folder_of_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("STORYBOOK_LOG_DIR", str(tmp_path / "logs"))
    db = tmp_path / "elsewhere" / "bank.sqlite"
    assert main(["--db", str(db), "info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["data_folder"] == str(db.parent)
    assert data["log_folder"] == str(tmp_path / "logs")

"""Export: atomic writes and the XML clean-up at the export boundary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storybook.export import files
from storybook.export.files import ExportWriteError, atomic_write, atomic_write_text, ensure_folder, sanitize_text


def test_sanitize_removes_only_xml_invalid_characters() -> None:
    raw = "a\x00b\x07c\x0bd\x1fe\ud800f\ufffe\tg\nh 😀 שלום مرحبا"
    assert sanitize_text(raw) == "abcdef\tg\nh 😀 שלום مرحبا"
    assert sanitize_text("one\r\ntwo\rthree") == "one\ntwo\nthree"
    assert sanitize_text(None) == ""
    assert sanitize_text(42) == "42"


def test_atomic_write_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    atomic_write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"the old, complete file")

    def half_then_fail(handle) -> None:  # noqa: ANN001
        handle.write(b"half a fi")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"the old, complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_failed_move_is_one_clear_error_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(ExportWriteError, match="the disk is full"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("where", ["missing-folder", "is-a-folder", "under-a-file"])
def test_unwritable_paths_give_one_clear_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    path = {"missing-folder": tmp_path / "nope" / "x.docx", "is-a-folder": tmp_path / "adir",
            "under-a-file": tmp_path / "afile" / "x.docx"}[where]
    with pytest.raises(ExportWriteError) as info:
        atomic_write_text(path, "text")
    assert str(path) in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "afile"]
    assert list((tmp_path / "adir").iterdir()) == []


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "a")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o600)
    atomic_write_text(target, "b")
    assert target.stat().st_mode & 0o777 == 0o600


def test_ensure_folder_creates_or_refuses_clearly(tmp_path: Path) -> None:
    assert ensure_folder(tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportWriteError, match="not a folder"):
        ensure_folder(tmp_path / "file")

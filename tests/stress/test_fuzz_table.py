"""Stress: every bad input in the table gives one clear line on stderr, a non-zero exit and no change to the bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.cli import main

from .fuzz_inputs import BadInput, all_bad_inputs
from .fuzzing import fingerprint

CASES = all_bad_inputs()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "bank.sqlite"
    with StoryBank.open(path) as bank:
        bank.stories.create(title="Already here", action="I kept this story.")
    return path


def run_case(case: BadInput, folder: Path, template: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    db = folder / "db" / "bank.sqlite"
    db.parent.mkdir(mode=0o700)
    shutil.copy2(template, db)
    before = fingerprint(db)
    args = case.write(folder)
    code = main(["--db", str(db), case.command, *args])
    err = capsys.readouterr().err
    return code, err, "unchanged" if fingerprint(db) == before else "changed"


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_one_clear_line(case: BadInput, tmp_path: Path, template_db: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, err, db_state = run_case(case, tmp_path, template_db, capsys)
    lines = err.strip().splitlines()
    assert code != 0, f"accepted: {err}"
    assert len(lines) == 1, err
    assert lines[0].startswith("storybook: ")
    assert "Traceback" not in err
    assert db_state == "unchanged"

"""Stress: property-based fuzzing of ``import-md``: a clean import or one ImportFileError, never anything else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storybook.bank import StoryBank
from storybook.bank.stories import MAX_FIELD_CHARS, TEXT_FIELDS
from storybook.bank.transfer import ImportFileError

from .fuzzing import fingerprint, fuzz_settings, one_clear_line

LINES = st.sampled_from(["---", "title: Fuzzed", "title: \"bad \\ud800\"", "competencies: [leadership, x]",
                         "tags:", "  - one", "status: ready", "status: [", "# Heading", "## Situation",
                         "## Action", "## Result", "## Cue cards", "- card", "```", "\\# not a heading", "", "\r",
                         "\x00", "\x1b[31m", "\ufeff", "I did the work."])
text_files = st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=30).map(lambda lines: "\n".join(lines))
encoded = st.one_of(
    text_files.map(lambda t: t.encode("utf-8", "surrogatepass")),
    text_files.map(lambda t: t.encode("utf-16")),
    st.binary(max_size=400),
    st.tuples(text_files, st.binary(min_size=1, max_size=3)).map(lambda p: p[0].encode("utf-8", "replace") + p[1]),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-md") / "bank.sqlite"
    with StoryBank.open(path) as bank:
        bank.stories.create(title="Fuzzed", action="Stored before the import.")
    return path


@fuzz_settings()
@given(files=st.lists(encoded, min_size=1, max_size=3), replace=st.booleans())
def test_import_md_is_all_or_nothing(tmp_path_factory: pytest.TempPathFactory, template: Path,
                                     files: list[bytes], replace: bool) -> None:
    folder = tmp_path_factory.mktemp("case")
    db = folder / "bank.sqlite"
    shutil.copy2(template, db)
    before = fingerprint(db)
    paths = []
    for n, data in enumerate(files):
        paths.append(folder / f"story-{n}.md")
        paths[-1].write_bytes(data)
    with StoryBank.open(db) as bank:
        count = len(bank.stories.list())
        try:
            report = bank.transfer.import_md(paths, replace=replace)
        except ImportFileError as exc:
            failure = str(exc)
        else:
            failure = None
            assert len(report.added) + len(report.replaced) + len(report.skipped) == len(files)
            stories = bank.stories.list()
            assert len(stories) == count + len(report.added)
            assert all(len(getattr(s, f)) <= MAX_FIELD_CHARS for s in stories for f in TEXT_FIELDS)
    if any((b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))) or not data.strip() for data in files):
        assert failure is not None, "an empty or binary file must be refused"
    if failure is not None:
        assert one_clear_line(failure)
        assert fingerprint(db) == before

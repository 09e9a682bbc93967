"""Stress: property-based fuzzing of ``analyze``: reports for every story read, or one clear CliError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storybook.cli.analysis_cmds import load_sources
from storybook.cli.common import CliError

from .fuzzing import fuzz_settings, json_values, one_clear_line

FIELDS = ("title", "situation", "task", "action", "result", "reflection", "tags", "competencies", "id", "stories")
story_objects = st.dictionaries(st.sampled_from(FIELDS), st.one_of(json_values, st.text(max_size=80)), max_size=6)
sources = st.one_of(
    story_objects.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.lists(story_objects, max_size=3).map(lambda items: json.dumps(items).encode()),
    st.lists(st.sampled_from(["# Title", "## Situation", "## Action", "## Result", "text", ""]), max_size=12)
    .map(lambda lines: "\n".join(lines).encode()),
    st.binary(max_size=300),
    st.one_of(st.integers(1, 3000), st.just(100_000)).map(lambda depth: b"[" * depth + b"]" * depth),
)


@pytest.fixture(scope="module")
def engine():  # noqa: ANN201
    from storybook.analysis import load_engine

    return load_engine()


@fuzz_settings()
@given(data=sources)
def test_analyze_input_gives_reports_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, engine,  # noqa: ANN001
                                                        data: bytes) -> None:
    from storybook.analysis import analyze_stories
    from storybook.model.values import Settings

    path = tmp_path_factory.mktemp("analyze") / "input.json"
    path.write_bytes(data)
    try:
        stories, _as_list = load_sources([str(path)])
    except CliError as exc:
        failure = str(exc)
    else:
        failure = None
        reports = analyze_stories(stories, Settings(), engine)
        assert len(reports) == len(stories) >= 1
    assert failure is None or one_clear_line(failure)

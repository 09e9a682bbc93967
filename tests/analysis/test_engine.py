"""Engine loading, long and strange input: the analysis never raises on what a user can paste."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from storybook.analysis import Engine, analyze_story, engine_info, load_engine
from storybook.analysis.nlp import split_for_parsing
from storybook.model.values import SECTIONS, Settings, StoryRecord


def test_engine_info_names_the_engine_without_loading_spacy() -> None:
    code = (
        "import json, sys; from storybook.analysis import engine_info; "
        "print(json.dumps([engine_info(), 'spacy' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    info, spacy_loaded = json.loads(out.stdout)
    assert set(info) == {"name", "version", "full"}
    assert info["name"]
    assert info["version"]
    assert spacy_loaded is False


def test_info_matches_the_engine_that_loads(full_engine: Engine) -> None:
    assert engine_info()["full"] is True
    assert full_engine.info["full"] is True
    assert full_engine.info["name"].startswith("en_core_web_sm")


def test_environment_can_force_the_basic_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYBOOK_NLP", "basic")
    engine = load_engine()
    assert engine.info == {"name": "blank_en", "version": engine.version, "full": False}
    assert "sentencizer" in engine.nlp.pipe_names


def test_unknown_preferred_model_falls_back() -> None:
    assert load_engine("no_such_model_pkg").name != "no_such_model_pkg"


@pytest.mark.parametrize("limit", [7, 50, 1000])
def test_split_for_parsing_keeps_every_character(limit: int) -> None:
    text = "First para.\n\nSecond one is longer. It has two sentences.\n" + "x" * 120 + " tail"
    pieces = split_for_parsing(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)


def test_text_beyond_max_length_is_chunked_not_raised(good_story) -> None:
    engine = load_engine("full")
    engine.nlp.max_length = 2000
    action = " ".join([good_story().action] * 6) + " " + "z" * 2500
    assert len(action) > engine.nlp.max_length
    story = good_story(action=action)
    report = analyze_story(story, Settings(), engine)
    assert report.i_we == {"i": 42, "we": 0}
    assert engine.parse(action).text == action
    for f in report.findings:
        if f.section in SECTIONS:
            assert f.end <= len(story.section_text(f.section))


WEIRD = [
    "",
    "   \n\t  ",
    "\x00\x01\x07 control \x1b[31m characters \x7f",
    "emoji \U0001f680\U0001f525 and a family \U0001f468\u200d\U0001f469\u200d\U0001f467 saved 30% \U0001f389",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u202eright to left\u202c \u0645\u0631\u062d\u0628\u0627 we did 3x",
    "lone surrogate \ud800 in the middle",
    "\u200b\ufeff zero width",
]


@pytest.mark.parametrize("text", WEIRD)
def test_strange_text_gives_a_report(any_engine: Engine, text: str) -> None:
    story = StoryRecord(
        title=text, situation=text, task=text, action=text, result=text, reflection=text, tags=[text, "failure"]
    )
    report = analyze_story(story, Settings(), any_engine)
    assert 0 <= report.score <= 100
    json.dumps(report.to_json())
    for m in report.metrics:
        assert m.text == text[m.start : m.end]


def test_a_megabyte_paste_is_analysed(basic_engine: Engine) -> None:
    big = "We shipped the release in 3 days and I cut costs by 20 percent. " * 16000
    assert len(big) > 1_000_000
    report = analyze_story(StoryRecord(action=big, result=big), Settings(), basic_engine)
    assert report.words["action"] == 16000 * 14
    assert [f.code for f in report.findings if f.code == "too-long"] == ["too-long"]
    assert len(report.findings) < 400  # capped, so the findings panel stays usable


def test_odd_story_objects_and_settings(any_engine: Engine) -> None:
    class Bare:
        title = None
        situation = "We had a slow build that blocked the whole team."
        task = action = result = None
        tags = "failure"

    report = analyze_story(Bare(), Settings(pace_wpm=0), any_engine)
    assert report.words["situation"] == 10
    assert report.spoken_seconds > 0
    assert "no-learning" in [f.code for f in report.findings]


def test_a_story_far_too_long_to_parse_uses_the_basic_engine(full_engine: Engine, good_story) -> None:
    from storybook.analysis import analyze_stories
    from storybook.analysis.report import FULL_PARSE_MAX_CHARS

    paste = "The config was changed by [Company] and I tried to fix it. " * (FULL_PARSE_MAX_CHARS // 50)
    stories = [good_story(title="short"), good_story(title="pasted", action=paste), good_story(title="again")]
    reports = analyze_stories(stories, Settings(), full_engine)
    assert [r.title for r in reports] == ["short", "pasted", "again"]
    assert [r.engine["full"] for r in reports] == [True, False, True]
    long_report = reports[1]
    codes = {f.code for f in long_report.findings}
    assert {"placeholder", "hedge", "too-long"} <= codes  # the rule-based checks still run
    assert "passive-voice" not in codes
    note = next(f for f in long_report.findings if f.code == "basic-engine")
    assert "too long" in note.message
    assert full_engine.basic_twin() is full_engine.basic_twin()
    assert full_engine.basic_twin().wordlists is full_engine.wordlists


def test_engine_caches_are_separate_objects_with_no_global_engine() -> None:
    from storybook.analysis import EngineCache, nlp

    loads: list[str | None] = []
    first = EngineCache(prefer="basic", loader=lambda prefer: loads.append(prefer) or load_engine(prefer))
    second = EngineCache(prefer="basic", loader=lambda prefer: loads.append(prefer) or load_engine(prefer))
    assert first.peek() is None
    assert first.info()["full"] is False  # told without loading
    assert first.get() is first.get()
    assert second.get() is not first.get()
    assert loads == ["basic", "basic"]
    assert not [name for name, value in vars(nlp).items() if isinstance(value, Engine | EngineCache)]


def test_five_hundred_stories_are_parsed_in_one_pipe_stream(good_story) -> None:
    from storybook.analysis import analyze_stories, build_basic_engine

    engine = build_basic_engine()
    real = engine.nlp
    calls: list[str] = []

    class Spy:
        max_length = real.max_length

        def pipe(self, texts, **kwargs):  # noqa: ANN001, ANN201, ANN003
            calls.append("pipe")
            return real.pipe(texts, **kwargs)

        def __call__(self, text):  # noqa: ANN001, ANN204
            calls.append("call")
            return real(text)

    engine.nlp = Spy()
    stories = [good_story(id=n, title=f"story {n}") for n in range(500)]
    reports = analyze_stories(stories, Settings(), engine)
    assert [r.story_id for r in reports] == list(range(500))
    assert calls == ["pipe"]

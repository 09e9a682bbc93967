"""`storybook analyze` and `storybook check`: the fixed JSON shape, both input formats, clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storybook.cli import main

REPORT_KEYS = {"engine", "words", "spoken_seconds", "quantified", "metrics", "i_we", "findings", "score", "rubric"}
DIMENSIONS = ["structure", "ownership", "impact", "specificity", "reflection", "delivery"]
STORY = {
    "title": "Slow builds",
    "situation": "Our builds took forty minutes and blocked every release.",
    "task": "I was asked to bring the build time down before the next quarter.",
    "action": "I profiled the build, cached the dependencies and split the slowest test suite in three.",
    "result": "Builds went from 40 minutes to 9, and we released twice as often.",
}
MARKDOWN = """# Slow builds

## Situation
Our builds took forty minutes and blocked every release.

## Task
I was asked to bring the build time down before the next quarter.

## Action
I profiled the build, cached the dependencies and split the slowest test suite in three.

## Result
Builds went from 40 minutes to 9, and we released twice as often.
"""


def run(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def check_shape(item: dict) -> None:
    assert set(item) >= REPORT_KEYS
    assert set(item["engine"]) == {"name", "version", "full"}
    assert set(item["words"]) == {"situation", "task", "action", "result", "total"}
    assert set(item["i_we"]) == {"i", "we"}
    for m in item["metrics"]:
        assert set(m) == {"text", "kind", "section", "start", "end"}
    for f in item["findings"]:
        assert set(f) == {"code", "severity", "section", "start", "end", "message", "suggestion"}
    assert isinstance(item["score"], int)
    assert isinstance(item["quantified"], bool)


def test_analyze_json_object_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps(STORY), encoding="utf-8")
    code, out, _ = run(["analyze", "--json", str(path)], capsys)
    item = json.loads(out)
    assert code == 0
    assert isinstance(item, dict)
    check_shape(item)
    assert item["quantified"] is True
    assert item["title"] == "Slow builds"
    result = STORY["result"]
    change = next(m for m in item["metrics"] if m["kind"] == "change")
    assert result[change["start"] : change["end"]] == "from 40 minutes to 9"


def test_analyze_markdown_from_stdin_equals_json(tmp_path: Path, capsys, monkeypatch) -> None:
    _, from_md, _ = run(["analyze", "--json", "-"], capsys, stdin=MARKDOWN, monkeypatch=monkeypatch)
    path = tmp_path / "story.json"
    path.write_text(json.dumps(STORY), encoding="utf-8")
    _, from_json, _ = run(["analyze", "--json", str(path)], capsys)
    assert json.loads(from_md) == json.loads(from_json)


def test_several_stories_give_an_array_in_input_order(tmp_path: Path, capsys) -> None:
    second = dict(STORY, title="Second", result="The team was pleased with the outcome of the work.")
    (tmp_path / "a.json").write_text(json.dumps([STORY, second]), encoding="utf-8")
    (tmp_path / "b.md").write_text(MARKDOWN.replace("# Slow builds", "# Third"), encoding="utf-8")
    code, out, _ = run(["analyze", "--json", str(tmp_path / "a.json"), str(tmp_path / "b.md")], capsys)
    items = json.loads(out)
    assert code == 0
    assert [i["title"] for i in items] == ["Slow builds", "Second", "Third"]
    assert [i["quantified"] for i in items] == [True, False, True]
    assert "result-not-quantified" in {f["code"] for f in items[1]["findings"]}


def test_human_output_explains_the_findings(capsys, monkeypatch) -> None:
    story = dict(STORY, action="We profiled the build. We cached things and we split the tests.")
    code, out, _ = run(["analyze", "-"], capsys, stdin=json.dumps(story), monkeypatch=monkeypatch)
    assert code == 0
    assert "Slow builds" in out
    assert "readiness" in out
    assert "engine:" in out
    assert "rubric: structure " in out
    assert "ownership 4/20" in out  # "we" 3 times and no "I": no points for who acted
    assert "[warning] Action:" in out
    assert "I 0, we 3" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("{not json", "not valid JSON"),
        ('{"action": 3}', "must be text"),
        ('{"name": "x"}', "none of the fields"),
        ("[]", "empty list"),
        ("[1, 2]", "not a JSON object"),
        ("just some words\nwithout headings", "neither JSON nor Markdown"),
    ],
)
def test_bad_input_gives_one_clear_line(content: str, message: str, capsys, monkeypatch) -> None:
    code, out, err = run(["analyze", "--json"], capsys, stdin=content, monkeypatch=monkeypatch)
    assert code != 0
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_missing_or_binary_file(tmp_path: Path, capsys) -> None:
    code, _, err = run(["analyze", str(tmp_path / "nope.json")], capsys)
    assert code != 0
    assert "no such file" in err
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xfe")
    code, _, err = run(["analyze", str(binary)], capsys)
    assert code != 0
    assert "not UTF-8" in err


def test_check_reports_every_story_in_the_bank(sample_bank, db_path: Path, capsys) -> None:
    stories = sample_bank.stories.list()
    code, out, _ = run(["--db", str(db_path), "check", "--json"], capsys)
    items = json.loads(out)
    assert code == 0
    assert len(items) == len(stories)
    for item in items:
        check_shape(item)
    first = stories[0]
    code, out, _ = run(["--db", str(db_path), "check", "--json", "--story", str(first.id)], capsys)
    single = json.loads(out)
    assert single["id"] == first.id
    assert single["title"] == first.title


def test_check_uses_the_pace_from_settings(sample_bank, db_path: Path, capsys) -> None:
    settings = sample_bank.settings.get()
    story = sample_bank.stories.list()[0]
    _, before, _ = run(["--db", str(db_path), "check", "--json", "--story", str(story.id)], capsys)
    settings.pace_wpm = 100.0
    settings.use_measured_pace = False
    sample_bank.settings.save(settings)
    _, after, _ = run(["--db", str(db_path), "check", "--json", "--story", str(story.id)], capsys)
    words = json.loads(after)["words"]["total"]
    assert json.loads(after)["spoken_seconds"] == pytest.approx(words / 100 * 60, abs=0.1)
    assert json.loads(after)["spoken_seconds"] > json.loads(before)["spoken_seconds"]


def test_check_unknown_story_and_empty_bank(bank, db_path: Path, capsys) -> None:
    code, _, err = run(["--db", str(db_path), "check", "--story", "999"], capsys)
    assert code != 0
    assert "999" in err
    code, out, _ = run(["--db", str(db_path), "check", "--json"], capsys)
    assert code == 0
    assert json.loads(out) == []
    code, out, _ = run(["--db", str(db_path), "check"], capsys)
    assert code == 0
    assert "No stories" in out


SEVERITIES = {"info", "warning", "problem"}
FINDING_SECTIONS = {"situation", "task", "action", "result", "reflection", "story"}
METRIC_KINDS = {"percent", "money", "count", "duration", "multiplier", "change", "rank"}


def check_exact_shape(item: dict, story: dict, extra: set[str]) -> None:
    """Exactly the fields the issue fixes (plus ``title`` and, for stored stories, ``id``), with their types."""
    assert set(item) == REPORT_KEYS | extra
    assert isinstance(item["engine"]["name"], str)
    assert isinstance(item["engine"]["version"], str)
    assert isinstance(item["engine"]["full"], bool)
    assert all(type(v) is int for v in item["words"].values())
    assert item["words"]["total"] == sum(item["words"][s] for s in ("situation", "task", "action", "result"))
    assert isinstance(item["spoken_seconds"], int | float)
    assert all(type(v) is int for v in item["i_we"].values())
    assert type(item["score"]) is int
    assert 0 <= item["score"] <= 100
    for m in item["metrics"]:
        assert m["kind"] in METRIC_KINDS
        assert story[m["section"]][m["start"] : m["end"]] == m["text"]
    for f in item["findings"]:
        assert f["severity"] in SEVERITIES
        assert f["section"] in FINDING_SECTIONS
        assert type(f["start"]) is int
        assert 0 <= f["start"] <= f["end"]
        assert isinstance(f["message"], str)
        assert f["message"]
        assert isinstance(f["suggestion"], str)
    assert item["quantified"] is any(m["section"] == "result" for m in item["metrics"])
    rubric = item["rubric"]
    assert [d["key"] for d in rubric["dimensions"]] == DIMENSIONS
    assert rubric["total"] == item["score"] == sum(d["points"] for d in rubric["dimensions"])
    assert rubric["max"] == 100
    for d in rubric["dimensions"]:
        assert 0 <= d["points"] <= d["max"]
        assert d["reasons"]
        assert all(isinstance(r, str) and r for r in d["reasons"])


def test_json_shape_is_exactly_the_fixed_one(tmp_path: Path, capsys, sample_bank, db_path: Path) -> None:
    story = dict(STORY, action="We tried to fix it \U0001f680, then we helped with [Company]. " + STORY["action"])
    (tmp_path / "one.json").write_text(json.dumps(story), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([story]), encoding="utf-8")
    code, out, err = run(["analyze", "--json", str(tmp_path / "one.json")], capsys)
    assert (code, err) == (0, "")
    check_exact_shape(json.loads(out), story, {"title"})
    code, out, _ = run(["analyze", "--json", str(tmp_path / "list.json")], capsys)
    items = json.loads(out)
    assert isinstance(items, list)  # an array in gives an array out, even of one story
    check_exact_shape(items[0], story, {"title"})
    assert {"we-not-i", "placeholder", "hedge", "vague-claim"} <= {f["code"] for f in items[0]["findings"]}

    stored = sample_bank.stories.list()[0]
    code, out, _ = run(["--db", str(db_path), "check", "--json", "--story", str(stored.id)], capsys)
    assert code == 0
    texts = {s: stored.section_text(s) for s in ("situation", "task", "action", "result")}
    check_exact_shape(json.loads(out), texts, {"title", "id"})


def test_exit_codes(tmp_path: Path, capsys, monkeypatch) -> None:
    flawed = dict(STORY, result="It went fine.")
    (tmp_path / "flawed.json").write_text(json.dumps(flawed), encoding="utf-8")
    assert run(["analyze", "--json", str(tmp_path / "flawed.json")], capsys)[0] == 0  # findings are not errors
    assert run(["analyze", str(tmp_path / "missing.json")], capsys)[0] == 1
    assert run(["analyze", "-"], capsys, stdin="{broken", monkeypatch=monkeypatch)[0] == 1
    assert run(["analyze", "--pace", "5", str(tmp_path / "flawed.json")], capsys)[0] == 1
    not_a_db = tmp_path / "junk.sqlite"
    not_a_db.write_bytes(b"this is not a database" * 100)
    code, out, err = run(["--db", str(not_a_db), "check", "--json"], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("storybook: ")
    with pytest.raises(SystemExit) as usage:
        main(["check", "--story", "seven"])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("prefer", "expected"),
    [("basic", r"engine: blank_en \d[\w.]* \(basic: rule-based checks only\)$"), ("full", r"engine: \w+ \d[\w.]* \(full\)$")],
)
def test_info_names_the_engine_in_words_and_keeps_the_json(
    prefer: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from storybook.analysis import engine_info

    monkeypatch.setenv("STORYBOOK_NLP", prefer)
    if prefer == "full" and not engine_info()["full"]:
        pytest.skip("no full English spaCy model is installed")
    db = str(tmp_path / "info.sqlite")
    code, out, _ = run(["--db", db, "info"], capsys)
    assert code == 0
    line = next(x.strip() for x in out.splitlines() if x.strip().startswith("engine:"))
    assert re.match(expected, line), line
    assert "{" not in line
    code, out, _ = run(["--db", db, "info", "--json"], capsys)
    assert json.loads(out)["engine"] == engine_info()

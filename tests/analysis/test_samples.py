"""The deliberately flawed sample stories are flagged for the reason their notes give; the others pass."""

from __future__ import annotations

import json

import pytest

from storybook.analysis import analyze_stories
from storybook.cli import main
from storybook.paths import resources_dir

# What a note says about the flaw -> the findings that must explain it.
NOTE_TO_CODES = {
    "no numbers": {"result-not-quantified", "unmeasured-claim"},
    "says 'we'": {"we-not-i"},
    "too long": {"too-long", "balance", "long-sentence"},
    "hedges": {"hedge", "vague-claim", "placeholder"},
    "reflection is empty": {"no-learning"},
}


def expected_codes(notes: str) -> set[str]:
    return {code for phrase, codes in NOTE_TO_CODES.items() if phrase in notes.lower() for code in codes}


def test_flawed_samples_are_flagged_for_their_flaw(sample_bank) -> None:
    stories = sample_bank.stories.list()
    if not stories:
        pytest.skip("no sample stories yet")
    settings, _ = sample_bank.effective_settings()
    reports = analyze_stories(stories, settings)
    flawed = 0
    for story, report in zip(stories, reports, strict=True):
        found = {f.code for f in report.findings}
        if "sample-flaw" in story.tags:
            flawed += 1
            expected = expected_codes(story.notes)
            assert expected, f"no known flaw in the notes of {story.title!r}: {story.notes}"
            assert expected <= found, (story.title, expected - found)
            assert report.score < 90, story.title
        else:
            serious = [f for f in report.findings if f.severity != "info"]
            assert serious == [], (story.title, serious)
            assert report.score >= 90
    assert flawed >= 3


def test_analyze_command_on_the_sample_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = resources_dir() / "sample_stories.json"
    if not path.is_file():
        pytest.skip("no sample file yet")
    samples = json.loads(path.read_text(encoding="utf-8"))["stories"]
    assert main(["analyze", "--json", str(path)]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in reports] == [s["title"] for s in samples]
    for sample, report in zip(samples, reports, strict=True):
        if "sample-flaw" in sample.get("tags", []):
            assert expected_codes(sample["notes"]) <= {f["code"] for f in report["findings"]}

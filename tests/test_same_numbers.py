"""One source for every fact: awkward texts give the same words, seconds and verdict on every surface.

The surfaces: the measures themselves, the checks (``analyze_story``), the rehearsal readiness and
recorded word count, the dossier's length line, and the CLI's ``show --json`` against ``check`` and ``analyze``.
The editor badges are checked the same way in tests/gui/test_gui_same_numbers.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document

from storybook.analysis import analyze_story
from storybook.analysis.nlp import build_basic_engine
from storybook.bank import StoryBank
from storybook.cli import main
from storybook.export.dossier import DossierData, build_dossier
from storybook.model.measures import (
    Length,
    LengthBand,
    format_seconds,
    length_verdict,
    section_words,
    spoken_seconds,
    story_words,
    verdict_for_seconds,
    word_count,
)
from storybook.model.values import SECTIONS, Settings, StoryRecord

# (text, words a speaker says): bullets, dashes, slashes and emoji are not words; "3.5k", "1,200",
# "don't", "follow-up" and a domain name are one word each.
AWKWARD = {
    "bullets": ("- I cut the queue\n- I added 3 caches\n• I wrote the runbook", 12),
    "dashes": ("I called the vendor \u2014 twice \u2013 and then we agreed on a follow-up", 12),
    "slashes": ("I owned the build/test/release loop and/or its alerts", 11),
    "emoji": ("I shipped it \U0001f680 on Friday \U0001f389\U0001f389", 5),
    "money": ("Revenue grew by $3.5k a month, about 1,200 dollars more than planned", 12),
    "url": ("I wrote it up at https://wiki.example.com/build-times so don't repeat it", 12),
    "rtl": ("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd and \u0645\u0631\u062d\u0628\u0627 "
            "\u0628\u0627\u0644\u0639\u0627\u0644\u0645 in one line", 8),
}


def awkward_story(story_id: int | None = None) -> StoryRecord:
    texts = [t for t, _ in AWKWARD.values()]
    return StoryRecord(id=story_id, title="Awkward", situation=texts[0] + "\n" + texts[1], task=texts[2],
                       action="\n".join(texts[3:6]), result=texts[6])


def test_each_awkward_text_counts_as_a_speaker_says_it() -> None:
    for name, (text, words) in AWKWARD.items():
        assert word_count(text) == words, name


def test_measures_agree_on_a_story() -> None:
    story = awkward_story()
    words = section_words(story)
    assert words["total"] == sum(w for _, w in AWKWARD.values()) == story_words(story)
    assert words["total"] == sum(words[s] for s in SECTIONS)
    assert spoken_seconds(72, 150) == 28.8
    assert spoken_seconds(10, 0) == spoken_seconds(10, 150)  # no pace falls back to the default
    assert [format_seconds(s) for s in (0, 59.6, 61, 3725, -5, None)] == ["0:00", "1:00", "1:01", "1:02:05",
                                                                        "-0:05", "-"]


def test_the_verdict_uses_the_settings_band_and_its_edges() -> None:
    band = LengthBand.from_settings(Settings())
    assert band.text() == "2:00\u20133:00"
    assert [verdict_for_seconds(s, band).kind for s in (0, 32, 119.9, 120, 180, 180.1)] == [
        Length.EMPTY, Length.SHORT, Length.SHORT, Length.ON_TARGET, Length.ON_TARGET, Length.OVER]
    slow = LengthBand.from_settings(Settings(pace_wpm=100, target_seconds=90, limit_seconds=150))
    assert length_verdict(200, slow).kind is Length.ON_TARGET  # 2:00 at 100 wpm in a 1:30-2:30 band
    assert length_verdict(200, band).kind is Length.SHORT  # 1:20 at 150 wpm


def test_checks_report_the_same_numbers_and_verdict() -> None:
    story = awkward_story()
    report = analyze_story(story, Settings(), build_basic_engine())
    assert report.words == section_words(story)
    assert report.spoken_seconds == spoken_seconds(story_words(story), 150)
    assert report.length == "short"
    # 0:28 is under even the one-minute short version: the checks warn and say the band they used
    (finding,) = [f for f in report.findings if f.code == "too-short"]
    assert f"About {format_seconds(report.spoken_seconds)} spoken" in finding.message
    assert "short of the 2:00\u20133:00 band" in finding.message


def test_rehearsal_records_the_same_word_count(bank: StoryBank) -> None:
    story = bank.stories.create(title="Awkward", **{s: getattr(awkward_story(), s) for s in SECTIONS})
    record = bank.rehearsals.record(story.id, [1, 1, 1, 1])
    assert record.words == story_words(awkward_story())


def test_dossier_length_line_says_the_same(tmp_path: Path) -> None:
    story = awkward_story(7)
    path = build_dossier(DossierData(stories=[story]), tmp_path / "d.docx", checks=False)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    words = story_words(story)
    line = f"about {format_seconds(spoken_seconds(words, 150))} for {words} words at 150 words per minute"
    assert f"{line}; short of the 2:00\u20133:00 band" in text


def test_cli_show_json_matches_check_and_analyze(bank: StoryBank, db_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fields = {s: getattr(awkward_story(), s) for s in SECTIONS}
    story = bank.stories.create(title="Awkward", **fields)
    bank.settings.update(pace_wpm=120.0)
    bank.close()
    assert main(["--db", str(db_path), "show", str(story.id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert main(["--db", str(db_path), "check", "--story", str(story.id), "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    source = tmp_path / "story.json"
    source.write_text(json.dumps({"title": "Awkward", **fields}), encoding="utf-8")
    assert main(["analyze", str(source), "--pace", "120", "--json"]) == 0
    analysed = json.loads(capsys.readouterr().out)
    assert shown["words"] == checked["words"] == analysed["words"] == section_words(awkward_story())
    assert shown["spoken_seconds"] == checked["spoken_seconds"] == analysed["spoken_seconds"]
    assert shown["spoken_seconds"] == spoken_seconds(shown["words"]["total"], 120)
    # the readable report says the same time and the same verdict as the badge and the checks
    assert main(["--db", str(db_path), "check", "--story", str(story.id)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "words:" in x)
    assert f"about {format_seconds(shown['spoken_seconds'])} spoken at 120 wpm" in line
    assert line.endswith("short of the 2:00\u20133:00 band")


def test_no_second_formatter_or_counter_creeps_back() -> None:
    """m:ss formatting and word splitting live in model/measures.py only."""
    package = Path(__file__).resolve().parents[1] / "storybook"
    measures = package / "model" / "measures.py"
    offenders = []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path != measures and (":02d}" in text or re.search(r"len\(.*\.split\(\)\)", text)):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []

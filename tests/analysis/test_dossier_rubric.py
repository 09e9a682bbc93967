"""The dossier shows the same readiness rubric as the app: total and each part's points (read back with python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx

from storybook.analysis import Engine, analyze_story
from storybook.export.dossier import DossierData, build_dossier
from storybook.model.values import Settings


def test_dossier_story_page_shows_the_rubric(good_story, basic_engine: Engine, tmp_path: Path) -> None:
    story = good_story(reflection="")
    path = build_dossier(DossierData(stories=[story]), tmp_path / "d.docx", parts=("stories",), engine=basic_engine)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    report = analyze_story(story, Settings(), basic_engine)
    line = next(t for t in text.splitlines() if t.startswith("Readiness"))
    assert f"{report.score}/100" in line
    for dim in report.rubric.dimensions:
        assert f"{dim.name.lower()} {dim.points}/{dim.maximum}" in line
    assert "reflection 0/10" in line  # no lesson in this version of the story

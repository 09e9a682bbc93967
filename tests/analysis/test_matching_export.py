"""Matching in the dossier: the question map prints key-point coverage for each linked story."""

from __future__ import annotations

from pathlib import Path

import docx

from storybook.analysis import Engine
from storybook.analysis.matching import KEY_POINT_CODE, key_point_findings, linked_key_points
from storybook.export.dossier import build_dossier
from tests.export.conftest import fixed_data as _fixed_data

POINTS = ["How you found the bottleneck", "What you changed", "Before and after numbers", "Who you told"]


def fixed_data():  # noqa: ANN201
    data = _fixed_data()
    for question in data.questions:
        question.key_points = list(POINTS)
    return data


def test_question_map_prints_key_point_coverage(tmp_path: Path, full_engine: Engine) -> None:
    data = fixed_data()
    path = build_dossier(data, tmp_path / "d.docx", parts=("map",), checks=True, engine=full_engine,
                        key_points=True)
    document = docx.Document(str(path))
    qmap = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == ["#", "Question", "Stories"])
    cell = qmap.rows[1].cells[2].text
    assert cell.startswith("Cutting checkout latency — key points ")
    question = data.questions[0]
    coverage = data.key_points[(data.stories[0].id, question.id)]
    done = sum(k.covered for k in coverage)
    assert f"key points {done}/{len(question.key_points)}" in cell
    if done < len(coverage):
        assert "missing: " in cell
    assert not qmap.rows[2].cells[2].text.count("key points")  # no story, no coverage


def test_without_checks_the_map_has_no_coverage(tmp_path: Path) -> None:
    path = build_dossier(fixed_data(), tmp_path / "d.docx", parts=("map",), checks=False)
    text = "\n".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "key points" not in text


def test_findings_name_the_missing_key_points(full_engine: Engine) -> None:
    data = fixed_data()
    coverage = linked_key_points(full_engine, data.stories, data.questions)
    assert coverage
    for (_story_id, question_id), points in coverage.items():
        question = next(q for q in data.questions if q.id == question_id)
        findings = key_point_findings(question.text, points)
        missing = [k for k in points if not k.covered]
        assert len(findings) == (1 if missing else 0)
        for f in findings:
            assert f.code == KEY_POINT_CODE
            assert f.section == "story"
            assert "your story does not say it" in f.message
            assert all(k.label in f.message for k in missing)


def _map_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_the_dossier_command_adds_key_points_when_asked(sample_bank, db_path: Path, tmp_path: Path) -> None:  # noqa: ANN001
    from storybook.cli import main

    assert any(s.questions for s in sample_bank.stories.list())  # the samples link questions
    sample_bank.close()
    plain, with_points = tmp_path / "plain.docx", tmp_path / "points.docx"
    assert main(["--db", str(db_path), "dossier", "--parts", "map", "--no-checks", "--out", str(plain)]) == 0
    assert main(["--db", str(db_path), "dossier", "--parts", "map", "--key-points", "--out", str(with_points)]) == 0
    assert "key points" not in _map_text(plain)
    assert "key points" in _map_text(with_points)

"""Measured quality of the checks on labelled sets written for this project (see tests/analysis/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storybook.analysis import Engine, analyze_stories
from storybook.analysis.language import count_i_we
from storybook.model.values import Settings, StoryRecord

DATA = Path(__file__).parent / "data"
THRESHOLDS = {"full": 0.95, "basic": 0.85}


def load_result_sentences() -> list[tuple[bool, str]]:
    rows = []
    for line in (DATA / "result_sentences.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((label == "1", sentence))
    return rows


def test_result_set_is_big_and_balanced() -> None:
    rows = load_result_sentences()
    positives = sum(label for label, _ in rows)
    assert len(rows) >= 80
    assert abs(positives - (len(rows) - positives)) <= len(rows) * 0.1


@pytest.mark.parametrize("kind", ["full", "basic"])
def test_quantified_precision_and_recall(kind: str, request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(f"{kind}_engine")
    rows = load_result_sentences()
    stories = [StoryRecord(title=f"eval {n}", result=sentence) for n, (_, sentence) in enumerate(rows)]
    reports = analyze_stories(stories, Settings(), engine)
    tp = sum(1 for (label, _), r in zip(rows, reports, strict=True) if label and r.quantified)
    fp = [s for (label, s), r in zip(rows, reports, strict=True) if not label and r.quantified]
    fn = [s for (label, s), r in zip(rows, reports, strict=True) if label and not r.quantified]
    precision = tp / (tp + len(fp)) if tp + len(fp) else 0.0
    recall = tp / (tp + len(fn)) if tp + len(fn) else 0.0
    print(f"\n[{engine.name}] quantified: precision {precision:.3f}, recall {recall:.3f} on {len(rows)} sentences")
    assert precision >= THRESHOLDS[kind], f"false positives: {fp}"
    assert recall >= THRESHOLDS[kind], f"missed: {fn}"


def test_pronoun_set_has_twenty_paragraphs() -> None:
    data = json.loads((DATA / "action_pronouns.json").read_text(encoding="utf-8"))["paragraphs"]
    assert len(data) >= 20


@pytest.mark.parametrize("kind", ["full", "basic"])
def test_i_we_counts_match_labels(kind: str, request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(f"{kind}_engine")
    data = json.loads((DATA / "action_pronouns.json").read_text(encoding="utf-8"))["paragraphs"]
    wrong = []
    for item, doc in zip(data, engine.pipe(p["text"] for p in data), strict=True):
        got = count_i_we(doc, engine.full)
        if got != {"i": item["i"], "we": item["we"]}:
            wrong.append((item["text"], got))
    accuracy = 1 - len(wrong) / len(data)
    print(f"\n[{engine.name}] I/we counts exact on {accuracy:.0%} of {len(data)} paragraphs")
    assert accuracy >= 0.9, wrong


def load_result_styles() -> list[tuple[bool, str, str]]:
    rows = []
    for line in (DATA / "result_styles.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, style, sentence = line.split("\t", 2)
            rows.append((label == "1", style, sentence))
    return rows


def test_result_styles_set_covers_the_forms_real_answers_use() -> None:
    rows = load_result_styles()
    assert len(rows) >= 150
    styles = {style for label, style, _ in rows if label}
    assert {"plus", "approx", "zero", "omitted-noun", "multiplier", "range", "rate"} <= styles
    assert sum(not label for label, _, _ in rows) >= 40


@pytest.mark.parametrize("kind", ["full", "basic"])
def test_quantified_on_result_styles(kind: str, request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(f"{kind}_engine")
    rows = load_result_styles()
    reports = analyze_stories([StoryRecord(result=s) for _, _, s in rows], Settings(), engine)
    found = [r.quantified for r in reports]
    tp = sum(1 for (label, _, _), q in zip(rows, found, strict=True) if label and q)
    fp = [s for (label, _, s), q in zip(rows, found, strict=True) if not label and q]
    fn = [(style, s) for (label, style, s), q in zip(rows, found, strict=True) if label and not q]
    precision = tp / (tp + len(fp)) if tp + len(fp) else 0.0
    recall = tp / (tp + len(fn)) if tp + len(fn) else 0.0
    print(f"\n[{engine.name}] result styles: precision {precision:.3f}, recall {recall:.3f} on {len(rows)} sentences")
    assert precision >= 0.98, f"false positives: {fp}"
    assert recall >= 0.97, f"missed: {fn}"

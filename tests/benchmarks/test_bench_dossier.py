"""Benchmark: a 100-story dossier against a minimal python-docx script writing the same text.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_dossier.py``. The target is a ratio of at
most 1.5; it is printed, not asserted (timings on a shared machine are noisy). The checks are run once
beforehand and handed in, so both sides only write the document.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from storybook.export.dossier import DossierData, build_dossier, run_checks
from storybook.model.values import SECTION_TITLES, SECTIONS, Settings, StoryRecord
from storybook.store.seed import load_samples_file

STORIES = 100


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _stories() -> list[StoryRecord]:
    samples = load_samples_file()["stories"]
    out = []
    for i in range(STORIES):
        item = samples[i % len(samples)]
        fields = {k: item.get(k, "") for k in ("situation", "task", "action", "result", "reflection", "short_version")}
        out.append(StoryRecord(id=i + 1, title=f"{item['title']} ({i + 1})", cue_cards=list(item.get("cue_cards", [])),
                               competencies=list(item.get("competencies", [])), **fields))
    return out


def _minimal(stories: list[StoryRecord], path: Path) -> None:
    """What a hand-written script would do: the same headings and text, nothing else."""
    document = docx.Document()
    for story in stories:
        document.add_heading(story.title, level=1)
        for section in (*SECTIONS, "reflection", "short_version"):
            document.add_heading(SECTION_TITLES[section], level=2)
            for line in str(getattr(story, section)).split("\n"):
                document.add_paragraph(line)
        for card in story.cue_cards:
            document.add_paragraph(card, style="List Bullet")
    document.save(str(path))


def _minimal_tuned(stories: list[StoryRecord], path: Path) -> None:
    """The same script with style ids looked up once (python-docx rescans the styles per name lookup)."""
    document = docx.Document()
    ids = {name: document.styles[name].style_id for name in ("Heading 1", "Heading 2", "List Bullet")}

    def add(text: str, style: str | None = None) -> None:
        paragraph = document.add_paragraph()
        if style:
            paragraph._p.style = ids[style]
        paragraph.add_run(text)

    for story in stories:
        add(story.title, "Heading 1")
        for section in (*SECTIONS, "reflection", "short_version"):
            add(SECTION_TITLES[section], "Heading 2")
            for line in str(getattr(story, section)).split("\n"):
                add(line)
        for card in story.cue_cards:
            add(card, "List Bullet")
    document.save(str(path))


def _best(func: Callable[[], object], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.benchmark
def test_dossier_costs_little_more_than_plain_python_docx(tmp_path: Path) -> None:
    stories = _stories()
    settings = Settings()
    start = time.perf_counter()
    reports = run_checks(stories, settings)
    checks = time.perf_counter() - start
    data = DossierData(stories=stories, settings=settings, reports={stories[i].id: r for i, r in reports.items()})
    full = dataclasses.replace(data)
    _minimal(stories, tmp_path / "warm.docx")
    build_dossier(full, tmp_path / "warm-dossier.docx", checks=False)
    baseline = _best(lambda: _minimal(stories, tmp_path / "minimal.docx"))
    dossier = _best(lambda: build_dossier(full, tmp_path / "dossier.docx", checks=False))
    only_stories = _best(lambda: build_dossier(full, tmp_path / "stories.docx", parts=("stories",), checks=False))
    tuned = _best(lambda: _minimal_tuned(stories, tmp_path / "tuned.docx"))
    ratio = dossier / baseline
    print(f"\n{STORIES} stories: minimal python-docx {baseline * 1000:.0f} ms, dossier {dossier * 1000:.0f} ms "
          f"(stories part alone {only_stories * 1000:.0f} ms), ratio {ratio:.2f} (target <= 1.5); "
          f"against a minimal script that caches style ids ({tuned * 1000:.0f} ms): {dossier / tuned:.2f}; "
          f"the checks beforehand took {checks:.1f} s for {len(reports)} stories")
    assert (tmp_path / "dossier.docx").stat().st_size > 0

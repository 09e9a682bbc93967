"""Analysis: explainable, offline checks of STAR stories with spaCy (no Qt, no database).

API used by the GUI, the CLI and the export:

- ``get_engine()``: the shared engine, loaded once on first use; ``engine.info`` is
  ``{"name", "version", "full"}``.
- ``analyze_story(story, settings, engine=None) -> StoryReport``
- ``analyze_stories(stories, settings, engine=None) -> list[StoryReport]`` (one ``nlp.pipe`` stream)
- ``find_metrics(text, section, engine=None) -> list[Metric]``

``story`` is any object with the attributes title, situation, task, action, result, reflection, tags and
competencies (a ``StoryRecord`` works). Importing this package does not import spaCy.
"""

from __future__ import annotations

from storybook.analysis.metrics import KINDS as METRIC_KINDS
from storybook.analysis.metrics import find_metrics
from storybook.analysis.nlp import Engine, build_basic_engine, engine_info, get_engine, load_engine
from storybook.analysis.report import ALL_CHECKS, analyze_stories, analyze_story
from storybook.analysis.score import SCORE_FORMULA, readiness_score

__all__ = [
    "ALL_CHECKS",
    "METRIC_KINDS",
    "SCORE_FORMULA",
    "Engine",
    "analyze_stories",
    "analyze_story",
    "build_basic_engine",
    "engine_info",
    "find_metrics",
    "get_engine",
    "load_engine",
    "readiness_score",
]

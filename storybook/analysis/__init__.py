"""Analysis: explainable, offline checks of STAR stories with spaCy (no Qt, no database).

API used by the GUI, the CLI and the export:

- ``EngineCache()``: loads the best engine once, on first ``get()``, and reuses it. There is no global
  engine: the desktop app's context owns one cache and each CLI command makes its own.
  ``engine.info`` is ``{"name", "version", "full"}``; ``engine_info(cache)`` tells it without loading.
- ``analyze_story(story, settings, engine=None) -> StoryReport``: ``engine`` is an Engine or an
  EngineCache; without one, a new engine is loaded for the call.
- ``analyze_stories(stories, settings, engine=None) -> list[StoryReport]`` (one ``nlp.pipe`` stream)
- ``iter_reports(stories, settings, engine=None)``: ``(position, report)`` as each story is done (same stream)
- ``report.score`` is ``report.rubric.total``: six dimensions with points, maxima and reasons
  (``score.SCORE_FORMULA`` says how it is built); ``CHECKS_VERSION`` changes when checks or score do.
- ``find_metrics(text, section, engine=None, doc=None) -> list[Metric]`` (a parsed doc or an engine lets
  a count run to the noun it counts)

``story`` is any object with the attributes title, situation, task, action, result, reflection, tags and
competencies (a ``StoryRecord`` works). Importing this package does not import spaCy, and the names above
are imported on first use, so ``storybook.analysis.nlp`` alone stays cheap for the app's start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storybook.analysis.metrics import KINDS as METRIC_KINDS
    from storybook.analysis.metrics import find_metrics
    from storybook.analysis.nlp import Engine, EngineCache, build_basic_engine, engine_info, get_engine, load_engine
    from storybook.analysis.report import ALL_CHECKS, analyze_stories, analyze_story, iter_reports
    from storybook.analysis.score import SCORE_FORMULA, score_rubric
    from storybook.analysis.stored import CHECKS_VERSION

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "METRIC_KINDS": ("metrics", "KINDS"),
    "find_metrics": ("metrics", "find_metrics"),
    **{name: ("nlp", name) for name in ("Engine", "EngineCache", "build_basic_engine", "engine_info", "get_engine",
                                        "load_engine")},
    **{name: ("report", name) for name in ("ALL_CHECKS", "analyze_stories", "analyze_story", "iter_reports")},
    "SCORE_FORMULA": ("score", "SCORE_FORMULA"),
    "score_rubric": ("score", "score_rubric"),
    "CHECKS_VERSION": ("stored", "CHECKS_VERSION"),
}

__all__ = [
    "ALL_CHECKS",
    "CHECKS_VERSION",
    "METRIC_KINDS",
    "SCORE_FORMULA",
    "Engine",
    "EngineCache",
    "analyze_stories",
    "analyze_story",
    "build_basic_engine",
    "engine_info",
    "find_metrics",
    "get_engine",
    "iter_reports",
    "load_engine",
    "score_rubric",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value

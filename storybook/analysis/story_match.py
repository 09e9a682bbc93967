"""Analysis: how well one story fits the question bank, as the story screen shows it (no database, no Qt).

``story_match`` ranks the questions and competencies for a story and checks its linked questions' key
points; ``MatcherCache`` keeps one ``Matcher`` per question bank, so that a caller that has only plain records
(the checks process) parses the bank once and each later ranking costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storybook.analysis.keypoints import KeyPointCoverage
from storybook.analysis.matching import Matcher, Suggestion, key_point_findings
from storybook.analysis.matching_features import text_hash
from storybook.analysis.matching_words import CONCEPTS_FILE, SIGNALS_FILE
from storybook.analysis.nlp import Engine, EngineCache, resolve_engine
from storybook.analysis.wordlists import wordlist_dir
from storybook.model.values import Finding


@dataclass
class StoryMatch:
    """Everything the story screen shows about fit: ranked questions and competencies, linked coverage."""

    story_id: int | None
    questions: list[Suggestion] = field(default_factory=list)  # every visible question, best first
    competencies: list[Suggestion] = field(default_factory=list)
    coverage: dict[int, list[KeyPointCoverage]] = field(default_factory=dict)  # per linked question
    findings: list[Finding] = field(default_factory=list)  # "the question asks for …; your story does not say it"


def story_match(matcher: Matcher, story: Any, linked: Sequence[Any]) -> StoryMatch:
    """Rank questions and competencies for ``story`` and check its linked questions' key points (pure)."""
    coverage = {q.id: matcher.key_points(story, q) for q in linked}
    findings = [f for q in linked for f in key_point_findings(q.text, coverage[q.id])]
    return StoryMatch(getattr(story, "id", None), matcher.questions_for_story(story),
                      matcher.competencies_for_story(story), coverage, findings)


def wordlist_stamps() -> list[str]:
    """Modification times of the matching word lists: an edited list rebuilds the matcher, as for the checks."""
    folder = wordlist_dir()
    stamps = []
    for name in (SIGNALS_FILE, CONCEPTS_FILE):
        try:
            stamps.append(f"{name}:{(folder / name).stat().st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:missing")
    return stamps


class MatcherCache:
    """Analysis: one Matcher for the question bank it was given, rebuilt when the bank or a word list changes."""

    def __init__(self, engine: Engine | EngineCache | None = None) -> None:
        self.engine = engine
        self._matcher: Matcher | None = None
        self._key = ""

    def matcher(self, questions: Sequence[Any], competencies: Sequence[Any]) -> Matcher:
        rows = [repr((q.id, q.text, q.assesses, q.key_points, q.competencies)) for q in questions]
        rows += [repr((c.key, c.name, getattr(c, "description", ""))) for c in competencies]
        key = text_hash([*rows, *wordlist_stamps()])
        if self._matcher is None or key != self._key:
            self._matcher = Matcher(resolve_engine(self.engine), questions, competencies)
            self._key = key
        return self._matcher

    def match(self, questions: Sequence[Any], competencies: Sequence[Any], story: Any,
              linked: Sequence[Any]) -> StoryMatch:
        return story_match(self.matcher(questions, competencies), story, linked)

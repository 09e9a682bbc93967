"""Bank: story-question suggestions (turns rows into plain records and asks the matching engine).

The matcher parses the question bank once and every story text once (cached by a hash of the text), so
after the first call a ranking costs milliseconds. It is rebuilt only when the question bank changes.
Nothing here links or tags anything: suggestions are read-only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storybook.analysis.keypoints import KeyPointCoverage
from storybook.analysis.matching import Matcher, Suggestion
from storybook.analysis.matching_features import text_hash
from storybook.analysis.nlp import Engine, EngineCache, resolve_engine
from storybook.analysis.story_match import StoryMatch, story_match  # noqa: F401 - re-exported for the GUI
from storybook.analysis.story_match import wordlist_stamps as _wordlist_stamps
from storybook.model.values import CompetencyRecord, QuestionRecord, StoryRecord, StoryStatus

if TYPE_CHECKING:
    from storybook.bank.questions import QuestionService
    from storybook.bank.stories import StoryService


@dataclass
class StorySuggestions:
    """Competencies and questions for one story, best first."""

    story: StoryRecord
    competencies: list[Suggestion] = field(default_factory=list)
    questions: list[Suggestion] = field(default_factory=list)


@dataclass
class QuestionSuggestions:
    """Stories for one question, best first."""

    question: QuestionRecord
    stories: list[Suggestion] = field(default_factory=list)


def readiness(story: StoryRecord) -> float:
    """The tie breaker: a story marked ready beats an equal draft."""
    return 1.0 if story.status == StoryStatus.READY.value else 0.0


class MatchingService:
    """Bank: suggestions for stories, questions and competencies, with reasons."""

    def __init__(self, stories: StoryService, questions: QuestionService) -> None:
        self._stories = stories
        self._questions = questions
        self._matcher: Matcher | None = None
        self._key: tuple[int, str] | None = None
        self._lock = threading.Lock()

    def matcher(self, engine: Engine | EngineCache | None = None, questions: list[QuestionRecord] | None = None,
                competencies: list[CompetencyRecord] | None = None) -> Matcher:
        """The matcher for the question bank (visible questions), rebuilt only when the bank changes.

        The GUI reads ``questions`` and ``competencies`` on its own thread and passes them in, so a worker
        thread never touches the database.
        """
        nlp = resolve_engine(engine)
        questions = self._questions.list() if questions is None else questions
        rows = [repr((q.id, q.text, q.assesses, q.key_points, q.competencies)) for q in questions]
        key = (id(nlp), text_hash([*rows, *_wordlist_stamps()]))
        with self._lock:
            if self._matcher is None or self._key != key:
                comps = self._questions.competencies() if competencies is None else competencies
                self._matcher = Matcher(nlp, questions, comps)
                self._key = key
            return self._matcher

    def for_story(self, story_id: int, engine: Engine | EngineCache | None = None,
                  limit: int | None = 5) -> StorySuggestions:
        story = self._stories.get(story_id)
        matcher = self.matcher(engine)
        return StorySuggestions(story, matcher.competencies_for_story(story, limit),
                                matcher.questions_for_story(story, limit))

    def for_question(self, question_id: int, engine: Engine | EngineCache | None = None,
                     limit: int | None = 5) -> QuestionSuggestions:
        question = self._questions.get(question_id)
        matcher = self.matcher(engine)
        stories = self._stories.list()
        ranked = matcher.stories_for_question(question, stories, limit, {s.id: readiness(s) for s in stories})
        return QuestionSuggestions(question, ranked)

    def linked_questions(self, story: StoryRecord) -> list[QuestionRecord]:
        """The question records a story is linked to (hidden ones included), for ``story_match``."""
        wanted = {q.question_id for q in story.questions}
        return [q for q in self._questions.list(include_hidden=True) if q.id in wanted]

    def key_points(self, story_id: int, question_id: int,
                   engine: Engine | EngineCache | None = None) -> list[KeyPointCoverage]:
        story = self._stories.get(story_id)
        question = self._questions.get(question_id)
        return self.matcher(engine).key_points(story, question)

    def linked_coverage(self, story: StoryRecord,
                        engine: Engine | EngineCache | None = None) -> dict[int, list[KeyPointCoverage]]:
        """Key-point coverage of every question the story is linked to (hidden ones included)."""
        matcher = self.matcher(engine)
        out: dict[int, list[KeyPointCoverage]] = {}
        for link in story.questions:
            question = self._questions.get(link.question_id)
            out[link.question_id] = matcher.key_points(story, question)
        return out


def suggestion_json(s: Suggestion, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {**extra, "score": s.score, "reasons": list(s.reasons)}
    if s.key_points:
        data["key_points"] = [k.to_json() for k in s.key_points]
    data["linked"] = s.linked
    return data

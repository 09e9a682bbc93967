"""Analysis: a first ~60-second spoken version drafted from a story's own sentences.

The draft keeps the Situation's first sentence (the scene), the Action's key decisions (first-person
sentences with a decision or action verb, the most informative first) and the measured Result (sentences
with numbers), in story order, trimmed to about the short-version time at the user's pace. It never invents
words: every sentence comes from the story. Sentences are split by the spaCy engine when one is loaded and
by a regular expression otherwise.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storybook.analysis.docs import sentence_spans
from storybook.analysis.metrics import find_metrics
from storybook.model.measures import DEFAULT_PACE_WPM, WORD_RE, spoken_seconds, usable_pace, word_count

if TYPE_CHECKING:
    from storybook.analysis.nlp import Engine

DEFAULT_SHORT_SECONDS = 60.0
OVERSHOOT = 1.12  # a sentence may carry the draft a little past the target, never past this share of it
UNDERSHOOT = 0.8  # below this share of the target, more Action sentences are added even without a decision verb
ENGINE_MAX_CHARS = 5_000  # a longer line (a pasted page) is split by the regex: parsing it would stall
RUN_ON_WORDS = 300
MAX_SENTENCE_SHARE = 0.45  # one sentence longer than this share of the budget is shortened at a word boundary
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪►]+|\d{1,2}[.)])\s+")
_SENTENCE_RE = re.compile(r"(?<=[.!?…。！？])[\"”’)\]]*\s+(?=\S)")
_FIRST_PERSON_RE = re.compile(r"(?:^|[^\w’'])(?:I|I[’']d|I[’']ve|I[’']m|my|me|myself)(?![\w’'])")
# A hedged sentence ("I tried to", "I helped with") is not a key decision: the short version should sound sure.
_HEDGE_RE = re.compile(r"\b(?:tried to|trying to|try to|helped (?:with|to)|was involved|kind of|sort of|"
                       r"I think|maybe|somewhat)\b", re.IGNORECASE)
# How strongly a figure measures an outcome: a change, a percentage or money says more than a bare duration.
METRIC_WEIGHTS = {"change": 3.0, "percent": 3.0, "money": 3.0, "multiplier": 3.0, "rank": 1.0, "count": 1.0,
                  "duration": 1.0}
DECISION_STEMS = (
    "decid", "chose", "choos", "propos", "built", "build", "wrote", "writ", "led ", "lead", "set up", "convinc",
    "negotiat", "design", "rolled out", "roll out", "introduc", "migrat", "automat", "persuad", "prioriti",
    "split", "replac", "creat", "organi", "launch", "escalat", "refactor", "measur", "test", "fix", "rework",
    "draft", "mentor", "coach", "train", "moved", "ran ", "run ", "pushed", "cut ", "pair", "profil",
    "redesign", "rewr", "review", "interview", "analy", "plan", "schedul", "deleg", "simplif", "challeng",
    "recommend", "pitch", "present", "met ", "called", "asked", "agreed", "committed", "shipped", "deploy",
    "invest", "hired", "trimmed", "dropped", "cancel", "reorgani", "negotiated", "started", "volunteer",
    "took", "own", "drove", "mapped", "documented", "instrument", "prototyp", "benchmark", "shadow",
)
_STOP = frozenset({
    "the", "a", "an", "and", "or", "but", "so", "then", "that", "this", "these", "those", "with", "from",
    "into", "onto", "over", "under", "about", "after", "before", "for", "to", "of", "in", "on", "at", "by",
    "as", "is", "was", "were", "be", "been", "being", "it", "its", "it's", "their", "there", "they", "them",
    "we", "our", "us", "you", "your", "he", "she", "his", "her", "i", "my", "me", "had", "have", "has", "did",
    "do", "does", "not", "no",
})


@dataclass(frozen=True)
class DraftPiece:
    """One sentence of the draft and the section it came from."""

    section: str
    text: str
    reason: str  # "scene", "decision", "measured result", "result", "task", "action"


@dataclass
class ShortDraft:
    """A drafted short version: its text, its length and where each sentence came from."""

    text: str
    words: int
    seconds: float
    target_seconds: float
    pieces: list[DraftPiece] = field(default_factory=list)
    problem: str = ""  # why there is no draft (nothing written yet)

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def digest(self) -> str:
        return draft_digest(self.text)


@dataclass(frozen=True)
class _Sentence:
    section: str
    index: int
    text: str
    words: int


def draft_digest(text: str) -> str:
    """A fingerprint of a short version that ignores spacing, so "untouched" survives a save round trip."""
    normal = " ".join((text or "").split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def split_sentences(text: str, engine: Engine | None = None) -> list[str]:
    """Sentences of ``text``: each line (a bullet too) is split on its own; spaCy does it when loaded."""
    out: list[str] = []
    for line in (text or "").splitlines():
        line = _BULLET_RE.sub("", line).strip()
        if not line:
            continue
        out.extend(_split_line(line, engine))
    return [s for s in out if word_count(s) > 0]


def _split_line(line: str, engine: Engine | None) -> list[str]:
    if engine is not None and getattr(engine, "full", False) and len(line) <= ENGINE_MAX_CHARS:
        try:
            return [line[start:end] for start, end in sentence_spans(engine.parse(line))]
        except Exception:  # a pipeline without sentence boundaries raises: the regex below does it
            pass
    return [part.strip() for part in _SENTENCE_RE.split(line) if part.strip()]


def measure_strength(sentence: str) -> float:
    """0 for a sentence without a measure (as the checks find them); more for a change, a percentage, money."""
    metrics = find_metrics(sentence, "result")
    if not metrics:
        return 0.0
    digits = 0.5 if any(ch.isdigit() for m in metrics for ch in m.text) else 0.0
    return max(METRIC_WEIGHTS.get(m.kind, 1.0) for m in metrics) + digits


def is_measured(sentence: str) -> bool:
    return measure_strength(sentence) > 0


def is_decision(sentence: str) -> bool:
    """A first-person sentence with a decision or action verb, said without hedging."""
    if not _FIRST_PERSON_RE.search(sentence) or _HEDGE_RE.search(sentence):
        return False
    low = " " + sentence.casefold() + " "
    return any(stem in low for stem in DECISION_STEMS)


def informativeness(sentence: str) -> float:
    """Distinct content words, plus a bonus for figures and decisions; short sentences lose little."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", sentence)} - _STOP
    return len(words) + (2.0 if is_measured(sentence) else 0.0) + (1.5 if is_decision(sentence) else 0.0)


def _sentences(story: Any, section: str, engine: Engine | None) -> list[_Sentence]:
    text = story.get(section, "") if isinstance(story, dict) else getattr(story, section, "")
    parts = split_sentences(str(text or ""), engine)
    # a run-on paste is cut before it is scored: no spoken sentence is this long
    return [_shorten(_Sentence(section, i, s, word_count(s)), RUN_ON_WORDS) for i, s in enumerate(parts)]


def _shorten(sentence: _Sentence, max_words: int) -> _Sentence:
    if sentence.words <= max_words:
        return sentence
    end = 0
    for n, match in enumerate(WORD_RE.finditer(sentence.text), start=1):
        end = match.end()
        if n >= max_words:
            break
    text = sentence.text[:end].rstrip(",;:–—- ") + "…"
    return _Sentence(sentence.section, sentence.index, text, word_count(text))


def _candidates(story: Any, engine: Engine | None) -> list[tuple[_Sentence, str, bool]]:
    """Sentences to consider, in priority order: (sentence, reason, required)."""
    situation, task = _sentences(story, "situation", engine), _sentences(story, "task", engine)
    action, result = _sentences(story, "action", engine), _sentences(story, "result", engine)
    by_info: Callable[[_Sentence], float] = lambda s: -informativeness(s.text)  # noqa: E731
    strength = {s.index: measure_strength(s.text) for s in result}
    # the strongest kind of measure first; among equals, the earlier sentence (a Result opens with its headline)
    measured = sorted((s for s in result if strength[s.index] > 0), key=lambda s: (-strength[s.index], s.index))
    decisions = sorted((s for s in action if is_decision(s.text)), key=by_info)
    out: list[tuple[_Sentence, str, bool]] = []
    if situation:
        out.append((situation[0], "scene", True))
    if measured:
        out.append((measured[0], "measured result", True))
    elif result:
        out.append((result[0], "result", True))
    out += [(s, "decision", False) for s in decisions[:2]]
    out += [(s, "measured result", False) for s in measured[1:2]]
    out += [(s, "decision", False) for s in decisions[2:]]
    out += [(s, "measured result", False) for s in measured[2:]]
    if not situation and task:
        out.insert(0, (task[0], "task", True))
    elif task:
        out.append((task[0], "task", False))
    out += [(s, "action", False) for s in sorted(action, key=by_info) if s not in decisions]
    return out


def _choose(candidates: list[tuple[_Sentence, str, bool]], budget: float) -> list[tuple[_Sentence, str]]:
    """Required sentences first, then the rest by priority while they fit; fillers only when the draft is thin."""
    cap = max(8, int(budget * MAX_SENTENCE_SHARE))
    chosen: list[tuple[_Sentence, str]] = []
    total = 0
    for sentence, reason, required in candidates:
        sentence = _shorten(sentence, cap)
        filler = reason in ("task", "action")
        if required or (total + sentence.words <= budget * OVERSHOOT and (not filler or total < budget * UNDERSHOOT)):
            chosen.append((sentence, reason))
            total += sentence.words
    return chosen


def _finish(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?…\"”’)" else text + "."


def draft_short_version(story: Any, pace_wpm: float = DEFAULT_PACE_WPM, target_seconds: float = DEFAULT_SHORT_SECONDS,
                        engine: Engine | None = None) -> ShortDraft:
    """Draft a short version of ``story`` (anything with situation/task/action/result) of about ``target_seconds``."""
    pace = usable_pace(pace_wpm)
    target = float(target_seconds) if target_seconds and target_seconds > 0 else DEFAULT_SHORT_SECONDS
    budget = target * pace / 60.0
    chosen = _choose(_candidates(story, engine), budget)
    if not chosen:
        return ShortDraft("", 0, 0.0, target, problem="There is nothing to draft from yet: write the Situation, "
                                                       "the Action and the Result first.")
    order = {"situation": 0, "task": 1, "action": 2, "result": 3}
    chosen.sort(key=lambda item: (order[item[0].section], item[0].index))
    pieces = [DraftPiece(s.section, _finish(s.text), reason) for s, reason in chosen]
    text = " ".join(p.text for p in pieces)
    words = word_count(text)
    return ShortDraft(text, words, spoken_seconds(words, pace), target, pieces)

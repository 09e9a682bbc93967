"""Analysis: does a story say what a question's key points ask for, and where?

A key point ("How you told the people affected") is read as the ideas it asks for (``tell``, ``people``,
from ``keypoint_concepts.txt``) plus its remaining content words. A sentence of the story covers it when it
shows enough of those units (one, or two for a long or two-part point; two sentences may share the
work); the best such sentence is the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storybook.analysis.matching_features import FRAME_WORDS, Sentence, TextFeatures, is_content, token_key
from storybook.analysis.matching_words import MatchingWords

if TYPE_CHECKING:
    from spacy.tokens import Doc

EVIDENCE_CHARS = 140
MEASURE_CONCEPTS: frozenset[str] = frozenset({"measure"})
SECTION_ORDER: dict[str, int] = {"action": 0, "result": 1, "reflection": 2, "task": 3, "situation": 4}
_LEAD_RE = re.compile(
    r"^(?:(?:how|what|why|who|when|where|whether|which)(?: and (?:how|when|why))?(?: you| they| it)?|"
    r"the|a|an|your|any)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KeyPointSpec:
    """One key point of a question, read as the ideas and words a story must show."""

    text: str
    label: str
    concepts: frozenset[str]
    words: frozenset[str]

    @property
    def units(self) -> int:
        return len(self.concepts) + len(self.words)

    @property
    def needed(self) -> int:
        # "The outcome and what you would change" asks two things: one sentence must show both
        two_asks = " and " in self.text.lower() and self.units >= 3
        return 2 if self.units >= 4 or two_asks else 1


@dataclass(frozen=True)
class KeyPointCoverage:
    """Whether a story covers one key point, with the sentence that shows it."""

    text: str
    label: str
    covered: bool
    evidence: str = ""
    section: str = ""
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "covered": self.covered, "evidence": self.evidence}


def short_label(text: str, max_words: int = 6) -> str:
    """'How you set the goal and the plan' -> 'set the goal and the plan'."""
    label = text.strip().rstrip(".?")
    for _ in range(3):
        shorter = _LEAD_RE.sub("", label, count=1)
        if shorter == label or not shorter:
            break
        label = shorter
    if label[:1].isupper() and not label[1:2].isupper():
        label = label[0].lower() + label[1:]
    words = label.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def key_point_spec(text: str, doc: Doc, words: MatchingWords) -> KeyPointSpec:
    keys = [token_key(t) for t in doc if t.is_alpha]
    grams = set(keys)
    grams.update(f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False))
    concepts = {c.name for c in words.concepts if c.triggers & grams}
    used = set().union(*(c.triggers for c in words.concepts if c.name in concepts)) if concepts else set()
    rest = {token_key(t) for t in doc if is_content(t)} - used - FRAME_WORDS
    return KeyPointSpec(text, short_label(text), frozenset(concepts), frozenset(rest))


def _matched(spec: KeyPointSpec, sentence: Sentence) -> frozenset[str]:
    return (spec.concepts & sentence.concepts) | (spec.words & sentence.grams)


def evidence_text(sentence: Sentence) -> str:
    text = " ".join(sentence.text.split()).lstrip("-•* ")
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def cover(spec: KeyPointSpec, story: TextFeatures) -> KeyPointCoverage:
    """Covered when one sentence, or two sentences together, show enough of what the point asks for."""
    scored = [(_matched(spec, s), s) for s in story.sentences]
    # a point that asks for a measure ("The measured outcome") is shown only by a sentence that holds one
    must = spec.concepts & MEASURE_CONCEPTS
    scored = [(m, s) for m, s in scored if m and must <= m]
    if not scored:
        return KeyPointCoverage(spec.text, spec.label, False)
    # most units first; among equals, the words of the point itself, then the sections that tell the most
    scored.sort(key=lambda item: (-len(item[0]), -len(item[0] & spec.words), SECTION_ORDER.get(item[1].section, 9)))
    best_units, best = scored[0]
    if len(best_units) < spec.needed:
        more = next((s for m, s in scored[1:] if m - best_units), None)
        if more is None or len(best_units | _matched(spec, more)) < spec.needed:
            return KeyPointCoverage(spec.text, spec.label, False)
    return KeyPointCoverage(spec.text, spec.label, True, evidence_text(best), best.section, best.start, best.end)


def cover_all(specs: tuple[KeyPointSpec, ...], story: TextFeatures) -> list[KeyPointCoverage]:
    return [cover(spec, story) for spec in specs]

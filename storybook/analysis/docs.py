"""Analysis: one story parsed once (a Doc per STAR section), shared by every check.

Everything a check reads more than once (word counts, sentence spans, measures) is computed here once
and cached, so running all the checks costs little more than parsing the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from storybook.analysis.metrics import find_metrics
from storybook.analysis.spans import keep_longest
from storybook.analysis.wordlists import WordLists
from storybook.model.measures import section_words
from storybook.model.values import SECTIONS, Metric, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPACY_READS = frozenset({"doc.sents"})  # see storybook.analysis.pipeline


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences, also cut at line breaks (bullet lists have no full stops)."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for line in re.finditer(r"[^\n]+", text[start : sent.end_char]):
            s, e = start + line.start(), start + line.end()
            stripped = text[s:e]
            left = len(stripped) - len(stripped.lstrip())
            right = len(stripped.rstrip())
            if right > left:
                spans.append((s + left, s + right))
    return spans


def story_text(story: Any, name: str) -> str:
    value = getattr(story, name, "") or ""
    return value if isinstance(value, str) else str(value)


def story_labels(story: Any) -> list[str]:
    """Tags and competencies of a story, lower-cased (either may be missing or hold odd values)."""
    labels: list[str] = []
    for attr in ("tags", "competencies"):
        values = getattr(story, attr, None) or []
        if isinstance(values, str):
            values = [values]
        labels.extend(str(v).lower() for v in values)
    return labels


def safe_settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings()


@dataclass
class StoryDocs:
    """Analysis: the parsed STAR sections of one story plus the facts several checks share."""

    docs: dict[str, Doc]
    full: bool
    wordlists: WordLists = field(default_factory=WordLists)
    memo: dict[str, Any] = field(default_factory=dict)  # results one check computes and another reuses

    def text(self, section: str) -> str:
        return self.texts.get(section, "")

    @cached_property
    def texts(self) -> dict[str, str]:
        # Doc.text rebuilds the string on every call; the checks read it often.
        return {s: doc.text for s, doc in self.docs.items()}

    @cached_property
    def words(self) -> dict[str, int]:
        return section_words(self.texts)

    @cached_property
    def metrics(self) -> dict[str, list[Metric]]:
        # the parsed Doc lets a count run to its noun ("two data scientists") on the full engine
        return {s: find_metrics(self.text(s), s, doc=self.docs.get(s)) for s in SECTIONS}

    @cached_property
    def sentences(self) -> dict[str, list[tuple[int, int]]]:
        return {s: sentence_spans(self.docs[s]) if s in self.docs else [] for s in SECTIONS}

    def all_metrics(self) -> list[Metric]:
        return [m for s in SECTIONS for m in self.metrics[s]]


def non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping spans, in text order."""
    unique = sorted(set(spans))
    return [unique[i] for i in keep_longest(unique)]

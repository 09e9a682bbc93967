"""Analysis: what matching needs from a text, computed once per text and cached by a hash of it.

A story becomes a bag of lemma keys (for TF-IDF), its sentences with their word keys, n-grams and the
key-point ideas they show (for coverage and evidence), and the competency signal words it uses.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storybook.analysis.docs import sentence_spans
from storybook.analysis.matching_words import MatchingWords, stem

SPACY_READS = frozenset({"token.lemma"})  # see storybook.analysis.pipeline: TF-IDF over lemmas

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storybook.analysis.nlp import Engine

STORY_PARTS: tuple[str, ...] = ("title", "situation", "task", "action", "result", "reflection")
# A sentence "holds a number" when it has a figure a listener could check: digits, a large number word, a
# multiplier, or a small number word with a unit of time, money or change ("three weeks", not "three milestones").
_SMALL = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
_UNITS = (r"percent|per cent|points?|seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|"
          r"times|fold|dollars?|pounds?|euros?|k|x")
NUMBER_RE = re.compile(
    rf"\d|\b(?:hundred|thousand|million|billion|half|halved|double|doubled|tripled)\b|"
    rf"\b(?:{_SMALL})(?:[- ](?:{_SMALL}))?[- ](?:{_UNITS})\b",
    re.IGNORECASE,
)
# Words every question uses to frame itself; they say nothing about the content.
FRAME_WORDS: frozenset[str] = frozenset(
    {"tell", "time", "describe", "example", "give", "real", "happen", "how", "what", "why", "you", "your"}
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a story with the keys matching compares."""

    section: str
    start: int
    end: int
    text: str
    grams: frozenset[str]  # word keys, bigrams and trigrams ("on call")
    concepts: frozenset[str]  # key-point ideas and markers it shows


@dataclass(frozen=True)
class TextFeatures:
    """The parsed features of one story (or one question text)."""

    terms: dict[str, int]  # content-word key -> count
    sentences: tuple[Sentence, ...]
    signals: dict[str, tuple[str, ...]]  # competency -> signal words found
    display: dict[str, str]  # key -> a word as written, for reasons


def text_hash(parts: Sequence[str]) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def token_key(token: Any) -> str:
    if token.lower_ == "data":  # spaCy lemmatises "data" to "datum"; nobody says "datum" at work
        return "data"
    lemma = token.lemma_ or token.lower_
    return stem(lemma if lemma != "-PRON-" else token.lower_)


def is_content(token: Any) -> bool:
    return bool(token.is_alpha and not token.is_stop and len(token.text) > 1)


def doc_terms(doc: Doc) -> dict[str, int]:
    """Content-word keys of a parsed text with their counts (question texts use this)."""
    terms = Counter(token_key(t) for t in doc if is_content(t))
    return {t: n for t, n in terms.items() if t not in FRAME_WORDS}


def _grams(keys: list[str]) -> frozenset[str]:
    out = set(keys)
    out.update(f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False))
    out.update(f"{a} {b} {c}" for a, b, c in zip(keys, keys[1:], keys[2:], strict=False))
    return frozenset(out)


def _concepts(grams: frozenset[str], section: str, text: str, words: MatchingWords) -> frozenset[str]:
    found = {c.name for c in words.concepts if c.evidence & grams}
    markers = {"#number"} if NUMBER_RE.search(text) else set()
    if section in ("result", "reflection"):
        markers.add(f"#{section}")
    elif section in ("situation", "task"):
        markers.add("#situation")
    shown = {c.name for c in words.concepts if c.evidence & markers}
    return frozenset(found | shown | markers)


def _section_sentences(doc: Doc, section: str, words: MatchingWords) -> Iterable[tuple[Sentence, list[Any]]]:
    for start, end in sentence_spans(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens = [t for t in span if t.is_alpha] if span is not None else []
        grams = _grams([token_key(t) for t in tokens])
        text = doc.text[start:end]
        yield Sentence(section, start, end, text, grams, _concepts(grams, section, text, words)), tokens


def build_features(docs: dict[str, Doc], words: MatchingWords) -> TextFeatures:
    terms: Counter[str] = Counter()
    display: dict[str, str] = {}
    sentences: list[Sentence] = []
    title_grams: frozenset[str] = frozenset()
    for section, doc in docs.items():
        for sentence, tokens in _section_sentences(doc, section, words):
            if section != "title":
                sentences.append(sentence)
            else:
                title_grams |= sentence.grams
            for token in tokens:
                if is_content(token):
                    key = token_key(token)
                    if key not in FRAME_WORDS:
                        terms[key] += 1
                        display.setdefault(key, key if key == "data" else token.lemma_.lower() or token.lower_)
    all_grams = title_grams.union(*(s.grams for s in sentences))
    signals = {comp: tuple(sorted(keys & all_grams)) for comp, keys in words.signals.items()}
    return TextFeatures(dict(terms), tuple(sentences), {c: v for c, v in signals.items() if v}, display)


class FeatureCache:
    """Parsed features keyed by a hash of the text, so an unchanged story is never parsed twice."""

    def __init__(self, engine: Engine, words: MatchingWords, max_items: int = 4096) -> None:
        self.engine = engine
        self.words = words
        self._items: OrderedDict[str, TextFeatures] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def story(self, story: Any) -> TextFeatures:
        return self.many([story])[0]

    def many(self, stories: Sequence[Any]) -> list[TextFeatures]:
        """Features for each story; the texts not seen before are parsed in one ``nlp.pipe`` stream."""
        parts = [[str(getattr(s, p, "") or "") for p in STORY_PARTS] for s in stories]
        keys = [text_hash(p) for p in parts]
        missing = {k: p for k, p in zip(keys, parts, strict=True) if self._get(k) is None}
        if missing:
            flat = [text for p in missing.values() for text in p]
            docs = list(self.engine.pipe(flat))
            n = len(STORY_PARTS)
            for i, key in enumerate(missing):
                chunk = dict(zip(STORY_PARTS, docs[i * n : (i + 1) * n], strict=True))
                self._put(key, build_features(chunk, self.words))
        return [self._get(k) or TextFeatures({}, (), {}, {}) for k in keys]

    def _get(self, key: str) -> TextFeatures | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def _put(self, key: str, item: TextFeatures) -> None:
        with self._lock:
            self._items[key] = item
            while len(self._items) > self._max:
                self._items.popitem(last=False)

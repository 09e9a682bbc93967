"""Rehearsal: cue-card suggestions drawn from a story's key sentences and measures (no Qt).

A cue card holds 3 to 5 short anchors the user writes; this only proposes a starting point: one anchor
for the setting, one for the task, one or two for what the user did, and one for the measured result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from storybook.model.values import SECTIONS

MIN_CARDS = 3
MAX_CARDS = 5
MAX_ANCHOR_CHARS = 60
ANCHOR_WORDS = 6

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_MEASURE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?"
    r"|\d[\d,.]*\s?(?:%|percent|x\b|times|hours?|days?|weeks?|months?|years?|minutes?|people|users|customers"
    r"|engineers|k\b|m\b|ms\b|million|billion|thousand)"
    r"|\b(?:doubled|tripled|halved))",
    re.IGNORECASE,
)
_I_ACTION = re.compile(r"\b(I|I'd|I've)\s+\w+", re.IGNORECASE)
_LEAD_IN = re.compile(r"^(?:so|then|and|but|also|well|first|finally|next|after that|in the end),?\s+", re.IGNORECASE)


def clean_anchor(text: Any) -> str:
    """One line, no control characters, at most MAX_ANCHOR_CHARS characters."""
    raw = "" if text is None else str(text)
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    line = " ".join(kept.split())
    if len(line) > MAX_ANCHOR_CHARS:
        line = line[: MAX_ANCHOR_CHARS - 1].rstrip() + "…"
    return line


def validate_cards(cards: Sequence[str]) -> tuple[list[str], str]:
    """Cleaned cards and a note for the user ('' when all is well). Raises ValueError past the maximum."""
    cleaned = [c for c in (clean_anchor(card) for card in cards) if c]
    if len(cleaned) > MAX_CARDS:
        raise ValueError(f"A cue card holds at most {MAX_CARDS} anchors; you have {len(cleaned)}.")
    if len(cleaned) < MIN_CARDS:
        return cleaned, f"Three to five anchors work best; this card has {len(cleaned)}."
    return cleaned, ""


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text or "") if s and s.strip()]


def _shorten(sentence: str, words: int = ANCHOR_WORDS) -> str:
    sentence = _LEAD_IN.sub("", sentence.strip()).rstrip(".!?;:")
    parts = sentence.split()
    text = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
    return clean_anchor(text)


def _measure_anchor(sentence: str) -> str | None:
    """A few words around the first measure in the sentence: 'cut review wait to 1 day'."""
    match = _MEASURE.search(sentence)
    if match is None:
        return None
    before = sentence[: match.start()].split()[-3:]
    after: list[str] = []
    for word in sentence[match.end():].split()[:3]:
        after.append(word)
        if word[-1] in ",;:.!?":
            break  # the clause ends here
    words = [*before, match.group(0).strip(), *after]
    return clean_anchor(" ".join(words).strip(" ,.;:"))


def _best_sentence(text: str, prefer: re.Pattern[str] | None = None) -> str | None:
    found = sentences(text)
    if not found:
        return None
    if prefer is not None:
        for sentence in found:
            if prefer.search(sentence):
                return sentence
    return found[0]


def suggest_cues(story: Any, measures: Sequence[str] | None = None, limit: int = MAX_CARDS) -> list[str]:
    """Up to ``limit`` anchors in STAR order; ``measures`` are extra metric texts (from the analysis)."""
    text = {s: str(getattr(story, s, "") or "") for s in SECTIONS}
    picks: list[str] = []
    for section in ("situation", "task"):
        sentence = _best_sentence(text[section])
        if sentence:
            picks.append(_shorten(sentence))
    action = [s for s in sentences(text["action"]) if _I_ACTION.search(s)] or sentences(text["action"])
    picks.extend(_shorten(s) for s in action[:2])
    result = _result_anchor(text["result"], measures or [])
    if result:
        picks.append(result)
    unique = list(dict.fromkeys(p for p in picks if p))
    if len(unique) > limit:
        # keep the result: it is the anchor people forget under pressure
        unique = unique[: limit - 1] + [unique[-1]] if result in unique else unique[:limit]
    return unique


def _result_anchor(result_text: str, measures: Sequence[str]) -> str | None:
    for sentence in sentences(result_text):
        for measure in measures:
            if measure and measure in sentence:
                return clean_anchor(_measure_anchor(sentence) or measure)
        anchor = _measure_anchor(sentence)
        if anchor:
            return anchor
    sentence = _best_sentence(result_text)
    return _shorten(sentence) if sentence else None


def story_measures(story: Any) -> list[str]:
    """Metric texts the analysis finds in the four sections (empty if it fails on odd text)."""
    from storybook.analysis import find_metrics  # loaded when first needed

    found: list[str] = []
    for section in SECTIONS:
        try:
            found.extend(m.text for m in find_metrics(str(getattr(story, section, "") or ""), section))
        except Exception:  # analysis is optional here; the regex suggestions still work
            return []
    return found

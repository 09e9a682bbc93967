"""Analysis: unmeasured magnitude claims ("significant increase", "greatly reduced") and the measure to add.

A claim is unmeasured when no measure (see ``metrics``) is in the same sentence. The suggestion names
the kind of figure that would prove this claim, read from the words around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from storybook.analysis.checks import MAX_PER_CODE
from storybook.analysis.docs import StoryDocs
from storybook.model.values import SECTIONS, Finding, Settings

_MEASURE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:revenue|sales|cost|costs|spend|spending|saving|savings|budget|profit|margin|price)\b", re.I),
        "the money before and after (\u201c$40k a year\u201d)",
    ),
    (
        re.compile(r"\b(?:fast|faster|slow|slower|quick|quicker|time|times|latency|speed|wait|delay|hours|days)\b", re.I),
        "the time before and after (\u201cfrom two days to four hours\u201d)",
    ),
    (
        re.compile(r"\b(?:satisf\w*|morale|happ\w*|engagement|nps|ratings?|reviews?|feedback)\b", re.I),
        "a survey score or rating before and after (\u201cfrom 3.1 to 4.4 out of 5\u201d)",
    ),
    (
        re.compile(
            r"\b(?:errors?|bugs?|tickets?|complaints?|incidents?|outages?|defects?|customers?|users?|sign-?ups?|"
            r"accounts?|orders?|traffic|visits?|growth|adoption|conversions?|churn|retention)\b",
            re.I,
        ),
        "the count or the percentage change (\u201cfrom 120 to 30 a week\u201d, \u201c25% more\u201d)",
    ),
)
_DEFAULT_HINT = "a before-and-after figure (a percentage, a count, time or money)"


def measure_hint(sentence: str) -> str:
    for pattern, hint in _MEASURE_HINTS:
        if pattern.search(sentence):
            return hint
    return _DEFAULT_HINT


def unmeasured_claims(docs: StoryDocs, section: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each magnitude claim with no measure in its sentence."""
    text = docs.text(section)
    sentences = docs.sentences[section]
    starts = [s for s, _ in sentences]
    measured = [(m.start, m.end) for m in docs.metrics[section]]
    out: list[tuple[int, int, str]] = []
    for match in docs.wordlists.get("intensifiers").finditer(text)[:MAX_PER_CODE]:
        if re.match(r"\s+of\b", text[match.end() : match.end() + 4]):
            continue  # "a lot of meetings" is a vague amount, flagged by the vague-phrase check
        index = bisect_right(starts, match.start()) - 1
        sent = sentences[index] if index >= 0 else (match.start(), match.end())
        if any(s < sent[1] and e > sent[0] for s, e in measured):
            continue
        out.append((match.start(), match.end(), text[sent[0] : sent[1]]))
    return out


def check_unmeasured_claim(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        for start, end, sentence in unmeasured_claims(docs, section):
            out.append(
                Finding(
                    "unmeasured-claim",
                    "warning" if section == "result" else "info",
                    section,
                    start,
                    end,
                    f"\u201c{text[start:end]}\u201d claims a big change without a measure.",
                    f"Prove it with {measure_hint(sentence)}.",
                )
            )
    return out

"""Analysis: conversational filler and throat-clearing left in a written answer ("So, great question...").

Filler words come from the ``fillers`` word list; throat-clearing is an opener at the start of a section
("So,", "Well,", "Great question", "Yeah so") that the listener has to wait through.
"""

from __future__ import annotations

import re
from typing import Any

from storybook.analysis.checks import MAX_PER_CODE
from storybook.analysis.docs import StoryDocs, non_overlapping
from storybook.model.values import SECTIONS, Finding, Settings

_OPENER = re.compile(
    r"^\s*(?:(?:so|well|okay|ok|right|yeah|um+|uh+|erm|alright|basically|honestly)\b(?!-)[,.!]?\s*)+"
    r"(?:(?:that'?s\s+)?(?:a\s+)?(?:great|good|interesting)\s+question[,.!]?\s*)?"
    r"|^\s*(?:that'?s\s+)?(?:a\s+)?(?:great|good|interesting)\s+question[,.!]?\s*"
    r"|^\s*let\s+me\s+think[,.!]?\s*",
    re.IGNORECASE,
)
_LIKE_FILLER = re.compile(r"(?<=,)\s*like,|\blike,\s+(?=really|totally|so|kind|sort|um|uh)", re.IGNORECASE)


def filler_spans(docs: StoryDocs, section: str) -> list[tuple[int, int]]:
    text = docs.text(section)
    spans = [m.span() for m in docs.wordlists.get("fillers").finditer(text)]
    spans += [(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()) for m in _LIKE_FILLER.finditer(text)]
    opener = _OPENER.match(text)
    if opener and opener.group(0).strip():
        left = len(opener.group(0)) - len(opener.group(0).lstrip())
        spans.append((left, len(opener.group(0).rstrip())))
    return non_overlapping(spans)[:MAX_PER_CODE]


def check_filler(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        for start, end in filler_spans(docs, section):
            said = text[start:end].strip(" ,.")
            opener = start == len(text) - len(text.lstrip())
            out.append(
                Finding(
                    "filler",
                    "info",
                    section,
                    start,
                    end,
                    f"\u201c{said}\u201d is throat-clearing." if opener else f"\u201c{said}\u201d is a filler word.",
                    "Start with the substance." if opener else "Leave it out; written answers are rehearsed aloud.",
                )
            )
    return out

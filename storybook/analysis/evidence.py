"""Analysis: evidence in a story's text that both the content checks and the rubric read.

Plain-text rules that give the same answer on the full and the basic engine: where a lesson is written,
which content words two sections share, which Action lines are subjectless résumé bullets, and which
acronyms are never explained. Results are cached in ``StoryDocs.memo``.
"""

from __future__ import annotations

import re
from typing import Any

from storybook.analysis.counts import STOP_WORDS, words_set
from storybook.analysis.docs import StoryDocs, story_text

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Words too common in STAR answers to tie a Result to an Action or a Task to a Situation.
GENERIC = STOP_WORDS | words_set(
    "team teams company companies organisation organization business year years month months week weeks day "
    "days time times end result results thing things work worked lot new make made get got go went need "
    "needed want wanted one two three first last next many much more most less few well good great better "
    "able take took way also since after really big small part people everyone someone something task "
    "situation project projects job role i'm we're it's there's overall"
)
LESSON_RE = re.compile(
    r"\b(?:i|we)\s+(?:have\s+)?(?:learned|learnt|realised|realized)\b|\btaught\s+(?:me|us)\b|\blessons?\b"
    r"|\bnext\s+time\b|\bsince\s+then\b|\bfrom\s+then\s+on\b|\bgoing\s+forward\b|\bin\s+hindsight\b"
    r"|\blooking\s+back\b|\bi\s+(?:now|always|never)\s+(?:always\s+)?[a-z]+|\bnow\s+i\s+(?:always\s+)?[a-z]+"
    r"|\bi\s+would\s+(?:now\s+)?(?:do|have|start|ask|check)\b|\bmade\s+me\s+(?:realise|realize|see)\b"
    r"|\bthe\s+(?:key\s+)?takeaway\b|\bi\s+(?:still\s+)?(?:use|apply)\s+(?:that|this|it)\b",
    re.IGNORECASE,
)
FIRST_PERSON_RE = re.compile(r"\bI\b|\b[Mm](?:y|e|yself)\b")
# A measured outcome about the whole organisation or market is tied to the candidate only by the Action.
ORG_WORDS = words_set(
    "company companies market markets industry department organisation organization revenue sales business "
    "economy stock share price headcount"
)
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s*")
IRREGULAR_PAST = words_set(
    "led built ran wrote drove made set took won grew cut began brought sought taught found chose held kept met "
    "sold spent gave got put shipped rebuilt rewrote overhauled saw drew oversaw undertook"
)
_NOT_VERBS_ED = words_set("need red bed shed feed seed speed hundred")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,6}s?\b")
KNOWN_ACRONYMS = words_set(
    "api apis aws gcp sql ui ux ceo cto cfo coo cio vp hr it qa ci cd crm erp kpi kpis okr okrs b2b b2c us usa "
    "uk eu pdf csv sms nps roi ai ml ios pr prs seo gps tv pc mvp faq id ids url html css json rest sdk cpu gpu "
    "ram tb gb mb kb asap fy q1 q2 q3 q4 am pm ok usd eur gbp it's ceo's llc inc ltd ny nyc la sf tl dr etl "
    "a/b ab hq dm mba phd usb pos sku skus"
)


def stem(word: str) -> str:
    """A crude stem so "deliveries", "delivered" and "delivery" meet; the same on every engine."""
    w = word.lower().strip("'’")
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in GENERIC and len(w) > 2} - {""}


def lesson_spans(docs: StoryDocs, story: Any) -> dict[str, list[tuple[int, int]]]:
    """Sentences that say what was learned, by section ("reflection" counts as a whole when it has words)."""
    if "lessons" in docs.memo:
        return docs.memo["lessons"]
    found: dict[str, list[tuple[int, int]]] = {}
    for section in ("action", "result"):
        text = docs.text(section)
        spans = [(s, e) for s, e in docs.sentences[section] if LESSON_RE.search(text, s, e)]
        if spans:
            found[section] = spans
    reflection = story_text(story, "reflection").strip()
    if len(_WORD.findall(reflection)) >= 5:
        found["reflection"] = [(0, len(story_text(story, "reflection")))]
    docs.memo["lessons"] = found
    return found


def lesson_words(docs: StoryDocs, section: str, story: Any) -> int:
    """How many words of ``section`` are spent on the lesson (not to be counted as over budget)."""
    text = docs.text(section)
    return sum(len(_WORD.findall(text[s:e])) for s, e in lesson_spans(docs, story).get(section, []))


def subjectless_lines(docs: StoryDocs) -> list[tuple[int, int]]:
    """Action lines or sentences that start with a past-tense verb and no subject ("Led migration...")."""
    text = docs.text("action")
    out: list[tuple[int, int]] = []
    for start, end in docs.sentences["action"]:
        piece = text[start:end]
        marker = _BULLET.match(piece)
        offset = marker.end() if marker else 0
        first = _WORD.match(piece, offset)
        if first is None or not first.group(0)[0].isupper():
            continue
        word = first.group(0).lower()
        if word in IRREGULAR_PAST or (word.endswith("ed") and word not in _NOT_VERBS_ED and len(word) > 4):
            out.append((start + offset, end))
    return out


def acronyms(text: str) -> tuple[list[str], list[str]]:
    """Distinct acronyms in order of first use, and those never spelled out or known to everyone."""
    seen: list[str] = []
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if base not in seen and base != "I" and not base.isdigit() and not re.fullmatch(r"[A-Z]\d+", base):
            seen.append(base)
    unexplained = [a for a in seen if a.lower() not in KNOWN_ACRONYMS and not _explained(text, a)]
    return seen, unexplained


def _explained(text: str, acronym: str) -> bool:
    """Spelled out in brackets either way round: "service level objective (SLO)" or "SLO (service level...)"."""
    escaped = re.escape(acronym)
    if re.search(rf"\({escaped}s?\)", text) or re.search(rf"\b{escaped}s?\s+\((?:[a-z][\w-]*\s+){{1,}}", text):
        return True
    initials = "".join(ch for ch in acronym if ch.isalpha()).lower()
    words = [w.lower() for w in _WORD.findall(text)]
    n = len(initials)
    return n >= 3 and any("".join(w[0] for w in words[i : i + n]) == initials for i in range(len(words) - n + 1))

"""Analysis: the wording checks ("I" vs "we", passive voice, hedges, vague claims, long sentences, tense).

Each check is a pure function ``check_x(docs, story, settings) -> list[Finding]``. The passive-voice and
tense checks need the tagger and parser; on the basic engine they return nothing (the report adds one
note saying they were skipped).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from storybook.analysis.checks import MAX_PER_CODE, title
from storybook.analysis.counts import words_set
from storybook.analysis.docs import StoryDocs, non_overlapping
from storybook.model.measures import WORD_RE
from storybook.model.values import SECTIONS, Finding, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LONG_SENTENCE_WORDS = 30


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# "Phase I", "Type I error", "World War I": a capital I that is a numeral, not the speaker.
_NUMERAL_I_BEFORE = words_set("phase part type war stage level grade chapter tier class section act volume appendix")
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
PAST_TAGS = frozenset({"VBD"})
MIN_PRESENT_VERBS = 3
# Participles that read as adjectives ("was involved in", "was based in"): passive in form only.
STATIVE_PARTICIPLES = words_set(
    "involved based located supposed interested excited surprised pleased worried concerned born married "
    "scheduled expected"
)


def _pronoun(token: Token) -> str | None:
    low = token.lower_.rstrip(".")
    return low if low in ("i", "we") else None


def _is_subject(token: Token) -> bool:
    """With a parse: the pronoun is a subject, or a conjunct of one ("my manager and I decided")."""
    seen = 0
    node = token
    while node.dep_ == "conj" and node.head is not node and seen < 10:
        node = node.head
        seen += 1
    return node.dep_ in SUBJECT_DEPS or token.pos_ == "PRON"


def count_i_we(doc: Doc, full: bool) -> dict[str, int]:
    """First-person singular and plural subjects ("I", "we") in a parsed text."""
    counts = {"i": 0, "we": 0}
    for token in doc:
        which = _pronoun(token)
        if which is None:
            continue
        if which == "i" and token.i > 0 and doc[token.i - 1].lower_ in _NUMERAL_I_BEFORE:
            continue
        if full and not _is_subject(token):
            continue
        counts[which] += 1
    return counts


def action_i_we(docs: StoryDocs) -> dict[str, int]:
    """The I/we counts of the Action, computed once per story."""
    if "i_we" not in docs.memo:
        docs.memo["i_we"] = count_i_we(docs.docs["action"], docs.full)
    return dict(docs.memo["i_we"])


def check_we_not_i(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    doc = docs.docs["action"]
    counts = action_i_we(docs)
    if counts["we"] <= counts["i"]:
        return []
    first = next((t for t in doc if _pronoun(t) == "we"), None)
    start, end = (first.idx, first.idx + len(first.text)) if first is not None else (0, 0)
    return [
        Finding(
            "we-not-i",
            "warning",
            "action",
            start,
            end,
            f"The Action says \u201cwe\u201d {counts['we']} times and \u201cI\u201d {counts['i']} times.",
            "The interviewer is hiring you: say what you did with \u201cI\u201d, and name what others did.",
        )
    ]


def check_passive_voice(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    if not docs.full:
        return []
    doc = docs.docs["action"]
    out: list[Finding] = []
    for token in doc:
        if token.dep_ != "auxpass":
            continue
        verb = token.head
        if verb.lower_ in STATIVE_PARTICIPLES:
            continue
        start = min(token.idx, verb.idx)
        end = max(token.idx + len(token.text), verb.idx + len(verb.text))
        out.append(
            Finding(
                "passive-voice",
                "info",
                "action",
                start,
                end,
                f"Passive voice: \u201c{doc.text[start:end]}\u201d hides who did it.",
                "If it was you, say so: \u201cI ...\u201d.",
            )
        )
    return out[:MAX_PER_CODE]


def check_tense(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    if not docs.full:
        return []
    doc = docs.docs["action"]
    quoted = _quoted_spans(doc.text)
    present = sum(1 for t in doc if t.tag_ in PRESENT_TAGS and not _inside(quoted, t.idx))
    past = sum(1 for t in doc if t.tag_ in PAST_TAGS and not _inside(quoted, t.idx))
    if present < MIN_PRESENT_VERBS or present <= past:
        return []
    return [
        Finding(
            "tense",
            "warning",
            "action",
            0,
            len(doc.text),
            f"The Action is mostly in the present tense ({present} present, {past} past verbs).",
            "Tell it in the past tense: it happened, and you did it.",
        )
    ]


_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"\n]*\"")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Direct speech ("I tell them ...") is allowed to be in the present tense."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    index = bisect_right(spans, (pos, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def _phrase_findings(docs: StoryDocs, list_name: str, code: str, message: str, default_tip: str) -> list[Finding]:
    phrases = docs.wordlists.get(list_name)
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        for match in phrases.finditer(text)[:MAX_PER_CODE]:
            found = match.group(0)
            out.append(
                Finding(
                    code,
                    "info",
                    section,
                    match.start(),
                    match.end(),
                    message.format(found),
                    phrases.advice_for(found) or default_tip,
                )
            )
    return out


def check_hedge(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out = _phrase_findings(
        docs, "hedges", "hedge", "\u201c{}\u201d makes you sound unsure.", "State it plainly; you know what you did."
    )
    out += _phrase_findings(docs, "fillers", "hedge", "\u201c{}\u201d is a filler word.", "Leave it out.")
    return _dedupe(out)


def check_vague_claim(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out = _phrase_findings(
        docs, "vague", "vague-claim", "\u201c{}\u201d is vague.", "Say exactly what you did, and what it changed."
    )
    for section in SECTIONS:
        sentences = docs.sentences[section]
        starts = [s for s, _ in sentences]
        measured = [(m.start, m.end) for m in docs.metrics[section]]
        for match in docs.wordlists.get("intensifiers").finditer(docs.text(section))[:MAX_PER_CODE]:
            sent = _sentence_at(sentences, starts, match.start())
            if any(s < sent[1] and e > sent[0] for s, e in measured):
                continue
            out.append(
                Finding(
                    "vague-claim",
                    "info",
                    section,
                    match.start(),
                    match.end(),
                    f"\u201c{match.group(0)}\u201d claims a big change without a number.",
                    "Give the figure: how much, how many, how fast.",
                )
            )
    return _dedupe(out)


def _sentence_at(sentences: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    index = bisect_right(starts, pos) - 1
    return sentences[index] if index >= 0 else (pos, pos + 1)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per place: overlapping phrases in a section keep the longest."""
    out: list[Finding] = []
    for section in {f.section for f in findings}:
        here = [f for f in findings if f.section == section]
        keep = set(non_overlapping([(f.start, f.end) for f in here]))
        seen: set[tuple[int, int]] = set()
        for f in here:
            if (f.start, f.end) in keep and (f.start, f.end) not in seen:
                seen.add((f.start, f.end))
                out.append(f)
    return sorted(out, key=lambda f: (SECTIONS.index(f.section), f.start))


def check_long_sentence(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        found = 0
        for start, end in docs.sentences[section]:
            words = sum(1 for _ in WORD_RE.finditer(text, start, end))
            if words <= LONG_SENTENCE_WORDS:
                continue
            out.append(
                Finding(
                    "long-sentence",
                    "info",
                    section,
                    start,
                    end,
                    f"A {words}-word sentence in the {title(section)} is hard to say in one breath.",
                    f"Split it; spoken sentences work best under {LONG_SENTENCE_WORDS} words.",
                )
            )
            found += 1
            if found >= MAX_PER_CODE:
                break
    return out

"""Analysis: the wording checks ("I" vs "we", passive voice, hedges, vague phrases, long sentences, tense).

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

SPACY_READS = frozenset({"doc.sents", "token.dep", "token.head", "token.lemma", "token.pos", "token.tag"})  # see storybook.analysis.pipeline
LONG_SENTENCE_WORDS = 35


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# "Phase I", "Type I error", "World War I": a capital I that is a numeral, not the speaker.
_NUMERAL_I_BEFORE = words_set("phase part type war stage level grade chapter tier class section act volume appendix")
_JOB_TITLES = words_set(
    "engineer developer analyst scientist designer manager associate specialist consultant architect "
    "administrator technician programmer researcher"
)
_AFTER_LEVEL = words_set("at in on to and or role position level promotion from with for")
_PEOPLE = words_set(
    "team teams engineer engineers manager managers staff customer customers user users people everyone "
    "developer developers analyst analysts colleague colleagues client clients member members"
)
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


def _is_numeral_i(doc: Doc, token: Token) -> bool:
    """ "Phase I", or a job level ("SDE I", "Engineer I at Acme"), not the speaker."""
    if token.i == 0 or token.text != "I":
        return False
    before = doc[token.i - 1]
    if before.lower_ in _NUMERAL_I_BEFORE:
        return True
    is_title = (before.is_upper and len(before.text) >= 2 and before.text.isalpha()) or (
        before.text[:1].isupper() and before.lower_ in _JOB_TITLES
    )
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return is_title and (after is None or after.is_punct or after.lower_ in _AFTER_LEVEL)


def count_i_we(doc: Doc, full: bool) -> dict[str, int]:
    """First-person singular and plural subjects ("I", "we") in a parsed text."""
    counts = {"i": 0, "we": 0}
    for token in doc:
        which = _pronoun(token)
        if which is None:
            continue
        if which == "i" and _is_numeral_i(doc, token):
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
        if verb.lower_ in STATIVE_PARTICIPLES or not _hides_actor(verb):
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


def _hides_actor(verb: Token) -> bool:
    """A passive hides who acted only with no "by ..." agent, no "I"/"we" subject and no "I" in the sentence."""
    if any(child.dep_ == "agent" for child in verb.children):
        return False
    if verb.dep_ == "relcl":
        return False  # "the bugs that were found": a detail of a noun, not a step of the story
    if any(child.dep_ == "nsubjpass" and (child.lower_ in ("i", "we") or child.lemma_.lower() in _PEOPLE)
           for child in verb.children):
        return False  # people were acted on ("the team was paged"); no step of the candidate is hidden
    return not any(t.lower_ == "i" and t.dep_ in SUBJECT_DEPS for t in verb.sent)


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
    return _dedupe(out)


# In the Situation and Task a vague amount ("a lot of complaints", "I was part of a team") is context; only
# these stand-ins for real names are worth flagging there.
VAGUE_ANYWHERE = words_set("various stuff etc")


def check_vague_claim(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out = [
        f
        for f in _phrase_findings(
            docs, "vague", "vague-claim", "\u201c{}\u201d is vague.", "Say exactly what you did, and what it changed."
        )
        if f.section in ("action", "result") or docs.text(f.section)[f.start : f.end].lower() in VAGUE_ANYWHERE
    ]
    return _dedupe(out)


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

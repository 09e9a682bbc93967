"""Analysis: find measures of impact (percentages, money, counts, durations, ...) in a section's text.

Detection is rule-based on the raw text and costs a few regular-expression passes. Candidates come from one pattern per kind; numbers that are really calendar
dates, years, times of day, versions ("Python 3", "v2.1") or identifiers ("sprint 14", "ticket 4012",
"JIRA-77") are then dropped, and overlapping candidates keep the longest span. A count needs the noun it
counts and runs to that noun's head (see ``counts``): with a parsed Doc the dependency parse finds it,
otherwise a word rule does, so "the 12 first estimated" or "all three asked" are no measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storybook.analysis.counts import STOP_WORDS, count_end, parse_of, words_set
from storybook.analysis.nlp import Engine, EngineCache, resolve_engine
from storybook.analysis.spans import keep_longest
from storybook.model.values import Metric

if TYPE_CHECKING:
    from spacy.tokens import Doc

KINDS: tuple[str, ...] = ("percent", "money", "count", "duration", "multiplier", "change", "rank")

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM = (
    rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_TEENS}|{_UNITS}|zero|half\s+a\s+dozen|a\s+dozen|dozens|a\s+hundred|"
    rf"hundreds|a\s+thousand|thousands|millions|a\s+million)"
    rf"(?:\s+(?:hundred|thousand|million|billion))?"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?:k|K|m|M|bn|BN)\b|\s+(?:thousand|million|billion|hundred)\b)?"
_NUM = rf"(?:(?<![\w.,#/\\:-]){_DIGITS}{_SCALE}(?![\w/:]|\.\d)|\b{_WORDNUM}\b)"
_CURRENCY = r"[$€£¥₹]"
_TIME_UNITS = (
    r"(?:milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|months?|quarters?|"
    r"years?|yrs?|sprints?|business\s+days?|working\s+days?|man-hours?|person-days?|person-hours?|hour-long)"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)

_F = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "change",
        re.compile(
            rf"\bfrom\s+(?:about\s+|around\s+|over\s+|nearly\s+|roughly\s+)?{_CURRENCY}?\s?(?P<a>{_NUM})"
            rf"(?:\s?%|(?:[^\S\n]+[a-z%-]+){{0,3}}?)\s+(?:down\s+|up\s+|all\s+the\s+way\s+|just\s+|only\s+)?to\s+"
            rf"(?:about\s+|around\s+|under\s+|just\s+|only\s+|less\s+than\s+|below\s+)?{_CURRENCY}?\s?(?P<b>{_NUM})"
            rf"(?:\s?%|\s+(?:percent|per\s?cent)\b|\s+{_TIME_UNITS}\b)?",
            _F,
        ),
    ),
    (
        "change",
        re.compile(
            rf"\b(?:down|up)\s+from\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|over\s+|~\s?)?"
            rf"{_CURRENCY}?\s?(?P<a>{_NUM})(?:\s?%)?",
            _F,
        ),
    ),
    # "no more outages ... there had been three": an outcome of zero against a baseline in the same sentence
    ("change", re.compile(r"\b(?:no\s+more|not\s+a\s+single|not\s+one)\s+[a-z][\w-]*(?=[^.!?\n]*(?:\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen))\b)", _F)),
    (
        "change",
        re.compile(
            rf"\b(?:by|to)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|just\s+|only\s+|~\s?)?"
            rf"(?P<a>(?<![\w.,#/\\:-]){_DIGITS}{_SCALE}(?![\w/:%]|\.\d))"
            rf"(?!\s*(?:{_MONTHS}|a\.?m\b|p\.?m\b|o'clock|of\b|out\s+of\b))",
            _F,
        ),
    ),
    ("change", re.compile(r"\b(?:to|by|down\s+to)\s+zero\b", _F)),
    ("percent", re.compile(rf"(?P<a>{_NUM})\s?(?:%|\s(?:percent|per\s?cent|percentage\s+points?|pp)\b)", _F)),
    (
        "percent",
        re.compile(rf"(?<![\w.,#/\\:-])(?P<a>{_DIGITS}\s?[-\u2013]\s?{_DIGITS})\s?(?:%|\s(?:percent|per\s?cent)\b)", _F),
    ),
    (
        "money",
        re.compile(
            rf"{_CURRENCY}\s?(?P<a>{_DIGITS}{_SCALE})(?![\w])"
            rf"|(?:\b(?:USD|EUR|GBP|CHF)\s?)(?P<b>{_DIGITS}{_SCALE})(?!\w)"
            rf"|(?P<c>{_NUM})\s+(?:dollars|euros|pounds|bucks)\b",
            _F,
        ),
    ),
    (
        "multiplier",
        re.compile(
            r"(?<![\w.])\d+(?:\.\d+)?\s?[x×](?![\w])"
            r"|\b(?:doubl(?:ed|ing|es)|tripl(?:ed|ing|es)|quadrupl(?:ed|ing|es)|halv(?:ed|ing|es))\b"
            r"|\b(?:by|in)\s+(?:a\s+|one\s+)?half\b"
            r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d+)-?fold\b"
            r"|\b(?:half|a\s+third|a\s+quarter|a\s+tenth)\s+(?:of\s+)?what\b"
            r"|\b(?:by|to|of|than|cut|about|nearly|almost|roughly|over|under)\s+(?:a|one|two)[\s-](?:third|quarter|fifth|tenth)s?\b"
            r"|\b(?:a|one|two|three)[\s-](?:third|quarter|fifth|tenth)s?\s+of\b|\b(?:two-thirds|three-quarters)\b"
            r"|\bhalf\s+(?:of\s+)?(?:the|our|all|their|its)\b"
            rf"|\b(?:twice|(?:{_UNITS}|ten|\d+)\s+times)\s+(?:as|more|faster|slower|fewer|less|higher|lower|the|bigger|larger|smaller|quicker)\b"
            r"|\bby\s+a\s+factor\s+of\s+\w+|\ban\s+order\s+of\s+magnitude\b",
            _F,
        ),
    ),
    (
        "rank",
        re.compile(
            r"\b(?:ranked|rated|placed|finished|came|voted|named)\s+(?:in\s+)?(?:as\s+)?(?:the\s+)?"
            r"(?:#\s?\d+|no\.\s?\d+|number\s+(?:one|two|three|\d+)|first|second|third|fourth|fifth|top\s+\w+|\d+(?:st|nd|rd|th))\b"
            r"|\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))[-\s]place\b"
            r"|\btop[-\s](?:\d+|three|five|ten|twenty|fifty|hundred)\b(?:\s?%|\s+percent)?"
            r"|#\d+\s+(?:in|on|among|out|spot|position|place|seller|rated|ranked|overall)\b"
            r"|\bnumber\s+one\s+(?:in|on|among|spot|position|place|rated|ranked|seller|app|product|team)\b",
            _F,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"(?P<a>{_NUM})\+?[-\s](?:(?:full|whole|extra|calendar|straight)\s+)?{_TIME_UNITS}\b(?!\s+ago\b)"
            r"|(?<![\w.,#/\\:-])\d+(?:\.\d+)?(?:ms|sec|secs|min|mins|h|hr|hrs)\b"
            r"|\b(?:an|half\s+an?)\s+(?:hour|day|week|month|year)\b(?=\s+(?:a|an|per|each|every|of|early|earlier|ahead|sooner|faster|less|off)\b)"
            r"|\b(?:saved?|saves|saving|cut|shaved|took|takes|within|in\s+under|under)\s+(?:[a-z]+\s+){0,2}?"
            r"(?:an?|half\s+an?)\s+(?:hour|day|week|month|year)\b"
            r"|\b(?:a|one)\s+(?:full\s+)?(?:day|week|month|quarter|year)\s+(?:early|earlier|ahead|sooner)\b"
            r"|\binstead\s+of\s+(?:a|an|one|half\s+a)\s+(?:full\s+)?(?:hour|day|week|month|quarter|year)\b",
            _F,
        ),
    ),
    (
        "count",  # a rate: "5k events/sec", "2 hours/week"
        re.compile(
            rf"(?P<a>{_NUM})\+?\s*(?:[a-z][a-z-]*\s*)?/\s?(?:sec|second|s|min|minute|hour|hr|h|day|week|month|year)\b",
            _F,
        ),
    ),
    (
        "count",  # a frequency: "ten times a day", "3 times per sprint"
        re.compile(
            rf"(?P<a>{_NUM})\s+times\s+(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year|sprint|release|hour)\b",
            _F,
        ),
    ),
    (
        "count",
        re.compile(
            rf"(?P<a>{_NUM})\+?\s+(?:(?:out\s+)?of\s+(?:(?:the|our|my|their|its|these|those|them|us)\s+)?(?:{_NUM}\s+)?)?"
            r"(?P<noun>[a-z][a-z'’-]*)",
            _F,
        ),
    ),
]


# A word right after a number that means the number is not a count of something: the words that
# end a noun phrase, as the count rules use them.
_NOT_A_NOUN = STOP_WORDS
# A word right before a number that makes it an identifier, a version or an ordinal position.
_ID_WORDS = words_set(
    "version versions v ver release releases sprint sprints ticket tickets issue issues bug bugs pr prs "
    "story epic task phase step stage level round iteration milestone chapter page section item room "
    "floor building gate line build revision rev patch gen generation series model number no id q week "
    "day year grade class option part act figure table slide session episode season unit module lesson "
    "python java windows ios android php http https html css ie es tls ssl ipv usb gpt oauth node angular "
    "vue react rails django ubuntu debian macos hdmi wcag covid rule article clause appendix exhibit ward "
    "bed route highway terminal platform batch wave cohort team squad pod group lane top bottom iso rfc pci soc"
)
_YEAR_CONTEXT = words_set(
    "in since by during until till of from early late mid spring summer autumn fall winter the a our this "
    "that last next fiscal fy around circa before after"
)
# "Python 2 to 3", "version 1 to 2", "upgraded the cluster to 1.29": the number after "to" is a version.
_VERSION_BEFORE = re.compile(
    r"(?:\b(?:version|release|sprint|v|python|java|node|php|ios|android|windows)|\b[A-Z][a-z]+)\s+[\d.]+\s*$"
    r"|\b(?:upgrad|migrat|mov|switch|bump|port|updat)\w*\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(rf"^{_MONTHS}\.?$", _F)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)[^\S\n]*$")
_NUM_TOKEN = re.compile(rf"^\s*{_CURRENCY}?\s?{_DIGITS}")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    num_start: int
    num_end: int


_PRIORITY = {k: i for i, k in enumerate(("change", "money", "percent", "multiplier", "rank", "duration", "count"))}


def find_metrics(
    text: str, section: str, engine: Engine | EngineCache | None = None, doc: Doc | None = None
) -> list[Metric]:
    """Every measure in ``text`` as a Metric with a kind and a character span.

    ``doc`` (the parsed ``text``) lets a count run to the noun its number modifies ("two data scientists");
    without it, ``engine`` parses the text if given, else a word rule finds the noun.
    """
    if not text:
        return []
    if doc is None and engine is not None:
        doc = resolve_engine(engine).parse(text)
    doc = parse_of(text, doc)
    candidates: list[_Candidate] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            cand = _candidate(match, kind, doc)
            if cand is not None and _keep(text, cand, match):
                candidates.append(cand)
    chosen = _resolve_overlaps(candidates)
    return [Metric(text[c.start : c.end], c.kind, section, c.start, c.end) for c in chosen]


def _candidate(match: re.Match[str], kind: str, doc: Doc | None = None) -> _Candidate | None:
    groups = [g for g in ("a", "b", "c") if g in match.re.groupindex and match.group(g) is not None]
    if groups:
        num_start, num_end = match.span(groups[0])
    else:
        num_start, num_end = match.span()
    start, end = match.span()
    if kind == "count" and "noun" in match.re.groupindex:
        noun = match.group("noun")
        if noun.lower() in _NOT_A_NOUN or _MONTH_RE.match(noun):
            return None
        if re.fullmatch(_TIME_UNITS, noun, _F):
            return None  # the duration pattern owns "3 days"
        counted = count_end(match.string, (num_start, num_end), match.start("noun"), doc)
        if counted is None:
            return None  # "the 12 first estimated", "all three asked": the number counts nothing
        end = counted
    while end > start and match.string[end - 1] in " \t\n-":
        end -= 1
    return _Candidate(start, end, kind, num_start, num_end)


def _keep(text: str, cand: _Candidate, match: re.Match[str]) -> bool:
    """False when the number in the candidate is really a date, a year, a time, a version or an identifier."""
    number = text[cand.num_start : cand.num_end]
    lowered = number.lower().strip()
    if cand.kind in ("multiplier", "rank"):
        return True
    if cand.kind == "count" and lowered == "one":
        return False
    if cand.kind in ("count", "duration") and re.search(
        _CURRENCY + r"\s?$", text[max(0, cand.num_start - 2) : cand.num_start]
    ):
        return False  # "$45k of revenue" is money, found by its own pattern
    if lowered == "one" and re.search(r"\bone\s+of\b", text[cand.num_start : cand.num_start + 10], _F):
        return False
    if cand.kind == "duration" and lowered == "one" and not _one_is_duration(text, cand):
        return False
    if not _NUM_TOKEN.match(number):
        return True  # number words are never dates, versions or identifiers
    if _is_date_or_time(text, cand.num_start, cand.num_end):
        return False
    if cand.kind in ("percent", "money"):
        return True
    if _after_identifier_word(text, cand.num_start):
        return False
    if cand.kind == "change" and "b" in match.re.groupindex and match.group("b") is not None:
        return not (_is_year(match.group("a")) and _is_year(match.group("b")))
    if cand.kind == "change" and _VERSION_BEFORE.search(text[max(0, cand.start - 60) : cand.start]):
        return False
    if _is_year(number):
        return _year_is_count(text, cand, match)
    return True


def _one_is_duration(text: str, cand: _Candidate) -> bool:
    before = text[max(0, cand.start - 20) : cand.start].lower().split()
    after = text[cand.end : cand.end + 12].lower().split()
    return bool(
        before
        and before[-1]
        in {
            "in",
            "within",
            "took",
            "takes",
            "than",
            "only",
            "just",
            "to",
            "saved",
            "about",
            "under",
            "of",
            "over",
            "by",
        }
    ) or bool(
        after and after[0].strip(".,") in {"early", "earlier", "ahead", "sooner", "faster", "less", "per", "a", "each"}
    )


def _is_year(number: str) -> bool:
    digits = number.strip()
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _year_is_count(text: str, cand: _Candidate, match: re.Match[str]) -> bool:
    if cand.kind != "count" or "noun" not in match.re.groupindex:
        return False
    noun = match.group("noun").lower()
    previous = _previous_word(text, cand.num_start)
    return noun.endswith("s") and (previous is None or previous.lower() not in _YEAR_CONTEXT)


def _previous_word(text: str, index: int) -> str | None:
    found = _WORD_BEFORE.search(text[max(0, index - 40) : index])
    return found.group(1) if found else None


def _after_identifier_word(text: str, index: int) -> bool:
    """True after 'version', 'sprint', 'Python', ... or after a capitalised name that does not start a sentence."""
    word = _previous_word(text, index)
    if word is None:
        return False
    bare = word.strip(".'’").lower()
    if bare in _ID_WORDS or _MONTH_RE.match(bare):
        return True
    if word[0].isupper() and not word.isupper():
        head = text[: text.rfind(word, 0, index)].rstrip()
        starts_sentence = not head or head[-1] in '.!?:;\n"“(•-*'
        return not starts_sentence
    return False


def _is_date_or_time(text: str, start: int, end: int) -> bool:
    after = text[end : end + 14]
    before = text[max(0, start - 14) : start]
    if re.match(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTHS + r"\b", after, _F):
        return True
    if re.search(_MONTHS + r"\.?\s*$", before, _F):
        return True
    if re.match(r"^\s*(?:a\.?m\.?|p\.?m\.?|o'clock|h\d\d)\b", after, _F) or re.match(r"^\s?(?:am|pm)\b", after, _F):
        return True
    return bool(re.match(r"^[/.:-]\d", after) or re.search(r"\d[/.:-]$", before))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    spans = [(c.start, c.end) for c in candidates]
    chosen = keep_longest(spans, [_PRIORITY[c.kind] for c in candidates])
    return [candidates[i] for i in chosen]

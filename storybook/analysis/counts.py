"""Analysis: where a count ends ("two data scientists", "40 customers"), or that a number is no count at all.

A count is a number with the noun it counts. ``count_end`` returns the end of that noun phrase's head, or
None when the number counts nothing: "the 12 first estimated", "all three asked", "we found two where",
"between these two numbers" (pointing back at numbers already given, not a measure).

With a parsed Doc (the full engine) the dependency parse decides: the number must be a ``nummod`` of a
noun to its right, and the span runs to that noun. Without one (the basic engine) a word rule does it:
read up to four words after the number, stop at a function word or punctuation, and end at the first
plural-looking noun (and the plurals right after it: "data scientists"), or else at a first word that can
be a unit or a singular noun ("2 GB", "0.79 precision").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What this module reads from a parsed Doc (storybook.analysis.pipeline loads only what such lists need).
SPACY_READS = frozenset({"token.dep", "token.head", "token.pos", "token.tag"})


def words_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a noun phrase: a count's noun comes before them.
STOP_WORDS = words_set(
    "a an the and or but nor to in on at by for with from of as so than then when while if because which "
    "who whom whose what where why how after before into onto per was were is are be been being has have "
    "had it its this that these those we i he she they you me him her us them my our your their his am pm "
    "a.m p.m o'clock out up down off over under via vs versus times percent th st nd rd year-old against "
    "about across among between like within without through toward towards until upon yet also still even "
    "only just each every both either instead plus minus would could should will can may might must did do "
    "does not no here there now later ago earlier back again away together apart too very all some any "
    "such same own"
)
# Words right after a number that make it a position or a pronoun-like "the two", never a count.
ORDINAL_WORDS = words_set(
    "first second third fourth fifth sixth seventh eighth ninth tenth last next previous final former latter"
)
# Modifiers that may sit between a number and its noun ("four other teams", "two more engineers") but are
# never the counted noun themselves.
MODIFIERS = words_set(
    "other others more less fewer new extra additional different separate further whole entire full "
    "major minor big small large huge key main top best worst old same original usual current"
)
# Nouns whose plural does not end in -s, and units written in the singular.
PLURALS = words_set(
    "people staff children men women feet teeth mice personnel data criteria media alumni cattle police "
    "sheep fish deer folks crew"
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "'s", "\u2019s")
_NOT_PLURAL = words_set(
    "always perhaps sometimes afterwards besides whereas unless thus plus minus yes news series species "
    "various numerous previous serious famous obvious"
)
# Counts that point back at numbers already given: "these two numbers", "those three teams".
POINTING_WORDS = words_set("these those")

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_GAP = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
MAX_WORDS = 4
MAX_TOKENS = 6


def count_end(text: str, number: tuple[int, int], noun_start: int, doc: Doc | None = None) -> int | None:
    """End of the count whose number spans ``number`` and whose words start at ``noun_start``, or None.

    ``doc`` is a dependency parse of ``text`` (see ``parse_of``), or None for the word rule.
    """
    if _previous_word(text, number[0]) in POINTING_WORDS:
        return None
    # "500+ merchants", "~120 pull requests": the marker splits the parse, but the count is unmistakable
    approximate = text[number[1] : number[1] + 1] == "+" or text[max(0, number[0] - 1) : number[0]] == "~"
    if doc is not None and not approximate:  # ``doc`` was checked once per text by ``parse_of``
        return _end_from_parse(doc, number, noun_start)
    return _end_from_words(text, noun_start)


def parse_of(text: str, doc: Doc | None) -> Doc | None:
    """``doc`` when it is a dependency parse of exactly ``text``, else None.

    Both tests walk the whole document, so callers make them once per text, not once per number.
    """
    return doc if doc is not None and doc.has_annotation("DEP") and doc.text == text else None


def _previous_word(text: str, index: int) -> str:
    before = text[max(0, index - 30) : index].split()
    return before[-1].lower() if before else ""


# ---- basic engine: a word rule -------------------------------------------------------------------------
def noun_words(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of up to MAX_WORDS words from ``start``, stopping at punctuation or a function word."""
    found: list[tuple[int, int]] = []
    pos = start
    while len(found) < MAX_WORDS:
        match = _WORD.match(text, pos)
        if match is None:
            break
        word = match.group().rstrip("-")
        if word.lower().rstrip("'\u2019") in STOP_WORDS:
            break
        found.append((match.start(), match.start() + len(word)))
        gap = _GAP.match(text, match.start() + len(word))
        if gap is None:
            break
        pos = gap.end()
    return found


def looks_plural(word: str) -> bool:
    bare = word.lower().rstrip("'\u2019")
    if bare in PLURALS:
        return True
    if bare in _NOT_PLURAL or bare in MODIFIERS or bare.endswith(_NOT_PLURAL_ENDINGS):
        return False
    return len(bare) > 2 and bare.endswith("s")


def _can_be_singular_head(word: str) -> bool:
    """A first word that may be what is counted: "2 GB", "0.79 precision"; not "3 quickly", "3 asked"."""
    bare = word.lower()
    if bare in MODIFIERS or bare in ORDINAL_WORDS:
        return False
    return not bare.endswith(("ly", "ed", "ing"))


def _end_from_words(text: str, noun_start: int) -> int | None:
    words = noun_words(text, noun_start)
    if not words:
        return None
    first = text[words[0][0] : words[0][1]]
    if first.lower() in ORDINAL_WORDS:
        return None
    plural = [looks_plural(text[start:end]) for start, end in words]
    if any(plural):
        # the first plural noun, and the next ones that make a compound with it ("two data scientists")
        last = plural.index(True)
        while last + 1 < len(words) and plural[last + 1]:
            last += 1
        return _drop_apostrophe(text, words[last][1])
    return words[0][1] if _can_be_singular_head(first) else None


def _drop_apostrophe(text: str, end: int) -> int:
    # "two agents' worth": the count is of agents
    return end - 1 if text[end - 1] in "'\u2019" else end


# ---- full engine: the dependency parse -----------------------------------------------------------------
def _end_from_parse(doc: Doc, number: tuple[int, int], noun_start: int) -> int | None:
    num = doc.char_span(number[0], number[1], alignment_mode="expand")
    if num is None or not len(num):
        return None
    if re.search(r"\bof\b", doc.text[number[1] : noun_start], re.IGNORECASE):
        # "dozens of customers": the counted noun follows "of"
        first = doc.char_span(noun_start, noun_start + 1, alignment_mode="expand")
        head = _phrase_head(first[0]) if first is not None and len(first) else None
    else:
        head = _counted_noun(num[-1])
    if head is None:
        return None
    return _drop_apostrophe(doc.text, head.idx + len(head.text))


def _counted_noun(number: Token | None) -> Token | None:
    """The noun this number counts: it is the number's head, to its right, with nothing but words between."""
    if number is None:
        return None
    while number.dep_ == "compound" and number.head.pos_ == "NUM" and number.head.i > number.i:
        number = number.head  # "two million shoppers": "two" hangs on "million"
    head = number.head
    if number.dep_ != "nummod" or head.i <= number.i or head.i - number.i > MAX_TOKENS:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in ORDINAL_WORDS:
        return None
    between = number.doc[number.i + 1 : head.i]
    if any(t.is_punct and t.tag_ != "HYPH" for t in between):
        return None
    return head


def _phrase_head(token: Token) -> Token | None:
    """The noun a phrase's first word belongs to ("of the 40 support tickets" -> "tickets")."""
    head = token
    while head.dep_ in ("compound", "amod", "nummod", "nmod") and head.head.i > head.i:
        if head.head.i - token.i > MAX_TOKENS:
            return None
        head = head.head
    return head if head.pos_ in ("NOUN", "PROPN") else None

"""Analysis: the structural checks (sections present, measured result, spoken length, balance, reflection).

Every check is a pure function ``check_x(docs, story, settings) -> list[Finding]``. Findings about the
story as a whole use the section name ``"story"`` and an empty span (0, 0).
"""

from __future__ import annotations

import re
from typing import Any

from storybook.analysis.docs import StoryDocs, non_overlapping, story_labels, story_text
from storybook.model.measures import Length, LengthBand, format_seconds, length_verdict, word_count
from storybook.model.values import SECTION_TITLES, SECTIONS, Finding, Settings

STORY = "story"
MIN_SECTION_WORDS = 5
SETUP_MAX_SHARE = 0.35
ACTION_MIN_SHARE = 0.40
BALANCE_MIN_WORDS = 40  # below this the story is a draft and proportions mean little
LEARNING_LABELS = ("fail", "mistake")
MAX_PER_CODE = 50  # a megabyte paste must not produce a million findings


def title(section: str) -> str:
    return SECTION_TITLES.get(section, section.capitalize())


def check_missing_section(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        words = docs.words[section]
        if words >= MIN_SECTION_WORDS:
            continue
        what = "is empty" if words == 0 else f"has only {words} word{'s' if words != 1 else ''}"
        out.append(
            Finding(
                "missing-section",
                "problem",
                section,
                0,
                len(text),
                f"The {title(section)} {what}.",
                _MISSING_TIPS[section],
            )
        )
    return out


_MISSING_TIPS = {
    "situation": "In one or two sentences: where were you, and what was at stake?",
    "task": "Say what you were responsible for, or the goal you set yourself.",
    "action": "Walk through the steps you took yourself; this should be the longest part.",
    "result": "Say what changed because of you, with a number if you can.",
}


_OUTCOME_KINDS = frozenset({"change", "percent", "money", "multiplier", "rank"})


def check_result_quantified(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    if docs.metrics["result"] or docs.words["result"] < MIN_SECTION_WORDS:
        return []
    elsewhere = [m for s in ("action", "task", "situation") for m in docs.metrics[s]]
    if elsewhere:
        # outcome-like measures first: a change or a percentage is more likely a result than a team size
        elsewhere.sort(key=lambda m: (m.kind not in _OUTCOME_KINDS, SECTIONS.index(m.section) * -1, -m.start))
        quoted = " and ".join(f"\u201c{m.text}\u201d" for m in elsewhere[:2])
        tip = (
            f"You give a measure in the {title(elsewhere[0].section)} ({quoted}); if it is an outcome of your "
            "work, say it in the Result."
        )
    else:
        tip = "Add a measure of impact: a percentage, money, time saved, a count, or a before-and-after change."
    text = docs.text("result")
    return [
        Finding("result-not-quantified", "warning", "result", 0, len(text), "The Result has no measure of impact.", tip)
    ]


def check_length(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    """too-long past the limit; too-short under the band (a warning only below even a short version)."""
    band = LengthBand.from_settings(settings)
    verdict = length_verdict(docs.words["total"], band)
    said = f"About {format_seconds(verdict.seconds)} spoken {band.pace_phrase()}"
    if verdict.kind is Length.OVER:
        return [
            Finding(
                "too-long",
                "warning",
                STORY,
                0,
                0,
                f"{said}, {verdict.sentence()}; answers that long lose the listener.",
                f"Aim for {band.text()}: shorten the setup first, then trim the Action to the steps that mattered.",
            )
        ]
    if verdict.below_floor:
        return [
            Finding(
                "too-short",
                "warning",
                STORY,
                0,
                0,
                f"{said}, {verdict.sentence()} and under {format_seconds(band.floor)}.",
                "Add the decisions you made in the Action and what changed in the Result.",
            )
        ]
    return []


def check_balance(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    """setup-too-long and action-too-thin: how the words are shared between the sections."""
    total = docs.words["total"]
    if total < BALANCE_MIN_WORDS:
        return []
    out: list[Finding] = []
    setup = (docs.words["situation"] + docs.words["task"]) / total
    action = docs.words["action"] / total
    if setup > SETUP_MAX_SHARE:
        out.append(
            Finding(
                "setup-too-long",
                "warning",
                "situation",
                0,
                len(docs.text("situation")),
                f"Situation and Task take {setup:.0%} of the story (aim for under {SETUP_MAX_SHARE:.0%}).",
                "Keep only the context the listener needs to follow your actions.",
            )
        )
    if action < ACTION_MIN_SHARE:
        out.append(
            Finding(
                "action-too-thin",
                "warning",
                "action",
                0,
                len(docs.text("action")),
                f"The Action is only {action:.0%} of the story (aim for at least {ACTION_MIN_SHARE:.0%}).",
                "Spend the words on what you did: the options, your decision, the steps you took.",
            )
        )
    return out


def check_section_budget(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    """section-over-budget: a section well over its share of the user's STAR split."""
    total = docs.words["total"]
    if total < BALANCE_MIN_WORDS:
        return []
    out: list[Finding] = []
    for section in SECTIONS:
        planned = settings.section_share(section)
        actual = docs.words[section] / total
        if actual <= planned + max(0.10, planned * 0.5):
            continue
        words_over = docs.words[section] - int(planned * total)
        out.append(
            Finding(
                "section-over-budget",
                "info",
                section,
                0,
                len(docs.text(section)),
                f"The {title(section)} is {actual:.0%} of the story; your split gives it {planned:.0%}.",
                f"About {words_over} words could go, or move to the Action.",
            )
        )
    return out


def check_no_learning(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    labels = story_labels(story)
    if not any(key in label for label in labels for key in LEARNING_LABELS):
        return []
    reflection = story_text(story, "reflection")
    if word_count(reflection) >= MIN_SECTION_WORDS:
        return []
    return [
        Finding(
            "no-learning",
            "problem",
            "reflection",
            0,
            len(reflection),
            "This is a failure story but it says nothing about what you learned.",
            "Add a Reflection: what you took from it and what you now do differently.",
        )
    ]


_BRACKETS = re.compile(r"\[(?!\d+\])[^\[\]\n]{1,40}\](?!\()|\{[A-Za-z_][\w ]{0,30}\}|<[A-Za-z][^<>\n]{0,30}>|\?{3,}")


def check_placeholder(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    words = docs.wordlists.get("placeholders")
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        spans = [m.span() for m in _BRACKETS.finditer(text)] + [m.span() for m in words.finditer(text)]
        for start, end in non_overlapping(spans)[:MAX_PER_CODE]:
            out.append(
                Finding(
                    "placeholder",
                    "problem",
                    section,
                    start,
                    end,
                    f"Template text left in: \u201c{text[start:end]}\u201d.",
                    "Replace it with the real detail, or delete it.",
                )
            )
    return out

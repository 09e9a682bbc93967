"""Analysis: the structural checks (sections present, measured result, spoken length, balance, placeholders).

Every check is a pure function ``check_x(docs, story, settings) -> list[Finding]``. Findings about the
story as a whole use the section name ``"story"`` and an empty span (0, 0).
"""

from __future__ import annotations

import re
from typing import Any

from storybook.analysis.docs import StoryDocs, non_overlapping
from storybook.analysis.evidence import lesson_words
from storybook.model.measures import Length, LengthBand, format_seconds, length_verdict
from storybook.model.values import SECTION_TITLES, SECTIONS, Finding, Settings

STORY = "story"
MIN_SECTION_WORDS = 5
SETUP_SLACK = 0.10  # the setup may run ten points over its planned share
ACTION_MIN_SHARE = 0.40
BALANCE_MIN_WORDS = 80  # under about 0:30 spoken the story is a draft: too-short says to add, not to cut
RESULT_SLACK = 0.20  # a measured Result with its lesson may run long; only a clearly bloated one is flagged
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


def section_shares(docs: StoryDocs, story: Any) -> dict[str, float]:
    """Each section's share of the story's words; a lesson written in the Result does not count as Result."""
    words = {s: docs.words[s] for s in SECTIONS}
    words["result"] = max(0, words["result"] - lesson_words(docs, "result", story))
    total = sum(words.values()) or 1
    return {s: words[s] / total for s in SECTIONS}


def _setup_budget_words(settings: Settings) -> float:
    """The setup's planned share of a story at the target length: a shorter setup is never worth cutting."""
    pace = settings.pace_wpm if isinstance(settings.pace_wpm, int | float) and settings.pace_wpm > 0 else 150.0
    share = settings.section_share("situation") + settings.section_share("task")
    return share * settings.target_seconds / 60.0 * pace


def biggest_imbalance(docs: StoryDocs, story: Any, settings: Settings) -> tuple[str, float, float] | None:
    """(section, actual share, planned share) of the worst imbalance, or None when the split is fine."""
    if docs.words["total"] < BALANCE_MIN_WORDS:
        return None
    shares = section_shares(docs, story)
    plan = {s: settings.section_share(s) for s in SECTIONS}
    setup = max(("situation", "task"), key=lambda s: shares[s] - plan[s])
    excess = {
        # the setup as a whole: Situation and Task together, named by the part most over its share
        setup: shares["situation"] + shares["task"] - (plan["situation"] + plan["task"] + SETUP_SLACK)
        if docs.words["situation"] + docs.words["task"] > _setup_budget_words(settings)
        else 0.0,
        "action": min(ACTION_MIN_SHARE, plan["action"]) - shares["action"],
        "result": shares["result"] - plan["result"] - max(RESULT_SLACK, plan["result"]),
    }
    section, worst = max(excess.items(), key=lambda item: item[1])
    if worst <= 0:
        return None
    return section, shares[section], plan[section]


def check_balance(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    """balance: one finding naming the biggest imbalance between the sections and the user's split."""
    found = biggest_imbalance(docs, story, settings)
    if found is None:
        return []
    section, actual, planned = found
    if section == "action":
        message = f"The Action is only {actual:.0%} of the story; your split gives it {planned:.0%}."
        tip = "Spend the words on what you did: the options, your decision, the steps you took."
    else:
        words_over = int(round((actual - planned) * docs.words["total"]))
        message = f"The {title(section)} is {actual:.0%} of the story; your split gives it {planned:.0%}."
        tip = (
            f"About {words_over} words could go; keep only what the listener needs to follow your actions."
            if section != "result"
            else f"About {words_over} words could go; keep the outcome, its measure and any lesson."
        )
    return [Finding("balance", "warning", section, 0, len(docs.text(section)), message, tip)]


_BRACKETS = re.compile(r"\[(?!\d+\])[^\[\]\n]{1,40}\](?!\()|\{[A-Za-z_][\w ]{0,30}\}|<[A-Za-z][^<>\n]{0,30}>|\?{3,}")


def placeholder_spans(docs: StoryDocs, section: str) -> list[tuple[int, int]]:
    text = docs.text(section)
    words = docs.wordlists.get("placeholders")
    spans = [m.span() for m in _BRACKETS.finditer(text)] + [m.span() for m in words.finditer(text)]
    return non_overlapping(spans)[:MAX_PER_CODE]


def check_placeholder(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for section in SECTIONS:
        text = docs.text(section)
        for start, end in placeholder_spans(docs, section):
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

"""Analysis: the readiness score as a rubric a person can read and check by hand.

Six dimensions, each earning points from evidence in the text (not "100 minus penalties"): structure,
ownership, evidence of impact, specificity, reflection and delivery. Delivery is the spoken length (scored
by the band in the settings: too short and too long both cost), the balance of the parts, filler and
sentences too long for one breath; length is one part of it, never a proxy for quality. The rubric reads the same
evidence as the checks (``evidence``, ``content``, ``claims``), so a reason and a finding never disagree.
"""

from __future__ import annotations

import re
from typing import Any

from storybook.analysis.checks import MIN_SECTION_WORDS, biggest_imbalance, placeholder_spans, title
from storybook.analysis.claims import unmeasured_claims
from storybook.analysis.content import is_failure_story, task_problem, untied_result
from storybook.analysis.docs import StoryDocs
from storybook.analysis.evidence import lesson_spans, subjectless_lines
from storybook.analysis.language import action_i_we, check_long_sentence, check_vague_claim
from storybook.analysis.speech import filler_spans
from storybook.model.measures import Length, LengthBand, format_seconds, length_verdict
from storybook.model.values import SECTIONS, Rubric, RubricDimension, Settings

RUBRIC_TEXT = (
    "Readiness is a rubric of six parts that add up to 100: structure (15), ownership (20), evidence of "
    "impact (25), specificity (15), reflection (10) and delivery (15). Each part earns points for what the "
    "text shows; the reasons under each part say where the points came from or why they were not earned."
)
FAR_PAST = 1.5  # half as long again as the limit: the listener has stopped following
BULLET_WEIGHT = 0.6  # a subjectless bullet is the candidate's action on paper, but not said with "I"
_DECISION = re.compile(
    r"\bI\s+(?:\w+\s+)?(?:decided|chose|proposed|argued|convinced|persuaded|negotiated|insisted|recommended|"
    r"picked|prioriti[sz]ed|pushed\s+for|made\s+the\s+case|suggested|set\s+(?:a|the|myself)|agreed|owned|"
    r"designed|volunteered|held)\b"
)
_TRADE_OFF = re.compile(
    r"\bI\b[^.\n]{0,80}?\b(?:instead\s+of|rather\s+than|because|so\s+that|first)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*(?:%|x|k|m)?", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<=[\s(/])[A-Z][\w&.-]*[A-Za-z0-9]")


def score_rubric(docs: StoryDocs, story: Any, settings: Settings) -> Rubric:
    return Rubric(
        (
            _structure(docs),
            _ownership(docs),
            _impact(docs),
            _specificity(docs),
            _reflection(docs, story),
            _delivery(docs, story, settings),
        )
    )


def _dimension(key: str, name: str, points: float, maximum: int, reasons: list[str]) -> RubricDimension:
    return RubricDimension(key, name, max(0, min(maximum, round(points))), maximum, tuple(reasons))


def _structure(docs: StoryDocs) -> RubricDimension:
    present = [s for s in SECTIONS if docs.words[s] >= MIN_SECTION_WORDS]
    missing = [title(s) for s in SECTIONS if s not in present]
    reasons = ["All four parts are there (+12)." if not missing else f"Missing or too thin: {', '.join(missing)}."]
    points = 3 * len(present)
    task = task_problem(docs) if "task" in present else "missing"
    if task is None:
        points += 3
        reasons.append("The Task states a goal of your own (+3).")
    elif task == "no-goal":
        points += 1
        reasons.append("The Task names no goal of your own (+1 of 3).")
    elif task == "restates":
        reasons.append("The Task repeats the Situation (0 of 3).")
    return _dimension("structure", "Structure", points, 15, reasons)


def _ownership(docs: StoryDocs) -> RubricDimension:
    counts = action_i_we(docs)
    bullets = len(subjectless_lines(docs))
    own = counts["i"] + BULLET_WEIGHT * bullets
    reasons: list[str] = []
    if own + counts["we"] == 0:
        share = 0.0
        reasons.append("The Action never says who acted (0 of 12).")
    else:
        share = own / (own + counts["we"])
        said = f"\u201cI\u201d {counts['i']}, \u201cwe\u201d {counts['we']}"
        said += f", {bullets} lines with no subject" if bullets else ""
        reasons.append(f"In the Action: {said} (+{round(12 * share)} of 12).")
    points = 12 * share
    action = docs.text("action")
    if _DECISION.search(action) or _DECISION.search(docs.text("task")) or _TRADE_OFF.search(action):
        points += 4
        reasons.append("You name a decision or a case you made (+4).")
    else:
        reasons.append("No decision of yours is named (0 of 4).")
    hedges = len(docs.wordlists.get("hedges").finditer(docs.text("action")))
    hedges += len(docs.wordlists.get("vague").finditer(docs.text("action")))
    points += max(0, 4 - 2 * hedges)
    reasons.append(
        "The Action says plainly what you did (+4)."
        if hedges == 0
        else f"{hedges} hedge or vague phrase{'s' if hedges > 1 else ''} in the Action "
        f"(+{max(0, 4 - 2 * hedges)} of 4)."
    )
    return _dimension("ownership", "Ownership", points, 20, reasons)


def _impact(docs: StoryDocs) -> RubricDimension:
    measures = docs.metrics["result"]
    reasons: list[str] = []
    points = 0
    if measures:
        points += 12
        reasons.append(f"The Result is measured: \u201c{measures[0].text}\u201d (+12).")
        if untied_result(docs) is None:
            points += 7
            reasons.append("The measured outcome reads as your doing (+7).")
        else:
            reasons.append("The measure is the company's or the market's and mentions nothing the Action did (0 of 7).")
    elif docs.metrics["action"]:
        points += 5
        reasons.append("A measure appears in the Action but not in the Result (+5 of 19).")
    else:
        reasons.append("No measure of impact in the Result (0 of 19).")
    claims = sum(len(unmeasured_claims(docs, s)) for s in SECTIONS)
    if docs.words["result"] >= MIN_SECTION_WORDS:
        points += max(0, 6 - 3 * claims)
        reasons.append(
            "No big claims left unmeasured (+6)."
            if not claims
            else f"{claims} claim{'s' if claims > 1 else ''} of a big change without a measure "
            f"(+{max(0, 6 - 3 * claims)} of 6)."
        )
    return _dimension("impact", "Evidence of impact", points, 25, reasons)


def specific_details(docs: StoryDocs) -> list[str]:
    """Numbers and names (tools, products, places, roles written with a capital) across the sections."""
    found: dict[str, None] = {m.text.lower(): None for m in docs.all_metrics()}
    for section in SECTIONS:
        text = docs.text(section)
        for match in _NUMBER.finditer(text):
            found.setdefault(match.group(0).rstrip(".,").lower(), None)
        for start, end in docs.sentences[section]:
            for match in _CAPITAL.finditer(text, start + 1, end):
                word = match.group(0)
                if word not in ("I", "I'm", "I've", "I'd") and not word.startswith("I'"):
                    found.setdefault(word.lower(), None)
    return list(found)


def _specificity(docs: StoryDocs) -> RubricDimension:
    details = specific_details(docs)
    points = min(10, 2 * len(details))
    shown = ", ".join(details[:5]) + (", ..." if len(details) > 5 else "")
    reasons = [
        f"{len(details)} concrete detail{'s' if len(details) > 1 else ''} such as {shown} (+{points} of 10)."
        if details
        else "No numbers or names of things (0 of 10)."
    ]
    vague = len(check_vague_claim(docs, None, Settings()))  # the same phrases the vague-claim check lists
    points += max(0, 5 - 2 * vague)
    reasons.append(
        "No vague stand-ins like \u201cvarious stakeholders\u201d (+5)."
        if not vague
        else f"{vague} vague phrase{'s' if vague > 1 else ''} (+{max(0, 5 - 2 * vague)} of 5)."
    )
    templates = sum(len(placeholder_spans(docs, s)) for s in SECTIONS)
    if templates:
        points -= 5 * templates
        reasons.append(f"{templates} piece{'s' if templates > 1 else ''} of template text left in (-{5 * templates}).")
    return _dimension("specificity", "Specificity", points, 15, reasons)


def _reflection(docs: StoryDocs, story: Any) -> RubricDimension:
    where = lesson_spans(docs, story)
    if where:
        names = " and the ".join(title(s) for s in where)
        return _dimension("reflection", "Reflection", 10, 10, [f"A lesson is said in the {names} (+10)."])
    reason = "No lesson or reflection (0 of 10)."
    if is_failure_story(story):
        reason = "A failure story with no lesson (0 of 10): interviewers ask for it first."
    return _dimension("reflection", "Reflection", 0, 10, [reason])


def _length_points(docs: StoryDocs, settings: Settings) -> tuple[int, str]:
    """Up to 6 points for the spoken length: the band from the settings; too short and too long both cost."""
    band = LengthBand.from_settings(settings)
    verdict = length_verdict(docs.words["total"], band)
    seconds = verdict.seconds
    said = f"About {format_seconds(seconds)} spoken"
    span = band.text()
    if verdict.kind is Length.ON_TARGET:
        return 6, f"{said}, in the {span} band (+6)."
    if verdict.kind is Length.OVER:
        points = 2 if seconds <= band.high * FAR_PAST else 0
        return points, f"{said}, past the {span} band (+{points} of 6)."
    if not verdict.below_floor:
        return 4, f"{said}: a short version; the band is {span} (+4 of 6)."
    points = 2 if seconds >= band.floor / 2 else 0
    return points, f"{said}, well under the {span} band (+{points} of 6)."


def _count_points(count: int, maximum: int, clean: str, what: tuple[str, str]) -> tuple[int, str]:
    """``maximum`` points less one for each of ``count`` things, with the reason (``what``: singular, plural)."""
    points = max(0, maximum - count)
    return points, clean if not count else f"{count} {what[count > 1]} (+{points} of {maximum})."


def _delivery(docs: StoryDocs, story: Any, settings: Settings) -> RubricDimension:
    length, why = _length_points(docs, settings)
    imbalance = biggest_imbalance(docs, story, settings)
    balance = 3 if imbalance is None else 1
    balanced = (
        "The Action gets its share of the words (+3)."
        if imbalance is None
        else f"The {title(imbalance[0])} is {imbalance[1]:.0%} of the story (+1 of 3)."
    )
    fillers, filler_why = _count_points(
        sum(len(filler_spans(docs, s)) for s in SECTIONS), 3, "No filler or throat-clearing (+3).",
        ("filler word or opener", "filler words or openers"),
    )
    breaths, breath_why = _count_points(
        len(check_long_sentence(docs, story, settings)), 3, "Every sentence can be said in one breath (+3).",
        ("sentence too long for one breath", "sentences too long for one breath"),
    )
    reasons = [why, balanced, filler_why, breath_why]
    return _dimension("delivery", "Delivery", length + balance + fillers + breaths, 15, reasons)

"""Analysis: run every check over parsed stories and build the StoryReport the GUI and CLI show."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from storybook.analysis import checks, claims, content, language, speech
from storybook.analysis.docs import StoryDocs, safe_settings, story_text
from storybook.analysis.nlp import Engine, EngineCache, resolve_engine
from storybook.analysis.rubric import score_rubric
from storybook.model.measures import LengthBand, length_verdict, spoken_seconds
from storybook.model.values import SECTIONS, Finding, Settings, StoryReport

log = logging.getLogger(__name__)

Check = Callable[[StoryDocs, Any, Settings], list[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
    checks.check_missing_section,
    checks.check_result_quantified,
    checks.check_length,
    checks.check_balance,
    checks.check_placeholder,
    content.check_lesson,
    content.check_task,
    content.check_result_tied,
    content.check_subjectless,
    content.check_jargon,
    claims.check_unmeasured_claim,
    speech.check_filler,
    language.check_we_not_i,
    language.check_passive_voice,
    language.check_tense,
    language.check_hedge,
    language.check_vague_claim,
    language.check_long_sentence,
)
FULL_ONLY = ("passive voice", "tense")
# A story longer than this (about 3,300 words, over 20 minutes spoken) is parsed by the basic engine:
# the parser would take seconds, and live checks must keep up with typing. Every other check still runs.
FULL_PARSE_MAX_CHARS = 20_000
SECTION_ORDER = {name: i for i, name in enumerate((*SECTIONS, "reflection", checks.STORY))}


def analyze_story(
    story: Any, settings: Settings | None = None, engine: Engine | EngineCache | None = None
) -> StoryReport:
    """Check one story (any object with title, situation, task, action, result, reflection, tags).

    ``engine`` is an Engine or the EngineCache of the caller; without one a new engine is loaded.
    """
    return analyze_stories([story], settings, engine)[0]


def analyze_stories(
    stories: Sequence[Any], settings: Settings | None = None, engine: Engine | EngineCache | None = None
) -> list[StoryReport]:
    """Check many stories, parsing all their sections in one ``nlp.pipe`` stream; reports keep input order."""
    stories = list(stories)
    reports = dict(iter_reports(stories, settings, engine))
    return [reports[i] for i in range(len(stories))]


def iter_reports(
    stories: Sequence[Any], settings: Settings | None = None, engine: Engine | EngineCache | None = None
) -> Iterator[tuple[int, StoryReport]]:
    """``(position, report)`` for each story as soon as it is checked, from one ``nlp.pipe`` stream.

    Each story's parsed documents are dropped once its report is made, so memory stays flat however many
    stories there are. Stories too long for the full parser come last, from the basic engine's stream.
    """
    stories = list(stories)
    if not stories:
        return
    engine = resolve_engine(engine)
    settings = safe_settings(settings)
    engines = [_engine_for(story, engine) for story in stories]
    for chosen in {id(e): e for e in engines}.values():
        indices = [i for i, e in enumerate(engines) if e is chosen]
        parsed = chosen.pipe(story_text(stories[i], s) for i in indices for s in SECTIONS)
        for i in indices:
            docs = StoryDocs({s: next(parsed) for s in SECTIONS}, chosen.full, chosen.wordlists)
            yield i, build_report(docs, stories[i], settings, chosen, too_long=chosen is not engine)


def _engine_for(story: Any, engine: Engine) -> Engine:
    size = sum(len(story_text(story, s)) for s in SECTIONS)
    return engine.basic_twin() if size > FULL_PARSE_MAX_CHARS else engine


def run_checks(
    docs: StoryDocs,
    story: Any,
    settings: Settings,
    engine_full: bool,
    selected: Iterable[Check] = ALL_CHECKS,
    too_long: bool = False,
) -> list[Finding]:
    findings: list[Finding] = []
    for check in selected:
        try:
            findings.extend(check(docs, story, settings))
        except Exception:  # one broken check must not hide the others' findings
            log.exception("check %s failed; its findings are left out", check.__name__)
    if not engine_full:
        findings.append(_skipped_note(too_long))
    findings.sort(key=lambda f: (SECTION_ORDER.get(f.section, 99), f.start, f.end, f.code))
    return findings


def _skipped_note(too_long: bool) -> Finding:
    skipped = f"The {' and '.join(FULL_ONLY)} checks were skipped"
    if too_long:
        return Finding(
            "basic-engine",
            "info",
            checks.STORY,
            0,
            0,
            f"{skipped}: the story is over {FULL_PARSE_MAX_CHARS:,} characters, too long to parse quickly.",
            "Shorten the story; the full checks come back on their own.",
        )
    return Finding(
        "basic-engine",
        "info",
        checks.STORY,
        0,
        0,
        f"{skipped}: no full English model is installed.",
        "Install the spaCy package en_core_web_sm to turn them on.",
    )


def build_report(
    docs: StoryDocs, story: Any, settings: Settings, engine: Engine, too_long: bool = False
) -> StoryReport:
    findings = run_checks(docs, story, settings, engine.full, too_long=too_long)
    rubric = score_rubric(docs, story, settings)
    story_id = getattr(story, "id", None)
    return StoryReport(
        engine=engine.info,
        words=dict(docs.words),
        spoken_seconds=spoken_seconds(docs.words["total"], settings.pace_wpm),
        length=length_verdict(docs.words["total"], LengthBand.from_settings(settings)).label,
        quantified=bool(docs.metrics["result"]),
        metrics=docs.all_metrics(),
        i_we=language.action_i_we(docs),
        findings=findings,
        score=rubric.total,
        title=story_text(story, "title"),
        story_id=story_id if isinstance(story_id, int) else None,
        rubric=rubric,
    )

"""Analysis: content checks a hiring manager would make (lesson, own goal, tied result, bullets, jargon).

Each check is a pure function ``check_x(docs, story, settings) -> list[Finding]`` built on the plain-text
evidence in ``evidence``, so the full and the basic engine agree.
"""

from __future__ import annotations

from typing import Any

from storybook.analysis.checks import MIN_SECTION_WORDS, STORY
from storybook.analysis.docs import StoryDocs, story_labels
from storybook.analysis.evidence import (
    FIRST_PERSON_RE,
    ORG_WORDS,
    acronyms,
    content_stems,
    lesson_spans,
    subjectless_lines,
)
from storybook.model.values import SECTIONS, Finding, Settings

LEARNING_LABELS = ("fail", "mistake", "setback", "learning")
RESTATE_SHARE = 0.6  # this share of the Task's content words already said in the Situation
MIN_BULLETS = 2
JARGON_MIN_UNEXPLAINED = 4


def is_failure_story(story: Any) -> bool:
    return any(key in label for label in story_labels(story) for key in LEARNING_LABELS)


def check_lesson(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    """no-learning (failure stories, a problem) or no-lesson (any other story, a note): no lesson anywhere."""
    if lesson_spans(docs, story):
        return []
    if is_failure_story(story):
        return [
            Finding(
                "no-learning",
                "problem",
                "reflection",
                0,
                0,
                "This is a failure story but it says nothing about what you learned.",
                "Add what you took from it and what you now do differently (\u201cSince then I always ...\u201d).",
            )
        ]
    if docs.words["total"] < 20:
        return []  # a draft this short has bigger gaps to fill first
    return [
        Finding(
            "no-lesson",
            "info",
            "reflection",
            0,
            0,
            "The story does not say what you learned or would do again.",
            "Interviewers often ask next; one sentence is enough: \u201cIt taught me to ...\u201d.",
        )
    ]


def task_problem(docs: StoryDocs) -> str | None:
    """"restates" when the Task mostly repeats the Situation, "no-goal" when it names no goal of yours."""
    if "task_problem" in docs.memo:
        return docs.memo["task_problem"]
    task = docs.text("task")
    verdict: str | None = None
    if docs.words["task"] >= MIN_SECTION_WORDS:
        words = content_stems(task)
        shared = words & content_stems(docs.text("situation"))
        if words and len(shared) / len(words) >= RESTATE_SHARE:
            verdict = "restates"
        elif not FIRST_PERSON_RE.search(task):
            verdict = "no-goal"
    docs.memo["task_problem"] = verdict
    return verdict


def check_task(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    verdict = task_problem(docs)
    if verdict is None:
        return []
    end = len(docs.text("task"))
    if verdict == "restates":
        return [
            Finding(
                "task-restates-situation",
                "warning",
                "task",
                0,
                end,
                "The Task mostly repeats the Situation.",
                "Say the goal you owned: \u201cI had to ... by ...\u201d, not the problem again.",
            )
        ]
    return [
        Finding(
            "task-no-goal",
            "info",
            "task",
            0,
            end,
            "The Task names no goal of your own.",
            "Say what you were responsible for or set out to do: \u201cI owned ...\u201d, \u201cMy goal was ...\u201d.",
        )
    ]


def untied_result(docs: StoryDocs) -> str | None:
    """The first measure in the Result when no sentence with a measure shares a word with the Action."""
    if "untied" in docs.memo:
        return docs.memo["untied"]
    metrics = docs.metrics["result"]
    verdict: str | None = None
    if metrics and docs.words["action"] >= MIN_SECTION_WORDS:
        text = docs.text("result")
        sentences = [text[s:e] for s, e in docs.sentences["result"] if any(s <= m.start < e for m in metrics)]
        if sentences and not any(_tied(docs, sentence) for sentence in sentences):
            verdict = metrics[0].text
    docs.memo["untied"] = verdict
    return verdict


def _tied(docs: StoryDocs, sentence: str) -> bool:
    """A measure of the company or the market (revenue, sales, headcount) is tied only by a word the Action
    shares with it; any other measure counts as the candidate's."""
    words = content_stems(sentence) - ORG_WORDS
    if not content_stems(sentence) & ORG_WORDS:
        return True  # a team's or product's measure is plausibly the candidate's when they owned the work
    return bool(words & content_stems(docs.text("action")))


def check_result_tied(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    measure = untied_result(docs)
    if measure is None:
        return []
    first = docs.metrics["result"][0]
    return [
        Finding(
            "result-not-tied",
            "warning",
            "result",
            first.start,
            first.end,
            f"\u201c{measure}\u201d mentions nothing the Action did, so it may not read as your doing.",
            "Link them: \u201cBecause of the ... I changed, ...\u201d, or give the part of the outcome that was yours.",
        )
    ]


def check_subjectless(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    lines = subjectless_lines(docs)
    if len(lines) < MIN_BULLETS:
        return []
    start, end = lines[0]
    text = docs.text("action")
    return [
        Finding(
            "subjectless-bullets",
            "info",
            "action",
            start,
            end,
            f"{len(lines)} Action lines start with a verb and no subject (\u201c{text[start:end][:40]}\u201d).",
            "Fine on a r\u00e9sum\u00e9; when you say it, put \u201cI\u201d in front and add why you chose it.",
        )
    ]


def check_jargon(docs: StoryDocs, story: Any, settings: Settings) -> list[Finding]:
    text = "\n".join(docs.text(s) for s in SECTIONS)
    seen, unexplained = acronyms(text)
    if len(unexplained) < JARGON_MIN_UNEXPLAINED:
        return []
    listed = ", ".join(unexplained[:6]) + (", ..." if len(unexplained) > 6 else "")
    return [
        Finding(
            "jargon",
            "info",
            STORY,
            0,
            0,
            f"{len(seen)} acronyms, {len(unexplained)} never explained ({listed}).",
            "Spell out the ones an outside interviewer will not know, or say what the thing does instead.",
        )
    ]

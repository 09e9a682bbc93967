"""Benchmark helper: a bank of generated STAR stories of about 400 words each (deterministic).

Used by the scale benchmarks and by ``python -m tests.benchmarks.bankgen PATH N`` to build a bank by hand.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlmodel import select

from storybook.bank import StoryBank
from storybook.model.tables import Competency, Story, StoryCompetency

OPENERS = ("Our team", "The support group", "A partner company", "The finance office", "My department")
PROBLEMS = ("missed its weekly deadlines", "lost customers to a competitor", "shipped a release with many defects",
            "kept a backlog of unanswered tickets", "ran a slow and costly nightly job")
ACTIONS = (
    "I gathered the logs from the last {n} weeks and sorted every failure by its cause.",
    "I met each of the {n} people involved and wrote down what slowed them down.",
    "I proposed a smaller plan, asked my manager for {n} days, and agreed on a clear goal.",
    "I rewrote the slowest step and measured it before and after on a copy of the busiest week.",
    "I set up an alert that told me within {n} minutes when something went wrong.",
    "I wrote a short guide so that anyone on call could fix the problem without waking me.",
    "I presented the numbers at the monthly review and explained which risks were still open.",
    "I asked a colleague to review my change because I wanted a second pair of eyes on it.",
    "I tested the new process with {n} customers before I offered it to everyone.",
    "I kept a log of every incident for the next {n} weeks and shared it every Friday.",
)
RESULTS = ("Failures dropped by {p}% in the following quarter", "We saved about ${m},000 a year",
           "The backlog shrank from {n}00 to {n} tickets", "Customer satisfaction rose by {p} points")


def _sentence(rng: random.Random, template: str) -> str:
    return template.format(n=rng.randint(2, 9), p=rng.randint(10, 60), m=rng.randint(10, 90))


def story_fields(i: int, rng: random.Random) -> dict[str, str]:
    """About 400 words: a short situation and task, a long action, a measured result."""
    opener, problem = rng.choice(OPENERS), rng.choice(PROBLEMS)
    situation = f"{opener} {problem}, and the people who relied on it had begun to work around it. " * 2
    task = f"I was asked to fix this within {rng.randint(2, 8)} weeks without stopping the daily work."
    action = " ".join(_sentence(rng, rng.choice(ACTIONS)) for _ in range(22))
    result = ". ".join(_sentence(rng, rng.choice(RESULTS)) for _ in range(3)) + ". I learned to measure first."
    return {"title": f"Story {i + 1}: {opener} {problem}", "situation": situation.strip(), "task": task,
            "action": action, "result": result, "reflection": "Next time I would ask for help sooner."}


def make_bank(path: Path, count: int, seed: int = 7, title: str | None = None) -> Path:
    """Create ``path`` with ``count`` stories, each tagged with one to three competencies.

    ``title`` (a format string with ``{n}``, the story's number) replaces the generated titles.
    """
    rng = random.Random(seed)
    with StoryBank.open(path) as bank, bank.unit_of_work() as session:
        comp_ids = [c.id for c in session.exec(select(Competency)).all()]
        stories = [Story(**story_fields(i, rng)) for i in range(count)]
        if title is not None:
            for n, story in enumerate(stories, start=1):
                story.title = title.format(n=n)
        session.add_all(stories)
        session.flush()
        for story in stories:
            for comp_id in rng.sample(comp_ids, rng.randint(1, 3)):
                session.add(StoryCompetency(story_id=story.id, competency_id=comp_id))
    return path


if __name__ == "__main__":
    make_bank(Path(sys.argv[1]), int(sys.argv[2]))

"""Fixtures for the analysis tests: the full engine (the installed model) and the basic one, loaded once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from storybook.analysis import Engine, build_basic_engine, load_engine
from storybook.model.values import StoryRecord


@pytest.fixture(scope="session")
def full_engine() -> Engine:
    engine = load_engine("full")
    if not engine.full:
        pytest.skip("no full English spaCy model is installed")
    return engine


@pytest.fixture(scope="session")
def basic_engine() -> Engine:
    return build_basic_engine()


@pytest.fixture(scope="session", params=["full", "basic"])
def any_engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"{request.param}_engine")


# A story, written for these tests, that passes every check.

SITUATION = (
    "Our mobile checkout failed for one in twelve shoppers during the spring sale. The support queue was "
    "filling up, and the finance team was worried about lost orders."
)
TASK = "As the engineer on call for payments, I had to find the cause and stop the failures before the weekend."
ACTION = (
    "I pulled the error logs for the previous day and grouped the failures by device and app version. "
    "The pattern pointed at one card provider that had changed its timeout without telling anyone. "
    "I wrote a small script that replayed failed payments against a test account, and it reproduced the "
    "problem within minutes. I raised the timeout behind a feature flag and turned it on for a tenth of "
    "users first. I watched the dashboard for an hour, compared the failure rate with the control group, and "
    "then rolled the change out to everyone. Finally I called the provider's support line, explained what "
    "I had found, and asked them to warn us before future changes. I also wrote a short runbook so the next "
    "person on call could spot the same pattern quickly."
)
RESULT = (
    "Checkout failures fell from 8% to under 1% the same evening, and the sale recovered about $40,000 in "
    "orders that would have been lost. The runbook has since been used twice by other engineers."
)

REFLECTION = "It taught me to replay real failures before guessing at a fix; I now ask providers for change notices."


def _good_story(**changes: object) -> StoryRecord:
    """A story that passes every check; pass changes to break one thing at a time."""
    story = StoryRecord(
        id=7,
        title="Checkout failures during the spring sale",
        situation=SITUATION,
        task=TASK,
        action=ACTION,
        result=RESULT,
        reflection=REFLECTION,
        tags=["payments"],
        competencies=["ownership"],
    )
    return dataclasses.replace(story, **changes)


@pytest.fixture
def good_story() -> Callable[..., StoryRecord]:
    """Factory: the clean story, with keyword changes that break one thing at a time."""
    return _good_story

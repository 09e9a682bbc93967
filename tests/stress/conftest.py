"""Stress tests: a few rounds in `make test`, the full count under `make stress` (STORYBOOK_STRESS=full)."""

from __future__ import annotations

import os

import pytest


def full_stress() -> bool:
    return os.environ.get("STORYBOOK_STRESS") == "full"


@pytest.fixture
def stress_rounds():
    """``stress_rounds(full, short=3)``: how many rounds this run does."""

    def rounds(full: int, short: int = 3) -> int:
        return full if full_stress() else short

    return rounds

"""Shared fixtures: every test gets its own database under tmp_path; Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_DATA_HOME", "/tmp/storybook-test-xdg-data")
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/storybook-test-xdg-config")

from storybook.bank import StoryBank  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bank.sqlite"


@pytest.fixture
def bank(db_path: Path):
    with StoryBank.open(db_path) as b:
        yield b


@pytest.fixture
def sample_bank(bank: StoryBank) -> StoryBank:
    bank.stories.load_samples()
    return bank


@pytest.fixture
def worker_pool(qtbot):  # noqa: ANN001, ANN201 - Qt is imported only by the tests that ask for this
    """The background pool a window gets from the app context; drained after the test."""
    from storybook.gui.workers import WorkerPool

    pool = WorkerPool()
    yield pool
    pool.shutdown(10_000)

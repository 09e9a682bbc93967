"""Mapping a finding's span through one edit of the text (typing, pasting or deleting in one place)."""

from __future__ import annotations

import pytest

from storybook.analysis.spans import map_span

OLD = "I tried to fix it. We basically rewrote it."
START = OLD.index("basically")


@pytest.mark.parametrize(
    "new",
    [
        OLD,
        "Then " + OLD,  # typed before the span
        OLD + " It worked.",  # typed after it
        OLD.replace("tried to fix", "fixed"),  # deleted before it
        OLD.replace("We basically", "We \U0001f680 basically"),  # an emoji right before it
    ],
)
def test_a_span_the_edit_did_not_touch_keeps_its_text(new: str) -> None:
    span = map_span(OLD, new, START, START + len("basically"))
    assert span is not None
    assert new[span[0] : span[1]] == "basically"


@pytest.mark.parametrize("new", [OLD.replace("basically", "basicaly"), OLD.replace("We basically", "Basically"), ""])
def test_a_span_the_edit_touched_is_not_guessed(new: str) -> None:
    assert map_span(OLD, new, START, START + len("basically")) is None


def test_mapping_works_on_a_long_paste() -> None:
    old = "We basically rewrote it. " * 40_000
    new = "Then " + old
    assert map_span(old, new, len(old) - 10, len(old) - 1) == (len(new) - 10, len(new) - 1)

"""Bank: the one way into the data. ``StoryBank.open(path)`` hands out the use cases."""

from __future__ import annotations

from storybook.bank.core import StoryBank, StoryFilter

__all__ = ["StoryBank", "StoryFilter"]

"""Analysis: the readiness score, a rubric the user can read and check by hand (see ``rubric``)."""

from __future__ import annotations

from storybook.analysis.rubric import RUBRIC_TEXT, score_rubric

SCORE_FORMULA = RUBRIC_TEXT

__all__ = ["SCORE_FORMULA", "score_rubric"]

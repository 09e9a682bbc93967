"""Analysis: the readiness score, a simple formula the user can read and check by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storybook.model.values import Finding

SEVERITY_POINTS: dict[str, int] = {"problem": 25, "warning": 10, "info": 2}
CAP_PER_KIND = 25
FREE_CODES = frozenset({"basic-engine"})  # notes about the app itself, not about the story

SCORE_FORMULA = (
    "Readiness starts at 100. Each problem costs 25 points, each warning 10 and each note 2. "
    "One kind of finding costs at most 25 points in one section, and the score never goes below 0."
)


def readiness_score(findings: Iterable[Finding]) -> int:
    """100 minus the points of every finding (see SCORE_FORMULA), clamped to 0..100."""
    cost: dict[tuple[str, str], int] = defaultdict(int)
    for finding in findings:
        if finding.code in FREE_CODES:
            continue
        cost[(finding.code, finding.section)] += SEVERITY_POINTS.get(finding.severity, 0)
    lost = sum(min(CAP_PER_KIND, points) for points in cost.values())
    return max(0, min(100, 100 - lost))

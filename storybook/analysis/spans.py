"""Analysis: choose non-overlapping character spans quickly (a pasted megabyte has tens of thousands)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def keep_longest(spans: Sequence[tuple[int, int]], rank: Sequence[int] | None = None) -> list[int]:
    """Indices of the spans to keep, in text order: longest first, then lower ``rank``, then earlier."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0] - spans[i][1], rank[i] if rank else 0, spans[i][0]))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[int] = []
    for i in order:
        start, end = spans[i]
        pos = bisect_left(starts, start)
        if pos > 0 and ends[pos - 1] > start:
            continue
        if pos < len(starts) and (starts[pos] < end or starts[pos] == start):
            continue
        starts.insert(pos, start)
        ends.insert(pos, end)
        chosen.append(i)
    return sorted(chosen, key=lambda i: spans[i])

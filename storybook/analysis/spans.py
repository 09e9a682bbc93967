"""Analysis: choose non-overlapping character spans quickly (a pasted megabyte has tens of thousands)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence


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


def map_span(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``old[start:end]`` is in ``new`` after one edit, or None when the edit touched the span.

    The edit is what lies between the texts' common beginning and common end (typing, pasting or
    deleting in one place); a span before it stays put, a span after it moves by the change in length.
    """
    if old == new:
        return start, end
    shortest = min(len(old), len(new))
    prefix = _common_length(lambda k: old[:k] == new[:k], shortest)
    suffix = _common_length(lambda k: old[len(old) - k :] == new[len(new) - k :], shortest - prefix)
    if end <= prefix:
        return start, end
    if start >= len(old) - suffix:
        shift = len(new) - len(old)
        return start + shift, end + shift
    return None


def _common_length(same: Callable[[int], bool], limit: int) -> int:
    """The largest k <= limit with same(k), by bisection (slice comparisons run at C speed on long texts)."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if same(mid):
            low = mid
        else:
            high = mid - 1
    return low

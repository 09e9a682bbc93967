"""Readers for the hand-rated calibration stories and Spearman's rank correlation (used by the tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storybook.model.values import StoryRecord

DATA = Path(__file__).parent / "data"
_HEADER = re.compile(r"^### (?P<id>\S+) \| (?P<rating>[1-5]) \|(?P<tags>.*)$")
_PART = re.compile(r"^(?P<key>[STARL]):[ \t]?(?P<text>.*)$")
_FIELDS = {"S": "situation", "T": "task", "A": "action", "R": "result", "L": "reflection"}


@dataclass
class RatedStory:
    """One calibration story with the rating its author gave it before any score existed."""

    key: str
    rating: int
    story: StoryRecord


def load_calibration(path: Path = DATA / "calibration_stories.txt") -> list[RatedStory]:
    out: list[RatedStory] = []
    current: dict[str, list[str]] = {}
    field = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not line.startswith("### "):
            continue
        header = _HEADER.match(line)
        if header:
            tags = [t.strip() for t in header["tags"].split(",") if t.strip()]
            current = {}
            record = StoryRecord(title=header["id"], tags=tags)
            out.append(RatedStory(header["id"], int(header["rating"]), record))
            field = ""
            continue
        part = _PART.match(line)
        if part and out:
            field = _FIELDS[part["key"]]
            current[field] = [part["text"]] if part["text"] else []
        elif field and line.strip():
            current[field].append(line)
        if out and field:
            setattr(out[-1].story, field, "\n".join(current[field]).strip())
    return out


def ranks(values: list[float]) -> np.ndarray:
    """Ranks starting at 1, ties sharing their mean rank."""
    data = np.asarray(values, dtype=float)
    order = np.argsort(data, kind="mergesort")
    result = np.empty(len(data), dtype=float)
    sorted_values = data[order]
    i = 0
    while i < len(data):
        j = i
        while j + 1 < len(data) and sorted_values[j + 1] == sorted_values[i]:
            j += 1
        result[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks (handles ties)."""
    ra, rb = ranks(a), ranks(b)
    ra -= ra.mean()
    rb -= rb.mean()
    denom = float(np.sqrt((ra**2).sum() * (rb**2).sum()))
    return float((ra * rb).sum() / denom) if denom else 0.0

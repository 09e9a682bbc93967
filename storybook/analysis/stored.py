"""Analysis: what a stored check report depends on, so it can be reused until any of that changes.

A report is current while three things are unchanged: the texts and settings the checks read
(``text_hash``), the engine that parsed them and the checks themselves (``engine_key``: the engine's
name, version and kind, ``CHECKS_VERSION`` and the editable word lists). Reports are stored as the
JSON of ``StoryReport.to_json`` and read back with ``report_from_json``. No spaCy import here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storybook.analysis.wordlists import LIST_NAMES, wordlist_dir
from storybook.model.values import Finding, Metric, Rubric, Settings, StoryReport

# Bump whenever a check, the score, the engine's pipeline or the report's shape changes: every stored
# report then counts as stale and is computed again. (tests/analysis/test_stored.py reminds you.)
CHECKS_VERSION = 2
CHECKED_FIELDS: tuple[str, ...] = ("title", "situation", "task", "action", "result", "reflection", "tags",
                                   "competencies")
# the settings the checks read (a test fails when a check reads another one)
CHECKED_SETTINGS: tuple[str, ...] = ("pace_wpm", "target_seconds", "limit_seconds", "short_seconds", "split")


def text_hash(story: Any, settings: Settings | None) -> str:
    """A digest of everything of ``story`` and ``settings`` that the checks read."""
    settings = settings or Settings()
    digest = hashlib.sha256()
    for name in CHECKED_FIELDS:
        value = getattr(story, name, None)
        if isinstance(value, list | tuple | set):
            value = "\x1f".join(sorted(str(v) for v in value))
        digest.update(("" if value is None else str(value)).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    digest.update(repr([getattr(settings, name, None) for name in CHECKED_SETTINGS]).encode("utf-8"))
    return digest.hexdigest()


def wordlists_digest(folder: Path | None = None) -> str:
    """A short digest of the editable word lists (a list edited by the user makes reports stale)."""
    folder = folder or wordlist_dir()
    digest = hashlib.sha256()
    for name in LIST_NAMES:
        try:
            digest.update((folder / f"{name}.txt").read_bytes())
        except OSError:
            digest.update(b"-")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def engine_key(info: Mapping[str, Any], wordlists: str | None = None) -> str:
    """Which engine, checks and word lists a report was made with, e.g. "en_core_web_sm 3.8.0 full c1 w1a2b"."""
    kind = "full" if info.get("full") else "basic"
    lists = wordlists if wordlists is not None else wordlists_digest()
    return f"{info.get('name') or '?'} {info.get('version') or ''} {kind} c{CHECKS_VERSION} w{lists}"


def report_to_json(report: StoryReport) -> str:
    data = report.to_json()
    data["length"] = report.length  # the verdict's words: stored, though not part of the public JSON
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def report_from_json(text: str) -> StoryReport:
    """The StoryReport that ``report_to_json`` wrote; raises ValueError on anything else."""
    try:
        data = json.loads(text)
        return StoryReport(
            engine=dict(data["engine"]),
            words={str(k): int(v) for k, v in data["words"].items()},
            spoken_seconds=float(data["spoken_seconds"]),
            quantified=bool(data["quantified"]),
            metrics=[Metric(**m) for m in data["metrics"]],
            i_we={str(k): int(v) for k, v in data["i_we"].items()},
            findings=[Finding(**f) for f in data["findings"]],
            score=int(data["score"]),
            title=str(data.get("title", "")),
            story_id=data.get("id"),
            length=str(data.get("length", "")),
            rubric=Rubric.from_json(data["rubric"]) if data.get("rubric") else None,
        )
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"Not a stored check report: {exc}") from exc

"""GUI: for each coverage gap, the story that comes closest and what it would need.

``gap_hints`` is plain Python (it runs on a worker thread); ``apply_gap_hints`` adds the hints under the
items of the Gaps list, which the coverage grid fills and tags with ``(mode, key)`` in ``UserRole``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_NEEDS = 2


@dataclass
class GapHints:
    """Hint text per gap, keyed like the Gaps list items: ("competencies", key) or ("questions", id)."""

    hints: dict[tuple[str, Any], str] = field(default_factory=dict)


def _needs(suggestion: Any) -> str:
    missing = [k.label for k in suggestion.key_points if not k.covered][:MAX_NEEDS]
    return "it would need: " + "; ".join(missing) if missing else "its key points are there: link it if it fits"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _competency_hint(matcher: Any, stories: list[Any], questions: list[Any], key: str) -> str | None:
    untagged = [s for s in stories if key not in (s.competencies or [])]
    if not untagged:
        return None
    feats = matcher.features.many(untagged)
    scored = [(matcher.competency_evidence(f).get(key, 0.0), s) for s, f in zip(untagged, feats, strict=True)]
    score, story = max(scored, key=lambda item: item[0])
    ids = [q.id for q in questions if key in q.competencies and q.id in matcher.questions]
    best = matcher.questions_for_story(story, limit=1, question_ids=ids) if ids else []
    hint = f"→ Closest: “{_short(story.title or 'Untitled', 45)}” ({round(score * 100):d}%)"
    missing = [k.label for k in best[0].key_points if not k.covered][:MAX_NEEDS] if best else []
    if missing:
        hint += f"; for “{_short(best[0].label, 45)}” it would need: " + "; ".join(missing)
    return hint


def _question_hint(matcher: Any, stories: list[Any], question_id: int) -> str | None:
    if not stories or question_id not in matcher.questions:
        return None
    best = matcher.stories_for_question(question_id, stories, limit=1)[0]
    return f"→ Closest: “{_short(best.label or 'Untitled', 45)}” ({round(best.score * 100):d}%); {_needs(best)}"


def gap_hints(matcher: Any, stories: list[Any], questions: list[Any], summary: Any) -> GapHints:
    """Proposals for the thin competencies and the unanswered questions of a coverage summary."""
    out = GapHints()
    for key, _name, _count in getattr(summary, "thin_competencies", []):
        hint = _competency_hint(matcher, stories, questions, key)
        if hint:
            out.hints[("competencies", key)] = hint
    for question_id, _text in getattr(summary, "uncovered_questions", []):
        hint = _question_hint(matcher, stories, question_id)
        if hint:
            out.hints[("questions", question_id)] = hint
    return out


def apply_gap_hints(list_gaps: QListWidget, hints: GapHints) -> int:
    """Put each hint under its gap (replacing an older hint); returns how many items got one."""
    done = 0
    for row in range(list_gaps.count()):
        item = list_gaps.item(row)
        where = item.data(Qt.ItemDataRole.UserRole)
        if not where:
            continue
        original = item.data(ORIGINAL_ROLE) or item.text()
        item.setData(ORIGINAL_ROLE, original)
        hint = hints.hints.get(tuple(where))
        item.setText(f"{original}\n    {hint}" if hint else original)
        done += bool(hint)
    return done

"""GUI: the readiness rubric as rich text for the findings panel ("How is this scored?")."""

from __future__ import annotations

import html
from typing import Any


def rubric_html(rubric: Any, formula: str) -> str:
    """Each dimension with its points, maximum and reasons; the formula text when there is no rubric."""
    if rubric is None:
        return f"<b>Readiness score</b><br>{html.escape(formula)}"
    rows = []
    for dim in rubric.dimensions:
        reasons = "<br>".join(html.escape(r) for r in dim.reasons)
        rows.append(
            f"<tr><td valign='top'><b>{html.escape(dim.name)}</b></td>"
            f"<td valign='top' align='right'>&nbsp;{dim.points}/{dim.maximum}&nbsp;</td>"
            f"<td valign='top'>{reasons}</td></tr>"
        )
    return (
        f"<b>Readiness {rubric.total} of {rubric.maximum}</b><br>{html.escape(formula)}"
        f"<table cellspacing='2'>{''.join(rows)}</table>"
    )


def rubric_tooltip(rubric: Any) -> str:
    """One line per dimension: "Ownership 16/20"."""
    return "<br>".join(f"{html.escape(d.name)} {d.points}/{d.maximum}" for d in rubric.dimensions)

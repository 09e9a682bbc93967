"""Store: the schema revisions known to this build, read from the migration files without loading Alembic.

Opening a database that is already at head must stay cheap: one query of ``alembic_version`` and a
look at the file names here, with Alembic imported only when an upgrade has to run.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGN = re.compile(r"^(revision|down_revision)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.MULTILINE)


def _scan(folder: Path) -> dict[str, str | None]:
    """Map each revision id to its parent, from ``revision = "..."`` lines in the version scripts."""
    graph: dict[str, str | None] = {}
    for script in sorted(folder.glob("*.py")):
        values: dict[str, str | None] = {}
        for match in _ASSIGN.finditer(script.read_text(encoding="utf-8")):
            values.setdefault(match.group(1), match.group(2) or match.group(3))
        if values.get("revision"):
            graph[str(values["revision"])] = values.get("down_revision")
    return graph


@functools.cache
def revision_graph() -> dict[str, str | None]:
    return _scan(VERSIONS_DIR)


def known_revisions() -> set[str]:
    return set(revision_graph())


def head_revision() -> str:
    """The one revision no other revision builds on ("" when there are no migrations)."""
    graph = revision_graph()
    parents = {parent for parent in graph.values() if parent}
    heads = sorted(rev for rev in graph if rev not in parents)
    if len(heads) > 1:
        raise RuntimeError(f"the migrations have several heads: {', '.join(heads)}")
    return heads[0] if heads else ""

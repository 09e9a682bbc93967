"""Export: the interview prep dossier (DOCX), built with python-docx from plain objects.

``build_dossier(data, path, parts, progress)`` takes the check reports in ``data.reports`` (the
bank's stored ones: see ``bank.reports.ensure``) and runs the checks, in one pass, only for stories
without one (when ``storybook.analysis`` is importable); it writes the parts in order and saves the
file atomically. ``progress(done, total)`` is called as work advances; raising from it (for example
:class:`DossierCancelled`) stops the export and leaves no file behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocumentType

from storybook.export import dossier_parts as parts_mod
from storybook.export.docxkit import header_text, page_number_footer, setup_page
from storybook.export.dossier_data import DossierData, RehearsalFigures, TargetInfo
from storybook.export.dossier_parts import PART_TITLES, PARTS
from storybook.export.files import ExportError, atomic_write, check_target
from storybook.export.office import request_field_update
from storybook.model.values import SECTIONS, Settings, StoryRecord, StoryReport

log = logging.getLogger(__name__)
__all__ = ["PARTS", "PART_TITLES", "DossierCancelled", "DossierData", "DossierOptions", "RehearsalFigures",
           "TargetInfo", "build_document", "build_dossier", "run_checks"]

MAX_CHECKED_CHARS = 100_000  # longer stories are written out but not run through the checks

Progress = Callable[[int, int], None]


class DossierCancelled(ExportError):
    """Export: the user stopped the dossier export; no file was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


@dataclass
class DossierOptions:
    """Export: what the user asked for in the export dialog or on the command line."""

    path: Path
    target_id: int | None = None
    parts: tuple[str, ...] = PARTS
    run_checks: bool = True
    pdf: bool = False  # also write a PDF beside the DOCX (needs LibreOffice)


class _Progress:
    """Export: counts steps and reports them to an optional callback."""

    def __init__(self, total: int, callback: Progress | None) -> None:
        self.done, self.total, self._callback = 0, max(total, 1), callback

    def step(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if self._callback is not None:
            self._callback(self.done, self.total)


def _story_chars(story: StoryRecord) -> int:
    return sum(len(story.section_text(s)) for s in SECTIONS) + len(story.reflection or "")


def _load_analysis(engine: object | None = None) -> tuple[Callable | None, object | None]:
    """The checks (``iter_reports``) and their engine: ``engine`` (an Engine or the app's EngineCache) or one
    loaded now. Only called when some story has no report: given every report, the export never imports them."""
    from storybook.analysis import get_engine, iter_reports

    try:
        if engine is not None and hasattr(engine, "get"):
            engine = engine.get()  # an EngineCache: its engine is loaded once and shared
        return iter_reports, engine if engine is not None else get_engine()
    except Exception:  # a broken language model must not stop the export
        log.warning("The checks could not start; the dossier is built without findings", exc_info=True)
        return None, None


def run_checks(stories: Sequence[StoryRecord], settings: Settings, progress: _Progress | None = None,
               known: dict[int, StoryReport] | None = None, engine: object | None = None) -> dict[int, StoryReport]:
    """Reports keyed by position in ``stories``; stories too long to check (or failing) get none.

    Stories in ``known`` (by id) are not checked again; the others are checked in one ``nlp.pipe`` stream.
    ``engine`` is the caller's Engine or EngineCache; without one, one engine is loaded for this call.
    """
    known = known or {}
    reports: dict[int, StoryReport] = {i: known[s.id] for i, s in enumerate(stories) if s.id in known}
    todo = [i for i, s in enumerate(stories) if i not in reports and _story_chars(s) <= MAX_CHECKED_CHARS]
    check, engine = _load_analysis(engine) if todo else (None, None)
    stepped = 0
    if check is not None:
        log.info("Checking %s stories that have no report, in one pass", len(todo))
        try:
            for position, report in check([stories[i] for i in todo], settings, engine=engine):
                reports[todo[position]] = report
                stepped += 1
                if progress:
                    progress.step()
        except Exception:  # one odd story must not stop the export
            log.warning("Checking the stories failed; the rest appear without findings", exc_info=True)
    if progress and len(stories) > stepped:
        progress.step(len(stories) - stepped)
    return reports


def _key_points(data: DossierData, engine: object | None) -> dict[tuple[int, int], list[object]]:
    """Key-point coverage of the linked stories for the question map (asked for: it needs the language model)."""
    if not data.questions:
        return {}
    try:
        from storybook.analysis.matching import linked_key_points

        _analyze, loaded = _load_analysis(engine)
        return linked_key_points(loaded, data.stories, data.questions) if loaded is not None else {}
    except Exception:  # the map prints without key points rather than stopping the export
        log.warning("Key-point coverage failed; the question map is printed without it", exc_info=True)
        return {}


def _new_document(data: DossierData, with_cover: bool) -> DocumentType:
    document = docx.Document()
    section = document.sections[0]
    setup_page(section, data.settings.page_size)
    section.different_first_page_header_footer = with_cover
    label = data.target.label if data.target else "Interview prep dossier"
    header_text(section, label)
    page_number_footer(section)
    props = document.core_properties
    props.title = parts_mod.clean(f"Prep dossier: {label}")[:250]
    props.author = parts_mod.clean(data.settings.user_name)[:250] or "Storybook"
    props.created = props.modified = data.generated_at.replace(microsecond=0)
    props.last_modified_by = "Storybook"
    props.revision = 1
    request_field_update(document)  # Word fills in the contents page and "Page x of y" on open
    return document


def build_document(data: DossierData, parts: Sequence[str] = PARTS, progress: Progress | None = None,
                   checks: bool = True, engine: object | None = None, key_points: bool = False) -> DocumentType:
    """Build the dossier in memory (``progress`` counts the checks and the parts, not the save)."""
    wanted = [p for p in PARTS if p in set(parts)]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"Unknown dossier part: {', '.join(sorted(unknown))}.")
    n = len(data.stories)
    total = (n if checks else 0) + sum(n if p == "stories" else 1 for p in wanted)
    counter = _Progress(total, progress)
    if checks:
        reports = run_checks(data.stories, data.settings, counter, data.reports, engine)
    else:
        reports = {i: data.reports[s.id] for i, s in enumerate(data.stories) if s.id in data.reports}
    if key_points and "map" in wanted and not data.key_points:
        data.key_points = _key_points(data, engine)
    document = _new_document(data, "cover" in wanted)
    ctx = parts_mod.Context(document=document, data=data, reports=reports, parts=wanted, step=counter.step)
    for name in wanted:
        parts_mod.WRITERS[name](ctx)
        if name != "stories":
            counter.step()
    return document


def build_dossier(data: DossierData, path: str | Path, parts: Sequence[str] = PARTS,
                  progress: Progress | None = None, checks: bool = True, engine: object | None = None,
                  key_points: bool = False) -> Path:
    """Write the dossier to ``path`` atomically; raise ExportWriteError when it cannot be written.

    ``engine`` (an Engine or the app's EngineCache) runs the checks; without one, one is loaded for this call.
    ``key_points`` adds, in the question map, which key points each linked story covers (this parses the
    linked stories, so the language model is loaded if it is not yet).
    """
    target = Path(path).expanduser()
    check_target(target)  # fail before the slow part, not after it
    done_total: list[int] = [0, 1]

    def track(done: int, total: int) -> None:
        done_total[:] = [done, total + 1]
        if progress is not None:
            progress(done, total + 1)

    document = build_document(data, parts, track, checks, engine, key_points)
    atomic_write(target, document.save)  # zipped in memory: a full disk cannot leave a half-closed ZipFile behind
    if progress is not None:
        progress(done_total[1], done_total[1])
    return target

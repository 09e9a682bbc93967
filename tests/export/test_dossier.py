"""Export: the DOCX dossier, read back with python-docx."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest

from storybook.export.dossier import PARTS, DossierCancelled, DossierData, build_dossier
from storybook.export.files import ExportWriteError
from storybook.model.values import SECTIONS, StoryRecord


def _build(data: DossierData, tmp_path: Path, **kwargs: object) -> docx.document.Document:
    path = build_dossier(data, tmp_path / "dossier.docx", checks=False, **kwargs)
    return docx.Document(str(path))


def _headings(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_parts_headings_and_stories(data: DossierData, tmp_path: Path) -> None:
    document = _build(data, tmp_path)
    assert _headings(document, "Title") == ["Interview prep dossier"]
    h1 = _headings(document, "Heading 1")
    for title in ("Plan for the last week", "Questions and the stories that answer them", "Competency coverage",
                  "Cutting checkout latency", "Settling a schema dispute", "Questions to ask the interviewer",
                  "Cheat sheet"):
        assert title in h1
    assert _headings(document, "TOC Heading") == ["Contents"]
    assert {"Situation", "Task", "Action", "Result", "Reflection", "Short version", "Cue cards", "Open findings",
            "Rehearsals"} <= set(_headings(document, "Heading 2"))
    text = _all_text(document)
    for story in data.stories:
        for section in SECTIONS:
            for line in story.section_text(section).split("\n"):
                assert line in text
    assert "Sam Tester" in text
    assert "Northwind" in text
    assert "3 runs, last 1:58, best 2:01, average 2:05 against a 2:00 target (0:05 over)." in text
    assert "The action says 'we' more than 'I'." in text
    assert "What would my first project be?" in text


def test_every_story_starts_on_a_new_page(data: DossierData, tmp_path: Path) -> None:
    document = _build(data, tmp_path)
    story_headings = [p for p in document.paragraphs if p.text in {s.title for s in data.stories}
                      and p.style.name == "Heading 1"]
    assert len(story_headings) == 2
    assert all(p.paragraph_format.page_break_before for p in story_headings)


def test_measures_are_bold(data: DossierData, tmp_path: Path) -> None:
    document = _build(data, tmp_path)
    bold = {r.text for p in document.paragraphs for r in p.runs if r.bold}
    assert {"4.2 seconds", "1.8 seconds", "6%", "a week early", "3 sprints"} <= bold
    result = next(p for p in document.paragraphs if p.text.startswith("Load time fell"))
    assert [r.text for r in result.runs if r.bold] == ["1.8 seconds", "6%"]
    assert "".join(r.text for r in result.runs) == data.stories[0].result


def test_tables_map_grid_and_cheat_sheet(data: DossierData, tmp_path: Path) -> None:
    document = _build(data, tmp_path)
    assert all(t.style.name == "Table Grid" for t in document.tables)
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["#", "Question", "Stories"] in headers
    assert ["Competency", "Weight", "Stories", "Count", "Coverage"] in headers
    assert ["Story", "Anchors", "Key numbers"] in headers
    qmap = document.tables[headers.index(["#", "Question", "Stories"])]
    rows = [[c.text for c in r.cells] for r in qmap.rows[1:]]
    assert rows[0] == ["1", "Tell me about a time you improved performance.", "Cutting checkout latency"]
    assert rows[1][2].startswith("No story yet")
    assert 'w:fill="F4CCCC"' in qmap.rows[2].cells[1]._tc.xml  # the unanswered question is flagged
    grid = document.tables[headers.index(["Competency", "Weight", "Stories", "Count", "Coverage"])]
    first = [c.text for c in grid.rows[1].cells]
    assert first == ["Ownership", "5", "Cutting checkout latency", "1", "Thin"]
    cheat = document.tables[headers.index(["Story", "Anchors", "Key numbers"])]
    assert "4.2 s to 1.8 s" in cheat.rows[1].cells[1].text
    assert cheat.rows[1].cells[2].text == "1.8 seconds, 6%, 4.2 seconds"


def test_header_footer_and_page_size(data: DossierData, tmp_path: Path) -> None:
    document = _build(data, tmp_path)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Northwind \u2014 Backend Engineer"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml
    assert "NUMPAGES" in footer_xml
    assert section.different_first_page_header_footer  # no header on the cover
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    data.settings.page_size = "Letter"
    letter = _build(data, tmp_path).sections[0]
    assert (round(letter.page_width.inches, 2), round(letter.page_height.inches, 2)) == (8.5, 11)
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body


def test_without_a_target_and_with_chosen_parts(data: DossierData, tmp_path: Path) -> None:
    data.target = None
    document = _build(data, tmp_path, parts=("cover", "stories"))
    h1 = _headings(document, "Heading 1")
    assert h1 == ["Cutting checkout latency", "Settling a schema dispute"]
    assert document.sections[0].header.paragraphs[0].text == "Interview prep dossier"
    assert "All stories in the bank" in _all_text(document)
    with pytest.raises(ValueError, match="Unknown dossier part"):
        _build(data, tmp_path, parts=("cover", "appendix"))


def test_progress_counts_up_to_the_total(data: DossierData, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    build_dossier(data, tmp_path / "d.docx", progress=lambda d, t: seen.append((d, t)), checks=False)
    totals = {t for _, t in seen}
    assert len(totals) == 1
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert seen[-1][0] == seen[-1][1] == len(PARTS) - 1 + len(data.stories) + 1


def test_cancelling_from_progress_writes_nothing(data: DossierData, tmp_path: Path) -> None:
    def cancel(done: int, total: int) -> None:
        if done >= 3:
            raise DossierCancelled

    with pytest.raises(DossierCancelled):
        build_dossier(data, tmp_path / "d.docx", progress=cancel, checks=False)
    assert list(tmp_path.iterdir()) == []


def test_hostile_text_exports(data: DossierData, tmp_path: Path) -> None:
    nasty = StoryRecord(
        id=3, title="Ctrl\x00\x07\x1b chars 😀 and \ud800 surrogates",
        situation="Bell\x07 form\x0c feed, tab\tkept. 🚀🔥 emoji ZWJ 👩‍💻",
        task="شرح المهمة باللغة العربية مع رقم 42",
        action="פעולה בעברית.\n" + ("A long line of action text. " * 40_000),  # more than a megabyte
        result="\u202eright-to-left override\u202c and \ufeff BOM",
        cue_cards=["\x01card"], competencies=["ownership"], tags=["\x02tag"],
    )
    data.stories.append(nasty)
    data.target.company = "Acme\x00 ☃"
    path = build_dossier(data, tmp_path / "d.docx", checks=False)
    document = docx.Document(str(path))
    text = _all_text(document)
    assert "Ctrl chars 😀 and  surrogates" in text
    assert "🚀🔥" in text
    assert "👩‍💻" in text
    assert "\x07" not in text
    assert "\x00" not in text
    arabic = next(p for p in document.paragraphs if p.text.startswith("شرح"))
    assert arabic._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
    assert len(max((p.text for p in document.paragraphs), key=len)) > 1_000_000
    assert document.sections[0].header.paragraphs[0].text.startswith("Acme ☃")


def test_a_failed_save_leaves_the_old_dossier(data: DossierData, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "d.docx"
    build_dossier(data, target, checks=False)
    before = target.read_bytes()

    def broken_save(self, target) -> None:  # noqa: ANN001 - a path or a stream, as python-docx takes
        if hasattr(target, "write"):
            target.write(b"PK\x03\x04 half a zip")
        else:
            Path(target).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    data.stories = data.stories[:1]
    with pytest.raises(ExportWriteError, match="Input/output error"):
        build_dossier(data, target, checks=False)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]


def test_an_unwritable_path_fails_before_any_work(data: DossierData, tmp_path: Path) -> None:
    calls: list[int] = []
    with pytest.raises(ExportWriteError, match="does not exist"):
        build_dossier(data, tmp_path / "missing" / "d.docx", progress=lambda d, t: calls.append(d))
    assert calls == []
    assert list(tmp_path.iterdir()) == []


def test_the_checks_supply_findings_and_bold_measures(data: DossierData, tmp_path: Path) -> None:
    data = dataclasses.replace(data, reports={})
    path = build_dossier(data, tmp_path / "d.docx", parts=("stories",), checks=True)
    document = docx.Document(str(path))
    bold = {r.text for p in document.paragraphs for r in p.runs if r.bold}
    assert any("1.8" in b for b in bold), bold
    assert "The checks did not run for this story." not in _all_text(document)


@pytest.mark.parametrize(("days_left", "first", "count"), [
    (10, "Monday 11 March", 7),      # the whole last week lies ahead
    (7, "Today", 7),
    (3, "Today", 3),                 # the first five steps share today
    (1, "Today", 1),
    (0, None, 0),                    # the interview is today
])
def test_day_by_day_plan_never_lists_days_already_gone(days_left: int, first: str | None, count: int) -> None:
    from datetime import date, timedelta

    from storybook.export.dossier_parts import day_plan

    interview = date(2030, 3, 18)
    today = interview - timedelta(days=days_left)
    plan = day_plan(interview, today)
    assert len(plan) == count
    assert all(today <= day < interview for day, _focus in plan)
    if first == "Today":
        assert plan[0][0] == today
    elif first:
        assert plan[0][0] == date(2030, 3, 11)
    if plan:
        assert "rest" in plan[-1][1]
        assert "pick the stories" in plan[0][1]


def test_the_plan_in_the_document_starts_today_when_the_week_has_begun(data: DossierData, tmp_path: Path) -> None:
    path = build_dossier(data, tmp_path / "d.docx", parts=("plan",), checks=False)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = texts.index("Day by day") + 1
    # generated on Saturday 9 March for an interview on Thursday 14 March: five days, none of them past
    assert texts[start] == "5 days left, so the first steps share today."
    days = texts[start + 1:]
    assert days[0].startswith("Today: pick the stories")
    assert [d.split(":")[0] for d in days[1:]] == ["Sunday 10 March", "Monday 11 March", "Tuesday 12 March",
                                                   "Wednesday 13 March"]
    assert days[-1].endswith("rest")

"""Export: the writers for each part of the dossier (cover, contents, plan, map, grid, stories, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from docx.document import Document as DocumentType
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from storybook.export.dates import countdown_text, day_month, format_date
from storybook.export.docxkit import add_field, add_run, add_text_block, clean, grid_table, is_rtl, set_bidi, shade
from storybook.model.measures import (
    STORIES_PER_COMPETENCY_WORD,
    Coverage,
    Length,
    LengthBand,
    competency_coverage,
    format_seconds,
    length_verdict,
    story_words,
)
from storybook.model.values import SECTION_TITLES, SECTIONS, QuestionRecord, StoryRecord, StoryReport

if TYPE_CHECKING:
    from storybook.export.dossier_data import DossierData, RehearsalFigures

GAP_FILL, THIN_FILL = "F4CCCC", "FFF2CC"
GRID_FONT_PT = 9.5
MAX_FINDINGS = 8
PLAN_HINTS = {
    "stories": "Finish eight to ten stories; check each has a measured result and an 'I' in the action.",
    "rehearsal": "Say every story out loud against the timer until it lands near two minutes.",
    "company research": "Read recent news, the product and the job post; note what they will care about.",
    "questions to ask": "Write three to five questions that show you thought about the team and the role.",
}
SEVERITY_ORDER = {"problem": 0, "warning": 1, "info": 2}
PARTS: tuple[str, ...] = ("cover", "contents", "plan", "map", "grid", "stories", "ask", "cheat")
PART_TITLES: dict[str, str] = {
    "cover": "Cover page",
    "contents": "Contents",
    "plan": "Plan for the last week",
    "map": "Questions and the stories that answer them",
    "grid": "Competency coverage",
    "stories": "Stories",
    "ask": "Questions to ask the interviewer",
    "cheat": "Cheat sheet",
}


@dataclass
class Context:
    """Export: what every part writer needs (the document, the data, check reports by story position)."""

    document: DocumentType
    data: DossierData
    reports: dict[int, StoryReport]
    parts: list[str]
    step: Callable[..., None]
    started: bool = False
    _style_ids: dict[str, str] = field(default_factory=dict)

    def style_id(self, name: str) -> str:
        """Style ids looked up once: python-docx scans every style on each lookup by name."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def add(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.style = self.style_id(style)
        if text:
            add_run(paragraph, clean(text))
        return paragraph

    def heading(self, text: str, level: int = 1, new_page: bool = True) -> Paragraph:
        """A heading; level-1 headings after the first part start a new page."""
        paragraph = self.add(text.strip() or "Untitled", style=f"Heading {level}")
        if level == 1 and new_page and self.started:
            paragraph.paragraph_format.page_break_before = True
        if is_rtl(text):
            set_bidi(paragraph)
        self.started = True
        return paragraph

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.add(text, style)
        if is_rtl(text):
            set_bidi(paragraph)
        return paragraph

    def labelled(self, label: str, value: str) -> Paragraph:
        paragraph = self.document.add_paragraph()
        add_run(paragraph, f"{label}: ", bold=True)
        add_run(paragraph, clean(value))
        return paragraph

    def names(self, keys: list[str]) -> str:
        return ", ".join(self.data.competency_names.get(k, k) for k in keys)


def _title(story: StoryRecord) -> str:
    return (story.title or "").strip() or "Untitled story"


# ---- cover and contents ----------------------------------------------------------------------
def write_cover(ctx: Context) -> None:
    data, target = ctx.data, ctx.data.target
    ctx.started = True
    ctx.add("Interview prep dossier", style="Title")
    ctx.para(target.label if target else "All stories in the bank", style="Subtitle")
    for _ in range(2):
        ctx.document.add_paragraph()
    if data.settings.user_name.strip():
        ctx.labelled("Prepared by", data.settings.user_name.strip())
    if target:
        ctx.labelled("Company", target.company or "-")
        ctx.labelled("Role", target.role or "-")
        when = format_date(target.interview_at)
        if target.interview_at:
            when += f" ({countdown_text(target.interview_at, data.generated_at).lower()})"
        ctx.labelled("Interview", when)
        if target.interviewers.strip():
            ctx.labelled("Interviewers", target.interviewers.strip())
    ctx.labelled("Generated", format_date(data.generated_at))
    goal = (f"aim for {data.settings.stories_min}–{data.settings.stories_max}, each told in "
            f"{format_seconds(data.settings.target_seconds)}–{format_seconds(data.settings.limit_seconds)}")
    ctx.labelled("Stories", f"{len(data.stories)} ({goal})")
    if target and target.notes.strip():
        ctx.document.add_paragraph()
        ctx.labelled("Notes", "")
        add_text_block(ctx.document, target.notes)


def write_contents(ctx: Context) -> None:
    paragraph = ctx.heading("Contents")
    paragraph._p.style = ctx.style_id("TOC Heading")
    add_field(ctx.para(), 'TOC \\o "1-2" \\h \\z \\u',
              "The page numbers appear when fields are updated (Word: select all, then F9).")
    ctx.para("In this dossier").runs[0].bold = True
    listed = [name for name in ctx.parts if name not in ("cover", "contents")]
    for number, name in enumerate(listed, start=1):
        ctx.para(f"{number}.\t{PART_TITLES[name]}", style="List")
        if name == "stories":
            for story in ctx.data.stories:
                ctx.para(_title(story), style="List Bullet 2")


# ---- plan, map and grid ----------------------------------------------------------------------
def write_plan(ctx: Context) -> None:
    ctx.heading(PART_TITLES["plan"])
    hours = {k: float(v) for k, v in ctx.data.settings.plan_hours.items() if _is_number(v)}
    total = sum(hours.values())
    ctx.para(f"About {total:g} hours spread over the last seven days. Change the budget in the settings.")
    rows = [[area, f"{h:g} h", PLAN_HINTS.get(area.casefold(), "")] for area, h in hours.items()]
    rows.append(["Total", f"{total:g} h", ""])
    grid_table(ctx.document, ["Area", "Time", "What to do"], rows, widths=[4.0, 2.0, 10.6])
    target = ctx.data.target
    if target and target.interview_at:
        _write_days(ctx, target.interview_at.date(), ctx.data.generated_at.date())


def day_plan(interview: date, today: date) -> list[tuple[date, str]]:
    """The last week day by day; with fewer than seven days left, the missed steps fold into today."""
    days_left = (interview - today).days
    if days_left >= len(_DAYS):
        return [(interview - timedelta(days=days), focus) for days, focus in _DAYS]
    if days_left < 1:
        return []
    missed = [focus for days, focus in _DAYS if days >= days_left]
    plan = [(today, "; then ".join(missed))]
    plan += [(interview - timedelta(days=days), focus) for days, focus in _DAYS if days < days_left]
    return plan


def _write_days(ctx: Context, interview: date, today: date) -> None:
    ctx.heading("Day by day", level=2)
    plan = day_plan(interview, today)
    if not plan:
        ctx.para("The interview is today: read the cheat sheet, say the short versions once, and rest.")
        return
    if len(plan) < len(_DAYS):
        ctx.para(f"{len(plan)} {'day' if len(plan) == 1 else 'days'} left, so the first steps share today.")
    for day, focus in plan:
        label = "Today" if day == today else day_month(day)
        ctx.para(f"{label}: {focus}", style="List Bullet")


_DAYS = (
    (7, "pick the stories for this interview and fill the gaps in the coverage grid"),
    (6, "tighten each story's result with a number; write the short versions"),
    (5, "company research: product, news, the team and the job post"),
    (4, "rehearse every story out loud with the timer"),
    (3, "write the questions to ask; rehearse the weakest stories again"),
    (2, "a full mock interview with the question map"),
    (1, "light review of the cheat sheet; rest"),
)


def _is_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _answering(question: QuestionRecord, stories: list[StoryRecord]) -> list[StoryRecord]:
    ids = set(question.story_ids)
    return [s for s in stories if s.id in ids or any(q.question_id == question.id for q in s.questions)]


def _points_line(ctx: Context, story: StoryRecord, question: QuestionRecord) -> str:
    """' — key points 3/4; missing: the measured outcome' when coverage was computed for the export."""
    coverage = getattr(ctx.data, "key_points", {}).get((story.id, question.id))
    if not coverage:
        return ""
    done = sum(1 for k in coverage if k.covered)
    missing = [k.text for k in coverage if not k.covered]
    return f" — key points {done}/{len(coverage)}" + (f"; missing: {'; '.join(missing)}" if missing else "")


def write_map(ctx: Context) -> None:
    ctx.heading(PART_TITLES["map"])
    stories, questions = ctx.data.stories, ctx.data.questions
    rows, open_rows = [], []
    for number, question in enumerate(questions, start=1):
        answering = _answering(question, stories)
        elsewhere = len(set(question.story_ids) - {s.id for s in answering})
        if answering:
            cell = "\n".join(_title(s) + _points_line(ctx, s, question) for s in answering)
        else:
            cell = f"No story in this dossier ({elsewhere} in the bank)" if elsewhere else "No story yet"
            ideas = [_title(s) for s in stories if set(s.competencies) & set(question.competencies)][:2]
            if ideas:
                cell += "\nCould adapt: " + "; ".join(ideas)
        if not answering:
            open_rows.append(number)
        rows.append([str(number), question.text, cell])
    if not questions:
        ctx.para("No questions yet. Link stories to questions, or add questions to the target.")
        return
    flagged = len(open_rows)
    ctx.para(f"{len(questions)} questions; {flagged} without a story (shaded)." if flagged
             else f"Every one of the {len(questions)} questions has a story.")
    table = grid_table(ctx.document, ["#", "Question", "Stories"], rows, widths=[1.0, 8.8, 6.8])
    for number in open_rows:
        row = table.rows[number]
        for cell in row.cells:
            shade(cell, GAP_FILL)
    if ctx.data.unlinked_questions:
        ctx.para(f"{ctx.data.unlinked_questions} other questions in the bank have no story yet.")


def _coverage_keys(ctx: Context) -> list[str]:
    target = ctx.data.target
    used = {k for s in ctx.data.stories for k in s.competencies}
    if target and target.competencies:
        ranked = sorted(target.competencies, key=lambda k: (-target.competencies[k], ctx.names([k]).casefold()))
        return ranked + sorted(used - set(ranked), key=lambda k: ctx.names([k]).casefold())
    keys = set(ctx.data.competency_names) | used
    return sorted(keys, key=lambda k: ctx.names([k]).casefold())


_COVERAGE_CELLS = {Coverage.COVERED: ("Covered", None), Coverage.THIN: ("Thin", THIN_FILL),
                   Coverage.GAP: ("Gap", GAP_FILL)}


def write_grid(ctx: Context) -> None:
    ctx.heading(PART_TITLES["grid"])
    target = ctx.data.target
    weighted = bool(target and target.competencies)
    ctx.para(f"Aim for at least {STORIES_PER_COMPETENCY_WORD} stories for every competency the role weighs."
             + (" Weights (1-5) come from the target." if weighted else ""))
    header = ["Competency", *(["Weight"] if weighted else []), "Stories", "Count", "Coverage"]
    rows, fills = [], []
    for key in _coverage_keys(ctx):
        titles = [_title(s) for s in ctx.data.stories if key in s.competencies]
        count = len(titles)
        status, fill = _COVERAGE_CELLS[competency_coverage(count)]
        weight = [str(target.competencies[key]) if key in target.competencies else "-"] if weighted else []
        rows.append([ctx.names([key]), *weight, "\n".join(titles) or "-", str(count), status])
        fills.append(fill)
    # The story titles need the room; weight and count are one or two digits.
    widths = [3.6, 1.9, 6.9, 1.8, 2.4] if weighted else [4.0, 8.2, 1.8, 2.6]
    table = grid_table(ctx.document, header, rows, widths=widths, font_pt=GRID_FONT_PT)
    for row, fill in zip(table.rows[1:], fills, strict=True):
        if fill:
            shade(row.cells[-1], fill)


# ---- stories ---------------------------------------------------------------------------------
def _metric_spans(report: StoryReport | None, section: str) -> list[tuple[int, int]]:
    if report is None:
        return []
    return [(m.start, m.end) for m in report.metrics if m.section == section]


def _length_line(ctx: Context, story: StoryRecord) -> str:
    band = replace(LengthBand.from_settings(ctx.data.settings), pace_source=ctx.data.pace_source)
    words = story_words(story)
    verdict = length_verdict(words, band)
    pace = f"{band.pace_wpm:g} words per minute"
    if band.pace_source == "measured":
        pace += " (your measured pace)"
    said = "" if verdict.kind is Length.EMPTY else f"; {verdict.sentence()}"
    return f"about {format_seconds(verdict.seconds)} for {words} words at {pace}{said}"


def rubric_line(rubric: Any) -> str:
    """ "74/100: structure 20/20, ownership 12/20, ..." (the same rubric the app and the CLI show)."""
    parts = ", ".join(f"{d.name.lower()} {d.points}/{d.maximum}" for d in rubric.dimensions)
    return f"{rubric.total}/{rubric.maximum}: {parts}"


def rehearsal_line(figures: RehearsalFigures | None, default_target: int) -> str:
    if figures is None or not figures.runs:
        return "Not rehearsed yet."
    target = figures.target_seconds or default_target
    runs = "1 run" if figures.runs == 1 else f"{figures.runs} runs"
    parts = [runs, f"last {format_seconds(figures.last_seconds)}", f"best {format_seconds(figures.best_seconds)}"]
    if figures.average_seconds is not None:
        diff = figures.average_seconds - target
        side = "over" if diff > 0 else "under"
        parts.append(f"average {format_seconds(figures.average_seconds)} against a {format_seconds(target)} target "
                     f"({format_seconds(abs(diff))} {side})")
    return ", ".join(parts) + "."


def _write_findings(ctx: Context, report: StoryReport | None) -> None:
    ctx.heading("Open findings", level=2)
    if report is None:
        ctx.para("The checks did not run for this story.")
        return
    ordered = sorted(report.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.section, f.start))
    findings = [f for f in ordered if f.severity != "info"]
    minor = len(ordered) - len(findings)
    if not findings:
        ctx.para("None that matter: " + (f"{minor} minor notes in the app." if minor else "the checks found nothing."))
        return
    for finding in findings[:MAX_FINDINGS]:
        paragraph = ctx.add(style="List Bullet")
        where = SECTION_TITLES.get(finding.section, finding.section.title())
        add_run(paragraph, f"{where} ({finding.severity}): ", bold=True)
        add_run(paragraph, clean(finding.message))
        if finding.suggestion:
            paragraph.add_run(clean(f" {finding.suggestion}")).italic = True
    more = len(findings) - min(len(findings), MAX_FINDINGS)
    if more or minor:
        ctx.para(f"The app lists {more + minor} more ({minor} of them minor).")


def write_story(ctx: Context, story: StoryRecord, index: int) -> None:
    report = ctx.reports.get(index)
    ctx.heading(_title(story))
    ctx.labelled("Competencies", ctx.names(story.competencies) or "none chosen yet")
    if story.tags:
        ctx.labelled("Tags", ", ".join(story.tags))
    ctx.labelled("Spoken length", _length_line(ctx, story))
    if report is not None and getattr(report, "rubric", None) is not None:
        ctx.labelled("Readiness", rubric_line(report.rubric))
    if story.questions:
        ctx.labelled("Answers", "")
        for question in story.questions:
            ctx.para(question.text + (f" ({question.note})" if question.note.strip() else ""), style="List Bullet")
    for section in SECTIONS:
        ctx.heading(SECTION_TITLES[section], level=2)
        text = story.section_text(section)
        if not add_text_block(ctx.document, text, _metric_spans(report, section)):
            ctx.para("(empty)").runs[0].italic = True
    for section in ("reflection", "short_version"):
        text = str(getattr(story, section) or "")
        if text.strip():
            ctx.heading(SECTION_TITLES[section], level=2)
            add_text_block(ctx.document, text)
    if story.cue_cards:
        ctx.heading("Cue cards", level=2)
        for card in story.cue_cards:
            ctx.para(card, style="List Bullet")
    _write_findings(ctx, report)
    ctx.heading("Rehearsals", level=2)
    ctx.para(rehearsal_line(ctx.data.rehearsals.get(story.id or -1), ctx.data.settings.target_seconds))


def write_stories(ctx: Context) -> None:
    if not ctx.data.stories:
        ctx.heading("Stories")
        ctx.para("There are no stories to show yet.")
        return
    for index, story in enumerate(ctx.data.stories):
        write_story(ctx, story, index)
        ctx.step()


# ---- questions to ask and cheat sheet --------------------------------------------------------
def write_ask(ctx: Context) -> None:
    ctx.heading(PART_TITLES["ask"])
    asks = [q for q in (ctx.data.target.questions_to_ask if ctx.data.target else []) if q.strip()]
    for number, question in enumerate(asks, start=1):
        ctx.para(f"{number}.\t{question}", style="List")
    if len(asks) < 3:
        ctx.para("Prepare three to five questions: about the team's next challenge, how success in the role "
                 "is judged, and what the interviewer enjoys about the work.")


def _key_numbers(report: StoryReport | None) -> str:
    if report is None:
        return "-"
    ordered = sorted(report.metrics, key=lambda m: (m.section != "result", SECTIONS.index(m.section)
                                                    if m.section in SECTIONS else 9, m.start))
    seen: list[str] = []
    for metric in ordered:
        text = metric.text.strip()
        if text and text.casefold() not in {s.casefold() for s in seen}:
            seen.append(text)
    return ", ".join(seen[:5]) or "-"


def write_cheat(ctx: Context) -> None:
    ctx.heading(PART_TITLES["cheat"])
    rows = []
    for index, story in enumerate(ctx.data.stories):
        anchors = " \u00b7 ".join(c.strip() for c in story.cue_cards if c.strip()) or "-"
        rows.append([_title(story), anchors, _key_numbers(ctx.reports.get(index))])
    if not rows:
        ctx.para("There are no stories to show yet.")
        return
    table = grid_table(ctx.document, ["Story", "Anchors", "Key numbers"], rows, widths=[4.6, 8.0, 4.0], font_pt=8.5)
    for row in table.rows[1:]:
        row.cells[0].paragraphs[0].runs[0].bold = True
    note = ctx.para("Tip: glance at the anchors, not the full text, in the last hour.")
    note.runs[0].font.size = Pt(8)
    note.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)


WRITERS: dict[str, Callable[[Context], None]] = {
    "cover": write_cover,
    "contents": write_contents,
    "plan": write_plan,
    "map": write_map,
    "grid": write_grid,
    "stories": write_stories,
    "ask": write_ask,
    "cheat": write_cheat,
}

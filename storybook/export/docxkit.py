"""Export: small python-docx helpers (fields, page setup, tables, bold spans, right-to-left text).

Every string reaches the document through :func:`clean`, so XML-invalid characters never get in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Inches, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from storybook.export.files import sanitize_text

GRID_STYLE = "Table Grid"
PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Inches(8.5), Inches(11))}
_RTL_CLASSES = {"R", "AL"}
_RUN_BREAKS = frozenset("\t\n\r")
_LTR_CLASSES = {"L"}


def clean(value: object) -> str:
    return sanitize_text(value)


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Hebrew, Arabic, ...)."""
    for ch in text[:2000]:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            return True
        if kind in _LTR_CLASSES:
            return False
    return False


def set_bidi(paragraph: Paragraph) -> None:
    """Mark a paragraph as right-to-left so Word and LibreOffice lay it out from the right."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert(0, OxmlElement("w:bidi"))


def setup_page(section: Section, page_size: str) -> None:
    width, height = PAGE_SIZES.get(page_size, PAGE_SIZES["A4"])
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """Append a Word field (PAGE, NUMPAGES, TOC ...) showing ``placeholder`` until fields update."""
    def fld_char(kind: str) -> OxmlElement:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(clean(placeholder))
    paragraph.add_run()._r.append(fld_char("end"))


def page_number_footer(section: Section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES", "1")


def header_text(section: Section, text: str) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(clean(text))
    run.italic = True
    run.font.size = Pt(9)


def add_run(paragraph: Paragraph, text: str = "", bold: bool = False) -> Run:
    """``paragraph.add_run(text)`` with the same XML, without python-docx's character-by-character text setter.

    Text holding tabs or line breaks goes the usual way (they become ``w:tab`` / ``w:br`` elements).
    """
    if _RUN_BREAKS.isdisjoint(text):
        r = paragraph._p.add_r()
        if text:
            r.add_t(text)
        run = Run(r, paragraph)
    else:
        run = paragraph.add_run(text)
    if bold:
        run.bold = True
    return run


def add_spans(paragraph: Paragraph, text: str, spans: Sequence[tuple[int, int]] = ()) -> None:
    """Add ``text`` as runs, with the characters inside ``spans`` (offsets into ``text``) in bold.

    Spans are applied before cleaning so offsets computed on the raw text stay right.
    """
    pos = 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            add_run(paragraph, clean(text[pos:start]))
        add_run(paragraph, clean(text[start:end]), bold=True)
        pos = end
    if pos < len(text) or not text:
        add_run(paragraph, clean(text[pos:]))


def add_text_block(container: object, text: str, spans: Sequence[tuple[int, int]] = (),
                   style_id: str | None = None) -> list[Paragraph]:
    """Add multi-line text: one paragraph per non-empty line, bold spans kept across lines."""
    paragraphs = []
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        line = line.rstrip("\r")
        if not line.strip():
            continue
        local = [(s - line_start, e - line_start) for s, e in spans if e > line_start and s < line_start + len(line)]
        paragraph = container.add_paragraph()
        if style_id and style_id != "Normal":
            paragraph._p.style = style_id
        add_spans(paragraph, line, local)
        if is_rtl(line):
            set_bidi(paragraph)
        paragraphs.append(paragraph)
    return paragraphs


def cells(table: Table) -> list[list[_Cell]]:
    """The table's cells row by row, in one pass (python-docx's own accessors rescan the grid)."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _row_flags(table: Table) -> None:
    """Repeat the header row on every page and keep each row on one page."""
    for index, tr in enumerate(table._tbl.tr_lst):
        tr_pr = tr.get_or_add_trPr()
        for tag in ("w:cantSplit", "w:tblHeader") if index == 0 else ("w:cantSplit",):
            el = OxmlElement(tag)
            el.set(qn("w:val"), "true")
            tr_pr.append(el)


def _fixed_widths(table: Table, widths: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)


def grid_table(document: DocumentType, header: Sequence[str], rows: Sequence[Sequence[str]],
               widths: Sequence[float] | None = None, font_pt: float | None = None) -> Table:
    """A table in the built-in grid style with a bold, repeating header row; returns it for shading."""
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = document.styles[GRID_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = cells(table)
    for row_cells, values in zip(grid, [list(header), *rows], strict=True):
        for col, (cell, value) in enumerate(zip(row_cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(clean(value))
            if row_cells is grid[0]:
                run.bold = True
            if font_pt:
                run.font.size = Pt(font_pt)
            if is_rtl(str(value)):
                set_bidi(paragraph)
            if widths:
                cell.width = Cm(widths[col])
    if widths:
        _fixed_widths(table, widths)
    _row_flags(table)
    for cell in grid[0]:
        shade(cell, "D9E2F3")
    return table

"""GUI: the export dialog's "Also write a PDF" option (LibreOffice converts the DOCX)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox

from storybook.export.files import ExportError
from storybook.export.office import NO_OFFICE, convert_to_pdf, find_soffice


def pdf_checkbox() -> QCheckBox:
    """Checked off; disabled, saying why, when LibreOffice is not installed."""
    check = QCheckBox("Also write a &PDF beside the DOCX")
    check.setAccessibleName("Also write a PDF")
    if find_soffice() is None:
        check.setEnabled(False)
        check.setToolTip(NO_OFFICE)
        check.setText("Also write a PDF (needs LibreOffice, which is not installed)")
    else:
        check.setToolTip("LibreOffice converts the finished DOCX; this adds a few seconds.")
    return check


def with_pdf(docx_path: Path, wanted: bool) -> Path:
    """The PDF's path when one was asked for and written, else the DOCX's; a failed conversion says the DOCX is there."""
    if not wanted:
        return docx_path
    try:
        return convert_to_pdf(docx_path)
    except ExportError as exc:
        raise ExportError(f"The DOCX was written to {docx_path}, but not the PDF: {exc}") from exc

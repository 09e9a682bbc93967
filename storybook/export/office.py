"""Export: what an office suite needs around a DOCX: ask Word to fill in fields on open; convert to PDF with LibreOffice.

The conversion runs LibreOffice headless with a profile of its own in a temporary folder, so it works
while the user has LibreOffice open, and moves the finished PDF into place in one step.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from storybook.export.files import ExportError

log = logging.getLogger(__name__)
SOFFICE_NAMES = ("soffice", "libreoffice")
CONVERT_TIMEOUT = 240
NO_OFFICE = ("LibreOffice is not installed, so no PDF was written. Install it (on Debian or Ubuntu: "
             "sudo apt-get install libreoffice-writer) or open the DOCX and save it as PDF.")
# w:settings children that come after w:updateFields in the schema's order
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


class PdfUnavailableError(ExportError):
    """Export: no LibreOffice to convert with."""


class PdfConversionError(ExportError):
    """Export: LibreOffice ran but did not produce the PDF."""


def request_field_update(document: Any) -> None:
    """Set ``w:updateFields`` so Word fills in the contents page and page counts when the file opens."""
    settings = document.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = OxmlElement("w:updateFields")
        later = next((child for child in settings if child.tag in {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}),
                     None)
        if later is not None:
            later.addprevious(existing)
        else:
            settings.append(existing)
    existing.set(qn("w:val"), "true")


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_path_for(docx_path: Path) -> Path:
    return docx_path.with_suffix(".pdf")


def convert_to_pdf(docx_path: Path, pdf_path: Path | None = None, soffice: str | None = None,
                   timeout: float = CONVERT_TIMEOUT) -> Path:
    """Write ``docx_path`` as PDF (beside it by default); raise PdfUnavailableError or PdfConversionError."""
    program = soffice or find_soffice()
    if program is None:
        raise PdfUnavailableError(NO_OFFICE)
    target = pdf_path or pdf_path_for(docx_path)
    with tempfile.TemporaryDirectory(prefix="storybook-pdf-", dir=target.parent) as tmp:
        work = Path(tmp)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(docx_path)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise PdfConversionError(f"LibreOffice took longer than {timeout:.0f} s to write the PDF") from exc
        except OSError as exc:
            raise PdfUnavailableError(f"LibreOffice could not be started ({exc})") from exc
        produced = work / f"{docx_path.stem}.pdf"
        if not produced.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise PdfConversionError(f"LibreOffice did not write the PDF ({detail[0][:200]})")
        os.replace(produced, target)
    log.info("Wrote PDF %s", target)
    return target

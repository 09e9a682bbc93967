"""Export: word/document.xml of a small fixed dossier matches the stored reference.

The reference is tests/export/data/dossier_document.xml. After a deliberate change to the dossier's
layout, regenerate it with ``STORYBOOK_REGEN_REFERENCE=1 pytest tests/export/test_reference.py`` and
look at the diff before committing.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from storybook.export.dossier import DossierData, build_dossier

REFERENCE = Path(__file__).parent / "data" / "dossier_document.xml"
_TIMESTAMPS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")


def _normalised(xml: str) -> str:
    xml = _TIMESTAMPS.sub("<timestamp>", xml)
    return re.sub(r">\s*<", ">\n<", xml).strip() + "\n"


def test_document_xml_matches_the_reference(data: DossierData, tmp_path: Path) -> None:
    path = build_dossier(data, tmp_path / "d.docx", checks=False)
    with zipfile.ZipFile(path) as archive:
        xml = _normalised(archive.read("word/document.xml").decode("utf-8"))
    if os.environ.get("STORYBOOK_REGEN_REFERENCE") == "1":
        REFERENCE.write_text(xml, encoding="utf-8")
    expected = REFERENCE.read_text(encoding="utf-8")
    assert xml == expected, "word/document.xml changed; regenerate the reference only if the change is deliberate"
    # the same data a second time gives the same bytes for the body
    again = build_dossier(data, tmp_path / "e.docx", checks=False)
    with zipfile.ZipFile(again) as archive:
        assert _normalised(archive.read("word/document.xml").decode("utf-8")) == xml

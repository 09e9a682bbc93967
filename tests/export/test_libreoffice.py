"""Export: LibreOffice opens the dossier and renders every story (skipped where soffice is missing)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.export.dossier import build_dossier

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext is not installed")
@pytest.mark.timeout(240)
def test_libreoffice_renders_every_story(sample_bank: StoryBank, tmp_path: Path) -> None:
    target = sample_bank.targets.create("Northwind", "Data Scientist", interview_at="2031-05-06 09:30",
                                        questions=[1, 2, "Why do you want this job?"],
                                        competencies={"leadership": 5, "data-driven": 4},
                                        questions_to_ask=["What is the team's next big problem?"])
    data = sample_bank.targets.dossier_data(target.id)
    docx_path = build_dossier(data, tmp_path / "dossier.docx", checks=False)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=200)
    pdf = tmp_path / "dossier.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = " ".join(text.split())
    for story in data.stories:
        assert " ".join(story.title.split()) in flat, story.title
    for part in ("Contents", "Plan for the last week", "Competency coverage", "Cheat sheet"):
        assert part in flat
    assert "Northwind \u2014 Data Scientist" in flat  # the page header
    pages = text.count("\f")
    assert pages >= len(data.stories) + 4  # cover, contents, plan, map/grid, then a page or more per story
    assert f"Page 2 of {pages}" in flat  # the footer's fields are filled in
    words = set(re.findall(r"[\w-]+", text))
    for header in ("Competency", "Weight", "Stories", "Count", "Coverage", "Question", "Anchors"):
        assert header in words, f"the table header {header!r} is broken over lines"

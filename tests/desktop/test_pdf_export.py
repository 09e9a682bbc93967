"""The dossier as PDF (LibreOffice) and a DOCX that asks Word to update its fields."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.cli import main
from storybook.export.office import PdfConversionError, PdfUnavailableError, convert_to_pdf

FAKE_SOFFICE = """#!/bin/sh
# stands in for LibreOffice: writes <outdir>/<stem>.pdf like --convert-to pdf does
out=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; shift; fi
  last="$1"; shift
done
stem=${last##*/}; stem=${stem%.docx}
printf '%%PDF-1.4 fake\\n' > "$out/$stem.pdf"
"""


def _fake(tmp_path: Path, body: str) -> str:
    path = tmp_path / "bin" / "soffice"
    path.parent.mkdir(exist_ok=True)
    path.write_text(body)
    path.chmod(0o755)
    return str(path)


def test_dossier_docx_asks_word_to_update_fields(sample_bank: StoryBank, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    assert main(["--db", str(sample_bank.path), "dossier", "--no-checks", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings
    # the schema's order: updateFields comes before compat
    assert settings.index("w:updateFields") < settings.index("<w:compat")


def test_pdf_without_libreoffice_says_so_and_keeps_the_docx(sample_bank: StoryBank, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "d.docx"
    assert main(["--db", str(sample_bank.path), "dossier", "--no-checks", "--pdf", "--out", str(out)]) == 3
    assert "LibreOffice is not installed" in capsys.readouterr().err
    assert out.is_file()
    assert not out.with_suffix(".pdf").exists()


def test_pdf_with_a_stand_in_office(sample_bank: StoryBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _fake(tmp_path, FAKE_SOFFICE)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out" / "d.docx"
    out.parent.mkdir()
    assert main(["--db", str(sample_bank.path), "dossier", "--no-checks", "--pdf", "--out", str(out)]) == 0
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert f"Wrote {out.with_suffix('.pdf')}." in capsys.readouterr().out
    assert sorted(p.name for p in out.parent.iterdir()) == ["d.docx", "d.pdf"]  # no temporary folder left


def test_conversion_failure_is_reported(tmp_path: Path) -> None:
    broken = _fake(tmp_path, "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    docx_path = tmp_path / "x.docx"
    docx_path.write_bytes(b"not really")
    with pytest.raises(PdfConversionError, match="source file could not be loaded"):
        convert_to_pdf(docx_path, soffice=broken)
    monkeypatch_path = tmp_path / "nothing"
    with pytest.raises(PdfUnavailableError):
        convert_to_pdf(docx_path, soffice=str(monkeypatch_path))


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_real_libreoffice_writes_the_pdf(sample_bank: StoryBank, tmp_path: Path) -> None:
    out = tmp_path / "dossier.docx"
    assert main(["--db", str(sample_bank.path), "dossier", "--no-checks", "--pdf", "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert sample_bank.stories.list()[0].title.split()[0] in flat
    assert "Contents" in flat

"""GUI: the export dialog's PDF checkbox, and the export worker writing the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.export.dossier import DossierOptions
from storybook.gui.targets import pdf_option
from storybook.gui.targets.export_dialog import ExportDossierDialog, write_dossier
from storybook.gui.workers import Job

FAKE_SOFFICE = """#!/bin/sh
out=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; shift; fi
  last="$1"; shift
done
stem=${last##*/}; stem=${stem%.docx}
printf '%%PDF-1.4 fake\\n' > "$out/$stem.pdf"
"""


def test_checkbox_says_when_libreoffice_is_missing(qtbot, bank: StoryBank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_option, "find_soffice", lambda: None)
    dialog = ExportDossierDialog(bank)
    qtbot.addWidget(dialog)
    assert not dialog.check_pdf.isEnabled()
    assert "not installed" in dialog.check_pdf.text()
    assert "apt-get install libreoffice-writer" in dialog.check_pdf.toolTip()
    assert dialog.options().pdf is False


def test_checked_box_makes_the_worker_write_a_pdf(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(FAKE_SOFFICE)
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    dialog = ExportDossierDialog(sample_bank)
    qtbot.addWidget(dialog)
    assert dialog.check_pdf.isEnabled()
    dialog.check_pdf.setChecked(True)
    assert dialog.options().pdf is True
    options = DossierOptions(path=tmp_path / "d.docx", run_checks=False, pdf=True)
    job = Job(write_dossier, sample_bank.targets.dossier_data(None), options, control=True)
    with qtbot.waitSignal(job.signals.done, timeout=60000) as done:
        job.run()
    assert done.args == [job.request_id, str(tmp_path / "d.pdf")]
    assert (tmp_path / "d.docx").is_file()

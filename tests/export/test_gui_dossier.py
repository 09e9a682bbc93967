"""GUI: the Export dossier dialog and run, the targets view, and File → Import / Export."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from storybook.bank import StoryBank
from storybook.export.dossier import DossierOptions
from storybook.gui.targets.export_dialog import (
    DossierExportJob,
    ExportDossierDialog,
    export_dossier,
    offer_open,
    write_dossier,
)
from storybook.gui.targets.targets_panel import TargetsPanel, target_question_sets
from storybook.gui.targets.transfer_actions import ImportPreviewDialog, build_transfer_actions
from storybook.gui.workers import Job, WorkerPool


@pytest.fixture
def pool() -> QThreadPool:
    pool = WorkerPool()
    yield pool
    pool.waitForDone(60_000)


def test_dialog_returns_the_chosen_options(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = sample_bank.targets.create("Northwind", "Analyst", interview_at="2031-01-02 10:00")

    def fake_exec(dialog: ExportDossierDialog) -> int:
        assert dialog.combo_target.count() == 2
        assert "dossier-all-stories-" in dialog.edit_path.text()
        dialog.combo_target.setCurrentIndex(1)
        assert "dossier-northwind-analyst-" in dialog.edit_path.text()
        dialog.part_checks["cheat"].setChecked(False)
        dialog.check_checks.setChecked(False)
        dialog.edit_path.setText(str(tmp_path / "out" / "mine.docx"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDossierDialog, "exec", fake_exec)
    options, accepted = ExportDossierDialog.get_options(None, sample_bank)
    assert accepted
    assert options.target_id == target.id
    assert "cheat" not in options.parts
    assert "stories" in options.parts
    assert options.path == tmp_path / "out" / "mine.docx"
    assert not options.run_checks
    assert (tmp_path / "out").is_dir()


def test_dialog_refuses_bad_choices_with_a_message(qtbot, bank: StoryBank, tmp_path: Path) -> None:
    dialog = ExportDossierDialog(bank)
    qtbot.addWidget(dialog)
    for check in dialog.part_checks.values():
        check.setChecked(False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.label_error.text() == "Choose at least one part."
    dialog.part_checks["cover"].setChecked(True)
    dialog.edit_path.setText(str(tmp_path / "dossier.pdf"))
    dialog.accept()
    assert "should end in .docx" in dialog.label_error.text()


def test_export_job_writes_the_file_and_reports_progress(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                                         pool: QThreadPool) -> None:
    data = sample_bank.targets.dossier_data(None)
    options = DossierOptions(path=tmp_path / "d.docx", run_checks=False)
    job = DossierExportJob(None, data, options, pool, ask_open=False)
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [str(tmp_path / "d.docx")]
    assert job.progress.maximum() > len(data.stories)
    titles = {p.text for p in docx.Document(str(tmp_path / "d.docx")).paragraphs}
    assert all(s.title in titles for s in data.stories)


def test_a_cancelled_or_failed_export_leaves_no_file(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, pool: QThreadPool) -> None:
    data = sample_bank.targets.dossier_data(None)
    out = tmp_path / "out"
    out.mkdir()
    job = Job(write_dossier, data, DossierOptions(path=out / "d.docx", run_checks=False), control=True)
    job.cancel()
    with qtbot.waitSignal(job.signals.cancelled, timeout=10_000):
        job.run()
    assert list(out.iterdir()) == []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    job = DossierExportJob(None, data, DossierOptions(path=tmp_path / "no" / "d.docx", run_checks=False), pool)
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [""]
    assert warnings
    assert "does not exist" in warnings[0]


def test_file_export_dossier_flow_and_open_offer(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, pool: QThreadPool) -> None:
    out = tmp_path / "flow.docx"
    monkeypatch.setattr(ExportDossierDialog, "get_options",
                        classmethod(lambda cls, parent, bank, preselect=None: (
                            DossierOptions(path=out, parts=("cover", "stories"), run_checks=False), True)))
    opened: list[str] = []
    monkeypatch.setattr("storybook.gui.targets.export_dialog.offer_open", lambda parent, path: opened.append(path))
    job = export_dossier(None, sample_bank, pool)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert out.is_file()
    assert opened == [str(out)]
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)

    def click(button_text: str):  # noqa: ANN202
        def fake_exec(box: QMessageBox) -> int:
            box.clickedButton = lambda: next(b for b in box.buttons() if b.text() == button_text)
            return 0
        return fake_exec

    monkeypatch.setattr(QMessageBox, "exec", click("Show in folder"))
    assert offer_open(None, str(out)) == "folder"
    monkeypatch.setattr(QMessageBox, "exec", click("Open"))
    assert offer_open(None, str(out)) == "open"
    assert urls == [str(tmp_path), str(out)]


def test_targets_panel_edits_and_saves(qtbot, sample_bank: StoryBank) -> None:
    panel = TargetsPanel(sample_bank, now=lambda: datetime(2031, 1, 1, 12))
    qtbot.addWidget(panel)
    assert panel.stack.currentIndex() == 0  # the empty state
    panel.new_target()
    assert panel.list_targets.count() == 1
    editor = panel.editor
    qtbot.keyClicks(editor.edit_company, "Northwind")
    editor.check_date.setChecked(True)
    editor.edit_date.setDateTime(datetime(2031, 1, 6, 9, 30))
    editor.combo_question.setEditText("Why do you want to work with us?")
    editor.add_question()
    editor.combo_question.setEditText(sample_bank.questions.get(1).text)
    editor.add_question()
    editor.table_competencies.item(0, 0).setCheckState(editor.table_competencies.item(0, 0).checkState().Checked)
    editor.table_competencies.cellWidget(0, 1).setValue(5)
    editor.list_stories.item(0).setCheckState(editor.list_stories.item(0).checkState().Checked)
    qtbot.keyClicks(editor.edits_ask[0], "What is the team's next big problem?")
    with qtbot.waitSignal(panel.targetsChanged, timeout=5000):
        pass
    assert panel.label_error.text() == ""
    target = sample_bank.targets.list()[0]
    assert target.company == "Northwind"
    assert target.interview_at == datetime(2031, 1, 6, 9, 30)
    assert {q.text for q in target.questions} == {"Why do you want to work with us?",
                                                  sample_bank.questions.get(1).text}
    assert not next(q for q in target.questions if q.id != 1).builtin  # the typed one became your own
    assert list(target.competencies.values()) == [5]
    assert len(target.story_ids) == 1
    assert target.questions_to_ask == ["What is the team's next big problem?"]
    assert "5 days to go" in panel.list_targets.item(0).text()
    assert editor.label_countdown.text() == "5 days to go"
    assert target_question_sets(sample_bank) == [(target.name, {q.id for q in target.questions})]


def test_targets_panel_shows_bad_input_and_deletes(qtbot, sample_bank: StoryBank,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    sample_bank.targets.create("Acme", "Engineer")
    panel = TargetsPanel(sample_bank)
    qtbot.addWidget(panel)
    panel.editor.edit_company.clear()
    panel.editor.edit_role.clear()
    panel.editor.changed.emit()
    assert not panel.save()
    assert "company or a role" in panel.label_error.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.delete_current()
    assert sample_bank.targets.list() == []
    assert panel.stack.currentIndex() == 0


def test_transfer_actions_export_and_import(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    changed: list[bool] = []
    actions = build_transfer_actions(None, sample_bank, on_changed=lambda: changed.append(True))
    assert len(actions) == 4
    path = tmp_path / "bank.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    next(a for a in actions if a.text().startswith("Export bank")).trigger()
    assert path.is_file()
    with StoryBank.open(tmp_path / "other.sqlite") as other:
        other_actions = build_transfer_actions(None, other, on_changed=lambda: changed.append(True))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        previews = []
        monkeypatch.setattr(ImportPreviewDialog, "ask",
                            classmethod(lambda cls, parent, report: (previews.append(report), ("import", True))[1]))
        next(a for a in other_actions if a.text().startswith("Import bank")).trigger()
        assert previews[0].dry_run
        assert len(other.stories.list()) == len(sample_bank.stories.list())
        assert changed == [True]


def test_import_preview_buttons(qtbot, bank: StoryBank) -> None:
    from storybook.bank.transfer import ImportReport

    dialog = ImportPreviewDialog(ImportReport(dry_run=True, skipped=["Old story"]))
    qtbot.addWidget(dialog)
    assert "Old story" in dialog.text_report.toPlainText()
    assert not dialog.btn_import.isEnabled()
    assert not dialog.btn_replace.isHidden()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_is_refused_in_the_dialog(qtbot, bank: StoryBank, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    dialog = ExportDossierDialog(bank)
    qtbot.addWidget(dialog)
    dialog.edit_path.setText(str(locked / "d.docx"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.label_error.text() == f"The folder {locked} cannot be written to."
    dialog.edit_path.setText(str(locked / "sub" / "d.docx"))
    dialog.accept()
    assert dialog.label_error.text().startswith(f"Cannot create the folder {locked / 'sub'}")
    assert list(locked.iterdir()) == []


def test_a_refused_write_shows_one_error_and_keeps_the_old_file(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                pool: QThreadPool) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "d.docx"
    out.write_bytes(b"the old dossier")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("storybook.export.files.os.replace", refuse)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    opened: list[str] = []
    monkeypatch.setattr("storybook.gui.targets.export_dialog.offer_open", lambda parent, path: opened.append(path))
    data = sample_bank.targets.dossier_data(None)
    job = DossierExportJob(None, data, DossierOptions(path=out, run_checks=False), pool)
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [""]
    assert warnings == [f"Cannot write {out}: Permission denied"]
    assert not opened
    assert out.read_bytes() == b"the old dossier"
    assert sorted(p.name for p in folder.iterdir()) == ["d.docx"]


def test_export_job_uses_the_stored_reports(qtbot, sample_bank: StoryBank, tmp_path: Path,
                                            pool: QThreadPool) -> None:
    """Stories whose stored report is current are not checked again: their findings come from the bank."""
    from storybook.analysis import EngineCache
    from storybook.model.values import Finding, StoryReport

    data = sample_bank.targets.dossier_data(None)
    engines = EngineCache()
    info = engines.info()
    note = "A finding only the stored report has."
    reports = [(s, StoryReport(engine=info, words={"total": 1}, spoken_seconds=1.0, quantified=False, metrics=[],
                               i_we={"i": 1, "we": 0}, findings=[Finding("hedge", "warning", "action", 0, 1, note)],
                               score=55, title=s.title, story_id=s.id)) for s in data.stories]
    sample_bank.reports.put(reports, data.settings, info)
    options = DossierOptions(path=tmp_path / "d.docx", run_checks=True)
    job = DossierExportJob(None, data, options, pool, ask_open=False, engines=engines, bank=sample_bank)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    text = [p.text for p in docx.Document(str(tmp_path / "d.docx")).paragraphs]
    assert sum(note in line for line in text) == len(data.stories)
    assert engines.peek() is None  # nothing was stale, so the language engine was never loaded

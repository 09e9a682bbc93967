"""GUI: the dossier export and the practise-next ranking reuse the app context's spaCy engine."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QDialog, QMessageBox

from storybook.analysis import Engine, EngineCache
from storybook.bank import StoryBank
from storybook.export.dossier import DossierOptions
from storybook.gui.context import AppContext


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path: Path, sample_bank: StoryBank, basic_engine: Engine):  # noqa: ANN201
    from storybook.gui.main_window import MainWindow

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    # the context's cache is the only way to an engine; any other load is counted as a second pipeline
    loads: list[str] = []
    monkeypatch.setattr("storybook.analysis.nlp.load_engine", lambda prefer=None: loads.append("extra") or basic_engine)
    engines = EngineCache(loader=lambda prefer: loads.append("context") or basic_engine)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=sample_bank, ui_settings=settings, pool=QThreadPool(),
                     features=frozenset({"analysis", "dossier", "rehearsal"}), engines=engines)
    win = MainWindow(ctx)
    win.loads = loads
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.checks.shutdown()
    ctx.pool.waitForDone(20000)


def test_a_gui_dossier_export_checks_stories_with_the_context_engine(qtbot, window, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from storybook.gui.targets.export_dialog import ExportDossierDialog

    out = tmp_path / "dossier.docx"
    monkeypatch.setattr(ExportDossierDialog, "get_options", classmethod(
        lambda cls, parent, bank, preselect=None: (DossierOptions(path=out, parts=("stories",)), True)))
    monkeypatch.setattr("storybook.gui.targets.export_dialog.offer_open", lambda parent, path: "close")
    window.actions["export_dossier"].trigger()
    (job,) = window.targets.jobs
    qtbot.waitUntil(lambda: bool(job.result_path or job.error), timeout=120_000)
    assert job.result_path == str(out), job.error
    assert window.loads == ["context"]  # one pipeline for the whole app, none for the export
    bold = {run.text for p in docx.Document(str(out)).paragraphs for run in p.runs if run.bold}
    assert "two data scientists" in bold  # the checks ran: measures are in bold, counts with their noun


def test_practise_next_ranks_with_the_context_engine(qtbot, window) -> None:
    history = window.rehearsal.history()
    qtbot.addWidget(history)
    history.tabs.setCurrentIndex(1)  # Practise next
    qtbot.waitUntil(lambda: "analysis score" in history.label_practise.text(), timeout=60_000)
    assert history.practise_model.rowCount() > 0
    history.refresh_practise()
    qtbot.waitUntil(lambda: "analysis score" in history.label_practise.text(), timeout=60_000)
    assert window.loads == ["context"]
    assert history.engines is window.ctx.engines

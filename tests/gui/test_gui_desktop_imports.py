"""GUI: import stories from CSV (mapping step with preview) and Word; install the English model."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from storybook.bank import StoryBank
from storybook.gui import desktop_link
from storybook.gui.dialogs.import_csv_dialog import CsvImportDialog
from storybook.gui.dialogs.model_setup_dialog import ModelSetupDialog

CSV = ("Name,Context,What I did,Outcome,Owner\n"
       "Saved the launch,Release was late,I split the work,Shipped 2 days early,Ann\n"
       "Calmed a customer,Angry customer,I listened first,Renewed for 2 years,Bo\n")


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: messages.append(text))
    return messages


def test_menus_offer_the_importers_and_the_model(make_window, bank: StoryBank) -> None:
    win = make_window(bank)
    file_texts = [a.text() for a in win.menu_file.actions()]
    assert "Import stories from &CSV…" in file_texts
    assert "Import stories from &Word…" in file_texts
    assert win.actions["install_model"] in win.menu_tools.actions()


def test_csv_mapping_step_previews_and_imports(make_window, bank: StoryBank, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, told: list[str]) -> None:
    path = tmp_path / "notion.csv"
    path.write_text(CSV, encoding="utf-8")
    bank.stories.create(title="Calmed a customer", action="already here")
    win = make_window(bank)
    seen: dict[str, object] = {}

    def answer(dialog: CsvImportDialog) -> int:
        seen["guess"] = dialog.mapping()
        seen["rows"] = dialog.table_preview.rowCount()
        seen["first"] = dialog.table_preview.item(0, 0).text()
        seen["summary"] = dialog.label_summary.text()
        owner = dialog.combos["Owner"]
        owner.setCurrentIndex(owner.findData("tags"))  # the user maps one more column
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CsvImportDialog, "exec", answer)
    reports = win.desktop_actions.import_csv(str(path))
    assert seen["guess"] == {"Name": "title", "Context": "situation", "What I did": "action",
                             "Outcome": "result", "Owner": "ignore"}
    assert seen["rows"] == 2
    assert seen["first"] == "Saved the launch"
    assert seen["summary"].startswith("1 new, 1 already in the bank")
    assert reports[0].report.added == ["Saved the launch"]
    assert reports[0].report.skipped == ["Calmed a customer"]
    launch = next(s for s in bank.stories.list() if s.title == "Saved the launch")
    assert launch.tags == ["Ann"]
    assert "Added 1 story" in told[-1]


def test_csv_mapping_without_star_column_cannot_import(qtbot) -> None:
    def preview(mapping: dict[str, str]):
        if "action" not in mapping.values():
            raise ValueError("no column holds a Situation, Task, Action or Result")
        return [{"title": "x", "action": "y"}], "1 new"

    dialog = CsvImportDialog(["A", "B"], "f.csv", {"A": "title", "B": "ignore"}, preview)
    qtbot.addWidget(dialog)
    assert not dialog.btn_import.isEnabled()
    assert "no column holds" in dialog.label_summary.text()
    dialog.combos["B"].setCurrentIndex(dialog.combos["B"].findData("action"))
    assert dialog.btn_import.isEnabled()
    assert dialog.table_preview.rowCount() == 1


def test_word_import_previews_then_imports(make_window, bank: StoryBank, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, told: list[str]) -> None:
    document = docx.Document()
    document.add_heading("Fixed the build", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Action:").bold = True
    paragraph.add_run(" I bisected the failures.")
    document.save(tmp_path / "build.docx")
    win = make_window(bank)
    previews: list[str] = []

    def click_import(box: QMessageBox) -> int:
        previews.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "Import").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_import)
    reports = win.desktop_actions.import_docx([str(tmp_path / "build.docx")])
    assert "Would add 1 story" in previews[0]
    assert reports[0].report.added == ["Fixed the build"]
    assert bank.stories.list()[0].action == "I bisected the failures."


def test_model_dialog_shows_progress_and_result(qtbot) -> None:
    ok = ModelSetupDialog([sys.executable, "-c", "print('step one'); print('step two')"])
    qtbot.addWidget(ok)
    ok.start()
    qtbot.waitUntil(lambda: ok.succeeded is not None, timeout=20000)
    assert ok.succeeded
    assert ok.text_output.toPlainText().splitlines() == ["step one", "step two"]
    assert "Restart Storybook" in ok.label_status.text()
    failed = ModelSetupDialog([sys.executable, "-c", "import sys; print('no network'); sys.exit(3)"])
    qtbot.addWidget(failed)
    failed.start()
    qtbot.waitUntil(lambda: failed.succeeded is not None, timeout=20000)
    assert failed.succeeded is False
    assert "basic engine" in failed.label_status.text()
    assert failed.btn_install.isEnabled()


def test_status_bar_offers_the_model_only_when_missing(make_window, bank: StoryBank,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_link, "installed_model", lambda: None)
    win = make_window(bank)
    assert win.desktop_actions.btn_model is not None
    assert win.desktop_actions.btn_model.isVisible()
    monkeypatch.setattr(desktop_link, "installed_model", lambda: "en_core_web_sm")
    other = make_window(bank)
    assert other.desktop_actions.btn_model is None

"""import-csv: columns guessed from Notion, Sheets, Airtable and Excel headers; preview, duplicates, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.cli import main
from storybook.export.import_csv import CsvImportError, guess_mapping, read_csv_stories

NOTION = ("\ufeffName,Situation,Task,Action,Result,Skills,Status,Created\n"
          "Saved the launch,Release was late,Ship by Friday,\"I split the work, then paired\",Shipped 2 days early,"
          "\"Ownership, Leadership\",Done,\"May 3, 2024\"\n"
          "Calmed a customer,Angry customer,Keep the account,I listened first,Renewed for 2 years,Customer focus,"
          "Draft,\"May 4, 2024\"\n")


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_headers_from_common_tools_are_guessed() -> None:
    assert guess_mapping(["Name", "S - Situation", "T - Task", "A - Action", "R - Result", "Skills", "Tags"]) == {
        "Name": "title", "S - Situation": "situation", "T - Task": "task", "A - Action": "action",
        "R - Result": "result", "Skills": "competencies", "Tags": "tags"}
    assert guess_mapping(["Story title", "Context", "What I did", "Outcome", "Lessons learned", "Owner"]) == {
        "Story title": "title", "Context": "situation", "What I did": "action", "Outcome": "result",
        "Lessons learned": "reflection", "Owner": "ignore"}


def test_notion_export_becomes_story_records(tmp_path: Path) -> None:
    stories = read_csv_stories(_write(tmp_path, "Stories.csv", NOTION))
    first = stories.records[0]
    assert first["title"] == "Saved the launch"
    assert first["action"] == "I split the work, then paired"
    assert first["competencies"] == ["Ownership", "Leadership"]
    assert first["status"] == "ready"
    assert stories.records[1]["status"] == "draft"
    assert stories.mapping["Created"] == "ignore"


def test_excel_semicolons_and_windows_encoding(tmp_path: Path) -> None:
    text = "Title;Situation;Action;Result\nCaf\u00e9 rollout;Old tills;I trained staff;Queue time \u221230%\n"
    path = _write(tmp_path, "excel.csv", text.replace("\u2212", "-"), encoding="cp1252")
    record = read_csv_stories(path).records[0]
    assert record["title"] == "Caf\u00e9 rollout"
    assert record["result"] == "Queue time -30%"


def test_map_option_overrides_the_guess(tmp_path: Path) -> None:
    path = _write(tmp_path, "sheet.csv", "Headline,Col B,Col C\nA story,what happened,what I did\n")
    with pytest.raises(CsvImportError, match="no column of sheet.csv holds a Situation"):
        read_csv_stories(path)
    record = read_csv_stories(path, ["col b=situation", "Col C=action"]).records[0]
    assert (record["title"], record["situation"], record["action"]) == ("A story", "what happened", "what I did")
    with pytest.raises(CsvImportError, match="there is no column 'Col D'"):
        read_csv_stories(path, ["Col D=action"])
    with pytest.raises(CsvImportError, match="'feelings' is not a story field"):
        read_csv_stories(path, ["Col C=feelings"])


def test_cli_imports_previews_and_skips_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bank.sqlite"
    path = _write(tmp_path, "Stories.csv", NOTION)
    assert main(["--db", str(db), "import-csv", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would add 2 stories" in out
    assert "Name \u2192 title" in out
    with StoryBank.open(db) as bank:
        assert bank.stories.count() == 0
    assert main(["--db", str(db), "import-csv", str(path)]) == 0
    assert "Added 2 stories" in capsys.readouterr().out
    with StoryBank.open(db) as bank:
        launch = next(s for s in bank.stories.list() if s.title == "Saved the launch")
        assert set(launch.competencies) == {"leadership", "ownership"}
        assert launch.status == "ready"
    assert main(["--db", str(db), "import-csv", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["skipped"] == ["Saved the launch", "Calmed a customer"]
    assert report[0]["added"] == []


def test_bad_csv_gets_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = _write(tmp_path, "empty.csv", "")
    assert main(["--db", str(tmp_path / "b.sqlite"), "import-csv", str(empty)]) == 1
    assert capsys.readouterr().err.strip() == f"storybook: Cannot import {empty}: empty.csv is empty."
    assert main(["--db", str(tmp_path / "b.sqlite"), "import-csv", str(tmp_path / "missing.csv")]) == 1
    assert "No such file" in capsys.readouterr().err


def test_same_title_twice_in_one_file_is_added_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "dup.csv", "Title,Action\nSame,one\nSame,two\n")
    assert main(["--db", str(tmp_path / "b.sqlite"), "import-csv", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Added 1 story" in out
    assert "skipped 1" in out

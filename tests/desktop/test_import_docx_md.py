"""Word documents and Markdown as people write it, imported through the CLI."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from storybook.bank import StoryBank
from storybook.cli import main
from storybook.export.import_docx import read_docx_stories
from storybook.export.portable import parse_markdown


def _two_story_doc(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Saved the launch", level=1)
    document.add_heading("Situation", level=2)
    document.add_paragraph("The release was two weeks late.")
    document.add_heading("Task", level=2)
    document.add_paragraph("Ship by Friday.")
    document.add_heading("Action", level=2)
    document.add_paragraph("I split the work into slices.")
    document.add_paragraph("I paired with the newest engineer.")
    document.add_heading("Result", level=2)
    document.add_paragraph("We shipped two days early.")
    document.add_heading("Calmed a customer", level=1)
    for label, text in (("Situation:", "An angry customer."), ("Task:", "Keep the account."),
                        ("Action:", "I listened first."), ("Result:", "They renewed for two years.")):
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(f" {text}")
    document.add_heading("Ideas", level=1)
    document.save(path)
    return path


def test_docx_one_story_per_heading_1(tmp_path: Path) -> None:
    stories = read_docx_stories(_two_story_doc(tmp_path / "stories.docx"))
    assert [r["title"] for r in stories.records] == ["Saved the launch", "Calmed a customer"]
    first, second = stories.records
    assert first["action"] == "I split the work into slices.\n\nI paired with the newest engineer."
    assert first["result"] == "We shipped two days early."
    assert second["situation"] == "An angry customer."
    assert second["result"] == "They renewed for two years."
    assert "'Ideas' has no text; left out" in stories.warnings


def test_docx_without_heading_1_is_one_story_named_by_the_file(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Situation").bold = True
    paragraph.add_run(": A flaky build.")
    document.add_paragraph("It failed once a day.")
    paragraph = document.add_paragraph()
    paragraph.add_run("Result:").bold = True
    paragraph.add_run(" Green for a month.")
    document.save(tmp_path / "flaky_build.docx")
    record = read_docx_stories(tmp_path / "flaky_build.docx").records[0]
    assert record["title"] == "flaky build"
    assert record["situation"] == "A flaky build.\n\nIt failed once a day."
    assert record["result"] == "Green for a month."


def test_cli_import_docx_reports_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bank.sqlite"
    path = _two_story_doc(tmp_path / "stories.docx")
    assert main(["--db", str(db), "import-docx", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stories.docx:\n  Added 2 stories")
    with StoryBank.open(db) as bank:
        assert sorted(s.title for s in bank.stories.list()) == ["Calmed a customer", "Saved the launch"]
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("plain text")
    assert main(["--db", str(db), "import-docx", str(not_docx)]) == 1
    assert "notes.docx is not a Word (.docx) document" in capsys.readouterr().err


VARIANTS = {
    "bold labels": "# Launch\n\n**Situation:** Late.\nVery late.\n\n**Task**: Ship.\n\n__Action:__ I split.\n\n"
                   "**Result:** Shipped early.\n",
    "setext": "Launch\n======\n\nSituation\n---------\nLate.\nVery late.\n\nTask\n----\nShip.\n\nAction\n------\n"
              "I split.\n\nResult\n------\nShipped early.\n",
    "letters": "# Launch\n\n## S\nLate.\nVery late.\n## T\nShip.\n## A\nI split.\n## R\nShipped early.\n",
    "emphasis": "# *Launch*\n\n## **Situation**\nLate.\nVery late.\n### _Task:_\nShip.\n## *Action*\nI split.\n"
                "## __Result__\nShipped early.\n",
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_markdown_variants_find_all_four_parts(name: str) -> None:
    story = parse_markdown(VARIANTS[name], fallback_title="file name")
    fields = story.fields
    assert fields["title"] == "Launch"
    assert (fields["situation"], fields["task"], fields["action"], fields["result"]) == (
        "Late.\nVery late.", "Ship.", "I split.", "Shipped early.")
    assert story.warnings == []


def test_notion_markdown_properties_become_fields() -> None:
    text = ("# Launch rescue\n\nSkills: Leadership, Ownership\nStatus: Done\nCreated: May 3, 2024\n\n"
            "## Situation\nLate.\n\n## Task\nShip.\n\n## Action\nI split.\n\n## Result\nShipped.\n")
    fields = parse_markdown(text).fields
    assert fields["competencies"] == ["Leadership", "Ownership"]
    assert fields["status"] == "ready"
    assert fields["notes"] == "Created: May 3, 2024"
    assert fields["result"] == "Shipped."


def test_bold_text_inside_a_canonical_story_is_left_alone() -> None:
    text = ("# Launch\n\n## Situation\nLate.\n\n## Task\nShip.\n\n## Action\n**Action:** was my word for it.\n\n"
            "## Result\nShipped.\n")
    assert parse_markdown(text).fields["action"] == "**Action:** was my word for it."


def test_cli_import_md_reads_a_bold_label_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "launch.md"
    path.write_text(VARIANTS["bold labels"], encoding="utf-8")
    db = tmp_path / "bank.sqlite"
    assert main(["--db", str(db), "import-md", str(path)]) == 0
    with StoryBank.open(db) as bank:
        story = bank.stories.list()[0]
    assert (story.title, story.action) == ("Launch", "I split.")

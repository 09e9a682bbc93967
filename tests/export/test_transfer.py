"""Bank: JSON and Markdown import / export (round trip, same-title skipping, dry run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.bank.transfer import ImportFileError
from storybook.export.files import ExportWriteError


def _rich_bank(bank: StoryBank) -> StoryBank:
    bank.stories.load_samples()
    stories = bank.stories.list()
    own = bank.questions.add("What would you do in your first month?", competencies=["initiative"])
    bank.questions.edit(3, text="My own wording of question three")
    bank.questions.set_hidden(4)
    bank.stories.link_question(stories[0].id, own.id, "the onboarding angle")
    bank.stories.update(stories[0].id, title="Emoji 😀 and עברית\ttab", action="Control\x07 kept as typed")
    bank.stories.trash(stories[1].id)
    bank.targets.create("Northwind", "Lead", interview_at="2031-05-06 09:30", questions=[1, own.id, "Typed one?"],
                        competencies={"leadership": 5, "conflict": 2}, story_ids=[stories[0].id, stories[2].id],
                        questions_to_ask=["a?", "b?", "c?"])
    bank.rehearsals.record(stories[0].id, [10, 10, 60, 20], note="first run", rating=4, question_id=1)
    bank.rehearsals.record(None, [5, 5, 5, 5])
    return bank


def test_json_round_trip_gives_identical_json(bank: StoryBank, tmp_path: Path) -> None:
    source = _rich_bank(bank).transfer
    first = source.export_json(tmp_path / "first.json")
    with StoryBank.open(tmp_path / "empty" / "bank.sqlite") as empty:
        report = empty.transfer.import_json(first)
        assert report.skipped == []
        assert report.warnings == []
        assert report.rehearsals_added == 2
        assert report.targets_added == ["Northwind \u2014 Lead"]
        second = empty.transfer.export_json(tmp_path / "second.json")
        assert second.read_bytes() == first.read_bytes()
        story = next(s for s in empty.stories.list() if s.title.startswith("Emoji"))
        assert "the onboarding angle" in [q.note for q in story.questions]
        assert empty.questions.get(3).text == "My own wording of question three"
        assert empty.questions.get(4).hidden
        assert len(empty.stories.list()) == len(bank.stories.list())
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "storybook-export"
    assert sum(1 for s in data["stories"] if s["deleted_at"]) == 1


def test_reimport_skips_same_titles_and_replace_overwrites(bank: StoryBank, tmp_path: Path) -> None:
    transfer = _rich_bank(bank).transfer
    path = transfer.export_json(tmp_path / "bank.json")
    count = len(bank.stories.list())
    again = transfer.import_json(path)
    assert len(again.skipped) == count + 1
    assert not again.added
    assert again.targets_skipped == ["Northwind \u2014 Lead"]
    assert again.rehearsals_added == 0
    assert not again.changed
    story = bank.stories.list()[0]
    bank.stories.update(story.id, result="Changed here after the export")
    kept = transfer.import_json(path)
    assert bank.stories.get(story.id).result == "Changed here after the export"
    assert story.title in kept.skipped
    replaced = transfer.import_json(path, replace=True)
    assert story.title in replaced.replaced
    assert bank.stories.get(story.id).result != "Changed here after the export"
    assert len(bank.stories.list()) == count


def test_dry_run_reports_and_changes_nothing(bank: StoryBank, tmp_path: Path) -> None:
    path = _rich_bank(bank).transfer.export_json(tmp_path / "bank.json")
    with StoryBank.open(tmp_path / "other.sqlite") as other:
        report = other.transfer.import_json(path, dry_run=True)
        assert report.dry_run
        assert len(report.added) == len(bank.stories.list()) + 1
        assert "Dry run: nothing was changed." in report.lines()
        assert other.stories.list() == []
        assert other.targets.list() == []
        assert other.transfer.export_payload()["rehearsals"] == []


def test_bad_json_files_are_refused_clearly(bank: StoryBank, tmp_path: Path) -> None:
    transfer = bank.transfer
    (tmp_path / "notjson.json").write_text("{ nope")
    (tmp_path / "other.json").write_text('{"hello": "world"}')
    (tmp_path / "badstory.json").write_text('{"format": "storybook-export", "version": 1, "stories": [{"title": 5, '
                                            '"cue_cards": 7}]}')
    for name, message in [("missing.json", "does not exist"), ("notjson.json", "not valid JSON"),
                          ("other.json", "not a Storybook export"), ("badstory.json", "nothing was imported")]:
        with pytest.raises(ImportFileError, match=message):
            transfer.import_json(tmp_path / name)
    assert bank.stories.list() == []
    with pytest.raises(ExportWriteError):
        transfer.export_json(tmp_path / "no" / "such" / "folder.json")


def test_markdown_export_then_import_into_another_bank(sample_bank: StoryBank, tmp_path: Path) -> None:
    written = sample_bank.transfer.export_md(tmp_path / "md")
    assert len(written) == len(sample_bank.stories.list())
    with StoryBank.open(tmp_path / "other.sqlite") as other:
        report = other.transfer.import_md(written)
        assert len(report.added) == len(written)
        assert report.warnings == []
        original = {s.title: s for s in sample_bank.stories.list()}
        for story in other.stories.list():
            source = original[story.title]
            for name in ("situation", "task", "action", "result", "reflection", "short_version", "status",
                         "cue_cards", "competencies", "tags"):
                assert getattr(story, name) == getattr(source, name), (story.title, name)


def test_hand_written_markdown_imports(bank: StoryBank, tmp_path: Path) -> None:
    (tmp_path / "from-obsidian.md").write_text(
        "---\ntitle: Rescuing the quarterly report\ncompetencies: [Working under pressure, ownership, telepathy]\n"
        "tags:\n  - reports\n  - 'q3'\nstatus: done\n---\n\n## Situation\nThe report was due in a day.\n\n"
        "## Task\nI had to rebuild it.\n\n## Action\nI rebuilt the pipeline.\n\n## Result\nDelivered 2 hours early.\n",
        encoding="utf-8")
    (tmp_path / "plain_note.md").write_text("Some text with no headings at all.\n", encoding="utf-8")
    (tmp_path / "heading.md").write_text("# Teaching SQL to sales\n\n## Action\nI ran four lunch sessions.\n",
                                         encoding="utf-8")
    files = sorted(tmp_path.glob("*.md"))
    report = bank.transfer.import_md(files)
    stories = {s.title: s for s in bank.stories.list()}
    assert set(stories) == {"Rescuing the quarterly report", "plain note", "Teaching SQL to sales"}
    rescued = stories["Rescuing the quarterly report"]
    assert rescued.competencies == ["ownership", "pressure"]
    assert rescued.tags == ["q3", "reports"]
    assert rescued.status == "draft"
    assert rescued.result == "Delivered 2 hours early."
    assert stories["plain note"].notes == "Some text with no headings at all."
    assert stories["Teaching SQL to sales"].action == "I ran four lunch sessions."
    assert any("telepathy" in w for w in report.warnings)
    assert any("'done'" in w for w in report.warnings)
    second = bank.transfer.import_md(files, dry_run=True)
    assert len(second.skipped) == 3
    assert not second.added


def test_a_missing_markdown_file_is_one_clear_error(bank: StoryBank, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        bank.transfer.import_md([tmp_path / "gone.md"])

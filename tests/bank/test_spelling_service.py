"""The spell check's stored choices: personal words, language, ignored words; export and import carry the words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.bank.changes import ChangeSet
from storybook.bank.transfer import ImportFileError
from storybook.export.portable import FORMAT_NAME


def test_added_words_survive_reopening(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        bank.spelling.add_word("  Kubernetes ")
        bank.spelling.add_word("Grafana")
    with StoryBank.open(db_path) as bank:
        assert bank.spelling.words() == ["Grafana", "Kubernetes"]
        bank.spelling.remove_word("Grafana")
        assert bank.spelling.words() == ["Kubernetes"]


def test_writes_tell_the_editors(bank: StoryBank) -> None:
    seen: list[ChangeSet] = []
    bank.changes.subscribe(seen.append)
    bank.spelling.add_word("Terraform")
    bank.spelling.add_word("Terraform")  # already there: nothing to tell
    story = bank.stories.create(title="Outage")
    bank.changes.unsubscribe(seen.append)
    seen.clear()
    bank.changes.subscribe(seen.append)
    bank.spelling.ignore(story.id, "Grafanna")
    assert seen == [ChangeSet(spelling=True)]
    assert bank.spelling.ignored(story.id) == {"Grafanna"}


@pytest.mark.parametrize("word", ["", "   ", "two words", "tab\there", "a" * 101, "bell\x07"])
def test_bad_words_get_a_clear_message(bank: StoryBank, word: str) -> None:
    with pytest.raises(ValueError, match="dictionary word|empty word"):
        bank.spelling.add_word(word)
    assert bank.spelling.words() == []


def test_unicode_words_are_kept(bank: StoryBank) -> None:
    bank.spelling.add_word("Zürich")
    bank.spelling.add_word("שלום")
    bank.spelling.add_word("don\u2019t")
    assert set(bank.spelling.words()) == {"Zürich", "שלום", "don't"}


def test_spelling_language_is_a_setting(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        assert bank.settings.get().spelling_language == ""
        bank.settings.update(spelling_language="en_GB")
        with pytest.raises(ValueError, match="Spelling must be"):
            bank.settings.update(spelling_language="fr_FR")
    with StoryBank.open(db_path) as bank:
        assert bank.settings.get().spelling_language == "en_GB"


def test_export_and_import_carry_the_personal_dictionary(tmp_path: Path) -> None:
    with StoryBank.open(tmp_path / "a.sqlite") as source:
        source.spelling.add_word("Kubernetes")
        source.spelling.add_word("Zürich")
        out = source.transfer.export_json(tmp_path / "bank.json")
    assert json.loads(out.read_text("utf-8"))["spelling"] == {"words": ["Kubernetes", "Zürich"]}
    with StoryBank.open(tmp_path / "b.sqlite") as target:
        target.spelling.add_word("Grafana")
        report = target.transfer.import_json(out)
        assert target.spelling.words() == ["Grafana", "Kubernetes", "Zürich"]
        assert "Personal dictionary: 2 words added." in report.lines()


def test_an_older_file_without_words_imports(bank: StoryBank, tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": FORMAT_NAME, "version": 1, "stories": [{"title": "Old story"}]}), "utf-8")
    report = bank.transfer.import_json(path)
    assert report.added == ["Old story"]
    assert bank.spelling.words() == []


def test_a_bad_word_in_the_file_is_refused_and_nothing_imported(bank: StoryBank) -> None:
    payload = bank.transfer.export_payload()
    payload["spelling"] = {"words": ["fine", "two words"]}
    with pytest.raises(ImportFileError, match="spelling, word 2"):
        bank.transfer.import_payload(payload)
    assert bank.spelling.words() == []


def test_ignored_words_stay_with_their_story(bank: StoryBank) -> None:
    first = bank.stories.create(title="First")
    second = bank.stories.create(title="Second")
    bank.spelling.ignore(first.id, "Grafanna")
    assert bank.spelling.ignored(second.id) == frozenset()
    bank.spelling.ignore(second.id, "Lokii")
    bank.stories.trash(second.id)
    bank.stories.purge(second.id)
    reused = bank.stories.create(title="Third")
    assert reused.id == second.id  # SQLite hands out the purged story's id again
    assert bank.spelling.ignored(reused.id) == frozenset()
    assert bank.spelling.ignored(first.id) == {"Grafanna"}
    with pytest.raises(ValueError, match="no longer exists"):
        bank.spelling.ignore(99_999, "word")

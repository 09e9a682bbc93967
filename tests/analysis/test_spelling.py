"""The spell check's pure part: what is marked, what never is, US vs UK, suggestions and the cache."""

from __future__ import annotations

import pytest

from storybook.analysis.dictionaries import available_languages, load_dictionary, usable_language
from storybook.analysis.spelling import UK, US, SpellChecker, candidate_words, default_language

needs_uk = pytest.mark.skipif(UK not in available_languages(), reason="no en_GB dictionary (hunspell-en-gb)")


@pytest.fixture(scope="module")
def us() -> SpellChecker:
    return SpellChecker(load_dictionary(US), US)


def marked(checker: SpellChecker, text: str, ignored: frozenset[str] = frozenset()) -> list[str]:
    return [m.word for m in checker.misspellings(text, ignored)]


def test_a_misspelling_is_marked_at_its_place(us: SpellChecker) -> None:
    text = "I recieved the go-ahead and shipped it."
    [miss] = us.misspellings(text)
    assert (miss.word, text[miss.start:miss.end]) == ("recieved", "recieved")


@pytest.mark.parametrize(("token", "why"), [
    ("3.5k", "measure"), ("40%", "percent"), ("$2M", "money"), ("Q3", "quarter"), ("10x", "multiplier"),
    ("KPIs", "acronym plural"), ("SLA", "acronym"), ("https://exmaple.com/pathh", "URL"),
    ("www.exmaple.org", "URL"), ("jane.doe@exmaple.com", "e-mail"), ("src/wdgets/main.py", "path"),
    ("/etc/hostz", "path"), ("C:\\Usrs\\me", "Windows path"), ("retry_countr", "snake_case"),
    ("fetchUsrs", "camelCase"), ("os.pathh.joinn", "dotted name"), ("@jdoee", "handle"),
    ("שלוםם", "Hebrew"), ("مرحبااا", "Arabic"), ("привеет", "Cyrillic"), ("東京都庁", "CJK"),
])
def test_skip_rules_never_mark(us: SpellChecker, token: str, why: str) -> None:
    assert marked(us, f"We saw {token} there.") == [], why


@pytest.mark.parametrize(("text", "expected"), [
    ("the teams\u2019 platfrom", ["platfrom"]),  # typographic apostrophes are read as plain ones
    ("it didn\u2019t wrok", ["wrok"]),
    ("and/or sevral", ["sevral"]),  # a slash between two words is not a path
    ("cross-functional work", []),  # each half of a hyphenated word is checked
    ("(mispeled)", ["mispeled"]),  # brackets are not part of the word
    ("The team's budgte", ["budgte"]),
])
def test_words_around_punctuation(us: SpellChecker, text: str, expected: list[str]) -> None:
    assert marked(us, text) == expected


def test_personal_words_and_ignored_words_are_not_marked(us: SpellChecker) -> None:
    checker = SpellChecker(load_dictionary(US), US, personal=["Kubernetes"])
    assert marked(checker, "Kubernetes and kubernetes and Grafanna") == ["Grafanna"]
    assert marked(checker, "Grafanna dashboards", ignored={"Grafanna"}) == []
    checker.set_personal([])
    assert marked(checker, "Kubernetes") == ["Kubernetes"]


def test_suggestions_put_the_likely_word_first(us: SpellChecker) -> None:
    assert us.suggestions("recieved")[0] == "received"
    assert "platform" in us.suggestions("platfrom")[:2]
    assert len(us.suggestions("stakholders")) <= 5


def test_us_marks_british_spelling(us: SpellChecker) -> None:
    assert marked(us, "The colour was analysed and organised.") == ["colour", "analysed", "organised"]
    assert marked(us, "The color was analyzed.") == []


@needs_uk
def test_uk_marks_american_spelling() -> None:
    uk = SpellChecker(load_dictionary(UK), UK)
    assert marked(uk, "The colour was analysed and organised in the centre.") == []
    assert marked(uk, "The color was analyzed in the center.") == ["color", "analyzed", "center"]


@pytest.mark.parametrize(("locale_name", "language"), [
    ("en_GB.UTF-8", UK), ("en-GB", UK), ("en_IE", UK), ("en_AU.utf8", UK), ("en_US.UTF-8", US), ("C", US),
    ("de_DE", US), ("", US), ("en_NZ@euro", UK),
])
def test_default_language_follows_the_locale(locale_name: str, language: str) -> None:
    assert default_language(locale_name) == language


def test_a_missing_dictionary_falls_back_to_us(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storybook.analysis.dictionaries.available_languages", lambda: [US])
    assert usable_language(UK) == US


def test_bad_input_is_checked_without_errors(us: SpellChecker) -> None:
    assert marked(us, "") == []
    assert marked(us, "\x00\x07 \u202e\u200f 🎉🎉 wrld") == ["wrld"]
    huge = "word " * 200_000 + "x" * 500
    assert marked(us, huge) == []  # a 500-letter blob is not looked up


def test_lookups_are_cached(us: SpellChecker) -> None:
    calls: list[str] = []

    class Counting:
        def spell(self, word: str) -> bool:
            calls.append(word)
            return word != "mistke"

        def suggest(self, word: str) -> list[str]:
            return []

    checker = SpellChecker(Counting())
    text = "the mistke the mistke the mistke"
    assert marked(checker, text) == ["mistke"] * 3
    assert marked(checker, text) == ["mistke"] * 3
    assert sorted(set(calls)) == ["mistke", "the"]
    assert len(calls) == 2


def test_candidate_offsets_survive_emoji() -> None:
    text = "🎉 wrld"
    [(start, end, word)] = list(candidate_words(text))
    assert text[start:end] == word == "wrld"


def test_hyphenated_words_are_judged_whole_then_by_part(us: SpellChecker) -> None:
    text = "Their sign-offs came from a cross-functional group that re-architectd it."
    assert [(m.word, text[m.start:m.end]) for m in us.misspellings(text)] == [("architectd", "architectd")]


def test_workplace_words_are_known_with_their_endings(us: SpellChecker) -> None:
    assert marked(us, "Our roadmaps, rollouts, runbooks and onboarding of the backend after two hotfixes.") == []
    assert marked(us, "The roadmapz") == ["roadmapz"]


def test_the_workplace_list_reads_words_and_models(tmp_path) -> None:  # noqa: ANN001
    from storybook.analysis.dictionaries import workplace_words

    path = tmp_path / "words.txt"
    path.write_text("# a comment\nroadmap map  # trailing note\n\nkanban\n", "utf-8")
    assert workplace_words(path) == [("roadmap", "map"), ("kanban", "")]
    assert workplace_words(tmp_path / "missing.txt") == []

"""The story list's text index finds exactly the stories a plain substring search finds."""

from __future__ import annotations

from storybook.gui.stories.text_index import TextIndex


def test_the_index_agrees_with_a_plain_search() -> None:
    texts = {7: "cut the wait by 40 percent", 3: "customer calls", 9: "", 4: "a conflict with the customer"}
    index = TextIndex(texts)
    for words in (["cu"], ["customer"], ["customer", "conflict"], ["the"], ["zebra"], ["t", "40"]):
        expected = {i for i, text in texts.items() if all(w in text for w in words)}
        assert index.ids_with_all(words) == expected, words
    assert index.ids_with_all([]) == set(texts)


def test_a_word_never_spans_two_stories() -> None:
    index = TextIndex({1: "abc", 2: "def"})
    assert index.ids_with("cd") == set()
    assert index.ids_with("c\x00d") == set()
    assert TextIndex({}).ids_with_all(["a"]) == set()

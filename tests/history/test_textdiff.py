"""The word-level comparison behind Story → History: runs a reader can trust, on any text."""

from __future__ import annotations

import time

import pytest

from storybook.analysis.textdiff import MAX_WORD_TOKENS, Op, compare, compare_fields


def _ops(old: str, new: str) -> list[tuple[str, str]]:
    return [(r.op.value, r.text) for r in compare(old, new).runs]


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    assert _ops("I cut costs by 10%.", "I cut costs by 20%.") == [
        ("equal", "I cut costs by "), ("delete", "10"), ("insert", "20"), ("equal", "%.")]


def test_added_sentence_and_removed_word() -> None:
    diff = compare("We shipped the fix quickly.", "I shipped the fix. Support tickets fell 30%.")
    assert diff.old_text() == "We shipped the fix quickly."
    assert diff.new_text() == "I shipped the fix. Support tickets fell 30%."
    assert ("delete", "We") in [(r.op.value, r.text) for r in diff.runs]
    added, removed = diff.counts()
    assert added >= 5
    assert removed >= 2


def test_identical_and_empty_texts() -> None:
    assert _ops("same", "same") == [("equal", "same")]
    assert _ops("", "") == []
    assert _ops("", "new text") == [("insert", "new text")]
    assert _ops("old text", "") == [("delete", "old text")]
    assert not compare("x", "x").changed


@pytest.mark.parametrize(("old", "new"), [
    ("Launch went well 🚀 and 👩‍💻 coded", "Launch went great 🚀🎉 and 👩‍💻 coded"),
    ("قمت بتحسين الأداء بنسبة 20٪", "قمت بتحسين الأداء بنسبة 35٪ خلال شهر"),
    ("mixed עברית and English\u200f text", "mixed עברית plus English\u200f text"),
    ("tab\tand\r\nCRLF \x07 bell", "tab\tand\nLF \x07 bell"),
])
def test_emoji_right_to_left_and_control_characters_round_trip(old: str, new: str) -> None:
    diff = compare(old, new)
    assert diff.old_text() == old
    assert diff.new_text() == new
    assert diff.changed


def test_emoji_sequences_are_never_split() -> None:
    diff = compare("Team 👩‍👩‍👧 won", "Team 👩‍👩‍👧 lost")
    assert Run_texts(diff, Op.EQUAL)[0] == "Team 👩‍👩‍👧 "


def Run_texts(diff, op: Op) -> list[str]:  # noqa: N802 - reads like the runs it returns
    return [r.text for r in diff.runs if r.op is op]


def test_a_megabyte_compares_quickly_and_exactly() -> None:
    paragraph = "I migrated the billing service and cut latency by forty percent. " * 8 + "\n"
    old = paragraph * 2000  # about a megabyte
    new = old.replace("billing", "payments", 3)
    new = new[:400_000] + "A whole new paragraph about rollout.\n" + new[400_000:]
    start = time.perf_counter()
    diff = compare(old, new)
    elapsed = time.perf_counter() - start
    assert diff.old_text() == old
    assert diff.new_text() == new
    assert elapsed < 10  # generous: the point is "does not freeze", measured properly in make bench
    assert "payments" in "".join(Run_texts(diff, Op.INSERT))


def test_a_huge_rewrite_is_shown_whole_and_marked_coarse() -> None:
    old = " ".join(f"w{n}" for n in range(MAX_WORD_TOKENS * 2))
    new = " ".join(f"v{n}" for n in range(MAX_WORD_TOKENS * 2))
    diff = compare(old, new)
    assert diff.coarse
    assert diff.old_text() == old
    assert diff.new_text() == new


def test_compare_fields_covers_every_named_field() -> None:
    out = compare_fields({"title": "A", "action": "did x"}, {"title": "A", "action": "did y"}, ("title", "action", "task"))
    assert not out["title"].changed
    assert out["action"].changed
    assert out["task"].runs == []


def test_a_rewritten_sentence_reads_as_one_replacement_not_a_comb() -> None:
    diff = compare("We shipped the fix quickly and the team was happy with the result of it.",
                   "Second version of the action.")
    assert [r.op for r in diff.runs] == [Op.DELETE, Op.INSERT, Op.EQUAL]
    assert diff.runs[1].text == "Second version of the action"


def test_a_word_kept_between_two_small_changes_stays_visible() -> None:
    runs = [(r.op.value, r.text) for r in compare("The quick brown fox jumps over the lazy dog.",
                                                  "The quick red fox leaps over the lazy dog.").runs]
    assert ("equal", " fox ") in runs

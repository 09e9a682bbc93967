"""Bank: search that shows where: folding, prefixes, phrases, every field, snippets, and an index kept in step."""

from __future__ import annotations

import pytest

from storybook.bank import SearchHit, StoryBank, StoryFilter
from storybook.bank.reader import BankReader


def ids(bank: StoryBank, query: str, trashed: bool = False) -> set[int]:
    return {hit.story_id for hit in bank.stories.search(query, trashed=trashed)}


def test_case_and_accents_do_not_matter(bank: StoryBank) -> None:
    story = bank.stories.create(title="Rewrote my Résumé", action="Worked with the CAFÉ owners")
    assert ids(bank, "resume") == {story.id}
    assert ids(bank, "RÉSUMÉ") == {story.id}
    assert ids(bank, "cafe") == {story.id}


def test_a_prefix_finds_the_whole_word(bank: StoryBank) -> None:
    story = bank.stories.create(title="Platform", action="I led the database migration over a weekend.")
    bank.stories.create(title="Other", action="I migrated nothing; grated cheese.")
    assert story.id in ids(bank, "migrat")
    assert ids(bank, "migration") == {story.id}
    assert ids(bank, "rat") == set()  # a prefix, not any substring


def test_quoted_phrases_match_words_in_that_order(bank: StoryBank) -> None:
    near = bank.stories.create(title="A", result="We cut costs by 30% in a quarter.")
    apart = bank.stories.create(title="B", result="Costs went up; we cut the scope.")
    assert ids(bank, '"cut costs"') == {near.id}
    assert ids(bank, "cut costs") == {near.id, apart.id}


def test_every_word_must_match(bank: StoryBank) -> None:
    both = bank.stories.create(title="Outage", action="I paged the vendor")
    bank.stories.create(title="Outage two", action="I fixed it myself")
    assert ids(bank, "outage vendor") == {both.id}


def test_tags_notes_and_linked_question_notes_are_searched(bank: StoryBank) -> None:
    story = bank.stories.create(title="Plain", notes="Remember the spreadsheet", tags=["kubernetes"])
    question = bank.questions.list()[0]
    bank.stories.link_question(story.id, question.id, note="Mention the escalation ladder")
    assert ids(bank, "kubern") == {story.id}
    assert ids(bank, "spreadsheet") == {story.id}
    hit = bank.stories.search("ladder")[0]
    assert hit.fields == ("question_notes",)
    assert "escalation ladder" in hit.snippet
    bank.stories.set_tags(story.id, ["helm"])
    assert ids(bank, "kubern") == set()
    assert ids(bank, "helm") == {story.id}
    bank.stories.unlink_question(story.id, question.id)
    assert ids(bank, "ladder") == set()


def test_a_hit_says_which_fields_matched_and_shows_the_match(bank: StoryBank) -> None:
    long_text = "At first we only talked. " * 8 + "Then I rolled out the canary deployment to one region. " + \
        "It went fine for weeks afterwards. " * 6
    story = bank.stories.create(title="Canary rollout", action=long_text)
    hit = bank.stories.search("canary")[0]
    assert isinstance(hit, SearchHit)
    assert hit.story_id == story.id
    assert hit.fields == ("title", "action")
    assert hit.snippet.startswith("Action: …")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet) < 140
    marked = [hit.snippet[a:b] for a, b in hit.spans]
    assert marked == ["canary"]


def test_hostile_queries_never_raise(bank: StoryBank) -> None:
    story = bank.stories.create(title="AND OR NOT near", action='He said "hi" (twice) 🚀 مرحبا')
    for query in ['AND OR "(', '"', '(', ')', '*', 'NEAR(a b)', 'title:x', '-x', '^x', "'", "a\"b", "\x00\x07",
                  "🚀", "x" * 100_000, " ".join(["word"] * 5000), "مرحب"]:
        bank.stories.search(query)  # no exception
    assert ids(bank, "AND OR") == {story.id}  # operators typed by a user are plain words
    assert ids(bank, "مرحب") == {story.id}
    assert bank.stories.search_ids("(  )") is None  # no word: no filter


def test_the_index_follows_edits_trash_restore_and_purge(bank: StoryBank) -> None:
    story = bank.stories.create(title="Draft", action="Talked to finance")
    bank.stories.update(story.id, action="Negotiated with procurement")
    assert ids(bank, "finance") == set()
    assert ids(bank, "procurement") == {story.id}
    bank.stories.trash(story.id)
    assert ids(bank, "procurement") == set()
    assert ids(bank, "procurement", trashed=True) == {story.id}
    bank.stories.restore(story.id)
    assert ids(bank, "procurement") == {story.id}
    bank.stories.trash(story.id)
    bank.stories.purge(story.id)
    assert ids(bank, "procurement", trashed=True) == set()


def test_the_index_follows_an_import_and_a_replace(bank: StoryBank, tmp_path) -> None:
    bank.stories.create(title="Exported", action="The quarterly forecast", tags=["finance"])
    path = bank.transfer.export_json(tmp_path / "out.json")
    with StoryBank.open(tmp_path / "other.sqlite") as other:
        other.stories.create(title="Exported", action="zebra crossing")  # same title: replaced
        other.transfer.import_json(path, replace=True)
        assert ids(other, "zebra") == set()
        assert len(ids(other, "forecast")) == 1
        assert len(ids(other, "financ")) == 1


def test_list_filter_and_the_reader_use_the_same_index(bank: StoryBank) -> None:
    story = bank.stories.create(title="Résumé review", action="Coached a peer")
    bank.stories.create(title="Unrelated")
    assert [r.id for r in bank.stories.list(StoryFilter(text="resum"))] == [story.id]
    bank.close()
    reader = BankReader.open(bank.path)
    assert reader is not None
    with reader:
        assert [r.id for r in reader.stories(StoryFilter(text="resum"))] == [story.id]
        assert reader.search("coach")[0].snippet == "Action: Coached a peer"


@pytest.mark.parametrize("query", ["migrat", '"database migration"'])
def test_search_without_fts5_gives_the_same_answer(bank: StoryBank, query: str) -> None:
    story = bank.stories.create(title="Platform", action="The database migration", tags=["infra"])
    bank.stories.create(title="Other")
    with_index = bank.stories.search(query)
    with bank.engine.begin() as conn:  # as if SQLite had no FTS5: the migration would have built nothing
        conn.exec_driver_sql("DROP TABLE story_fts")
        for name in ("story_fts_ai", "story_fts_au", "story_fts_ad", "story_tag_fts_ai", "story_tag_fts_ad",
                     "story_tag_fts_au", "tag_fts_au", "story_question_fts_ai", "story_question_fts_ad",
                     "story_question_fts_au"):
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
    without = bank.stories.search(query)
    assert [h.story_id for h in without] == [h.story_id for h in with_index] == [story.id]
    assert without[0].snippet == with_index[0].snippet


def test_a_megabyte_field_still_gives_a_short_snippet(bank: StoryBank) -> None:
    story = bank.stories.create(title="Pasted by accident", action="filler text\n" * 90_000 + "the needle, found")
    hit = bank.stories.search("needle")[0]
    assert hit.story_id == story.id
    assert hit.snippet.startswith("Action: …")
    assert "needle" in hit.snippet
    assert len(hit.snippet) < 140

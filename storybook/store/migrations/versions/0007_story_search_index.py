"""Search: the full-text index ``story_fts`` (SQLite FTS5) over every text of a story, kept in step by triggers.

One row per story (rowid = story id) with the title, the four STAR sections, reflection, short version, notes,
the story's tag names and the notes of its linked questions. The tokeniser folds case and accents
(``unicode61 remove_diacritics 2``); one- to three-letter prefix indexes keep typing-as-you-search fast.
Triggers on ``story``, ``story_tag``, ``tag`` and ``story_question`` rewrite a story's row in the same
transaction as the write, so edits, imports, restores, trash and purge all keep the index right; trashed
stories stay in the index (the trash view searches them), the query filters on ``story.deleted_at``.

A later migration that rebuilds ``story``, ``story_tag``, ``tag`` or ``story_question`` in batch mode drops
their triggers with the old table: it must create them again (``create_triggers`` below).

When this SQLite has no FTS5, nothing is created and a warning is logged; search then scans the stories.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import logging

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)
STORY_COLUMNS = ("title", "situation", "task", "action", "result", "reflection", "short_version", "notes")
TRIGGERS = ("story_fts_ai", "story_fts_au", "story_fts_ad", "story_tag_fts_ai", "story_tag_fts_ad",
            "story_tag_fts_au", "tag_fts_au", "story_question_fts_ai", "story_question_fts_ad",
            "story_question_fts_au")


def _tags(story: str) -> str:
    return ("(SELECT coalesce(group_concat(t.name, ' '), '') FROM story_tag st JOIN tag t ON t.id = st.tag_id "
            f"WHERE st.story_id = {story})")


def _notes(story: str) -> str:
    return f"(SELECT coalesce(group_concat(sq.note, ' '), '') FROM story_question sq WHERE sq.story_id = {story})"


def _insert_row(prefix: str) -> str:
    values = ", ".join(f"coalesce({prefix}.{c}, '')" for c in STORY_COLUMNS)
    return (f"INSERT INTO story_fts(rowid, {', '.join(STORY_COLUMNS)}, tags, question_notes) "
            f"VALUES ({prefix}.id, {values}, {_tags(prefix + '.id')}, {_notes(prefix + '.id')});")


def _set(column: str, expression: str, story: str) -> str:
    return f"UPDATE story_fts SET {column} = {expression} WHERE rowid = {story};"


def trigger_sql() -> list[str]:
    text_columns = ", ".join(("id", *STORY_COLUMNS))
    tags, notes = _tags("story_fts.rowid"), _notes("story_fts.rowid")
    return [
        f"CREATE TRIGGER story_fts_ai AFTER INSERT ON story BEGIN {_insert_row('new')} END",
        f"CREATE TRIGGER story_fts_au AFTER UPDATE OF {text_columns} ON story BEGIN "
        f"DELETE FROM story_fts WHERE rowid = old.id; {_insert_row('new')} END",
        "CREATE TRIGGER story_fts_ad AFTER DELETE ON story BEGIN DELETE FROM story_fts WHERE rowid = old.id; END",
        f"CREATE TRIGGER story_tag_fts_ai AFTER INSERT ON story_tag BEGIN {_set('tags', tags, 'new.story_id')} END",
        f"CREATE TRIGGER story_tag_fts_ad AFTER DELETE ON story_tag BEGIN {_set('tags', tags, 'old.story_id')} END",
        "CREATE TRIGGER story_tag_fts_au AFTER UPDATE ON story_tag BEGIN "
        f"{_set('tags', tags, 'old.story_id')} {_set('tags', tags, 'new.story_id')} END",
        f"CREATE TRIGGER tag_fts_au AFTER UPDATE OF name ON tag BEGIN UPDATE story_fts SET tags = {tags} "
        "WHERE rowid IN (SELECT story_id FROM story_tag WHERE tag_id = new.id); END",
        "CREATE TRIGGER story_question_fts_ai AFTER INSERT ON story_question BEGIN "
        f"{_set('question_notes', notes, 'new.story_id')} END",
        "CREATE TRIGGER story_question_fts_ad AFTER DELETE ON story_question BEGIN "
        f"{_set('question_notes', notes, 'old.story_id')} END",
        "CREATE TRIGGER story_question_fts_au AFTER UPDATE ON story_question BEGIN "
        f"{_set('question_notes', notes, 'old.story_id')} {_set('question_notes', notes, 'new.story_id')} END",
    ]


def create_triggers() -> None:
    for statement in trigger_sql():
        op.execute(statement)


def _has_fts5() -> bool:
    row = op.get_bind().exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()
    return bool(row and row[0])


def upgrade() -> None:
    if not _has_fts5():
        log.warning("This SQLite has no FTS5: the search index is not built; search scans the stories instead.")
        return
    columns = ", ".join((*STORY_COLUMNS, "tags", "question_notes"))
    op.execute(f"CREATE VIRTUAL TABLE story_fts USING fts5({columns}, "
               "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")
    values = ", ".join(f"coalesce(s.{c}, '')" for c in STORY_COLUMNS)
    op.execute(f"INSERT INTO story_fts(rowid, {columns}) SELECT s.id, {values}, {_tags('s.id')}, {_notes('s.id')} "
               "FROM story s")
    create_triggers()


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS story_fts")

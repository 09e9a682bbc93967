"""Stories, competencies, questions, tags and their links.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _link(name: str, left: str, right: str, *extra: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column(f"{left}_id", sa.Integer, sa.ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(f"{right}_id", sa.Integer, sa.ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True),
        *extra,
    )


def upgrade() -> None:
    op.create_table(
        "story",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("situation", sa.String, nullable=False, server_default=""),
        sa.Column("task", sa.String, nullable=False, server_default=""),
        sa.Column("action", sa.String, nullable=False, server_default=""),
        sa.Column("result", sa.String, nullable=False, server_default=""),
        sa.Column("reflection", sa.String, nullable=False, server_default=""),
        sa.Column("short_version", sa.String, nullable=False, server_default=""),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("status", sa.String, nullable=False, server_default="draft", index=True),
        sa.Column("cue_cards", sa.String, nullable=False, server_default="[]"),
        sa.Column("sample_key", sa.String, nullable=True, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False, index=True),
        sa.Column("deleted_at", sa.DateTime, nullable=True, index=True),
    )
    op.create_table(
        "competency",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True, index=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("description", sa.String, nullable=False, server_default=""),
        sa.Column("builtin", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "question",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=True, unique=True, index=True),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("assesses", sa.String, nullable=False, server_default=""),
        sa.Column("key_points", sa.String, nullable=False, server_default="[]"),
        sa.Column("builtin", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false(), index=True),
        sa.Column("edited", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True, index=True),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False, server_default=""),
    )
    _link("story_competency", "story", "competency")
    _link("question_competency", "question", "competency")
    _link("story_question", "story", "question", sa.Column("note", sa.String, nullable=False, server_default=""))
    _link("story_tag", "story", "tag")


def downgrade() -> None:
    for name in ("story_tag", "story_question", "question_competency", "story_competency"):
        op.drop_table(name)
    for name in ("meta", "tag", "question", "competency", "story"):
        op.drop_table(name)

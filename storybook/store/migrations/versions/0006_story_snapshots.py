"""Story history: whole-story snapshots taken on status changes, before overwrites and purges, and while editing.

A snapshot outlives its story (a purge keeps the history until it is emptied), so ``story_id`` is a plain
indexed integer, not a foreign key. ``payload_json`` holds every field, the competency keys, the tags and
the status; ``words`` is the spoken word count at the time, for the history list.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_snapshot",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("taken_at", sa.DateTime, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("words", sa.Integer, nullable=False, server_default="0"),
        sa.Column("payload_json", sa.String, nullable=False),
    )
    op.create_index("ix_story_snapshot_story_taken", "story_snapshot", ["story_id", "taken_at"])


def downgrade() -> None:
    op.drop_index("ix_story_snapshot_story_taken", table_name="story_snapshot")
    op.drop_table("story_snapshot")

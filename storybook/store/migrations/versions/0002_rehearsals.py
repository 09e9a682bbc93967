"""Rehearsal records: timed spoken runs of a story.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rehearsal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("story.id", ondelete="CASCADE"), index=True),
        sa.Column("question_id", sa.Integer, sa.ForeignKey("question.id", ondelete="SET NULL"), nullable=True),
        sa.Column("started_at", sa.DateTime, nullable=False, index=True),
        sa.Column("section_seconds", sa.String, nullable=False, server_default="[0, 0, 0, 0]"),
        sa.Column("total_seconds", sa.Float, nullable=False, server_default="0"),
        sa.Column("target_seconds", sa.Integer, nullable=False, server_default="120"),
        sa.Column("limit_seconds", sa.Integer, nullable=False, server_default="180"),
        sa.Column("mode", sa.String, nullable=False, server_default="full"),
        sa.Column("outcome", sa.String, nullable=False, server_default="finished"),
        sa.Column("rating", sa.Integer, nullable=True),
        sa.Column("note", sa.String, nullable=False, server_default=""),
        sa.Column("recording_path", sa.String, nullable=True),
        sa.Column("had_story", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("words", sa.Integer, nullable=True),
        sa.Column("speech_seconds", sa.Float, nullable=True),
        sa.Column("wpm", sa.Float, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("rehearsal")

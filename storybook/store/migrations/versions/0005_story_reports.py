"""Stored check reports: each story's last report, reused until its text, the engine or the checks change.

``text_hash`` is a digest of the texts and settings the checks read; ``engine_key`` names the engine, the
checks' version and the word lists. A row whose hash or key differs from today's is stale.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_report",
        sa.Column("story_id", sa.Integer, sa.ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("text_hash", sa.String, nullable=False),
        sa.Column("engine_key", sa.String, nullable=False),
        sa.Column("report_json", sa.String, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_report")

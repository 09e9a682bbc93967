"""Interview targets with their questions, weighted competencies and chosen stories.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _link(name: str, right: str) -> None:
    op.create_table(
        name,
        sa.Column("target_id", sa.Integer, sa.ForeignKey("target.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(f"{right}_id", sa.Integer, sa.ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True),
    )


def upgrade() -> None:
    op.create_table(
        "target",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("company", sa.String, nullable=False, server_default=""),
        sa.Column("role", sa.String, nullable=False, server_default=""),
        sa.Column("interview_at", sa.DateTime, nullable=True),
        sa.Column("interviewers", sa.String, nullable=False, server_default=""),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("questions_to_ask", sa.String, nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    _link("target_question", "question")
    _link("target_competency", "competency")
    _link("target_story", "story")


def downgrade() -> None:
    for name in ("target_story", "target_competency", "target_question", "target"):
        op.drop_table(name)

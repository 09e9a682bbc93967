"""Target competency weights move from ``meta`` keys into a ``weight`` column of ``target_competency``.

Revision 0003 kept the weight of each competency a target weighs (1 to 5) as JSON in a ``meta`` row
``target_weights:<target id>``; the link table only said *which* competencies. The weight now lives
on the link row itself, so it is deleted with the link and cannot drift from it. Stored weights are
copied over (a value outside 1-5 or not a number falls back to 3), and the ``meta`` rows are removed.
Downgrade writes the ``meta`` rows back.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PREFIX = "target_weights:"
DEFAULT_WEIGHT = 3


def _weight(value: object) -> int:
    try:
        weight = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_WEIGHT
    return weight if 1 <= weight <= 5 else DEFAULT_WEIGHT


def _stored_weights(conn: sa.Connection) -> dict[int, dict[str, object]]:
    rows = conn.execute(sa.text("SELECT key, value FROM meta WHERE key LIKE :p"), {"p": PREFIX + "%"}).all()
    out: dict[int, dict[str, object]] = {}
    for key, value in rows:
        suffix = key[len(PREFIX):]
        try:
            weights = json.loads(value or "{}")
        except ValueError:
            continue
        if suffix.isdigit() and isinstance(weights, dict):
            out[int(suffix)] = weights
    return out


def upgrade() -> None:
    with op.batch_alter_table("target_competency") as batch:
        batch.add_column(sa.Column("weight", sa.Integer, nullable=False, server_default=str(DEFAULT_WEIGHT)))
    conn = op.get_bind()
    keys = dict(conn.execute(sa.text("SELECT id, key FROM competency")).all())
    update = sa.text("UPDATE target_competency SET weight = :w WHERE target_id = :t AND competency_id = :c")
    for target_id, weights in _stored_weights(conn).items():
        for comp_id, key in keys.items():
            if key in weights:
                conn.execute(update, {"w": _weight(weights[key]), "t": target_id, "c": comp_id})
    conn.execute(sa.text("DELETE FROM meta WHERE key LIKE :p"), {"p": PREFIX + "%"})


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT tc.target_id, c.key, tc.weight FROM target_competency tc "
        "JOIN competency c ON c.id = tc.competency_id ORDER BY tc.target_id, c.key")).all()
    by_target: dict[int, dict[str, int]] = {}
    for target_id, key, weight in rows:
        by_target.setdefault(target_id, {})[key] = int(weight)
    insert = sa.text("INSERT OR REPLACE INTO meta (key, value) VALUES (:k, :v)")
    for target_id, weights in by_target.items():
        conn.execute(insert, {"k": f"{PREFIX}{target_id}", "v": json.dumps(weights, ensure_ascii=False)})
    with op.batch_alter_table("target_competency") as batch:
        batch.drop_column("weight")

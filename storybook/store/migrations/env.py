"""Alembic environment: runs against the engine the store hands over (batch mode for SQLite)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storybook.model.tables  # noqa: F401  (registers the tables on the metadata)

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        # SQLite's DDL is transactional: with the driver not committing on its own (see store.schema),
        # the whole upgrade is one transaction and a failure or a kill leaves the old schema intact.
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()

"""Bank: a save that met another writer's lock, and how long to wait before trying it again (no SQLAlchemy)."""

from __future__ import annotations

from storybook.store.errors import StoreError

RETRY_DELAYS_MS = (250, 500, 1000, 2000, 4000)


class DatabaseBusyError(StoreError):
    """Bank: another program holds the database's write lock; the save can be tried again."""


def retry_delay_ms(attempt: int) -> int:
    """Back-off before retry number ``attempt`` (1, 2, ...): 0.25 s doubling to 4 s, then every 4 s."""
    return RETRY_DELAYS_MS[min(max(attempt, 1), len(RETRY_DELAYS_MS)) - 1]

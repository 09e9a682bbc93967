"""GUI: re-run a proxy's filter with the non-deprecated API where Qt has it (6.10+)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QSortFilterProxyModel


@contextlib.contextmanager
def filter_change(proxy: QSortFilterProxyModel) -> Iterator[None]:
    """Wrap a change of filter criteria: ``with filter_change(self): self._words = ...``."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        try:
            yield
        finally:
            proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        return
    yield  # pragma: no cover - Qt < 6.10
    proxy.invalidateFilter()  # pragma: no cover

"""Bank: reading stored text that another tool wrote as invalid UTF-8, without failing.

SQLite hands back whatever bytes were stored; Python's driver refuses bytes that are not UTF-8, which
would make listing the stories fail. Every connection of the bank decodes text leniently instead
(broken bytes become U+FFFD) and counts how often that happened, so the app and the CLI can say so.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
REPLACEMENT = "\ufffd"
NOTE = ("Some stored text is not valid UTF-8 (another program wrote it); it is shown with \ufffd in place of "
        "the unreadable characters. Editing a story saves it as shown.")


class StoredTextRepair:
    """Bank: decodes every stored text with U+FFFD for broken bytes, and counts the texts that needed it."""

    def __init__(self) -> None:
        self.broken = 0
        self._lock = threading.Lock()

    def decode(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            with self._lock:
                self.broken += 1
            log.warning("Stored text with invalid UTF-8 shown with replacement characters: %r", raw[:60])
            return raw.decode("utf-8", errors="replace")

    def install(self, engine: Engine) -> None:
        """Apply to every connection ``engine`` hands out (set on each checkout: cheap, and covers old ones)."""
        from sqlalchemy import event

        event.listen(engine, "checkout", self._on_checkout)

    def _on_checkout(self, dbapi_connection: Any, _record: object, _proxy: object) -> None:
        dbapi_connection.text_factory = self.decode

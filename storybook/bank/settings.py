"""Bank: user settings stored in the database so every feature reads the same values."""

from __future__ import annotations

import json
from typing import Any

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.model.tables import Meta
from storybook.model.values import Settings

SETTINGS_KEY = "settings"


class SettingsService:
    """Bank: reads and writes the Settings value object."""

    def __init__(self, bank: BankBase) -> None:
        self._bank = bank

    def get(self) -> Settings:
        with self._bank.unit_of_work() as session:
            row = session.get(Meta, SETTINGS_KEY)
            data: dict[str, Any] = json.loads(row.value) if row and row.value else {}
        return Settings.from_dict(data)

    def save(self, settings: Settings) -> None:
        validate_settings(settings)
        with self._bank.write(ChangeSet(settings=True)) as session:
            row = session.get(Meta, SETTINGS_KEY) or Meta(key=SETTINGS_KEY)
            row.value = json.dumps(settings.to_dict(), ensure_ascii=False)
            session.add(row)

    def update(self, **changes: Any) -> Settings:
        data = self.get().to_dict()
        data.update(changes)
        settings = Settings.from_dict(data)
        self.save(settings)
        return settings


def validate_settings(settings: Settings) -> None:
    """Raise ValueError with a clear message for settings that make no sense."""
    if not 60 <= settings.pace_wpm <= 300:
        raise ValueError("Speaking pace must be between 60 and 300 words per minute.")
    if not 10 <= settings.target_seconds < settings.limit_seconds:
        raise ValueError("The target must be at least 10 seconds and shorter than the limit.")
    if len(settings.split) != 4 or any(p < 0 for p in settings.split) or sum(settings.split) != 100:
        raise ValueError("The STAR split needs four non-negative shares adding up to 100.")
    if settings.page_size not in ("A4", "Letter"):
        raise ValueError("Page size must be A4 or Letter.")
    if settings.spelling_language not in ("", "en_US", "en_GB"):
        raise ValueError("Spelling must be English (US), English (UK) or follow the system.")

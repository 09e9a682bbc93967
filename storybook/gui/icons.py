"""GUI: the application icon (SVG with a PNG fallback) from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from storybook.paths import resources_dir


def app_icon() -> QIcon:
    folder = resources_dir() / "icons"
    icon = QIcon()
    for name in ("storybook.svg", "storybook-256.png", "storybook-64.png"):
        path = folder / name
        if path.is_file():
            icon.addFile(str(path))
    return icon

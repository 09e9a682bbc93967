"""GUI: the PySide6 desktop app. Everything Qt lives under this package."""

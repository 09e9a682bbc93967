"""GUI: dialogs; each has one classmethod entry point returning ``(value, accepted)`` so tests can patch it."""

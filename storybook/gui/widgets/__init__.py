"""GUI: generic widgets and helpers that know nothing about stories (chips, flow layout, elided labels, ...)."""

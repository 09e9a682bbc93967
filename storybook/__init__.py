"""Storybook: an offline desktop app for preparing behavioral interviews with STAR stories."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Storybook"

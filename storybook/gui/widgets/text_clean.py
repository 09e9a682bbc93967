"""GUI: cleaning pasted text for the input fields (pure helpers, no Qt).

Text copied from terminals, PDFs and chat tools can carry invisible control characters. Every field
that takes typed or pasted text runs it through here, so the rules and the message are the same
everywhere.
"""

from __future__ import annotations

import re

# C0 control characters and DEL, except tab and line breaks: invisible junk from terminals and PDFs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (tab and line breaks stay) and how many were removed."""
    cleaned, removed = _CONTROL.subn("", text or "")
    return cleaned, removed


def one_line(text: str) -> tuple[str, int]:
    """Text for a one-line field: control characters removed, line breaks and tabs turned into spaces."""
    cleaned, removed = strip_controls(text)
    return " ".join(cleaned.replace("\t", " ").splitlines()), removed


def removed_message(removed: int, cut: int = 0, limit: int = 0) -> str:
    """What the user is told after a paste was cleaned or shortened ("" when nothing changed)."""
    parts = []
    if removed:
        parts.append(f"Removed {removed} invisible control character{'' if removed == 1 else 's'} from the pasted text.")
    if cut:
        parts.append(f"This field holds {limit:,} characters: {cut:,} pasted characters did not fit and were left out.")
    return " ".join(parts)

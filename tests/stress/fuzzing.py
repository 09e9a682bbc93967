"""Test helpers: hypothesis settings for the fuzz tests (500 examples under `make stress`, 25 otherwise)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from .conftest import full_stress


def fuzz_settings() -> settings:
    # `make test` runs the same 25 examples every time (a CI run never fails on a new draw); `make stress` explores
    return settings(max_examples=500 if full_stress() else 25, deadline=None, database=None,
                    derandomize=not full_stress(),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


def one_clear_line(message: str) -> bool:
    """An error message fit to print as the one line a command shows: not empty, no line breaks, no traceback."""
    return bool(message.strip()) and "\n" not in message and "Traceback" not in message


def fingerprint(db: Path) -> str:
    """A hash of every row in the database."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode("utf-8", "surrogatepass")).hexdigest()
    finally:
        con.close()


# Any JSON value, with the awkward ones weighted in: huge and non-finite numbers, surrogates, deep nesting.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([10**30, -(10**30), 2**63, 0, 1, 5, 6, -1]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", "abc", "\ud800", "2024-13-45", "2024-01-02T03:04:05", "full", "cue", "finished", "x" * 300]),
)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)

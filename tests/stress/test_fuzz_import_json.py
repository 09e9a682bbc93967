"""Stress: property-based fuzzing of ``import-json``: a clean import or one ImportFileError, never anything else.

A failed import leaves the database exactly as it was; a clean one leaves a bank that can still be listed
and exported (a value that breaks a later command must be refused up front).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storybook.bank import StoryBank
from storybook.bank.transfer import ImportFileError

from .fuzz_inputs import base_payload
from .fuzzing import fingerprint, fuzz_settings, json_values, one_clear_line

SECTIONS = ("competencies", "questions", "stories", "targets", "rehearsals")
KEYS = sorted({key for section in SECTIONS for item in base_payload()[section] for key in item} | {"extra"})


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-json") / "bank.sqlite"
    with StoryBank.open(path) as bank:
        bank.stories.create(title="Fuzz base story", action="Stored before the import.")
    return path


mutations = st.lists(st.tuples(st.sampled_from(SECTIONS), st.sampled_from(KEYS), json_values), min_size=1, max_size=4)


def _mutated(changes: list[tuple[str, str, Any]], whole: Any) -> dict[str, Any]:
    payload = copy.deepcopy(base_payload())
    for section, key, value in changes:
        if key == "extra":
            payload[section] = whole if section == "stories" else payload[section]
        else:
            payload[section][0][key] = value
    return payload


def _still_usable(bank: StoryBank) -> None:
    bank.stories.list()
    bank.rehearsals.list()
    bank.targets.list()
    bank.transfer.export_payload()


@fuzz_settings()
@given(changes=mutations, whole=json_values, replace=st.booleans())
def test_import_json_is_all_or_nothing(tmp_path_factory: pytest.TempPathFactory, template: Path,
                                       changes: list[tuple[str, str, Any]], whole: Any, replace: bool) -> None:
    folder = tmp_path_factory.mktemp("case")
    db = folder / "bank.sqlite"
    shutil.copy2(template, db)
    before = fingerprint(db)
    path = folder / "bank.json"
    payload = _mutated(changes, whole)
    path.write_bytes(json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    with StoryBank.open(db) as bank:
        try:
            report = bank.transfer.import_json(path, replace=replace)
        except ImportFileError as exc:
            failure = str(exc)
        else:
            failure = None
            # every clean import accounts for its stories (a file may carry none: targets or questions only)
            assert len(report.added) + len(report.replaced) + len(report.skipped) >= min(1, len(payload["stories"]))
            _still_usable(bank)
    if failure is not None:
        assert one_clear_line(failure)
        assert fingerprint(db) == before

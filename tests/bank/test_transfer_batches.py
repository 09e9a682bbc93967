"""Bank: an import committed in batches that fails part-way takes out what it had added."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

import storybook.bank.transfer_batches as batches
from storybook.bank import StoryBank
from storybook.bank.transfer import ImportFileError
from storybook.bank.transfer_import import StoryWriter


def _payload(bank: StoryBank, count: int) -> dict:
    payload = bank.transfer.export_payload()
    template = dict(payload["stories"][0]) if payload["stories"] else {"situation": "S", "action": "A"}
    payload["stories"] = [dict(template, ref=f"story:{n}", title=f"Batch {n}") for n in range(count)]
    payload.update(targets=[], rehearsals=[])
    return payload


def test_a_failing_later_batch_leaves_the_bank_as_it_was(sample_bank: StoryBank,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(s.title for s in sample_bank.stories.list())
    payload = _payload(sample_bank, 6)
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)  # every story is its own batch
    monkeypatch.setattr(batches, "PAUSE_SECONDS", 0.0)
    real_write = StoryWriter.write
    calls = []

    def write_then_fill_the_disk(self, item, questions):  # noqa: ANN001, ANN202
        calls.append(item["title"])
        if len(calls) == 4:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return real_write(self, item, questions)

    monkeypatch.setattr(StoryWriter, "write", write_then_fill_the_disk)
    with pytest.raises(ImportFileError, match="the disk is full"):
        sample_bank.transfer.import_payload(payload)
    assert sorted(s.title for s in sample_bank.stories.list()) == before


def test_batches_commit_as_they_go(bank: StoryBank, monkeypatch: pytest.MonkeyPatch) -> None:
    commits = []
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(batches, "PAUSE_SECONDS", 0.0)
    real = batches.BatchWriter.checkpoint

    def counted(self):  # noqa: ANN001, ANN202
        session = real(self)
        commits.append(self.commits)
        return session

    monkeypatch.setattr(batches.BatchWriter, "checkpoint", counted)
    report = bank.transfer.import_payload(_payload(bank, 5))
    assert len(report.added) == 5
    assert commits[-1] >= 4  # the other writers had a chance between stories


def test_a_dry_run_never_commits(bank: StoryBank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)
    report = bank.transfer.import_payload(_payload(bank, 5), dry_run=True)
    assert len(report.added) == 5
    assert bank.stories.list() == []

"""Stress: ``kill -9`` during saves, during database creation and during a schema upgrade loses nothing.

Each loop prints one summary line (rounds, failures, lost, unopenable); ``make stress`` runs the full
counts (200, 30, 30), ``make test`` a few rounds of each.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storybook.bank import StoreError, StoryBank
from storybook.bank.backups import list_backups
from storybook.store.db import head_revision, read_revision

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
              pytest.mark.timeout(3600)]

SAVER = textwrap.dedent("""
    import random, sys
    from pathlib import Path
    from storybook.bank import StoryBank
    from storybook.bank.backups import backup_quietly
    db, tag = Path(sys.argv[1]), sys.argv[2]
    bank = StoryBank.open(db)
    print("open", flush=True)
    ids, n = [], 0
    while True:
        n += 1
        if ids and n % 3 == 0:
            sid = random.choice(ids)
            bank.stories.update(sid, action=f"{tag}-edit-{n}")
            print(f"U {sid} {n}", flush=True)
        else:
            record = bank.stories.create(title=f"{tag}-{n}", situation="s" * random.randint(0, 3000))
            ids.append(record.id)
            print(f"C {record.id} {n}", flush=True)
        if n % 25 == 0:
            backup_quietly(db, "stress")
""")


@dataclass
class Tally:
    """What a loop saw; printed as one line."""

    name: str
    rounds: int = 0
    failures: int = 0
    lost: int = 0
    unopenable: int = 0
    saves: int = 0
    notes: list[str] = field(default_factory=list)

    def fail(self, note: str) -> None:
        self.failures += 1
        self.notes.append(note)

    def report(self) -> None:
        print(f"\n[stress] {self.name}: rounds={self.rounds} failures={self.failures} lost={self.lost} "
              f"unopenable={self.unopenable} confirmed_saves={self.saves}")
        for note in self.notes[:10]:
            print(f"[stress]   {note}")


def _kill(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def _confirmed_lines(child: subprocess.Popen) -> list[list[str]]:
    assert child.stdout is not None
    rest = child.stdout.read()
    return [line.split() for line in rest.split("\n")[:-1]]  # a line cut by the kill has no newline


def _verify_saves(db: Path, titles: dict[int, str], edits: dict[int, tuple[str, int]], tally: Tally) -> None:
    try:
        with StoryBank.open(db) as bank:
            stored = {s.id: s for s in bank.stories.list()}
    except StoreError as exc:
        tally.unopenable += 1
        tally.fail(f"round {tally.rounds}: cannot open: {exc}")
        return
    missing = [sid for sid, title in titles.items() if sid not in stored or stored[sid].title != title]
    stale = []
    for sid, (tag, n) in edits.items():
        action = stored[sid].action if sid in stored else ""
        prefix, _, number = action.rpartition("-edit-")
        if prefix != tag or not number.isdigit() or int(number) < n:
            stale.append(sid)
    tally.lost += len(missing) + len(stale)
    if missing or stale:
        tally.fail(f"round {tally.rounds}: {len(missing)} confirmed stories and {len(stale)} edits missing")
    bad = [b.path.name for b in list_backups(db) if not b.verified]
    if bad:
        tally.fail(f"round {tally.rounds}: unverified backups left behind: {bad}")


def test_kill_during_saves_loses_no_confirmed_save(tmp_path: Path, stress_rounds) -> None:
    db = tmp_path / "data" / "bank.sqlite"
    with StoryBank.open(db):
        pass
    titles: dict[int, str] = {}
    edits: dict[int, tuple[str, int]] = {}
    tally = Tally("kill -9 during saves (data layer)")
    rng = random.Random(10)
    for round_no in range(stress_rounds(200)):
        tally.rounds += 1
        tag = f"r{round_no}"
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(db), tag], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "open"
            time.sleep(rng.uniform(0.02, 0.5))
        finally:
            _kill(child)
        for kind, sid, n in _confirmed_lines(child):
            tally.saves += 1
            if kind == "C":
                titles[int(sid)] = f"{tag}-{n}"
            else:
                edits[int(sid)] = (tag, int(n))
        _verify_saves(db, titles, edits, tally)
    tally.report()
    assert tally.saves > tally.rounds
    assert (tally.failures, tally.lost, tally.unopenable) == (0, 0, 0), tally.notes


def _wait_for(predicate, timeout: float = 30.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.001)
    return False


def _info(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "storybook", "--db", str(db), "info"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_kill_during_database_creation_never_leaves_an_unopenable_file(tmp_path: Path, stress_rounds) -> None:
    tally = Tally("kill -9 during database creation")
    rng = random.Random(3)
    for round_no in range(stress_rounds(30)):
        tally.rounds += 1
        folder = tmp_path / f"r{round_no}"
        folder.mkdir()
        db = folder / "new.sqlite"
        child = _info(db)
        try:
            started = _wait_for(lambda f=folder: any(f.iterdir()))
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            _kill(child)
        if not started:
            tally.fail(f"round {round_no}: the child never created anything")
            continue
        try:
            with StoryBank.open(db) as bank:
                bank.stories.create(title="After the kill")
                assert bank.stories.count() == 1
            if read_revision(db) != head_revision():
                tally.fail(f"round {round_no}: schema {read_revision(db)}")
        except Exception as exc:  # noqa: BLE001 - any failure to open is what this loop counts
            tally.unopenable += 1
            tally.fail(f"round {round_no}: {type(exc).__name__}: {exc}")
    tally.report()
    assert (tally.failures, tally.unopenable) == (0, 0), tally.notes


def _old_database(path: Path, stories: int) -> None:
    from storybook.store.schema import create_database

    create_database(path, "0003")
    con = sqlite3.connect(path)
    with con:
        for n in range(stories):
            con.execute("INSERT INTO story (title, situation, task, action, result, reflection, short_version, "
                        "notes, status, cue_cards, created_at, updated_at) VALUES (?, '', '', 'did it', '', '', "
                        "'', '', 'draft', '[]', '2030-01-01', '2030-01-01')", (f"Old {n}",))
    con.close()


def test_kill_during_an_upgrade_never_loses_or_bricks(tmp_path: Path, stress_rounds) -> None:
    template = tmp_path / "template" / "bank.sqlite"
    _old_database(template, 7)
    tally = Tally("kill -9 during a schema upgrade")
    rng = random.Random(4)
    killed_at: dict[str | None, int] = {}
    for round_no in range(stress_rounds(30)):
        tally.rounds += 1
        db = tmp_path / f"r{round_no}" / "bank.sqlite"
        db.parent.mkdir()
        shutil.copy2(template, db)
        backups = db.parent / "backups"
        child = _info(db)
        try:
            started = _wait_for(lambda b=backups: b.is_dir() and any(b.glob("*.sqlite")))
            time.sleep(rng.uniform(0.0, 0.4))  # the pre-upgrade backup is in place: the upgrade runs now
        finally:
            _kill(child)
        if not started:
            tally.fail(f"round {round_no}: no pre-upgrade backup appeared")
            continue
        left_at = read_revision(db)
        killed_at[left_at] = killed_at.get(left_at, 0) + 1
        try:
            with StoryBank.open(db) as bank:
                found = bank.stories.count()
            tally.lost += 7 - found
            if found != 7 or read_revision(db) != head_revision():
                tally.fail(f"round {round_no}: {found} stories, schema {read_revision(db)}")
        except Exception as exc:  # noqa: BLE001 - any failure to open is what this loop counts
            tally.unopenable += 1
            tally.fail(f"round {round_no}: {type(exc).__name__}: {exc}")
    tally.report()
    print(f"[stress]   schema found right after each kill: {killed_at}")
    assert (tally.failures, tally.lost, tally.unopenable) == (0, 0, 0), tally.notes

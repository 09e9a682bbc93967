"""Bank: rehearsal use cases (save a run, its recording and rating; history; personal pace; practise next)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.plain_reads import (
    PACE_RECENT_RUNS,
    personal_pace,
    recent_paces,
    with_pace,
)
from storybook.bank.settings import SettingsService
from storybook.bank.stories import StoryService
from storybook.model.measures import story_words, words_per_minute
from storybook.model.tables import Question, Rehearsal, Story, utcnow
from storybook.model.values import SECTIONS, Settings
from storybook.rehearsal.records import MODES, OUTCOMES, RehearsalRecord
from storybook.rehearsal.schedule import PractiseItem, rank_stories, readiness_scores
from storybook.rehearsal.summary import StoryRunStats, story_stats
from storybook.store.errors import NotFoundError

if TYPE_CHECKING:
    from storybook.rehearsal.audio import AudioStats

RUNS = ChangeSet(rehearsals=True)

log = logging.getLogger(__name__)

MAX_NOTE_CHARS = 10_000
ORPHAN_GRACE_S = 3600.0  # an unlinked take younger than this may still be recording


class RehearsalService:
    """Bank: every rehearsal a user saves, with its recording file."""

    def __init__(self, bank: BankBase, stories: StoryService, settings: SettingsService) -> None:
        self._bank = bank
        self._stories = stories
        self._settings = settings

    # ---- files ----------------------------------------------------------------------------
    @property
    def recordings_dir(self) -> Path:
        return Path(self._bank.recordings_dir)

    def ensure_recordings_dir(self) -> Path:
        folder = self.recordings_dir
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        return folder

    def new_recording_path(self, story_id: int | None) -> Path:
        """Where the recorder should write the next run of ``story_id`` (a name no other file has)."""
        folder = self.ensure_recordings_dir()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return folder / f"story-{story_id if story_id is not None else 'none'}-{stamp}.wav"

    # ---- writing --------------------------------------------------------------------------
    def record(self, story_id: int | None, section_seconds: Sequence[float], *, question_id: int | None = None,
               started_at: datetime | None = None, target_seconds: int | None = None,
               limit_seconds: int | None = None, mode: str = "full", outcome: str = "finished",
               rating: int | None = None, note: str = "", recording: str | Path | None = None,
               had_story: bool | None = None, words: int | None = None, analyze: bool = True) -> RehearsalRecord:
        """Save one run. A recording is moved into the recordings folder and, with ``analyze``, measured."""
        seconds = _clean_seconds(section_seconds)
        _check_choice(mode, MODES, "mode")
        _check_choice(outcome, OUTCOMES, "outcome")
        settings = self._settings.get()
        target = int(target_seconds if target_seconds is not None else settings.target_seconds)
        limit = int(limit_seconds if limit_seconds is not None else settings.limit_seconds)
        if story_id is not None and words is None:
            words = story_words(self._stories.get(story_id))
        row = Rehearsal(
            story_id=story_id, question_id=question_id, started_at=_as_utc(started_at) if started_at else utcnow(),
            section_seconds=json.dumps(seconds), total_seconds=round(sum(seconds), 3), target_seconds=target,
            limit_seconds=limit, mode=mode, outcome=outcome, rating=_check_rating(rating), note=_clean_note(note),
            had_story=story_id is not None if had_story is None else bool(had_story), words=words,
        )
        with self._bank.write(RUNS) as session:
            self._require_links(session, story_id, question_id)
            session.add(row)
            session.flush()
            rehearsal_id = row.id
        if recording is not None:
            return self.attach_recording(rehearsal_id, recording, analyze=analyze)
        return self.get(rehearsal_id)

    def attach_recording(self, rehearsal_id: int, wav: str | Path, analyze: bool = True) -> RehearsalRecord:
        """Move a WAV into the recordings folder (0600) and link it to the run; measure it if asked."""
        source = Path(wav)
        if not source.is_file():
            raise ValueError(f"The recording {source} does not exist.")
        record = self.get(rehearsal_id)
        target = source if source.parent == self.ensure_recordings_dir() else self.new_recording_path(record.story_id)
        if target != source:
            shutil.move(str(source), target)
        os.chmod(target, 0o600)
        with self._bank.write(RUNS) as session:
            row = self._row(session, rehearsal_id)
            old = self._resolve(row.recording_path)
            row.recording_path = target.name  # relative, so the data folder can move
            session.add(row)
        if old is not None and old != target:
            _remove_file(old)
        if analyze:
            from storybook.rehearsal.audio import AudioError, analyze_wav  # numpy: only when a recording comes in

            try:
                return self.set_audio_stats(rehearsal_id, analyze_wav(target, words=record.words))
            except AudioError as exc:
                log.warning("Could not analyse recording %s: %s", target, exc)
        return self.get(rehearsal_id)

    def set_audio_stats(self, rehearsal_id: int, stats: AudioStats) -> RehearsalRecord:
        """Store what the audio analysis measured (speaking time, and pace when the word count is known)."""
        with self._bank.write(RUNS) as session:
            row = self._row(session, rehearsal_id)
            row.speech_seconds = round(stats.speech_s, 3)
            pace = stats.wpm
            if pace is None and row.words:
                pace = words_per_minute(row.words, stats.speech_s)
            row.wpm = round(pace, 2) if pace else None
            session.add(row)
        return self.get(rehearsal_id)

    def update_rating(self, rehearsal_id: int, rating: int | None, note: str = "") -> RehearsalRecord:
        with self._bank.write(RUNS) as session:
            row = self._row(session, rehearsal_id)
            row.rating = _check_rating(rating)
            row.note = _clean_note(note)
            session.add(row)
        return self.get(rehearsal_id)

    def delete(self, rehearsal_id: int) -> None:
        """Delete a run and its recording file."""
        with self._bank.write(RUNS) as session:
            row = self._row(session, rehearsal_id)
            path = self._resolve(row.recording_path)
            session.delete(row)
        if path is not None:
            _remove_file(path)

    def forget_story(self, story_id: int) -> int:
        """Remove the recording files of a purged story (its rows went with it); returns files removed."""
        removed = 0
        folder = self.recordings_dir
        if folder.is_dir():
            for path in folder.glob(f"story-{int(story_id)}-*.wav"):
                removed += _remove_file(path)
        return removed + self.prune_orphans(older_than_s=ORPHAN_GRACE_S)

    def prune_orphans(self, older_than_s: float = 0.0) -> int:
        """Delete recording files that no rehearsal points at (left by a crash or a purge).

        ``older_than_s`` spares files touched more recently: one may be a take still being recorded.
        """
        folder = self.recordings_dir
        if not folder.is_dir():
            return 0
        with self._bank.unit_of_work() as session:
            known = {Path(p).name for p in session.exec(
                select(Rehearsal.recording_path).where(col(Rehearsal.recording_path).is_not(None))).all()}
        cutoff = time.time() - older_than_s
        return sum(_remove_file(p) for p in folder.glob("story-*.wav")
                   if p.name not in known and _mtime(p) <= cutoff)

    # ---- reading --------------------------------------------------------------------------
    def get(self, rehearsal_id: int) -> RehearsalRecord:
        with self._bank.unit_of_work() as session:
            return _records(session, [self._row(session, rehearsal_id)], self.recordings_dir)[0]

    def list(self, story_id: int | None = None, limit: int | None = None) -> list[RehearsalRecord]:
        """Runs, newest first; only those of ``story_id`` when given."""
        with self._bank.unit_of_work() as session:
            query = select(Rehearsal)
            if story_id is not None:
                query = query.where(Rehearsal.story_id == story_id)
            query = query.order_by(col(Rehearsal.started_at).desc(), col(Rehearsal.id).desc())
            if limit is not None:
                query = query.limit(limit)
            return _records(session, list(session.exec(query).all()), self.recordings_dir)

    def stats_for_story(self, story_id: int) -> StoryRunStats:
        return story_stats(self.list(story_id))

    def effective_settings(self) -> tuple[Settings, str]:
        """Settings with the pace the app should use, and where that pace came from.

        The user's measured pace (three or more measured runs) wins when the settings allow it; otherwise
        the stored pace, called "settings" when the user changed it and "default" when not.
        """
        settings = self._settings.get()
        return with_pace(settings, self.personal_pace() if settings.use_measured_pace else None)

    def personal_pace(self) -> float | None:
        """Median words per minute over the latest runs with a measured recording; None below three."""
        return personal_pace(self.recent_paces())

    def recent_paces(self) -> list[float]:
        with self._bank.unit_of_work() as session:
            rows = session.exec(
                select(Rehearsal.wpm)
                .where(col(Rehearsal.wpm).is_not(None), col(Rehearsal.recording_path).is_not(None))
                .order_by(col(Rehearsal.started_at).desc())
                .limit(PACE_RECENT_RUNS * 3)
            ).all()
        return recent_paces(rows)

    def practise_next(self, today: date | None = None, readiness: dict[int, float] | None = None,
                      engine: object | None = None) -> list[PractiseItem]:
        """Stories ranked for practice; ``readiness`` overrides the computed scores (the GUI computes them off-thread).

        ``engine`` (an analysis Engine or EngineCache) scores the stories; without one, one is loaded per call.
        """
        stories = self._stories.list()
        if readiness is None:
            settings, _source = self.effective_settings()
            readiness, _how = readiness_scores(stories, settings, engine)
        return rank_stories(stories, self.list(), readiness, today or date.today())

    # ---- helpers --------------------------------------------------------------------------
    def _resolve(self, stored: str | None) -> Path | None:
        return _resolve(stored, self.recordings_dir)

    @staticmethod
    def _row(session: Any, rehearsal_id: int) -> Rehearsal:
        row = session.get(Rehearsal, rehearsal_id)
        if row is None:
            raise NotFoundError(f"There is no rehearsal {rehearsal_id}.")
        return row

    @staticmethod
    def _require_links(session: Any, story_id: int | None, question_id: int | None) -> None:
        if story_id is not None and session.get(Story, story_id) is None:
            raise NotFoundError(f"There is no story {story_id}.")
        if question_id is not None and session.get(Question, question_id) is None:
            raise NotFoundError(f"There is no question {question_id}.")


def _clean_seconds(values: Sequence[float]) -> list[float]:
    seconds = [float(v) for v in values]
    if len(seconds) != len(SECTIONS):
        raise ValueError(f"A rehearsal needs {len(SECTIONS)} section times (Situation, Task, Action, Result).")
    if any(not 0 <= v < 86_400 for v in seconds):
        raise ValueError("Section times must be between 0 seconds and a day.")
    return [round(v, 3) for v in seconds]


def _as_utc(moment: datetime) -> datetime:
    """Aware UTC for the database; a naive time is taken as the user's local time."""
    return moment.astimezone(UTC)


def _check_choice(value: str, allowed: Any, what: str) -> None:
    if value not in allowed:
        raise ValueError(f"Unknown {what} {value!r}; use one of: {', '.join(allowed)}.")


def _check_rating(rating: int | None) -> int | None:
    if rating is None:
        return None
    if isinstance(rating, bool) or int(rating) != rating or not 1 <= int(rating) <= 5:
        raise ValueError("A rating is a whole number from 1 to 5.")
    return int(rating)


def _clean_note(note: Any) -> str:
    text = "" if note is None else str(note).replace("\x00", "")
    return text[:MAX_NOTE_CHARS]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")  # gone or unreadable: leave it alone


def _remove_file(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        log.warning("Could not delete recording %s: %s", path, exc)
        return 0
    return 1


def _resolve(stored: str | None, folder: Path) -> Path | None:
    if not stored:
        return None
    path = Path(stored)
    return path if path.is_absolute() else folder / path


def _records(session: Any, rows: list[Rehearsal], folder: Path) -> list[RehearsalRecord]:
    story_ids = {r.story_id for r in rows if r.story_id is not None}
    question_ids = {r.question_id for r in rows if r.question_id is not None}
    titles = dict(session.exec(select(Story.id, Story.title).where(col(Story.id).in_(story_ids))).all()) \
        if story_ids else {}
    questions = dict(session.exec(select(Question.id, Question.text).where(col(Question.id).in_(question_ids)))
                     .all()) if question_ids else {}
    out: list[RehearsalRecord] = []
    for r in rows:
        try:
            seconds = [float(x) for x in json.loads(r.section_seconds or "[]")]
        except (ValueError, TypeError):
            seconds = []
        seconds = (seconds + [0.0] * len(SECTIONS))[: len(SECTIONS)]
        out.append(RehearsalRecord(
            id=r.id, story_id=r.story_id, started_at=r.started_at, section_seconds=seconds,
            total_seconds=r.total_seconds, target_seconds=r.target_seconds, limit_seconds=r.limit_seconds,
            mode=r.mode, outcome=r.outcome, rating=r.rating, note=r.note, recording_path=_str(_resolve(r.recording_path, folder)),
            had_story=r.had_story, question_id=r.question_id, words=r.words, speech_seconds=r.speech_seconds,
            wpm=r.wpm, story_title=titles.get(r.story_id, ""), question_text=questions.get(r.question_id, ""),
        ))
    return out


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)

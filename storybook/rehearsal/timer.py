"""Rehearsal: the section-by-section timer as a state machine with an injected clock (no Qt).

The GUI connects a ``QTimer`` to :meth:`RehearsalTimer.tick`; tests pass a fake clock. Every method
that changes something returns the events it caused, and the same events go to every listener.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from storybook.model.values import SECTIONS, Settings

log = logging.getLogger(__name__)

Clock = Callable[[], float]


class TimerState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ABORTED = "aborted"


class Zone(StrEnum):
    UNDER = "under"  # still under the target
    BETWEEN = "between"  # past the target, not yet at the limit
    OVER = "over"  # at or past the limit


class EventKind(StrEnum):
    STATE = "state"  # the state changed (``state`` holds the new one)
    SECTION = "section"  # a new section began (``section`` holds it)
    ZONE = "zone"  # the total crossed the target or the limit (``zone`` holds the new zone)
    BUDGET = "budget"  # the current section went past its budget (``section`` holds it)


@dataclass(frozen=True)
class TimerEvent:
    """Rehearsal: one thing the timer noticed, stamped with the run time (pauses excluded)."""

    kind: EventKind
    at: float
    state: TimerState | None = None
    section: str | None = None
    zone: Zone | None = None


def zone_for(total: float, target: float, limit: float) -> Zone:
    if total >= limit:
        return Zone.OVER
    if total >= target:
        return Zone.BETWEEN
    return Zone.UNDER


def section_budgets(target_seconds: float, split: Sequence[float]) -> list[float]:
    """Seconds per STAR section: the target shared out by the split (all equal if the split is empty)."""
    total = float(sum(split))
    if total <= 0:
        return [target_seconds / len(SECTIONS)] * len(SECTIONS)
    return [target_seconds * float(share) / total for share in split]


class RehearsalTimer:
    """Rehearsal: ready -> running <-> paused -> finished | aborted, with a lap per STAR section."""

    def __init__(self, target_seconds: float = 120, limit_seconds: float = 180,
                 split: Sequence[float] = (15, 10, 60, 15), clock: Clock = time.monotonic) -> None:
        if target_seconds <= 0 or limit_seconds < target_seconds:
            raise ValueError("The target must be positive and no longer than the limit.")
        if len(split) != len(SECTIONS):
            raise ValueError("The STAR split needs one share per section.")
        self.target = float(target_seconds)
        self.limit = float(limit_seconds)
        self.budgets = section_budgets(self.target, split)
        self._clock = clock
        self._listeners: list[Callable[[TimerEvent], None]] = []
        self._reset()

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock = time.monotonic) -> RehearsalTimer:
        return cls(settings.target_seconds, settings.limit_seconds, settings.split, clock)

    # ---- listeners ------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[TimerEvent], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[TimerEvent], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    # ---- reading --------------------------------------------------------------------------
    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def section_index(self) -> int:
        return self._index

    @property
    def section(self) -> str:
        return SECTIONS[self._index]

    @property
    def is_last_section(self) -> bool:
        return self._index == len(SECTIONS) - 1

    @property
    def is_active(self) -> bool:
        return self._state in (TimerState.RUNNING, TimerState.PAUSED)

    @property
    def is_over(self) -> bool:
        return self._state in (TimerState.FINISHED, TimerState.ABORTED)

    def total(self) -> float:
        """Seconds spent running so far; pauses do not count."""
        if self._state is TimerState.RUNNING:
            return self._banked + max(0.0, self._clock() - self._resumed_at)
        return self._banked

    def section_seconds(self) -> list[float]:
        """Seconds per section in STAR order; sections not reached yet are 0."""
        laps = list(self._laps)
        if self.is_active:
            laps[self._index] = self.total() - self._lap_start
        return laps

    def current_section_seconds(self) -> float:
        return self.section_seconds()[self._index]

    def zone(self) -> Zone:
        return zone_for(self.total(), self.target, self.limit)

    # ---- transitions ----------------------------------------------------------------------
    def start(self) -> list[TimerEvent]:
        self._require(TimerState.READY, "start")
        self._resumed_at = self._clock()
        events = [self._event(EventKind.STATE, state=TimerState.RUNNING)]
        events.append(self._event(EventKind.SECTION, section=self.section))
        self._state = TimerState.RUNNING
        return self._emit(events)

    def pause(self) -> list[TimerEvent]:
        self._require(TimerState.RUNNING, "pause")
        events = self._crossings()
        self._banked = self.total()
        self._state = TimerState.PAUSED
        events.append(self._event(EventKind.STATE, state=TimerState.PAUSED))
        return self._emit(events)

    def resume(self) -> list[TimerEvent]:
        self._require(TimerState.PAUSED, "resume")
        self._resumed_at = self._clock()
        self._state = TimerState.RUNNING
        return self._emit([self._event(EventKind.STATE, state=TimerState.RUNNING)])

    def toggle(self) -> list[TimerEvent]:
        """Start, pause or resume, whichever fits (the Space key). Does nothing once the run is over."""
        if self._state is TimerState.READY:
            return self.start()
        if self._state is TimerState.RUNNING:
            return self.pause()
        if self._state is TimerState.PAUSED:
            return self.resume()
        return []

    def next_section(self) -> list[TimerEvent]:
        """Close the current section (a lap); on the last section this finishes the run."""
        if not self.is_active:
            raise RuntimeError(f"Cannot move to the next section while the timer is {self._state.value}.")
        if self.is_last_section:
            return self.finish()
        events = self._crossings()
        now_total = self.total()
        self._laps[self._index] = now_total - self._lap_start
        self._lap_start = now_total
        self._index += 1
        events.append(self._event(EventKind.SECTION, section=self.section))
        return self._emit(events)

    def finish(self) -> list[TimerEvent]:
        return self._end(TimerState.FINISHED)

    def abort(self) -> list[TimerEvent]:
        return self._end(TimerState.ABORTED)

    def restart(self) -> list[TimerEvent]:
        """Back to ready with everything cleared (the R key)."""
        self._reset()
        return self._emit([self._event(EventKind.STATE, state=TimerState.READY)])

    def tick(self) -> list[TimerEvent]:
        """Report zone and budget crossings since the last call; cheap enough to call 10 times a second."""
        if self._state is not TimerState.RUNNING:
            return []
        return self._emit(self._crossings())

    # ---- internals ------------------------------------------------------------------------
    def _reset(self) -> None:
        self._state = TimerState.READY
        self._index = 0
        self._banked = 0.0
        self._resumed_at = 0.0
        self._lap_start = 0.0
        self._laps = [0.0] * len(SECTIONS)
        self._zone = Zone.UNDER
        self._budget_told = [False] * len(SECTIONS)

    def _end(self, state: TimerState) -> list[TimerEvent]:
        if not self.is_active:
            raise RuntimeError(f"Cannot {'finish' if state is TimerState.FINISHED else 'stop'} a timer that is "
                               f"{self._state.value}.")
        events = self._crossings()
        self._banked = self.total()
        self._laps[self._index] = self._banked - self._lap_start
        self._state = state
        events.append(self._event(EventKind.STATE, state=state))
        return self._emit(events)

    def _crossings(self) -> list[TimerEvent]:
        events: list[TimerEvent] = []
        order = list(Zone)
        zone = self.zone()
        # A missed tick can jump from under to over: report each crossing, in order.
        for step in order[order.index(self._zone) + 1: order.index(zone) + 1]:
            events.append(self._event(EventKind.ZONE, zone=step))
        self._zone = zone
        index = self._index
        if not self._budget_told[index] and self.current_section_seconds() > self.budgets[index]:
            self._budget_told[index] = True
            events.append(self._event(EventKind.BUDGET, section=SECTIONS[index]))
        return events

    def _event(self, kind: EventKind, **fields: object) -> TimerEvent:
        return TimerEvent(kind=kind, at=round(self.total(), 3), **fields)  # type: ignore[arg-type]

    def _emit(self, events: list[TimerEvent]) -> list[TimerEvent]:
        for event in events:
            for listener in list(self._listeners):
                try:
                    listener(event)
                except Exception:  # a broken listener must not stop the clock
                    log.exception("Rehearsal timer listener failed on %s", event.kind.value)
        return events

    def _require(self, state: TimerState, action: str) -> None:
        if self._state is not state:
            raise RuntimeError(f"Cannot {action} while the timer is {self._state.value}.")

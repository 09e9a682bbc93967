"""A plain app start (``storybook [--db PATH] [-v]``) reads its options without building every command's parser."""

from __future__ import annotations

import pytest

from storybook.cli import app_only_args, build_parser


@pytest.mark.parametrize("argv", [[], ["--db", "/tmp/a b.sqlite"], ["--db=/tmp/x.sqlite", "-v"],
                                  ["--verbose", "--db", "Ünïcødé 📚.sqlite"]])
def test_plain_start_reads_the_same_options_as_the_full_parser(argv: list[str]) -> None:
    quick = app_only_args(argv)
    full = build_parser().parse_args(argv)
    assert quick is not None
    assert (quick.db, quick.verbose, quick.command) == (full.db, full.verbose, full.command)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["stories"], ["--db", "x", "stories", "--json"],
                                  ["--db"], ["--db", "--help"], ["--db="], ["--verb"], ["-x"]])
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert app_only_args(argv) is None

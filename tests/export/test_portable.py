"""Export: the Markdown and JSON formats, read and written without a database."""

from __future__ import annotations

import pytest

from storybook.export.portable import (
    PortableFormatError,
    dump_json,
    markdown_filename,
    parse_json,
    parse_markdown,
    story_to_markdown,
)

STORY = {
    "title": "Fixing: the 'nightly' build #3",
    "situation": "The build broke.\n\n# not a heading, just text",
    "task": "Fix it.",
    "action": "I bisected 40 commits.\nThen I wrote a test.",
    "result": "Green in 2 hours.",
    "reflection": "Bisect early.",
    "short_version": "I fixed the build in 2 hours.",
    "notes": "",
    "status": "ready",
    "cue_cards": ["40 commits", "TODO: the test"],
    "competencies": ["ownership", "data-driven"],
    "tags": ["ci", "on call"],
}


def test_written_markdown_reads_back_the_same() -> None:
    text = story_to_markdown(STORY)
    assert text.startswith("---\n")
    assert "## Situation" in text
    assert "## Reflection" in text
    parsed = parse_markdown(text)
    assert parsed.warnings == []
    for key, value in STORY.items():
        assert parsed.fields[key] == value, key


def test_hand_written_markdown_with_flow_and_block_lists() -> None:
    text = """---
# a comment line
title: "Moving the team to trunk-based development"
competencies: [leadership, 'Influence without authority']   # flow list
tags:
  - process
  - "git, branching"
status: Ready
date: 2024-01-02
---

# Ignored because the front matter has a title

## Situation
Long-lived branches took **days** to merge.

## Task
Get merges under a day.

## Actions
I ran a pilot with one squad.

### A sub-heading stays as text
More action.

## Results
Merge time fell from 3 days to 4 hours.

## What I learned
Pilots persuade better than slides.
"""
    parsed = parse_markdown(text)
    fields = parsed.fields
    assert fields["title"] == "Moving the team to trunk-based development"
    assert fields["competencies"] == ["leadership", "Influence without authority"]
    assert fields["tags"] == ["process", "git, branching"]
    assert fields["status"] == "ready"
    assert fields["situation"] == "Long-lived branches took **days** to merge."
    assert fields["action"] == "I ran a pilot with one squad.\n\n### A sub-heading stays as text\nMore action."
    assert fields["result"] == "Merge time fell from 3 days to 4 hours."
    assert fields["reflection"] == "Pilots persuade better than slides."


def test_no_front_matter_takes_the_first_heading_or_the_file_name() -> None:
    parsed = parse_markdown("# Saving the demo\n\n## Situation\nThe demo server died.\n\n## Result\nWe won.\n")
    assert parsed.fields["title"] == "Saving the demo"
    assert parsed.fields["situation"] == "The demo server died."
    assert parsed.fields["status"] is None
    bare = parse_markdown("## Task\nShip it.\n", fallback_title="from file name")
    assert bare.fields["title"] == "from file name"
    assert bare.fields["task"] == "Ship it."


def test_text_without_star_headings_is_kept_as_notes_with_a_warning() -> None:
    parsed = parse_markdown("\ufeffJust some notes\r\nabout a project.\r\n", fallback_title="notes")
    assert parsed.fields["notes"] == "Just some notes\nabout a project."
    assert parsed.warnings


def test_headings_inside_code_fences_are_text() -> None:
    parsed = parse_markdown("## Action\n```\n## Result\n```\nDone.\n")
    assert parsed.fields["action"] == "```\n## Result\n```\nDone."
    assert parsed.fields["result"] == ""


def test_odd_front_matter_is_reported_not_fatal() -> None:
    parsed = parse_markdown("---\ntitle: ok\n!!weird line\n---\n## Task\nx\n")
    assert parsed.fields["title"] == "ok"
    assert any("not understood" in w for w in parsed.warnings)


def test_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert markdown_filename("Fixing: the build / again", taken) == "fixing-the-build-again.md"
    assert markdown_filename("Fixing the build again", taken) == "fixing-the-build-again-2.md"
    assert markdown_filename("שלום", taken) == "story.md"


def test_json_parse_checks_the_format() -> None:
    assert parse_json(dump_json({"stories": []}))["stories"] == []
    for bad, message in [("{", "not valid JSON"), ("[]", "not a Storybook export"),
                         ('{"format": "storybook-export", "version": 99}', "version"),
                         ('{"format": "storybook-export", "version": 1, "stories": {}}', "list")]:
        with pytest.raises(PortableFormatError, match=message):
            parse_json(bad)


def test_crlf_and_bom_with_front_matter_and_block_lists() -> None:
    text = ("\ufeff---\r\nTitle: Fixing the build\r\ncompetencies:\r\n  - ownership   # trailing comment\r\n"
            "  - 'Leadership'\r\ntags: []\r\n---\r\n\r\n## Situation\r\nBuilds were red.\r\n## Result\r\n"
            "Green in 2 days.\r\n")
    parsed = parse_markdown(text)
    assert parsed.fields["title"] == "Fixing the build"
    assert parsed.fields["competencies"] == ["ownership", "Leadership"]
    assert parsed.fields["tags"] == []
    assert parsed.fields["situation"] == "Builds were red."
    assert parsed.fields["result"] == "Green in 2 days."
    assert parsed.warnings == []
    old_mac = parse_markdown("---\rtitle: Old line ends\r---\r## Action\rI did it.\r")
    assert (old_mac.fields["title"], old_mac.fields["action"]) == ("Old line ends", "I did it.")


def test_first_heading_names_the_story_after_a_preamble() -> None:
    parsed = parse_markdown("tags:: #work\n\n# Onboarding five hires\n\n## Task\nTrain them.\n", fallback_title="f")
    assert parsed.fields["title"] == "Onboarding five hires"
    assert parsed.fields["task"] == "Train them."
    assert parsed.fields["notes"] == "tags:: #work"


def test_unclosed_front_matter_is_kept_with_a_warning() -> None:
    parsed = parse_markdown("---\ntitle: Half done\n## Task\nShip it.\n", fallback_title="half-done")
    assert parsed.fields["title"] == "half-done"
    assert parsed.fields["task"] == "Ship it."
    assert "title: Half done" in parsed.fields["notes"]
    assert any("closing '---'" in w for w in parsed.warnings)

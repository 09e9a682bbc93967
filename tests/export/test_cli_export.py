"""CLI: dossier, targets, and JSON / Markdown import and export commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from storybook.cli import main


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_sample_then_dossier_writes_a_docx(tmp_path: Path) -> None:
    db, out = tmp_path / "x.sqlite", tmp_path / "exports" / "dossier.docx"
    out.parent.mkdir()
    assert subprocess.run([sys.executable, "-m", "storybook", "--db", str(db), "sample"], capture_output=True,
                          timeout=120).returncode == 0
    done = subprocess.run([sys.executable, "-m", "storybook", "--db", str(db), "dossier", "--no-checks", "--out",
                           str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # progress only goes to a terminal
    assert f"Wrote {out}" in done.stdout
    titles = {p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"}
    assert "Competency coverage" in titles
    assert len(titles) > 10


def test_targets_and_a_target_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    assert run(db, "sample") == 0
    assert run(db, "target-add", "Northwind", "Analyst", "--date", "2031-05-06 09:30", "--question", "1",
               "--question", "Why us?", "--competency", "leadership:5", "--competency", "data-driven",
               "--ask", "What is hard here?", "--story", "1") == 0
    assert "Added target 1: Northwind \u2014 Analyst" in capsys.readouterr().out
    assert run(db, "targets", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["competencies"] == {"leadership": 5, "data-driven": 3}
    out = tmp_path / "n.docx"
    assert run(db, "dossier", "--target", "northwind", "--out", str(out), "--no-checks",
               "--parts", "cover,stories,ask") == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Northwind" in text
    assert "What is hard here?" in text
    assert run(db, "target-delete", "northwind") == 0


def test_errors_are_one_line_and_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    cases = [
        (("dossier", "--out", str(tmp_path / "missing" / "d.docx"), "--no-checks"), "does not exist"),
        (("dossier", "--out", str(tmp_path / "d.txt")), "should end in .docx"),
        (("dossier", "--target", "nobody", "--out", str(tmp_path / "d.docx")), "no target called"),
        (("dossier", "--parts", "cover,appendix", "--out", str(tmp_path / "d.docx")), "unknown part appendix"),
        (("import-json", str(tmp_path / "none.json")), "does not exist"),
        (("import-md", str(tmp_path / "none.md")), "does not exist"),
        (("target-add", "Acme", "--competency", "leadership:9"), "from 1 to 5"),
    ]
    for args, message in cases:
        assert run(db, *args) != 0, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (args, err)
        assert message in err, (args, err)
    assert not (tmp_path / "d.docx").exists()


def test_json_and_markdown_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, other = tmp_path / "x.sqlite", tmp_path / "y.sqlite"
    run(db, "sample")
    assert run(db, "export-json", str(tmp_path / "bank.json")) == 0
    assert run(other, "import-json", str(tmp_path / "bank.json"), "--dry-run", "--json") == 0
    capsys.readouterr()
    assert run(other, "stories", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(other, "import-json", str(tmp_path / "bank.json")) == 0
    assert run(other, "import-json", str(tmp_path / "bank.json")) == 0
    out = capsys.readouterr().out
    assert "use --replace to overwrite it" in out
    assert run(db, "export-md", str(tmp_path / "md")) == 0
    files = sorted(str(p) for p in (tmp_path / "md").glob("*.md"))
    assert files
    assert run(other, "import-md", *files, "--replace") == 0
    assert f"replaced {len(files)}" in capsys.readouterr().out

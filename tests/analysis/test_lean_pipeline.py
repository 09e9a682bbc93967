"""The checks load only the pipeline components they read, and find exactly what the full pipeline finds."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import storybook.analysis
from storybook.analysis import analyze_stories
from storybook.analysis.nlp import Engine, load_engine
from storybook.analysis.pipeline import READING_MODULES, declared_reads, unused_components
from storybook.model.values import Settings, StoryRecord
from storybook.store.seed import load_samples_file

ANALYSIS_DIR = Path(storybook.analysis.__file__).parent
# Attribute names on spaCy tokens and docs that need a trained component, and the annotation they read.
ANNOTATIONS = {
    "pos": "token.pos", "pos_": "token.pos", "tag": "token.tag", "tag_": "token.tag", "dep": "token.dep",
    "dep_": "token.dep", "head": "token.head", "children": "token.head", "lefts": "token.head",
    "rights": "token.head", "subtree": "token.head", "ancestors": "token.head", "left_edge": "token.head",
    "right_edge": "token.head", "noun_chunks": "token.dep", "lemma": "token.lemma", "lemma_": "token.lemma",
    "ents": "doc.ents", "ent_type": "token.ent_type", "ent_type_": "token.ent_type", "ent_iob": "token.ent_iob",
    "ent_iob_": "token.ent_iob", "sents": "doc.sents", "sent": "doc.sents", "is_sent_start": "doc.sents",
    "morph": "token.morph", "tensor": "doc.tensor", "vector": "doc.tensor", "similarity": "doc.tensor",
}
HAS_ANNOTATION = {"DEP": "token.dep", "TAG": "token.tag", "POS": "token.pos", "LEMMA": "token.lemma",
                  "ENT_IOB": "token.ent_iob", "ENT_TYPE": "token.ent_type", "MORPH": "token.morph",
                  "SENT_START": "doc.sents"}
ACCESS = re.compile(r"\.(" + "|".join(sorted(ANNOTATIONS, key=len, reverse=True)) + r")\b(?!\s*=[^=])")
HAS = re.compile(r"has_annotation\(\s*[\"'](\w+)[\"']")


def reads_in_source(text: str) -> set[str]:
    found = {ANNOTATIONS[m.group(1)] for m in ACCESS.finditer(text)}
    return found | {HAS_ANNOTATION.get(m.group(1), m.group(1)) for m in HAS.finditer(text)}


def test_the_scan_sees_an_undeclared_read() -> None:
    assert reads_in_source("x = [t.lemma_ for t in doc]\nif doc.has_annotation('ENT_IOB'): pass") == {
        "token.lemma", "token.ent_iob"}
    assert reads_in_source("self.head = 3\nheader = 2") == set()


@pytest.mark.parametrize("path", sorted(ANALYSIS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_every_annotation_a_module_reads_is_declared(path: Path) -> None:
    reads = reads_in_source(path.read_text(encoding="utf-8"))
    if path.name in ("pipeline.py", "nlp.py"):  # they load pipelines, they do not read annotations
        return
    name = f"storybook.analysis.{path.stem}"
    declared = set(getattr(importlib.import_module(name), "SPACY_READS", ()))
    assert reads <= declared, f"{path.name} reads {sorted(reads - declared)} without declaring it in SPACY_READS"
    if declared:
        assert name in READING_MODULES, f"{name} declares SPACY_READS but the pipeline plan does not ask it"


def test_unused_components_keeps_what_is_read_and_what_feeds_it() -> None:
    assigns = {"tok2vec": ["doc.tensor"], "tagger": ["token.tag"], "parser": ["token.dep", "doc.sents"],
               "attribute_ruler": [], "lemmatizer": ["token.lemma"], "ner": ["doc.ents"]}
    listeners = {"tok2vec": ["tagger", "parser"]}
    assert unused_components(assigns, listeners, {"token.pos", "doc.sents"}) == ["lemmatizer", "ner"]
    assert unused_components(assigns, listeners, {"token.lemma"}) == ["tok2vec", "tagger", "parser", "ner"]
    assert "ner" not in unused_components(assigns, listeners, {"doc.ents"})


def test_the_declared_reads_cover_the_parse_the_checks_use() -> None:
    assert {"token.dep", "token.tag", "doc.sents"} <= declared_reads()


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    import spacy

    lean = load_engine()
    if not lean.full:
        pytest.skip("no trained English pipeline installed")
    return lean, Engine(spacy.load(lean.name), lean.name, lean.version, True)


def test_the_app_engine_leaves_out_the_unread_components(engines: tuple[Engine, Engine]) -> None:
    lean, full = engines
    assert {"tagger", "parser"} <= set(lean.nlp.pipe_names)
    assert set(lean.nlp.pipe_names) < set(full.nlp.pipe_names)
    assert "ner" not in lean.nlp.pipe_names


def test_lean_and_full_pipelines_give_the_same_findings(engines: tuple[Engine, Engine]) -> None:
    lean, full = engines
    fields = ("title", "situation", "task", "action", "result", "reflection")
    stories = [StoryRecord(id=i + 1, **{k: s.get(k, "") for k in fields})
               for i, s in enumerate(load_samples_file()["stories"])]
    settings = Settings()

    def findings(engine: Engine) -> list[list[tuple]]:
        reports = analyze_stories(stories, settings, engine)
        return [[(f.code, f.section, f.start, f.end, f.message) for f in r.findings] for r in reports]

    lean_findings = findings(lean)
    assert lean_findings == findings(full)
    assert sum(len(f) for f in lean_findings) > 0

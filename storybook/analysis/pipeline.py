"""Analysis: which spaCy components the checks need, decided from what the check modules say they read.

Every analysis module that reads annotations from a parsed Doc declares them in ``SPACY_READS`` (spaCy's own
names: ``token.tag``, ``token.dep``, ``doc.sents``...). A pipeline component is left out when it assigns
attributes and none of them is read, unless a kept component listens to it (the shared ``tok2vec``). Components
that declare no assignments (``attribute_ruler``, which maps tags to ``token.pos``) are kept: we cannot tell.
A test in tests/analysis reads the modules' source and fails when a check reads an attribute it did not declare.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

# The modules whose functions receive parsed Docs; each declares SPACY_READS.
READING_MODULES: tuple[str, ...] = (
    "storybook.analysis.counts",
    "storybook.analysis.docs",
    "storybook.analysis.language",
    "storybook.analysis.matching_features",
)
# token.pos comes from the attribute ruler (tag map), which declares no assignments.
ALIASES: Mapping[str, str] = {"token.pos": "token.tag"}


def declared_reads(modules: Iterable[ModuleType | str] = READING_MODULES) -> frozenset[str]:
    """The union of the attributes the reading modules declare."""
    reads: set[str] = set()
    for module in modules:
        mod = importlib.import_module(module) if isinstance(module, str) else module
        reads |= set(getattr(mod, "SPACY_READS", ()))
    return frozenset(reads)


def unused_components(assigns: Mapping[str, Iterable[str]], listeners: Mapping[str, Iterable[str]],
                      reads: Iterable[str]) -> list[str]:
    """Names of the components whose output nobody reads.

    ``assigns`` maps each component to what it declares it sets; ``listeners`` maps a component to the ones
    that take its output as their input (``tok2vec`` -> ``tagger``, ``parser``).
    """
    wanted = {ALIASES.get(r, r) for r in reads} | set(reads)
    keep = {name for name, sets in assigns.items() if not list(sets) or set(sets) & wanted}
    changed = True
    while changed:  # an upstream component stays when any kept one listens to it
        changed = False
        for upstream, downstream in listeners.items():
            if upstream not in keep and keep & set(downstream):
                keep.add(upstream)
                changed = True
    return [name for name in assigns if name not in keep]


def plan_exclusions(package: str, reads: Iterable[str] | None = None) -> list[str]:
    """Components of the installed pipeline ``package`` that ``spacy.load`` can leave out for the checks."""
    try:
        config = _package_config(package)
        assigns, listeners = _components(config)
    except Exception:  # an unusual package layout: load everything rather than guess
        log.warning("could not read the pipeline config of %s; loading every component", package, exc_info=True)
        return []
    return unused_components(assigns, listeners, declared_reads() if reads is None else reads)


def _package_config(package: str) -> Any:
    from spacy.util import load_config

    root = Path(importlib.import_module(package).__file__ or "").parent
    configs = sorted(root.glob("*/config.cfg")) or sorted(root.glob("config.cfg"))
    if not configs:
        raise FileNotFoundError(f"no config.cfg in {root}")
    return load_config(configs[0])


def _factory_assigns(factory: str) -> list[str]:
    from spacy.language import Language

    try:
        return list(Language.get_factory_meta(factory).assigns)
    except ValueError:  # spaCy 3.8 registers its built-in factories lazily, when a pipeline first needs them
        from spacy.pipeline.factories import register_factories

        register_factories()
        return list(Language.get_factory_meta(factory).assigns)


def _components(config: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    assigns: dict[str, list[str]] = {}
    listeners: dict[str, list[str]] = {}
    for name, block in config["components"].items():
        factory = block.get("factory")
        assigns[name] = _factory_assigns(factory) if factory else []  # a sourced component: keep it
    for name, block in config["components"].items():
        for upstream in _upstreams(block):
            # "*" listens to any embedding component before it
            targets = [n for n, sets in assigns.items() if "doc.tensor" in sets] if upstream == "*" else [upstream]
            for target in targets:
                listeners.setdefault(target, []).append(name)
    return assigns, listeners


def _upstreams(block: Any) -> list[str]:
    """Components a component's model listens to (``upstream = "tok2vec"`` anywhere in its block)."""
    found: list[str] = []
    if isinstance(block, dict):
        upstream = block.get("upstream")
        if isinstance(upstream, str):
            found.append(upstream)
        for value in block.values():
            found.extend(_upstreams(value))
    return found

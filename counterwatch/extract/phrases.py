"""Finding many known phrases in text at once (Aho-Corasick), with word boundaries and offsets.

Used for every dictionary the knowledge base holds: technology terms, programs, targets, units, supplier
names. One pass over the text finds all of them, whatever the dictionary's size.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick

from counterwatch.ingest.simplified import to_simplified

_SPACE_LIKE = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "\n": " ", "\t": " ", "\u00a0": " ",
                             "’": "'", "‘": "'", "_": " "})
_WORDISH = re.compile(r"\w")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    value: Any
    surface: str


def match_view(text: str, case_sensitive: bool = False) -> str:
    """The text as the matcher sees it: same length, hyphens and line breaks as spaces, traditional Chinese
    characters as simplified ones, optionally lower-case."""
    view = to_simplified(text).translate(_SPACE_LIKE)
    if case_sensitive:
        return view
    lowered = view.lower()
    if len(lowered) == len(view):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in view)


def _key(phrase: str, case_sensitive: bool) -> str:
    key = " ".join(match_view(phrase, case_sensitive).split())
    return key


def _is_boundary(view: str, index: int) -> bool:
    return index < 0 or index >= len(view) or not _WORDISH.match(view[index]) or ord(view[index]) > 0x2E7F


def _needs_boundary(ch: str) -> bool:
    """Latin letters and digits need word boundaries; CJK characters have no spaces to stand on."""
    return bool(_WORDISH.match(ch)) and ord(ch) <= 0x2E7F


class PhraseMatcher:
    """Finds the longest non-overlapping occurrences of known phrases, each mapped to a value."""

    def __init__(self, entries: Iterable[tuple[str, Any]], case_sensitive: bool = False):
        self.case_sensitive = case_sensitive
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        for phrase, value in entries:
            key = _key(phrase, case_sensitive)
            if not key or key in self._automaton:
                continue
            self._automaton.add_word(key, (len(key), value))
            self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str, view: str | None = None) -> list[PhraseMatch]:
        if not self.size or not text:
            return []
        view = view if view is not None else match_view(text, self.case_sensitive)
        candidates = []
        for end_index, (length, value) in self._automaton.iter(view):
            start, end = end_index - length + 1, end_index + 1
            if _needs_boundary(view[start]) and not _is_boundary(view, start - 1):
                continue
            if _needs_boundary(view[end - 1]) and not _is_boundary(view, end):
                continue
            candidates.append((start, end, value))
        # Longest first, then leftmost; keep those that overlap nothing kept already.
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for start, end, value in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            out.append(PhraseMatch(start, end, value, text[start:end]))
        out.sort(key=lambda m: m.start)
        return out

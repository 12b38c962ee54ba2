"""Splitting text into sentences with their character offsets, for English and Chinese.

A regular-expression splitter, not a parser: it runs over every document, so it must be cheap, and the
extractor only needs sentence-sized windows (a fact's quote is the sentence that states it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (with optional closing quotes/brackets) followed by whitespace and an
# upper-case letter, digit, quote or CJK character; at Chinese 。！？； ; and always at a line break.
_END = re.compile(
    r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9\u4e00-\u9fff])"""
    r"""|(?<=[。！？；])["'”’）」』]*"""
    r"""|\n+"""
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Inc|Co|Corp|Ltd|Jr|Sr|No|vs|etc|"
                            r"U\.S|U\.K|U\.N|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")

#: Longest sentence kept as one unit (characters). Table rows and run-on lines in notices can be long;
#: past this a "sentence" is split at commas so that evidence quotes stay readable.
MAX_SENTENCE_CHARS = 600


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (block between blank lines) the sentence is in


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    out, cursor = [], start
    for match in re.finditer(r"[,，、;]\s*", text[start:end]):
        cut = start + match.end()
        if cut - cursor >= MAX_SENTENCE_CHARS // 2:
            out.append((cursor, cut))
            cursor = cut
    out.append((cursor, end))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text`` with outer whitespace trimmed."""
    sentences: list[Sentence] = []
    paragraph, pending_start = 0, 0
    for match in _END.finditer(text):
        piece_end = match.start()
        if "\n" not in match.group() and _ABBREVIATIONS.search(text, max(0, piece_end - 6), piece_end):
            continue
        _emit(text, pending_start, piece_end, paragraph, sentences)
        if match.group().count("\n") >= 2:
            paragraph += 1
        pending_start = match.end()
    _emit(text, pending_start, len(text), paragraph, sentences)
    return sentences


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    for a, b in _pieces(text, start, end):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Sentence(a, b, text[a:b], paragraph))

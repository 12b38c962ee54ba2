"""Finding many known phrases in text at once (Aho-Corasick), with word boundaries and offsets.

Used for every dictionary the knowledge base holds: technology terms, programs, targets, units, supplier
names. One pass over the text finds all of them, whatever the dictionary's size.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import ahocorasick

from counterwatch.ingest.simplified import to_simplified

_SPACE_LIKE = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "\n": " ", "\t": " ", "\u00a0": " ",
                             "’": "'", "‘": "'", "_": " "})
_WORDISH = re.compile(r"\w")

#: Longest all-Chinese phrase that must stand beside an organisation cue to count (see _short_cjk_ok).
#: Two characters: every two-character supplier alias of the knowledge base (讯飞, 宇视, 立昂, 滴滴 ...) also
#: occurs inside ordinary words (通讯飞速, 寰宇视野, 屹立昂首, 点点滴滴), while three-character and longer
#: names (科大讯飞, 海康威视) were never seen inside unrelated words in our corpus and notices.
SHORT_CJK_ALIAS_LENGTH = 2
#: Words after a short name that make it an organisation's name: company-name endings, the supplier's
#: products, and verbs that take a supplier as their subject (商汤科技, 华为公司, 大华摄像机, 宇视提供, 大华中标).
#: Not 的: 点点滴滴的 would pass.
ORG_CUES_AFTER = ("科技", "公司", "集团", "股份", "技术", "智能", "控股", "有限", "摄像", "设备", "产品", "平台",
                  "系统", "品牌", "提供", "承建", "中标", "研发", "生产", "制造", "推出", "开发")
#: Words before a short name that make it an organisation's name: words that introduce a supplier or join
#: it to a list (由华为提供, 与商汤合作, 采用大华摄像机, 和旷视).
ORG_CUES_BEFORE = ("由", "与", "和", "及", "同", "向", "被", "将", "把", "采用", "使用", "选用", "联合", "携手",
                   "厂商", "品牌", "企业", "公司")
# Punctuation, brackets, spaces and Latin text (any non-CJK character) separate a name like start and end.
_SEPARATOR = re.compile(r"[^\u3400-\u9fff]")
_ALL_CJK = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    value: Any
    surface: str


@lru_cache(maxsize=16)  # the matchers of one document (technologies, programs, suppliers ...) share it
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


def _short_cjk_ok(view: str, start: int, end: int) -> bool:
    """Whether a short all-Chinese name at view[start:end] stands as a name: at the start or end of the text,
    beside punctuation, a bracket, a space or Latin text, or beside an organisation cue (ORG_CUES_AFTER,
    ORG_CUES_BEFORE). 讯飞 in 科大讯飞 is not a question here: longer names win by longest match."""
    if start == 0 or end >= len(view) or _SEPARATOR.match(view[start - 1]) or _SEPARATOR.match(view[end]):
        return True
    return view.startswith(ORG_CUES_AFTER, end) or any(view.endswith(cue, 0, start) for cue in ORG_CUES_BEFORE)


class PhraseMatcher:
    """Finds the longest non-overlapping occurrences of known phrases, each mapped to a value.

    ``names``: the phrases are organisation names, and one of SHORT_CJK_ALIAS_LENGTH Chinese characters or
    fewer counts only where it stands as a name (_short_cjk_ok)."""

    def __init__(self, entries: Iterable[tuple[str, Any]], case_sensitive: bool = False, names: bool = False):
        self.case_sensitive = case_sensitive
        self.names = names
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
            if (self.names and length <= SHORT_CJK_ALIAS_LENGTH and _ALL_CJK.fullmatch(view, start, end)
                    and not _short_cjk_ok(view, start, end)):
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

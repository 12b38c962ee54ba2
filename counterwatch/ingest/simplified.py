"""Traditional Chinese characters read as simplified ones, without moving any offset.

OpenCC's traditional-to-simplified conversion applied one character at a time gives a map from each
traditional character to its simplified form; only the characters whose simplified form is a single
character are kept, so the converted text has the length of the original and every offset found in it
holds in the original too. Matchers and label patterns run on the converted view; values are cut from
the original text.
"""
from __future__ import annotations

from functools import lru_cache

from counterwatch.config import READ_MAX_CHARS

#: The Unicode blocks converted: CJK Unified Ideographs and Extension A (all traditional characters
#: OpenCC's character table maps lie there; the compatibility block maps to them through NFKC).
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    import opencc

    chars = [chr(code) for low, high in _BLOCKS for code in range(low, high)]
    # One character per line: OpenCC converts phrases too, and a newline keeps each character alone.
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return {}
    return {ord(t): s for t, s in zip(chars, converted) if s != t and len(s) == 1}


@lru_cache(maxsize=16)  # extraction converts a document's text several times (matchers, notice readers)
def _converted(text: str) -> str:
    return text.translate(_table())


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; the same length."""
    if text.isascii():
        return text
    # Texts longer than extraction reads (a hostile 40 MB page when redacted) are converted, not kept.
    return _converted(text) if len(text) <= READ_MAX_CHARS else text.translate(_table())

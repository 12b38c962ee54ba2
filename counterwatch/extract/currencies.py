"""Currencies: the signs, codes and words of data/currencies.yaml, and the ISO code a currency stands for.

Some currencies are families whose country decides the code (shillings are KES in Kenya, UGX in Uganda):
the nearest country word of the text within COUNTRY_WINDOW characters decides, else the text's commonest,
else the family's default. The money labels amounts.py reads (预算金额, budget, about ...) are in the same file.
"""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable

import yaml

#: Characters around an ambiguous currency (Sh, Rs, pesos) searched for a country word.
COUNTRY_WINDOW = 400


def _load() -> dict:
    with open(os.path.join(os.path.dirname(__file__), "data", "currencies.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


_DATA = _load()
ISO_CODES: list[str] = _DATA["iso_codes"]
CODE_ALIASES: dict[str, str] = _DATA["code_aliases"]
SYMBOLS: dict[str, str] = _DATA["symbols"]
CHINESE_WORDS: dict[str, str] = _DATA["chinese_words"]
#: Currency words after a number -> ISO code, or "~family" when the country decides.
WORDS: dict[str, str] = _DATA["words"]
FAMILY_DEFAULTS: dict[str, str | None] = _DATA["family_defaults"]
FAMILY_BY_COUNTRY: dict[str, dict[str, str]] = _DATA["family_by_country"]
COUNTRY_OF: dict[str, str] = {word: code for code, words in _DATA["country_words"].items()
                              for word in words.split("|")}
KIND_LABELS: dict[str, str] = _DATA["kind_labels"]
MONEY_LABELS: list[str] = _DATA["money_labels"]
APPROX_WORDS: list[str] = _DATA["approx_words"]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A flat alternation of literals lets the regex engine skip to candidate first letters, which is
# an order of magnitude faster over a whole text than named groups or a leading \b.
_COUNTRY_RE = re.compile(rf"(?:{alternation(COUNTRY_OF)})(?![A-Za-z])")


class CountryWords:
    """The country words of one text that decide currency families, found on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._countries: list[tuple[int, str]] | None = None  # (position, country), in order
        self._families: dict[str, tuple[list[int], list[str], str | None]] = {}

    def resolve(self, family: str, position: int, adjective: str | None = None) -> str | None:
        """ISO code for a currency family (shilling, rupee ...) from the nearest country word."""
        choices = FAMILY_BY_COUNTRY.get(family, {})
        if adjective in COUNTRY_OF and COUNTRY_OF[adjective] in choices:
            return choices[COUNTRY_OF[adjective]]
        positions, countries, most_common = self._family_countries(family)
        index = bisect.bisect_left(positions, position)
        near = [(abs(positions[i] - position), countries[i]) for i in (index - 1, index)
                if 0 <= i < len(positions) and abs(positions[i] - position) <= COUNTRY_WINDOW]
        if near:
            return choices[min(near)[1]]
        return choices[most_common] if most_common else FAMILY_DEFAULTS.get(family)

    def _family_countries(self, family: str) -> tuple[list[int], list[str], str | None]:
        """Positions and countries of the country words that bear on one family, and the commonest."""
        if family not in self._families:
            if self._countries is None:
                self._countries = [(m.start(), COUNTRY_OF[m.group()]) for m in _COUNTRY_RE.finditer(self.text)
                                   if not (m.start() and self.text[m.start() - 1].isalpha())]
            choices = FAMILY_BY_COUNTRY.get(family, {})
            relevant = [(pos, country) for pos, country in self._countries if country in choices]
            counts = Counter(country for _, country in relevant)
            self._families[family] = ([pos for pos, _ in relevant], [c for _, c in relevant],
                                      counts.most_common(1)[0][0] if counts else None)
        return self._families[family]


def code_for(surface: str, countries: CountryWords, position: int, adjective: str | None = None) -> str | None:
    """ISO code of a currency sign, code or word; None when it stays ambiguous (pesos)."""
    code = SYMBOLS.get(surface) or CHINESE_WORDS.get(surface) or CODE_ALIASES.get(surface)
    if code is None and surface in ISO_CODES:
        code = surface
    if code is None:
        word = surface.lower().split()[0]
        code = WORDS.get(word) or WORDS.get(word[:-1]) or WORDS.get(word.removesuffix("es"))
    if code and code.startswith("~"):
        return countries.resolve(code[1:], position, adjective)
    return code

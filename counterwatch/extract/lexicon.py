"""The knowledge base turned into matchers, built once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from counterwatch.extract.phrases import PhraseMatcher
from counterwatch.knowledge.registry import KnowledgeBase, load_knowledge_base


def _with_plural(term: str) -> list[str]:
    """English terms also match their regular plural; the knowledge base lists irregular ones itself."""
    if term.isascii() and term[-1:].isalpha() and not term.endswith("s") and term.lower() == term:
        return [term, term + "s"]
    return [term]


@dataclass(frozen=True)
class Lexicon:
    kb: KnowledgeBase
    technologies: PhraseMatcher
    programs: PhraseMatcher
    targets: PhraseMatcher
    units: PhraseMatcher
    unit_words: dict[str, str]
    suppliers: PhraseMatcher
    suppliers_strict: PhraseMatcher
    non_suppliers: PhraseMatcher
    specificity: dict[str, int]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    kb = load_knowledge_base()
    tech_entries = []
    for tech in kb.technologies:
        for term in tech.terms_en:
            tech_entries += [(t, tech.id) for t in _with_plural(term)]
        tech_entries += [(term, tech.id) for term in tech.terms_zh]
        tech_entries += [(phrase, None) for phrase in tech.exclusions]
    program_entries = [(name, program.id) for program in kb.programs for name in program.names()]
    # A target's exclusions are longer phrases in which its term names no community: matched too, with
    # no value, they win over the shorter term (longest match) and are dropped by the finder.
    target_entries = [(term, target.id) for target in kb.targets for term in (*target.terms_en, *target.terms_zh)]
    target_entries += [(phrase, None) for target in kb.targets for phrase in target.exclusions]
    unit_entries = [(term, unit.id) for unit in kb.units for term in (*unit.terms_en, *unit.terms_zh)]
    supplier_entries, strict_entries = [], []
    for supplier in kb.suppliers:
        supplier_entries += [(name, supplier.id) for name in supplier.loose_names()]
        strict_entries += [(name, supplier.id) for name in supplier.strict_names()]
    non_suppliers = [(name, True) for name in kb.organisations.non_supplier_names()]
    return Lexicon(
        kb=kb,
        technologies=PhraseMatcher(tech_entries),
        programs=PhraseMatcher(program_entries),
        targets=PhraseMatcher(target_entries),
        units=PhraseMatcher(unit_entries),
        unit_words={term.lower(): unit_id for term, unit_id in unit_entries},
        suppliers=PhraseMatcher(supplier_entries, names=True),
        suppliers_strict=PhraseMatcher(strict_entries, case_sensitive=True, names=True),
        non_suppliers=PhraseMatcher(non_suppliers),
        specificity={tech.id: tech.specificity for tech in kb.technologies},
    )

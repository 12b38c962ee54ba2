"""Programs named as a kind rather than as one deployment: "police clouds of this kind have spread", "such
Safe City projects", "the national 'one person, one file' approach", "Sharp Eyes as a model".

A program mentioned generically states no deployment: it makes no fact, and neither does the technology
term it is written with ("police cloud" is both a program and a big_data_platform term). A program named
as a kind ("of this kind", "such", "approach", "model") is generic unless the sentence names a place; one
named in the plural ("Police clouds have spread") is generic unless the sentence also names a place or a
buyer.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from counterwatch.extract.lexicon import lexicon
from counterwatch.model import Mention

if TYPE_CHECKING:
    from counterwatch.extract.facts import SentenceMentions

# Right after the program: "clouds of this kind", "' approach", "model", "-style".
_KIND_AFTER = re.compile(r"^[\"”’']?\s*(?:-style\b|(?:of|like) (?:this|that|these|those) (?:kind|type|sort)s?\b|"
                         r"(?:approach|model|concept|template|blueprint|idea|philosophy|style)s?\b)", re.I)
# Right before the program: "such", "similar", "other", "these".
_KIND_BEFORE = re.compile(r"\b(?:such|similar|other|these|those|comparable)\s+[\"“‘']?$", re.I)


def _plural(program: Mention) -> bool:
    """Whether a known program is named in the plural: "Police clouds", "Safe Cities" (not "Sharp Eyes",
    whose singular is no name of the program)."""
    if not program.attr("program_id"):
        return False
    surface = program.text.casefold()
    singular = surface[:-3] + "y" if surface.endswith("ies") else surface[:-1] if surface.endswith("s") else None
    names = {n.casefold() for n in lexicon().kb.program(program.attr("program_id")).names()}
    return singular is not None and singular in names


def _named_as_kind(program: Mention, text: str, base: int) -> bool:
    before = text[max(0, program.start - base - 20):program.start - base]
    return bool(_KIND_AFTER.match(text[program.end - base:]) or _KIND_BEFORE.search(before))


def generic_programs(sm: SentenceMentions) -> list[Mention]:
    """The sentence's programs that are mentioned as a kind, not as one deployment."""
    text, base = sm.sentence.text, sm.sentence.start
    generic = []
    for program in sm.programs:
        if sm.places:
            continue
        if _named_as_kind(program, text, base) or (not sm.buyers and _plural(program)):
            generic.append(program)
    return generic


def without_generic_programs(sm: SentenceMentions) -> tuple[list[Mention], list[Mention]]:
    """(technologies, programs) of the sentence without generic programs and the terms they are written with."""
    generic = generic_programs(sm)
    if not generic:
        return sm.technologies, sm.programs
    spans = [(p.start, p.end) for p in generic]
    techs = [t for t in sm.technologies if not any(a <= t.start and t.end <= b for a, b in spans)]
    return techs, [p for p in sm.programs if p not in generic]

"""Analyst judgements on entities, folded into the decisions resolution follows.

Judgements are append-only: ``merge`` (two keys are one entity), ``split`` (a spelling is not the
entity it was matched to, or two keys are not one entity) and ``undo`` (an earlier judgement no
longer holds). For each pair of keys the latest judgement still in force wins, so merging, splitting
and merging again ends merged. A key is a knowledge-base supplier id or ``name:<folded spelling>``.

This module knows nothing of the database: the store loads the judgements and passes them in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from counterwatch.resolve.names import name_key

KINDS = ("merge", "split", "undo")


@dataclass(frozen=True)
class Judgement:
    id: int
    kind: str  # merge | split | undo
    subject: str  # merge: the key kept; split: the entity; undo: str(id of the judgement undone)
    other: str  # merge: the key merged into subject; split: the key split off; undo: ""
    by: str
    at: datetime
    note: str = ""


def judgement_key(text: str, supplier_ids: Iterable[str]) -> str:
    """How a command-line argument names an entity: a knowledge-base id as itself, anything else as
    the spelling it is."""
    text = text.strip()
    if text.startswith("name:"):
        return name_key(text[len("name:"):])
    return text if text in set(supplier_ids) else name_key(text)


def _is_id(key: str) -> bool:
    return not key.startswith("name:")


class Decisions:
    """Merges and splits in force after folding a sequence of judgements (in id order)."""

    def __init__(self, judgements: Iterable[Judgement] = ()):
        ordered = sorted(judgements, key=lambda j: j.id)
        undone = {int(j.subject) for j in ordered if j.kind == "undo" and j.subject.isdigit()}
        latest: dict[frozenset[str], Judgement] = {}
        for judgement in ordered:
            if judgement.kind in ("merge", "split") and judgement.id not in undone \
                    and judgement.subject != judgement.other:
                latest[frozenset((judgement.subject, judgement.other))] = judgement
        self.splits = {pair for pair, j in latest.items() if j.kind == "split"}
        self._parent: dict[str, str] = {}
        for j in sorted((j for j in latest.values() if j.kind == "merge"), key=lambda j: j.id):
            self._union(j.subject, j.other)

    def _find(self, key: str) -> str:
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        return root

    def _union(self, kept: str, merged: str) -> None:
        a, b = self._find(kept), self._find(merged)
        if a == b:
            return
        # A knowledge-base id stays the representative of its group: it carries names, country, sanctions.
        if _is_id(b) and not _is_id(a):
            a, b = b, a
        self._parent[b] = a
        self._parent.setdefault(a, a)

    def representative(self, key: str) -> str:
        return self._find(key)

    def is_split(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.splits

    def entity_of(self, supplier_id: str | None, written: str | None) -> str | None:
        """The entity key of a fact or mention: its supplier id, unless a judgement split the spelling
        off it, followed through merges (a merge of the exact spelling first)."""
        spelling = name_key(written) if written else None
        base = supplier_id or spelling
        if supplier_id and spelling and self.is_split(supplier_id, spelling):
            base = spelling
        if spelling and spelling in self._parent:
            return self._find(spelling)
        return self._find(base) if base else None

    def members(self) -> dict[str, set[str]]:
        """Representative -> every key merged into it (itself included), for merged groups only."""
        groups: dict[str, set[str]] = {}
        for key in self._parent:
            groups.setdefault(self._find(key), set()).add(key)
        return groups

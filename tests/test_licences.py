"""Every installed dependency of Counterwatch has a licence compatible with Apache-2.0 (no GPL, no AGPL)."""
from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

#: Licences that would make the whole distribution copyleft. LGPL is fine for a library we import.
FORBIDDEN = re.compile(r"\bA?GPL\b|GNU (?:Affero )?General Public|GNU GPL", re.I)
LESSER = re.compile(r"LGPL|Lesser", re.I)


def _closure(name: str, seen: set[str]) -> set[str]:
    key = name.lower().replace("_", "-")
    if key in seen:
        return seen
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return seen
    seen.add(key)
    for spec in dist.requires or []:
        req = Requirement(spec)
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        _closure(req.name, seen)
    return seen


def _licence_text(name: str) -> str:
    meta = metadata.metadata(name)
    parts = [meta.get("License-Expression") or "", (meta.get("License") or "")[:200]]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " | ".join(parts)


def test_no_dependency_is_gpl_or_agpl():
    packages = _closure("counterwatch", set()) - {"counterwatch"}
    assert len(packages) > 20
    offenders = []
    for name in sorted(packages):
        text = _licence_text(name)
        if FORBIDDEN.search(text) and not LESSER.search(text):
            offenders.append(f"{name}: {text}")
    assert not offenders, offenders


def test_pymupdf_is_not_used():
    packages = _closure("counterwatch", set())
    assert "pymupdf" not in packages and "fitz" not in packages

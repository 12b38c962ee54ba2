"""Entity resolution quality: precision and recall of supplier resolution on
bench/data/name_variants.yaml and of buyer (agency) resolution on bench/data/agency_variants.yaml.

Each supplier variant is resolved with counterwatch.resolve.suppliers.resolve_supplier, each buyer
variant with counterwatch.resolve.agencies.resolve_agency (with the country of the fact it stands in).
A name resolved to an id counts as a true positive when the id is the expected one, a false positive
otherwise (a wrong entity, or any entity for a name that names none). Names sent to review count as not
merged: that is what the store does with them. Writes bench/results/resolution.txt.

    python bench/resolution.py
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

from counterwatch.resolve.agencies import AGENCY_CHARS_PER_EDIT, CORE_CHARS_PER_EDIT, resolve_agency
from counterwatch.resolve.suppliers import CHARS_PER_EDIT, REVIEW_EXTRA_EDITS, resolve_supplier

HERE = Path(__file__).resolve().parent
VARIANTS = HERE / "data" / "name_variants.yaml"
AGENCY_VARIANTS = HERE / "data" / "agency_variants.yaml"
RESULTS = HERE / "results" / "resolution.txt"
#: The floors the issue sets (for suppliers and agencies alike); the script says whether they are met.
PRECISION_FLOOR, RECALL_FLOOR = 0.98, 0.90


class Score(NamedTuple):
    lines: list[str]
    precision: float
    recall: float
    variants: int


def _score(title: str, path: Path, thresholds: str, resolve: Callable[[dict], tuple[str | None, str, str]]) -> Score:
    """``resolve(row)`` -> (id or None, method, note on a miss)."""
    variants = yaml.safe_load(path.read_text(encoding="utf-8"))
    tp, fp, fn = Counter(), Counter(), Counter()
    review = 0
    errors: list[str] = []
    for row in variants:
        got, method, note = resolve(row)
        review += method == "review"
        kind = row["kind"]
        if got is not None and got == row["expect"]:
            tp[kind] += 1
        elif got is not None:
            fp[kind] += 1
            errors.append(f"  wrong merge  {row['name']!r} -> {got} (expected {row['expect']})")
        if row["expect"] is not None and got != row["expect"]:
            fn[kind] += 1
            if got is None:
                errors.append(f"  missed       {row['name']!r} (expected {row['expect']}; {note})")
    precision = sum(tp.values()) / max(1, sum(tp.values()) + sum(fp.values()))
    recall = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    ok = precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR
    lines = [f"{title} resolution on {len(variants)} name variants ({path.name})", f"thresholds: {thresholds}",
             f"precision {precision:.3f} (floor {PRECISION_FLOOR})   recall {recall:.3f} (floor {RECALL_FLOOR})",
             "floors met" if ok else "FLOORS NOT MET",
             f"sent to review: {review}", "", "kind          variants  merged-right  wrong  missed"]
    for kind, count in sorted(Counter(r["kind"] for r in variants).items()):
        lines.append(f"{kind:<13} {count:>8}  {tp[kind]:>12}  {fp[kind]:>5}  {fn[kind]:>6}")
    lines += ["", "errors:" if errors else "errors: none", *errors]
    return Score(lines, precision, recall, len(variants))


def _supplier(row: dict) -> tuple[str | None, str, str]:
    got = resolve_supplier(row["name"])
    return got.supplier_id, got.method, f"{got.method}{' ' + str(got.candidate) if got.candidate else ''} {got.score:.0f}"


def _agency(row: dict) -> tuple[str | None, str, str]:
    got = resolve_agency(row["name"], row.get("country"))
    return got.agency_id, got.method, f"{got.method}{' ' + str(got.candidate) if got.candidate else ''} {got.score:.0f}"


def measure() -> dict[str, Score]:
    return {
        "supplier": _score("supplier", VARIANTS, f"merge within one edit per {CHARS_PER_EDIT} characters, "
                                                 f"review {REVIEW_EXTRA_EDITS} edit beyond", _supplier),
        "agency": _score("agency", AGENCY_VARIANTS, f"merge within one edit per {AGENCY_CHARS_PER_EDIT} characters "
                                                    f"and one per {CORE_CHARS_PER_EDIT} letters of each distinctive "
                                                    "word; Chinese names exact after writing places out in full",
                         _agency),
    }


def main() -> None:
    scores = measure()
    text = "\n\n".join("\n".join(score.lines) for score in scores.values()) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()

"""Supplier resolution quality: precision and recall on bench/data/name_variants.yaml.

Each variant is resolved with counterwatch.resolve.suppliers.resolve_supplier. A name resolved to a
supplier id counts as a true positive when the id is the expected one, a false positive otherwise
(a wrong supplier, or any supplier for a name that names none). Names sent to review count as not
merged: that is what the store does with them. Writes bench/results/resolution.txt.

    python bench/resolution.py
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from counterwatch.resolve.suppliers import CHARS_PER_EDIT, REVIEW_EXTRA_EDITS, resolve_supplier

HERE = Path(__file__).resolve().parent
VARIANTS = HERE / "data" / "name_variants.yaml"
RESULTS = HERE / "results" / "resolution.txt"
#: The floors the issue sets; the script says whether they are met.
PRECISION_FLOOR, RECALL_FLOOR = 0.98, 0.90


def measure() -> tuple[list[str], float, float]:
    variants = yaml.safe_load(VARIANTS.read_text(encoding="utf-8"))
    tp, fp, fn = Counter(), Counter(), Counter()
    review = 0
    errors: list[str] = []
    for row in variants:
        got = resolve_supplier(row["name"])
        review += got.method == "review"
        kind = row["kind"]
        if got.supplier_id is not None and got.supplier_id == row["expect"]:
            tp[kind] += 1
        elif got.supplier_id is not None:
            fp[kind] += 1
            errors.append(f"  wrong merge  {row['name']!r} -> {got.supplier_id} (expected {row['expect']})")
        if row["expect"] is not None and got.supplier_id != row["expect"]:
            fn[kind] += 1
            if got.supplier_id is None:
                errors.append(f"  missed       {row['name']!r} (expected {row['expect']}; {got.method}"
                              f"{' ' + str(got.candidate) if got.candidate else ''} {got.score:.0f})")
    precision = sum(tp.values()) / max(1, sum(tp.values()) + sum(fp.values()))
    recall = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    lines = [f"supplier resolution on {len(variants)} name variants ({VARIANTS.name})",
             f"thresholds: merge within one edit per {CHARS_PER_EDIT} characters, review {REVIEW_EXTRA_EDITS} edit beyond",
             f"precision {precision:.3f} (floor {PRECISION_FLOOR})   recall {recall:.3f} (floor {RECALL_FLOOR})",
             f"sent to review: {review}", "", "kind          variants  merged-right  wrong  missed"]
    for kind, count in sorted(Counter(r["kind"] for r in variants).items()):
        lines.append(f"{kind:<13} {count:>8}  {tp[kind]:>12}  {fp[kind]:>5}  {fn[kind]:>6}")
    lines += ["", "errors:" if errors else "errors: none", *errors]
    return lines, precision, recall


def main() -> None:
    lines, precision, recall = measure()
    ok = precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR
    lines.insert(3, "floors met" if ok else "FLOORS NOT MET")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Supplier matching: sure matches merge, near matches go to review, the bench floors hold, copies are found."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from counterwatch.resolve.duplicates import NEAR_DUPLICATE_JACCARD, signature, similarity
from counterwatch.resolve.judgements import Decisions, Judgement
from counterwatch.resolve.suppliers import resolve_supplier

BENCH = Path(__file__).resolve().parents[2] / "bench" / "resolution.py"
CORPUS = Path(__file__).parent / "corpus"


def test_misspellings_merge_and_lookalikes_go_to_review():
    assert resolve_supplier("Hikvisoin").supplier_id == "hikvision"
    assert resolve_supplier("深圳市商汤科技有限公司").supplier_id == "sensetime"
    lookalike = resolve_supplier("Dahua Security Services")
    assert lookalike.supplier_id is None and lookalike.method == "review" and lookalike.candidate == "dahua"
    assert resolve_supplier("Verity Systems").supplier_id is None


def test_judgements_override_the_matcher():
    from datetime import datetime
    at = datetime(2024, 1, 1)
    decisions = Decisions([Judgement(1, "merge", "dahua", "name:dahua security services", "a", at),
                           Judgement(2, "split", "hikvision", "name:hikvisoin", "a", at)])
    assert resolve_supplier("Dahua Security Services", decisions=decisions).supplier_id == "dahua"
    assert resolve_supplier("Hikvisoin", decisions=decisions).supplier_id is None


def test_bench_floors_hold():
    spec = importlib.util.spec_from_file_location("bench_resolution", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scores = bench.measure()
    for score in scores.values():
        assert score.precision >= bench.PRECISION_FLOOR and score.recall >= bench.RECALL_FLOOR, "\n".join(score.lines)
    assert scores["supplier"].variants >= 200 and scores["agency"].variants >= 60


def test_a_syndicated_copy_is_near_and_an_independent_report_is_not():
    wire = signature((CORPUS / "en_wire_kashgar_hikvision.txt").read_text(encoding="utf-8"))
    copy = signature((CORPUS / "en_syndicated_kashgar_hikvision.txt").read_text(encoding="utf-8"))
    report = signature((CORPUS / "en_report_kashgar_hik_vision.txt").read_text(encoding="utf-8"))
    assert similarity(wire, copy) >= NEAR_DUPLICATE_JACCARD > similarity(wire, report)

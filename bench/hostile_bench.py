"""The hostile-file corpus (tests/security/hostile_files.py) through the real loader, extractor and
resolver under the per-file guard, one fresh process per file: outcome, reason, peak memory and seconds.

The baseline is the same process reading one ordinary sentence (good_english.txt): its peak memory is
what the interpreter, the knowledge base and the models take before any file. Checks that no file ran
past its time limit (plus the slack of one C call) or grew the process past its memory limit, and
writes bench/results/hostile.txt.

    python bench/hostile_bench.py [--large-html-mb N]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results") / "hostile.txt"
#: Seconds a file may run past the time limit: the alarm is handled when the running C call returns
#: (one parse or regular expression, kept short by the readers' caps); a second covers it on a busy machine.
TIME_SLACK_S = 1.0
#: Size (MB) of the large HTML page here: near the default 50 MB file cap, the largest a reader accepts.
LARGE_HTML_MB = 40


def _peak_mb() -> float:
    """Peak resident memory of this process (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _vm_mb(field: str) -> float:
    """Address space from /proc/self/status (VmSize now, VmPeak the highest): what RLIMIT_AS caps."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_one(path: Path) -> dict:
    """Runs in the child process: warm up on nothing, then read, extract and resolve ``path`` once."""
    from counterwatch.batch import process_file
    from counterwatch.config import load_settings
    from counterwatch.extract.pipeline import extract_document
    from counterwatch.ingest.loader import load_text

    extract_document(load_text("Warm-up: Hikvision cameras in Nairobi. 海康威视人脸识别。", "warm-up"))
    before, vm_before = _peak_mb(), _vm_mb("VmSize")
    started = time.perf_counter()
    outcome = process_file(path)
    seconds = time.perf_counter() - started
    settings = load_settings()
    return {"outcome": "stored" if outcome.extraction is not None else "failed",
            "reason": (outcome.error or "").replace(str(path), path.name), "seconds": round(seconds, 2),
            "base_mb": round(before, 1), "peak_mb": round(_peak_mb(), 1),
            "vm_grown_mb": round(_vm_mb("VmPeak") - vm_before, 1),
            "timeout_s": settings.file_timeout_s, "memory_mb": settings.worker_memory_mb}


def _run_child(path: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True,
                            cwd=ROOT)
    if result.returncode != 0:
        return {"outcome": "crashed", "reason": result.stderr.strip().splitlines()[-1:] or ["?"],
                "seconds": 0.0, "base_mb": 0.0, "peak_mb": 0.0, "vm_grown_mb": 0.0, "timeout_s": 0, "memory_mb": 0}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--large-html-mb", type=int, default=LARGE_HTML_MB)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return 0
    sys.path.insert(0, str(ROOT))
    from tests.security.hostile_files import write_corpus

    lines, over, differs = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        expected = write_corpus(Path(tmp) / "hostile", args.large_html_mb)
        rows = {name: _run_child(Path(tmp) / "hostile" / name) for name in sorted(expected)}
    base = rows["good_english.txt"]
    lines.append(f"hostile files, one fresh process each (large.html {args.large_html_mb} MB); limits "
                 f"{base['timeout_s']:g} s and {base['memory_mb']} MB per file")
    lines.append(f"baseline: good_english.txt peak {base['peak_mb']:.0f} MB after warm-up {base['base_mb']:.0f} MB, "
                 f"{base['seconds']:.2f} s")
    lines.append(f"{'file':28} {'expected':8} {'outcome':8} {'s':>6} {'+RSS MB':>8} {'+VM MB':>8}  reason")
    for name, row in rows.items():
        grown = row["peak_mb"] - row["base_mb"]
        lines.append(f"{name:28} {expected[name]:8} {row['outcome']:8} {row['seconds']:6.2f} {grown:8.1f} "
                     f"{row['vm_grown_mb']:8.1f}  {str(row['reason'])[:90]}")
        if row["outcome"] == "crashed":
            over.append(f"{name}: the process crashed ({row['reason']})")
        elif row["outcome"] != expected[name]:
            differs.append(f"{name}: {row['outcome']} (the test corpus expects {expected[name]})")
        if row["timeout_s"] and row["seconds"] > row["timeout_s"] + TIME_SLACK_S:
            over.append(f"{name}: {row['seconds']} s over the {row['timeout_s']:g} s limit")
        if row["memory_mb"] and row["vm_grown_mb"] > row["memory_mb"]:
            over.append(f"{name}: address space grew {row['vm_grown_mb']:.0f} MB, over the {row['memory_mb']} MB limit")
    lines.append("within limits: " + ("yes" if not over else "NO\n  " + "\n  ".join(over)))
    if differs:
        lines.append("outcome differs from the test corpus (its large.html is 2 MB):\n  " + "\n  ".join(differs))
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

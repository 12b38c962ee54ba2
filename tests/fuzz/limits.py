"""Bounds shared by the fuzzers, so that the whole folder runs in well under a minute on a busy machine."""
from __future__ import annotations

from hypothesis import HealthCheck, settings

#: Examples per fuzzer: enough to reach the odd branches of each parser (hypothesis shrinks any failure),
#: few enough that the folder stays quick (~0.5 s per example at worst for a whole extraction).
MAX_EXAMPLES = 40
#: Longest time (ms) one example may take: far above a normal call (a few ms) so a loaded machine does
#: not fail a run, low enough to catch a runaway regular expression.
DEADLINE_MS = 5000

FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=DEADLINE_MS, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

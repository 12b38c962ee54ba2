"""Per-file limits: a time limit (a SIGALRM watchdog) and a memory limit (RLIMIT_AS) around one file's work.

``file_limits()`` wraps the read + extract + resolve of one file. When the file takes longer than its
time limit or grows the process by more than its memory allowance, ``FileLimitExceeded`` is raised out
of the work and the caller reports the file as failed; the process (a worker or the main process)
carries on with the next file, its own limits restored.

The time limit interrupts Python code; a single C call (one regular expression, one libxml2 parse) is
interrupted when it returns. The readers cap what reaches such calls (pages, archive members, markup
depth), so no single call runs long. The watchdog needs the main thread (signals are delivered there):
in another thread only the memory limit applies.
"""
from __future__ import annotations

import os
import resource
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from counterwatch.config import load_settings

#: Page size used to read the current address space from /proc/self/statm.
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class FileLimitExceeded(BaseException):
    """A file went over its time or memory limit. A BaseException so that no reader's broad
    ``except Exception`` swallows it half-way through."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _memory_cap(memory_mb: int) -> Iterator[None]:
    used = _address_space()
    if memory_mb <= 0 or used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        raise FileLimitExceeded(f"memory limit exceeded ({memory_mb} MB per file)") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def _time_limit(timeout_s: float) -> Iterator[None]:
    if timeout_s <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum, _frame):
        raise FileLimitExceeded(f"time limit exceeded ({timeout_s:g} s per file)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def file_limits(timeout_s: float | None = None, memory_mb: int | None = None) -> Iterator[None]:
    """Run the body under the per-file limits (defaults: COUNTERWATCH_FILE_TIMEOUT_S and
    COUNTERWATCH_WORKER_MEMORY_MB); 0 turns a limit off."""
    if timeout_s is None or memory_mb is None:
        settings = load_settings()
        timeout_s = settings.file_timeout_s if timeout_s is None else timeout_s
        memory_mb = settings.worker_memory_mb if memory_mb is None else memory_mb
    with _memory_cap(memory_mb), _time_limit(timeout_s):
        yield


__all__ = ["FileLimitExceeded", "file_limits"]

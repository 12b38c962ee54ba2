"""Worker processes on this machine (multiprocessing, fork where available)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Items handed to a worker at a time: amortises inter-process overhead for small documents (one 2-20 KB
#: document takes a few ms; 8 of them outweigh the cost of one pickled round trip).
WORKER_CHUNK = 8


class LocalEngine:
    def __init__(self, workers: int):
        self.workers = max(1, workers)

    def map_unordered(self, func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if self.workers <= 1 or len(items) < 2 * WORKER_CHUNK:
            yield from map(func, items)
            return
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(self.workers) as pool:
            yield from pool.imap_unordered(func, items, chunksize=WORKER_CHUNK)

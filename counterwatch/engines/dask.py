"""A Dask distributed cluster: the files are split into partitions, each partition is one task.

Workers read the files by path, so every worker must see the corpus at the same path (a shared or
replicated file system); results come back to the client, which stores them in its database (a shared
PostgreSQL server when several clients write). Without an address a LocalCluster of worker processes is
started, which is how the tests run it.
"""
from __future__ import annotations

from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Files per task: large enough that the scheduler's overhead per task (about a millisecond) is small next
#: to the work (a few ms per file), small enough that a slow file holds back little and results stream.
PARTITION_SIZE = 64
#: Tasks in flight per worker thread: keeps workers busy while bounding results held in memory.
TASKS_PER_THREAD = 2


def _apply_all(func: Callable[[T], R], part: list[T]) -> list[R]:
    return [func(item) for item in part]


class DaskEngine:
    def __init__(self, address: str | None, workers: int):
        self.address, self.workers = address, max(1, workers)

    def _client(self):
        from distributed import Client, LocalCluster

        if self.address:
            return Client(self.address), None
        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        return Client(cluster), cluster

    def map_unordered(self, func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        from distributed import as_completed

        if not items:
            return
        parts = [items[i:i + PARTITION_SIZE] for i in range(0, len(items), PARTITION_SIZE)]
        client, cluster = self._client()
        try:
            threads = max(1, sum(client.nthreads().values()))
            window = threads * TASKS_PER_THREAD
            queue = iter(parts)
            running = as_completed([client.submit(_apply_all, func, p, pure=False)
                                    for p in (next(queue, None) for _ in range(window)) if p is not None])
            for future in running:
                yield from future.result()
                future.release()
                part = next(queue, None)
                if part is not None:
                    running.add(client.submit(_apply_all, func, part, pure=False))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

"""Worker processes on this machine (fork where available), surviving a worker killed by the operating
system (the OOM killer, kill -9, a crash in a C library).

Items go to the workers in chunks. When a worker dies, the pool is broken: the results already in hand
are kept, a new pool carries on with the chunks not yet handed out, and the items of the chunks that
were in flight (one of them killed the worker, the others were unlucky) are run again at the end, each
alone in a process of its own. An item whose process dies again is yielded as a ``LostItem`` with the
reason; every other item's result is yielded as usual.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Generator, Generic, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Items handed to a worker at a time: amortises inter-process overhead for small documents (one 2-20 KB
#: document takes a few ms; 8 of them outweigh the cost of one pickled round trip).
WORKER_CHUNK = 8
#: Chunks in flight per worker: one running and one waiting, so that no worker idles between chunks
#: while results wait in memory for the storing process only a chunk or two deep.
CHUNKS_PER_WORKER = 2


@dataclass(frozen=True)
class LostItem(Generic[T]):
    """An item whose worker process died twice while working on it (the second time alone)."""

    item: T
    reason: str


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _broken(future: Future) -> bool:
    return isinstance(future.exception(), BrokenProcessPool)


def _run_alone(func: Callable[[T], R], item: T, connection) -> None:
    connection.send(func(item))
    connection.close()


def death_reason(exitcode: int | None) -> str:
    """Why a worker process ended without a result, from its exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "an unknown signal"
        hint = ": out of memory, or kill -9?" if -exitcode == signal.SIGKILL else ""
        return f"worker process died (killed by signal {-exitcode}, {name}{hint})"
    return f"worker process died (exit code {exitcode})"


class LocalEngine:
    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")

    def map_unordered(self, func: Callable[[T], R], items: list[T]) -> Iterator[R | LostItem[T]]:
        if self.workers <= 1 or len(items) < 2 * WORKER_CHUNK:
            yield from map(func, items)
            return
        chunks = deque(items[i:i + WORKER_CHUNK] for i in range(0, len(items), WORKER_CHUNK))
        suspects: list[T] = []
        while chunks:  # one pass per pool: a pass ends when the chunks run out or a worker dies
            suspects += yield from self._pool_pass(func, chunks)
        for item in suspects:
            yield self._alone(func, item)

    def _pool_pass(self, func: Callable[[T], R], chunks: deque[list[T]]) -> Generator[R, None, list[T]]:
        """Run chunks on a pool until they run out (returns []) or the pool breaks (returns the items of
        the chunks that were in flight)."""
        pool = ProcessPoolExecutor(self.workers, mp_context=self.context)
        in_flight: dict[Future, list[T]] = {}
        try:
            while chunks or in_flight:
                broken = False
                while chunks and not broken and len(in_flight) < self.workers * CHUNKS_PER_WORKER:
                    try:
                        in_flight[pool.submit(_run_chunk, func, chunks[0])] = chunks[0]
                        chunks.popleft()
                    except BrokenProcessPool:  # a worker died since the last look
                        broken = True
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken = broken or any(_broken(future) for future in done)
                if broken:
                    done, _ = wait(in_flight)  # the pool fails every chunk it still held
                for future in done:
                    if not _broken(future):
                        del in_flight[future]
                        yield from future.result()
                if broken:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [item for chunk in in_flight.values() for item in chunk]

    def _alone(self, func: Callable[[T], R], item: T) -> R | LostItem[T]:
        """``func(item)`` in a process of its own: its result, or why the process died."""
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_run_alone, args=(func, item, send), daemon=True)
        process.start()
        send.close()
        try:
            result = receive.recv()
        except EOFError:
            process.join()
            return LostItem(item, death_reason(process.exitcode))
        finally:
            receive.close()
        process.join()
        return result

"""Where the per-file work (read, extract, resolve) runs: worker processes on this machine, or a Dask cluster.

An engine maps one picklable function over the files and yields its results as they complete, in any
order; the caller (counterwatch.batch) stores them. Engines know nothing of documents or databases.
"""
from __future__ import annotations

from typing import Callable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Names accepted by ``counterwatch ingest --engine``.
ENGINE_NAMES = ("local", "dask")


class Engine(Protocol):
    def map_unordered(self, func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """``func`` applied to every item, results yielded as they are ready."""


def make_engine(name: str, workers: int, address: str | None = None) -> Engine:
    """The engine called ``name``: ``local`` (``workers`` processes) or ``dask`` (the scheduler at
    ``address``, or a local cluster of ``workers`` processes when no address is given)."""
    if name == "local":
        from counterwatch.engines.local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from counterwatch.engines.dask import DaskEngine

        return DaskEngine(address, workers)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")

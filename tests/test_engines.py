"""The same facts come out whichever engine does the per-file work: local worker processes or Dask."""
from __future__ import annotations

from pathlib import Path

import pytest

from counterwatch.engines import make_engine

CORPUS = Path(__file__).resolve().parent / "corpus"


def _square(value: int) -> int:
    return value * value


def test_engines_map_every_item_once():
    items = list(range(40))
    assert sorted(make_engine("local", 2).map_unordered(_square, items)) == [i * i for i in items]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark", 2)


def test_address_needs_the_dask_engine(cli):
    result = cli("ingest", CORPUS, "--db", cli.db, "--address", "tcp://127.0.0.1:1", ok=(2,))
    assert "--engine dask" in result.output


def test_dask_cluster_gives_the_same_facts_as_local_processes(cli, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    from counterwatch.engines import dask as dask_engine

    monkeypatch.setattr(dask_engine, "PARTITION_SIZE", 2)  # several partitions, more than the window
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("*_news_*.txt"))[:6] + sorted(CORPUS.glob("zh_notice_*"))[:6]:
        (docs / path.name).write_bytes(path.read_bytes())
    cli("ingest", docs, "--db", cli.db, "--workers", "2", "--quiet")
    local = cli.export("eval-jsonl", tmp_path / "local.jsonl").read_text(encoding="utf-8")

    cli.db = str(tmp_path / "dask.db")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = cli("ingest", docs, "--db", cli.db, "--engine", "dask", "--address",
                     cluster.scheduler_address, "--quiet")
    assert "documents read: 12 (stored 12" in result.output
    on_dask = cli.export("eval-jsonl", tmp_path / "dask.jsonl").read_text(encoding="utf-8")
    assert sorted(on_dask.splitlines()) == sorted(local.splitlines())
    assert on_dask.strip()

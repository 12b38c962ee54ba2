"""The entities, merge, split and judgements commands."""
from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def test_entities_lists_names_counts_and_sanctions(cli):
    cli.ingest(CORPUS)
    out = cli("entities", "--db", cli.db).output
    block = out[out.index("hikvision\tHikvision"):]
    assert "4 documents" in block.splitlines()[0]
    assert "parent: cetc" in block and "海康威视" in block and "US Entity List 2019-10-09" in block


def test_merge_split_and_undo_are_recorded_with_who(cli):
    cli.ingest(CORPUS)
    assert "judgement #1: merge dahua name:dahau" in cli("merge", "dahua", "Dahau", "--by", "ana", "--db", cli.db).output
    cli("split", "dahua", "Dahau", "--by", "ben", "--note", "a different firm", "--db", cli.db)
    cli("judgements", "--undo", "2", "--by", "ana", "--db", cli.db)
    listed = cli("judgements", "--db", cli.db).output.splitlines()
    assert [line.split("\t")[2:4] for line in listed] == [["ana", "merge"], ["ben", "split"], ["ana", "undo"]]
    assert "a different firm" in listed[1]
    assert cli("judgements", "--undo", "99", "--db", cli.db, ok=(2,)).exit_code == 2
    assert cli("merge", "dahua", "dahua", "--db", cli.db, ok=(2,)).exit_code == 2

"""Private persons never become entities, and identifiers never reach stored text or quotes."""
from __future__ import annotations

import json

from tests.conftest import FIXTURES

PRIVATE = ("Amina Otieno", "王小明")
IDENTIFIERS = ("+254 722 123 456", "press@example.org", "0417-2856789", "110105198001011234")


def _everything(cli, tmp_path) -> str:
    parts = [cli.export(fmt, tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
             for fmt in ("eval-jsonl", "json", "csv", "geojson", "ftm")]
    from counterwatch.store.database import Database
    from counterwatch.store.schema import DocumentRow, MentionRow

    with Database(cli.db).session() as session:
        parts += [d.text for d in session.query(DocumentRow)]
        parts += [json.dumps([m.value, m.attrs], ensure_ascii=False) for m in session.query(MentionRow)]
    return "\n".join(parts)


def test_names_of_private_persons_are_never_entities(cli, tmp_path):
    cli.ingest(FIXTURES)
    records = cli.eval_records(tmp_path)
    for record in records.values():
        values = json.dumps(record["entities"], ensure_ascii=False) + json.dumps(record["relations"], ensure_ascii=False)
        for name in PRIVATE:
            assert name not in values


def test_contact_details_are_redacted_everywhere(cli, tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text("某县公安局视频监控采购项目招标公告\n采购人：某县公安局\n项目联系人：王小明\n联系电话：0417-2856789\n"
                   "身份证号：110105198001011234\n邮箱 press@example.org\n预算金额：120万元\n", encoding="utf-8")
    cli.ingest(FIXTURES, doc)
    dump = _everything(cli, tmp_path)
    for value in IDENTIFIERS + ("王小明",):
        assert value not in dump
    assert "[phone]" in dump and "[email]" in dump

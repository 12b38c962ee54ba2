"""`counterwatch stats`: spend and budgets kept apart, notice counts, grouping, and the trend chart."""
from __future__ import annotations

from pathlib import Path

import pytest

NOTICES = Path(__file__).resolve().parent / "notices"


@pytest.fixture()
def notices_db(cli):
    for name in ("zh_n02_ningbo_traffic_epolice_award.html", "zh_n11_jinan_lpr_stop.txt",
                 "zh_n16_yinchuan_lots_award.txt", "zh_n01_hangzhou_xihu_face_tender.txt"):
        cli("ingest", NOTICES / name, "--db", cli.db, "--workers", "1", "--quiet")
    return cli


def test_spend_and_budgets_per_technology(notices_db):
    out = notices_db("stats", "--db", notices_db.db, "--by", "technology").output
    lpr = next(line for line in out.splitlines() if "license_plate_recognition" in line)
    assert "5,126,000 CNY" in lpr and "3,800,000 CNY" in lpr  # the award, and the cancelled tender's budget
    phone = next(line for line in out.splitlines() if "phone_surveillance" in line)
    assert "3,240,000 CNY" in phone  # two lots, each award counted once
    face = next(line for line in out.splitlines() if "facial_recognition" in line)
    assert "3,860,000 CNY" in face and "│ 1 " in face


def test_by_year_and_province(notices_db):
    out = notices_db("stats", "--db", notices_db.db, "--by", "year,province").output
    assert "浙江省" in out and "2024" in out and "groups" in out


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_chart(notices_db, tmp_path, suffix, magic):
    chart = tmp_path / f"trend{suffix}"
    notices_db("stats", "--db", notices_db.db, "--by", "year,technology", "--chart", chart)
    assert chart.read_bytes().startswith(magic)
    if suffix == ".svg":
        svg = chart.read_text(encoding="utf-8")
        assert "million CNY" in svg and "license_plate_recognition" in svg  # axis unit and legend


def test_bad_dimension_and_chart_format(notices_db, tmp_path):
    assert notices_db("stats", "--db", notices_db.db, "--by", "colour", ok=(2,)).exit_code == 2
    assert notices_db("stats", "--db", notices_db.db, "--chart", tmp_path / "x.gif", ok=(2,)).exit_code == 2

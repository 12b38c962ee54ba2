"""Small documents written for the crash and concurrency tests, generated from parts so that a few
hundred distinct files exist without committing them, and helpers to run the command line as a
subprocess and compare exports.

Every document names a supplier, a technology and a place, so each is expected to yield at least one
fact; English reports and Chinese award notices alternate.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

SUPPLIERS = [("Hikvision", "海康威视"), ("Dahua", "大华"), ("Huawei", "华为"), ("ZTE", "中兴")]
ENGLISH_TECH = ["facial recognition cameras", "license plate recognition cameras", "a video surveillance network",
                "a big data platform"]
CHINESE_TECH = ["人脸识别系统", "车牌识别卡口", "视频监控平台", "大数据平台"]
PLACES = [("Nairobi", "Kenya"), ("Belgrade", "Serbia"), ("Quito", "Ecuador"), ("Lusaka", "Zambia"),
          ("Kampala", "Uganda")]
CHINESE_PLACES = ["喀什市", "乌鲁木齐市", "拉萨市", "和田市", "伊宁市"]
#: Years used in the documents: a spread of plausible contract years.
YEARS = range(2012, 2024)


def english(i: int) -> str:
    supplier, _ = SUPPLIERS[i % len(SUPPLIERS)]
    tech = ENGLISH_TECH[(i // 4) % len(ENGLISH_TECH)]
    city, country = PLACES[(i // 16) % len(PLACES)]
    year = YEARS[i % len(YEARS)]
    return (f"Report {i}. In {year} {supplier} supplied {tech} to the police of {city}, {country}.\n"
            f"Officials said the contract number {1000 + i} covered {10 + i % 90} units in the city centre.\n")


def chinese(i: int) -> str:
    _, supplier = SUPPLIERS[i % len(SUPPLIERS)]
    tech = CHINESE_TECH[(i // 4) % len(CHINESE_TECH)]
    place = CHINESE_PLACES[(i // 16) % len(CHINESE_PLACES)]
    year = YEARS[i % len(YEARS)]
    return (f"{place}公安局{tech}建设项目中标结果公告\n\n发布时间：{year}-06-{1 + i % 28:02d}\n\n"
            f"一、项目编号：CW{year}-{i:05d}\n\n二、项目名称：{place}{tech}建设项目\n\n"
            f"三、中标信息\n供应商名称：{supplier}\n中标金额：人民币{100 + i}万元\n\n"
            f"四、主要标的信息\n名称：{tech}\n数量：{5 + i % 50}套\n")


def write_documents(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Write ``count`` documents numbered from ``start`` into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / (f"en_{i:04d}.txt" if i % 2 == 0 else f"zh_{i:04d}.txt")
        path.write_text(english(i) if i % 2 == 0 else chinese(i), encoding="utf-8")
        paths.append(path)
    return paths


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "counterwatch.cli", *map(str, args)]


def start(*args: str, log: Path) -> subprocess.Popen:
    """Start the command line in its own process group (so that its workers can be killed with it)."""
    handle = open(log, "ab")
    try:
        return subprocess.Popen(command(*args), stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        handle.close()


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the process and every worker it started (the whole process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def run(*args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    result = subprocess.run(command(*args), capture_output=True, text=True)
    assert result.returncode in ok, result.stdout + result.stderr
    return result


def count(db: Path, table: str) -> int:
    """Rows in ``table``, or 0 while the database is being created (read-only, never blocks the writer long)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


#: Fields of an exported record that depend on when or in which order rows were stored.
VOLATILE = {"id", "fact_id", "document_id", "created_at", "updated_at", "stored_at", "ingested_at"}


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def export_records(db: Path, out: Path) -> list[str]:
    """The eval-jsonl export without ids and timestamps, as sorted canonical JSON lines."""
    run("export", "--db", db, "--format", "eval-jsonl", "--out", out)
    records = [_stable(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines() if line]
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)

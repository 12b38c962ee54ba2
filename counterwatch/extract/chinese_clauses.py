"""Chinese sentences: which technologies each supplier of the sentence supplies.

Chinese prose names the supplier in a clause built around it: "前端摄像机和人脸识别卡口设备由X提供",
"系统由X承建", "X为该局提供视频监控设备", "X中标了…项目", "与X合作建设…平台", "采用X的人脸识别系统".
In every one of these the supplier supplies each technology its clause names, not only the first; when
its clause names none ("…人脸识别抓拍摄像机36台，系统由X承建"), it supplies the technologies of the
sentence's clauses that name no supplier of their own. Clauses end at Chinese and Western commas,
semicolons, colons and full stops; the list mark 、 joins items of one clause.

A checkpoint word right after a recognition term ("人脸识别卡口", "人脸抓拍卡口") is the device carrying that
recognition, not a road checkpoint reading plates (camera words after one are joined already when mentions
are found: mentions.CAMERA_BORNE).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from counterwatch.model import Mention

if TYPE_CHECKING:
    from counterwatch.extract.facts import SentenceMentions

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
#: Technologies whose Chinese terms name a device that may carry another technology: 卡口 alone is a road
#: checkpoint reading plates, 人脸识别卡口 one capturing faces.
DEVICE_TECHNOLOGIES = frozenset({"license_plate_recognition"})
#: Most characters between a recognition term and the device word that carries it ("人脸识别抓拍卡口":
#: 抓拍, two characters; set so that a modifier of two characters fits and a verb phrase does not).
DEVICE_HEAD_GAP = 2
# "+", "、", spaces, punctuation or a conjunction ("车牌识别和视频监控") keep two terms apart.
_NO_JOIN = re.compile(r"[^\u4e00-\u9fff]|[和及与或并暨]")


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def without_device_heads(techs: list[Mention], text: str, base: int) -> list[Mention]:
    """The technologies, without a device word that carries the recognition term right before it."""
    kept: list[Mention] = []
    for tech in techs:
        previous = kept[-1] if kept else None
        if previous is not None and tech.value in DEVICE_TECHNOLOGIES and previous.value != tech.value:
            gap = text[previous.end - base:tech.start - base]
            if len(gap) <= DEVICE_HEAD_GAP and not _NO_JOIN.search(gap):
                continue
        kept.append(tech)
    return kept


def _clause_of(position: int, ends: list[int]) -> int:
    return next((i for i, end in enumerate(ends) if position < end), len(ends))


def group_technologies(groups: list[list[Mention]], sm: SentenceMentions, techs: list[Mention]) -> list[list[str]]:
    """For each supplier group, the technologies it supplies in a Chinese sentence (empty: not stated)."""
    text, base = sm.sentence.text, sm.sentence.start
    ends = [base + m.end() for m in _CLAUSE_END.finditer(text)]
    group_clauses = [_clause_of(group[-1].end - 1, ends) for group in groups]
    by_clause: dict[int, list[str]] = {}
    for tech in techs:
        by_clause.setdefault(_clause_of(tech.start, ends), []).append(tech.value)
    unclaimed = [value for clause, values in by_clause.items() if clause not in group_clauses for value in values]
    return [list(dict.fromkeys(by_clause.get(clause) or unclaimed)) for clause in group_clauses]

"""detect_language."""
from __future__ import annotations

import pytest

from counterwatch.ingest import detect_language
from counterwatch.ingest.language import LANGUAGE_SAMPLE_CHARS


@pytest.mark.parametrize("text,expected", [
    ("The regional police force signed a contract for a network of number-plate cameras last spring.", "en"),
    ("县公安局本次采购高清网络摄像机及配套存储设备，用于城区主要路口的治安监控。", "zh"),
    ("縣警察局本次採購高畫質網路攝影機及儲存設備，用於市區主要路口的治安監控。", "zh"),
    ("La gendarmerie a commandé un système de reconnaissance faciale pour surveiller la gare centrale.", "fr"),
    ("Die Stadtverwaltung hat im vergangenen Jahr ein neues System zur Videoüberwachung bestellt.", "de"),
    ("警察は駅の入口に顔認証カメラを設置し、乗客の映像を記録している。", "ja"),
])
def test_languages(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "ok", "2019-10-09 12:00", "公安", "Hi there", "   \n\t"])
def test_tiny_or_letterless_input_is_undetermined(text):
    assert detect_language(text) == "und"


def test_only_a_bounded_sample_is_classified():
    english = "The city council approved a budget for additional cameras in the market district. "
    text = english * (LANGUAGE_SAMPLE_CHARS // len(english) + 1) + "联合采购公告" * 5000
    assert detect_language(text) == "en"


def test_mixed_chinese_notice_with_latin_codes_is_chinese():
    text = "项目编号：HZCG2019-118，采购内容：IPC-HFW4431 网络摄像机 200 台，NVR 设备 10 套。"
    assert detect_language(text) == "zh"

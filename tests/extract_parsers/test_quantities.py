"""find_quantities: English and Chinese counts of equipment, and what is never a quantity."""
from pathlib import Path

import pytest

from counterwatch.extract.quantities import find_quantities

HERE = Path(__file__).parent

#: A small unit vocabulary of the shape the knowledge base produces (lower-case surface -> unit id).
UNITS = {
    "camera": "camera", "cameras": "camera", "cctv cameras": "camera", "cctv camera": "camera",
    "surveillance cameras": "camera", "facial recognition cameras": "face_camera",
    "profiles": "profile", "drones": "drone", "drone": "drone", "analysers": "analyser",
    "records": "record", "imsi catchers": "imsi_catcher",
    "摄像机": "camera", "高清摄像机": "camera", "网络摄像机": "camera", "摄像头": "camera", "人脸识别服务器": "server",
    "台": "unit", "套": "set", "路": "channel", "个": "unit", "架": "drone", "条": "record",
}


def found(text):
    return [(text[q.start:q.end], q.value, q.unit, q.noun) for q in find_quantities(text, UNITS)]


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The city installed 1,800 HD cameras last year.", "1,800 HD cameras", 1800, "camera"),
    ("China has installed 415 million surveillance cameras", "415 million surveillance cameras", 415e6, "camera"),
    ("each of the 110,000 profiles in the system", "110,000 profiles", 110_000, "profile"),
    ("it bought 200 facial-recognition cameras", "200 facial-recognition cameras", 200, "face_camera"),
    ("it bought 200 facial recognition cameras", "200 facial recognition cameras", 200, "face_camera"),
    ("some 1.2m cameras", "1.2m cameras", 1.2e6, "camera"),
    ("a 200-camera network", "200-camera", 200, "camera"),
    ("1,200 new and existing street cameras", "1,200 new and existing street cameras", 1200, "camera"),
    ("Police bought six further analysers", "six further analysers", 6, "analyser"),
    ("twelve long-range drones", "twelve long-range drones", 12, "drone"),
    ("a thousand new surveillance cameras", "a thousand new surveillance cameras", 1000, "camera"),
    ("more than ten billion records", "ten billion records", 1e10, "record"),
    ("export six vehicle-mounted IMSI catchers", "six vehicle-mounted IMSI catchers", 6, "imsi_catcher"),
    ("采购200台", "200台", 200, "unit"),
    ("接入1800路视频", "1800路", 1800, "channel"),
    ("存储设备50套", "50套", 50, "set"),
    ("两台", "两台", 2, "unit"),
    ("新建十二路", "十二路", 12, "channel"),
    ("摄像机200台", "摄像机200台", 200, "camera"),
    ("高清摄像机：200台", "高清摄像机：200台", 200, "camera"),
    ("共200台高清网络摄像机", "200台高清网络摄像机", 200, "camera"),
    ("200余台", "200余台", 200, "unit"),
    ("1.2万台", "1.2万台", 12_000, "unit"),
    ("超过120亿条", "120亿条", 1.2e10, "record"),
    ("数量：200 单位：台", "200 单位：台", 200, "unit"),
    ("全长２００台", "２００台", 200, "unit"),
    ("无人机8架", "8架", 8, "drone"),
    ("采购20台人脸识别摄像机", "20台人脸识别摄像机", 20, "camera"),
    ("配置4台工作站", "4台", 4, "unit"),
])
def test_quantities(text, surface, value, unit):
    results = found(text)
    assert len(results) == 1, results
    assert results[0][:3] == (surface, pytest.approx(value), unit)


def test_noun_is_the_matched_unit_word():
    assert found("摄像机200台")[0][3] == "摄像机"
    assert found("200台摄像头")[0][3] == "摄像头"
    assert found("1,800 CCTV cameras")[0][3] == "cctv cameras"


def test_table_with_quantity_and_unit_columns():
    text = ("| 序号 | 名称 | 数量 | 单位 |\n|---|---|---|---|\n"
            "| 1 | 高清网络摄像机 | 300 | 台 |\n| 2 | 视频存储设备 | 6 | 套 |\n")
    assert found(text) == [("300", 300, "camera", "网络摄像机"), ("6", 6, "set", "套")]


@pytest.mark.parametrize("text", [
    "97 million Christians in the country", "the church's 1,500 members", "in 2019 cameras were installed",
    "an increase of 3100 per cent", "up 40% cameras", "$200 cameras", "50 of the cameras",
    "2,000 officers and cameras", "HZCG2019-118台", "COVID-19 cameras", "第3台", "一套系统", "1套",
    "one camera", "5个工作日内", "分2个标段", "200 new HD facial recognition CCTV cameras", "2019年",
    "数万台", "often cameras",
])
def test_never_a_quantity(text):
    assert found(text) == []


def test_empty_units_find_nothing():
    assert find_quantities("1,800 cameras and 200台", {}) == []


def test_a_procurement_notice():
    text = (HERE / "notice_zh.txt").read_text(encoding="utf-8")
    results = {(s, v, u) for s, v, u, _ in found(text)}
    assert ("300", 300, "camera") in results
    assert ("2", 2, "server") in results
    assert ("6", 6, "set") in results
    assert ("1200路", 1200, "channel") in results
    assert not any(v in (1, 90, 2021) for _, v, _ in results)

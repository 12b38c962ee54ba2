"""find_places, resolve_place and chinese_admin_from_org on Chinese text written for these tests."""
from counterwatch.extract.places import (
    chinese_admin_from_org,
    find_places,
    resolve_place,
)


def found(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(m.surface, m.name, m.region, m.level) for m in find_places(text)]


def test_full_names_province_city_county():
    text = "采购人为辽宁省营口市鲅鱼圈区公安局。"
    assert found(text) == [("辽宁省", "辽宁省", "辽宁省", "region"), ("营口市", "营口市", "辽宁省", "city"),
                           ("鲅鱼圈区", "鲅鱼圈区", "辽宁省", "county")]
    county = find_places(text)[2]
    assert county.city == "营口市" and county.country == "CN"
    assert 39 < county.latitude < 41 and 121 < county.longitude < 123


def test_short_forms_need_an_administrative_follower():
    assert found("营口公安局发布公告") == [("营口", "营口市", "辽宁省", "city")]
    assert found("他穿着中山装走到出海口") == []
    assert found("大同小异，长治久安，开封检查，日照时间，阿里云") == []


def test_province_short_names_stand_alone():
    assert [m.name for m in find_places("新疆和西藏的项目")] == ["新疆维吾尔自治区", "西藏自治区"]


def test_prefectures_in_lists_and_directions():
    assert [m.name for m in find_places("在兰州、天水、酒泉等地试点")] == ["兰州市", "天水市", "酒泉市"]
    assert [m.name for m in find_places("金堂县地处成都东部")] == ["金堂县", "成都市"]


def test_street_names_are_not_places():
    assert found("地址：中山东路18号，北京西路") == []


def test_ordinary_words_after_full_names():
    assert found("白银市场价格，东城区域协调") == []


def test_counties_named_like_everyday_words():
    text = "经济合作区的公安分局，南部地区，中方政府，爱民警察"
    assert found(text) == []
    assert found("湖北省荆州市公安县")[-1] == ("公安县", "公安县", "湖北省", "county")


def test_one_character_counties_need_their_parent():
    assert found("各市和县公安局") == []
    assert found("安徽省和县公安局")[-1] == ("和县", "和县", "安徽省", "county")


def test_ambiguous_district_follows_its_city():
    beijing = find_places("北京市朝阳区公安分局")[-1]
    assert (beijing.name, beijing.city) == ("朝阳区", "北京市")
    changchun = find_places("长春市朝阳区")[-1]
    assert (changchun.name, changchun.city) == ("朝阳区", "长春市")
    assert found("朝阳区的项目") == []  # two 朝阳区 and nothing to choose between them


def test_traditional_characters():
    assert found("遼寧省大連市") == [("遼寧省", "辽宁省", "辽宁省", "region"), ("大連市", "大连市", "辽宁省", "city")]


def test_agency_to_most_specific_place():
    place = chinese_admin_from_org("大连市公安局甘井子分局")
    assert (place.name, place.city, place.region, place.level) == ("甘井子区", "大连市", "辽宁省", "county")
    assert place.latitude and place.longitude
    city = chinese_admin_from_org("营口市公安局")
    assert (city.name, city.region, city.level) == ("营口市", "辽宁省", "city")
    assert chinese_admin_from_org("海康威视数字技术股份有限公司") is None


def test_resolve_place_by_name():
    assert resolve_place("营口市公安局").name == "营口市"
    guizhou = resolve_place("Guizhou")
    assert (guizhou.name, guizhou.country, guizhou.level) == ("Guizhou", "CN", "region")
    assert resolve_place("Tongren City").region == "Guizhou"
    assert resolve_place("Beijing").country == "CN"  # no context is needed for a bare name
    assert resolve_place("London").country == "GB"
    assert resolve_place("London", country="CA").country == "CA"
    assert resolve_place("遼寧").name == "辽宁省"
    assert resolve_place("Nowhereville") is None

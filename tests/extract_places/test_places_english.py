"""find_places on English sentences written for these tests."""
from counterwatch.extract.places import find_places


def names(text: str) -> list[str]:
    return [m.name for m in find_places(text)]


def test_chinese_provinces_and_cities_in_pinyin():
    text = ("Police in Guizhou province installed cameras in Tongren City; the port of Lianyungang "
            "in Jiangsu and Kashgar in Xinjiang followed.")
    found = find_places(text)
    assert [(m.surface, m.name, m.region, m.level) for m in found] == [
        ("Guizhou province", "Guizhou", "Guizhou", "region"),
        ("Tongren City", "Tongren", "Guizhou", "city"),
        ("Lianyungang", "Lianyungang", "Jiangsu", "city"),
        ("Jiangsu", "Jiangsu", "Jiangsu", "region"),
        ("Kashgar", "Kashgar", "Xinjiang", "city"),
        ("Xinjiang", "Xinjiang", "Xinjiang", "region")]
    assert all(m.country == "CN" and m.latitude and m.longitude for m in found)
    tongren = found[1]
    assert 27 < tongren.latitude < 29 and 108 < tongren.longitude < 110


def test_autonomous_region_suffixes_and_variants():
    text = "the Xinjiang Uyghur Autonomous Region, Inner Mongolia, Tibet and Ürümqi"
    found = find_places(text)
    assert [m.name for m in found] == ["Xinjiang", "Inner Mongolia", "Tibet", "Urumqi"]
    assert found[0].surface == "Xinjiang Uyghur Autonomous Region"
    assert found[3].region == "Xinjiang"


def test_world_cities_with_country():
    found = find_places("Safaricom runs the network in Nairobi and Mombasa.")
    assert [(m.name, m.country) for m in found] == [("Nairobi", "KE"), ("Mombasa", "KE")]


def test_capital_as_government_is_not_a_place():
    assert names("Beijing denied the claims.") == []
    assert names("Moscow said the talks went well.") == []


def test_capital_in_a_locative_context_is_a_place():
    assert names("Police closed a church in northern Beijing.") == ["Beijing"]
    assert names("Cameras went up throughout Lusaka.") == ["Lusaka"]
    assert names("The firm opened an office in Quito, Ecuador, and Caracas.") == ["Quito", "Caracas"]
    assert names("Kampala, Uganda is covered by the system.") == ["Kampala"]
    assert names("The Moscow-based vendor") == ["Moscow"]


def test_capital_as_attribute_possessive_or_in_a_list():
    assert names("a Moscow lawyer filed the case") == ["Moscow"]
    assert names("Moscow's metro cameras were upgraded") == ["Moscow"]
    assert names("the deal covered Nairobi and Mombasa") == ["Nairobi", "Mombasa"]
    assert names("the Beijing government insisted") == []
    assert names("Beijing's claims were rejected") == []


def test_small_cities_need_the_text_to_place_them():
    assert names("The Greenville City Council voted 5-2.") == ["Greenville"]
    found = find_places("Police in Greenville, South Carolina bought readers")
    assert [(m.name, m.region) for m in found] == [
        ("Greenville", "South Carolina"), ("South Carolina", "South Carolina")]
    assert names("cameras across Kampala, Wakiso and Entebbe") == ["Kampala", "Wakiso", "Entebbe"]
    assert names("Greenville is a name, as is Wakiso.") == []


def test_ordinary_words_are_never_places():
    text = ("Most of the Police in this town said Mobile phones are Nice to have. Reading it was a "
            "Surprise; Split the Salt. Opportunity knocks.")
    assert names(text) == []


def test_lowercase_is_not_a_place():
    assert names("the nairobi office and the lagos team") == []


def test_person_names_are_not_places():
    assert names("“We can learn from them,” said Sydney Ndlovu, a police general.") == []
    assert names("Wang Yulin said the contract was signed.") == []
    assert names("A study by the University of Texas found bias.") == []
    assert names("one analyst, Tomás Ibarra, disagreed") == []


def test_us_states_are_regions():
    found = find_places("Detroit police in Michigan and officers in Washington State")
    assert [(m.name, m.level, m.region) for m in found] == [
        ("Detroit", "city", "Michigan"), ("Michigan", "region", "Michigan"),
        ("Washington", "region", "Washington")]


def test_ambiguous_pinyin_follows_the_province_in_the_text():
    suzhou = next(m for m in find_places("a factory in Suzhou, Anhui") if m.name == "Suzhou")
    assert suzhou.region == "Anhui"
    suzhou = next(m for m in find_places("a factory in Suzhou, Jiangsu") if m.name == "Suzhou")
    assert suzhou.region == "Jiangsu"


def test_country_names_are_not_cities_but_city_states_are_both():
    assert names("Djibouti and Mexico signed") == []
    found = find_places("Hong Kong police and Singapore officials")
    assert [(m.name, m.country) for m in found] == [("Hong Kong", "HK"), ("Singapore", "SG")]
    assert [m.name for m in find_places("香港警方")] == ["香港特别行政区"]

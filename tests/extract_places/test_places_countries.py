"""find_countries and country_centroid on sentences written for these tests."""
from counterwatch.extract.places import country_centroid, find_countries


def codes(text: str) -> list[tuple[str, str, str]]:
    return [(m.surface, m.code, m.form) for m in find_countries(text)]


def test_names_adjectives_and_possessives():
    text = "Kenyan police bought cameras from a Chinese vendor; China's exports to Kenya grew."
    assert codes(text) == [("Kenyan", "KE", "adjective"), ("Chinese", "CN", "adjective"),
                           ("China's", "CN", "possessive"), ("Kenya", "KE", "name")]


def test_offsets_point_at_the_surface():
    text = "Officials in Pakistan’s capital met South African and Israeli firms."
    for match in find_countries(text):
        assert text[match.start:match.end] == match.surface
    assert [(m.code, m.form) for m in find_countries(text)] == [
        ("PK", "possessive"), ("ZA", "adjective"), ("IL", "adjective")]


def test_party_name_gives_an_adjective():
    assert codes("the Chinese Communist Party issued a directive") == [("Chinese", "CN", "adjective")]


def test_us_abbreviations_but_not_the_pronoun():
    assert codes("Let us talk about the U.S. and the US market.") == [
        ("U.S.", "US", "name"), ("US", "US", "name")]
    assert codes("They told us nothing. CONTACT US today. It cost US$ 3 million, or HK$ 20m.") == []


def test_common_variants():
    text = ("Laos, Vietnam, South Korea, Russia, Iran, Syria, Czechia, Ivory Coast, the UK, "
            "Britain, Tanzania, Bolivia, Venezuela and Hong Kong")
    assert [m.code for m in find_countries(text)] == [
        "LA", "VN", "KR", "RU", "IR", "SY", "CZ", "CI", "GB", "GB", "TZ", "BO", "VE", "HK"]


def test_official_and_typographic_forms():
    text = "the People’s Republic of China and the Lao People's Democratic Republic"
    assert [m.code for m in find_countries(text)] == ["CN", "LA"]


def test_never_inside_words_or_longer_names():
    text = "Nigeria, Indiana, New Mexico, New Jersey, Latin American buyers, the Indian Ocean, Omaha"
    assert [m.code for m in find_countries(text)] == ["NG"]


def test_america_alone_is_not_a_country_but_american_is():
    assert codes("American firms sell across America.") == [("American", "US", "adjective")]


def test_person_names_that_are_countries():
    assert codes("Michael Jordan visited Jordan.") == [("Jordan", "JO", "name")]
    assert codes("Chad Smith spoke.") == []


def test_nationality_plurals():
    assert [m.code for m in find_countries("Uzbeks and Kazakhs crossed; Canadians watched.")] == [
        "UZ", "KZ", "CA"]


def test_chinese_country_names():
    text = "中国企业向肯尼亚、巴基斯坦和厄瓜多尔出口设备，美国表示关注。"
    assert [m.code for m in find_countries(text)] == ["CN", "KE", "PK", "EC", "US"]


def test_chinese_traditional_names():
    assert [m.code for m in find_countries("臺灣與韓國的廠商")] == ["TW", "KR"]


def test_chinese_fragments_that_are_not_countries():
    text = "湖南非法集资案，道德国家，安泰国际公司，沿海地区，内蒙古，朝鲜族群众，巴林左旗"
    assert find_countries(text) == []


def test_centroids_are_capitals():
    lat, lon = country_centroid("KE")
    assert abs(lat - -1.29) < 0.2 and abs(lon - 36.82) < 0.2  # Nairobi
    lat, lon = country_centroid("cn")
    assert abs(lat - 39.9) < 0.3 and abs(lon - 116.4) < 0.3  # Beijing
    lat, lon = country_centroid("EC")
    assert abs(lat - -0.22) < 0.3 and abs(lon - -78.5) < 0.3  # Quito
    assert country_centroid("ZZ") is None

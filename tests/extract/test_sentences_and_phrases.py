"""Sentence splitting and phrase matching, in English and Chinese."""
from __future__ import annotations

from counterwatch.extract.phrases import PhraseMatcher
from counterwatch.extract.sentences import split_sentences


def test_sentences_keep_offsets_and_abbreviations():
    text = ("Police in the U.S. bought cameras from Axon Inc. last year. Critics objected!\n\n"
            "某市公安局采购人脸识别系统。预算金额：100万元；供应商：某某公司\n二、项目名称：雪亮工程")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Police in the U.S. bought cameras from Axon Inc. last year.", "Critics objected!",
        "某市公安局采购人脸识别系统。", "预算金额：100万元；", "供应商：某某公司", "二、项目名称：雪亮工程"]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[0].paragraph == 0 and sentences[2].paragraph == 1


def test_long_table_lines_are_cut_at_commas():
    text = "，".join(["人脸识别摄像机200台"] * 120)
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(len(s.text) <= 600 for s in sentences)


def test_phrases_match_whole_words_longest_first_in_both_scripts():
    matcher = PhraseMatcher([("face recognition", "fr"), ("camera", "cam"), ("cameras", "cam"),
                             ("人脸识别", "fr"), ("人脸", "face"), ("Hikvision", "hik")])
    found = matcher.find("Hikvision's face-recognition cameras; 采购人脸识别系统; hikvisionx camerasx")
    assert [(m.surface, m.value) for m in found] == [
        ("Hikvision", "hik"), ("face-recognition", "fr"), ("cameras", "cam"), ("人脸识别", "fr")]


def test_case_sensitive_matcher_skips_ordinary_words():
    matcher = PhraseMatcher([("Axon", "axon")], case_sensitive=True)
    assert [m.value for m in matcher.find("Axon sold body cameras; an axon is a nerve fibre.")] == ["axon"]


def test_short_chinese_supplier_names_count_only_as_names():
    from counterwatch.extract.lexicon import lexicon

    suppliers = lexicon().suppliers
    found = lambda text: [m.value for m in suppliers.find(text)]  # noqa: E731
    # Inside ordinary words: 通讯飞速 (讯飞), 寰宇视野 (宇视), 屹立昂首 (立昂), 点点滴滴 (滴滴).
    for text in ("近年通讯飞速发展，城市面貌一新。", "这座展馆让人寰宇视野大开。", "大楼屹立昂首向天。",
                 "他记下了生活中点点滴滴的变化。"):
        assert found(text) == [], text
    # As names: beside a company word, a product, a verb taking a supplier, a list word or punctuation.
    assert found("该项目由宇视提供前端设备。") == ["uniview"]
    assert found("公安局与商汤合作建设平台。") == ["sensetime"]
    assert found("讯飞股份中标该项目。") == ["iflytek"]
    assert found("供应商：立昂。") == ["leon_technology"]

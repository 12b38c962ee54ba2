"""spaCy runs only on windows that may name an unknown organisation; what it finds there is unchanged."""
from __future__ import annotations

import pytest

from counterwatch.extract import organisations
from counterwatch.extract.organisations import find_english_organisations


class _CountingNlp:
    """Wraps the real pipeline and keeps the texts it was given."""

    def __init__(self, nlp):
        self.nlp, self.texts = nlp, []

    def pipe(self, texts):
        texts = list(texts)
        self.texts += texts
        return self.nlp.pipe(texts)


@pytest.fixture
def nlp(monkeypatch):
    counting = _CountingNlp(organisations._nlp())
    monkeypatch.setattr(organisations, "_nlp", lambda: counting)
    return counting


def _whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


def test_unknown_company_named_after_a_cue_is_found(nlp):
    text = "The cameras were supplied by the company Zentrovia Analytics."
    found = find_english_organisations(text, _whole(text))
    assert [(o.name, o.role) for o in found] == [("Zentrovia Analytics", "supplier")]
    assert nlp.texts == [text]


def test_window_without_suffix_agency_word_or_cue_is_skipped(nlp):
    text = "Critics say the facial recognition system has been used to watch Jonathan Mbeki."
    assert find_english_organisations(text, _whole(text)) == []
    assert nlp.texts == []


def test_window_whose_capitalised_words_are_all_explained_is_skipped(nlp):
    text = "In Nairobi the national police installed cameras from Hikvision."
    nairobi, hikvision = text.index("Nairobi"), text.index("Hikvision")
    covered = [(nairobi, nairobi + len("Nairobi")), (hikvision, hikvision + len("Hikvision"))]
    assert find_english_organisations(text, _whole(text), covered) == []
    assert nlp.texts == []
    # Without those spans explained the window has unexplained capitals, and spaCy reads it.
    find_english_organisations(text, _whole(text))
    assert nlp.texts == [text]


def test_agency_found_by_ner_when_a_capital_is_unexplained(nlp):
    text = "Officials at the Zambia Police Service said the cameras were installed last year."
    found = find_english_organisations(text, _whole(text))
    assert ("buyer" in {o.role for o in found}) and nlp.texts == [text]

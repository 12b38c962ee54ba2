"""Language identification: ISO 639-1 code or "und"."""
from __future__ import annotations

import re
from functools import lru_cache

UNDETERMINED = "und"
#: Characters inspected. py3langid walks the sample byte by byte in Python (about 0.5 us a
#: byte), so the sample bounds the cost; 600 characters are several sentences, which decide the
#: language of an article or notice as reliably as the whole text.
LANGUAGE_SAMPLE_CHARS = 600
#: Fewer letters than this are too few to tell a language (a title, a number, a name).
MIN_LETTERS = 12
#: Share of letters that are CJK ideographs (with no kana) above which the text is Chinese:
#: Japanese mixes in kana, Korean is written in Hangul, so ideograph-dominated text is Chinese.
CJK_SHARE_FOR_CHINESE = 0.5
#: Kana share above which ideograph-heavy text is left to the classifier (Japanese).
MAX_KANA_SHARE_FOR_CHINESE = 0.05
#: Normalised probability below which py3langid's answer is not trusted.
MIN_CONFIDENCE = 0.5

_NON_LETTERS = re.compile(r"[\W\d_]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile(r"[\u3040-\u30ff]")

@lru_cache(maxsize=1)
def _classifier():
    """py3langid's identifier, loaded once per process (the model takes ~100 ms to unpickle)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid 0.4 loads its model with from_model_file; 0.2-0.3 unpickled it.
    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
    return load(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, "und" when too short or unsure."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = len(_NON_LETTERS.sub("", sample))
    if letters == 0:
        return UNDETERMINED
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    # Ideographs carry a word each: six of them are as telling as a dozen Latin letters.
    chinese_share = han / letters >= CJK_SHARE_FOR_CHINESE and kana / letters <= MAX_KANA_SHARE_FOR_CHINESE
    if han >= MIN_LETTERS // 2 and chinese_share:
        return "zh"
    if letters < MIN_LETTERS:
        return UNDETERMINED
    language, confidence = _classifier().classify(sample)
    return language if confidence >= MIN_CONFIDENCE else UNDETERMINED

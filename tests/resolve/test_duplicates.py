"""The MinHash signature is computed without datasketch's per-shingle hashing but must keep its values:
signatures already stored are compared with new ones."""
from __future__ import annotations

from datasketch import MinHash

from counterwatch.config import READ_MAX_CHARS
from counterwatch.resolve.duplicates import NUM_PERM, _shingles, signature


def _datasketch_signature(text: str) -> list[int]:
    """The signature as datasketch computes it with its defaults (SHA-1 of each UTF-8 shingle)."""
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode("utf-8") for s in _shingles(text)])
    return [int(v) for v in minhash.hashvalues]


def test_signature_keeps_datasketch_values():
    texts = ["Police in Harare installed cameras made by a local contractor.\n\nThe council met on Monday.",
             "某市公安局人脸识别系统采购项目中标公告，中标供应商为某科技有限公司。",
             "tiny", ""]
    for text in texts:
        assert signature(text) == _datasketch_signature(text)


def test_signature_is_plain_integers_of_the_set_size():
    values = signature("A syndicated article about a surveillance contract.")
    assert len(values) == NUM_PERM
    assert all(type(v) is int for v in values)


def test_a_long_text_is_signed_by_its_start():
    start = "".join(f"Absatz {n}: ein Bericht über Kameras im Stadtzentrum. " for n in range(8000))
    assert len(start) > READ_MAX_CHARS
    ending = "A different ending of a very long page, with words never used before. " * 100
    assert signature(start) == signature(start + ending)
    assert signature(start[:1000] + ending) != signature(start[:1000])

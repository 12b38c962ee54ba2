"""The MinHash signature: datasketch's MinHash over shingle hashes computed in numpy. Its estimate must
track the true Jaccard similarity of the texts' shingle sets, and its values must not depend on the
process (signatures are stored and compared with those of later runs)."""
from __future__ import annotations

import os
import subprocess
import sys

from datasketch import MinHash

from counterwatch.config import READ_MAX_CHARS
from counterwatch.resolve.duplicates import (NEAR_DUPLICATE_JACCARD, NUM_PERM, SHINGLE_CHARS, _folded,
                                             _shingle_hashes, signature, similarity)

BASE = ("The provincial police bureau signed a contract with a camera maker for a network of 2,000 "
        "high-definition cameras and a video analytics platform covering the old town, the railway station "
        "and three markets. Payment is due in two instalments after acceptance testing next spring.")


def _true_jaccard(a: str, b: str) -> float:
    def shingles(text: str) -> set[str]:
        folded = _folded(text)
        return {folded[i:i + SHINGLE_CHARS] for i in range(max(1, len(folded) - SHINGLE_CHARS + 1))}
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def test_signature_is_datasketch_minhash_of_the_shingle_hashes():
    for text in [BASE, "某市公安局人脸识别系统采购项目中标公告，中标供应商为某科技有限公司。", "tiny", ""]:
        expected = MinHash(num_perm=NUM_PERM, hashfunc=int)
        expected.update_batch(_shingle_hashes(text).tolist())
        assert signature(text) == [int(v) for v in expected.hashvalues]


def test_one_hash_per_distinct_shingle():
    assert len(_shingle_hashes("abcdefabcdef")) == 6  # abcde bcdef cdefa defab efabc fabcd, then repeats
    assert len(_shingle_hashes("ab")) == 1 and len(_shingle_hashes("")) == 1
    assert len(_shingle_hashes("Ab  cD\n")) == 1  # folded: case and spacing do not matter
    assert _shingle_hashes("abcde")[0] != _shingle_hashes("abcdf")[0]


def test_estimate_tracks_true_jaccard():
    variants = [BASE + " Reported by a regional newspaper.",
                "BREAKING: " + BASE.replace("three markets", "four markets"),
                BASE[:len(BASE) // 2],
                "An unrelated story about a football match in the rain, won by the away side after extra time.",
                "公安局采购人脸识别摄像机两千台，覆盖火车站和老城区。"]
    for other in variants:
        estimate, truth = similarity(signature(BASE), signature(other)), _true_jaccard(BASE, other)
        assert abs(estimate - truth) <= 0.15, (other[:30], estimate, truth)
    assert similarity(signature(BASE), signature(variants[0])) >= NEAR_DUPLICATE_JACCARD
    assert similarity(signature(BASE), signature(variants[3])) < 0.2


def test_signature_does_not_depend_on_the_process():
    code = "from counterwatch.resolve.duplicates import signature; print(signature(%r)[:8])" % BASE
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=os.environ | {"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {f"{signature(BASE)[:8]}\n"}


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

"""Near-duplicate documents (syndicated articles, re-posted notices) by MinHash over text shingles.

A document's signature is computed here, at resolve time; the store keeps it with LSH band keys so
that finding earlier copies is an indexed look-up, then confirms each candidate by estimated Jaccard.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from counterwatch.config import READ_MAX_CHARS

#: Permutations per signature: 128 estimates Jaccard within about +-0.09 (1/sqrt(128)), enough to tell
#: a re-post (0.8-1.0) from two reports of one event in different words (below 0.3).
NUM_PERM = 128
#: Estimated Jaccard similarity of shingle sets at or above which a later document is a copy of an
#: earlier one. A short syndicated article with a new headline and a credit line scores about 0.78 on
#: our test corpus (longer articles with the same additions score higher); independent reports of the
#: same contract stay under 0.3.
NEAR_DUPLICATE_JACCARD = 0.7
#: The LSH bands are tuned to this lower similarity, so that a copy just above NEAR_DUPLICATE_JACCARD
#: shares several bands with its original and is almost never missed; candidates are then confirmed.
CANDIDATE_JACCARD = 0.5
#: Characters per shingle: five characters cover about one English word or two to three Chinese words,
#: so shingles work for both languages without a tokeniser.
SHINGLE_CHARS = 5
_SPACE = re.compile(r"\s+")


#: Shingle hashes per MinHash update: bounds the (hashes x NUM_PERM) matrix datasketch builds to 16 MB,
#: also for a text of READ_MAX_CHARS.
HASHES_PER_UPDATE = 16_384
#: Multiplier of the polynomial shingle hash and the constants of its final mix: splitmix64's (odd 64-bit
#: constants with good avalanche), so that each shingle's hash is spread over all bits before the top 32
#: are kept.
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _folded(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text[:READ_MAX_CHARS]).casefold()).strip()


def _shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's SHINGLE_CHARS-character shingles (the whole text when it is
    shorter), computed over all shingles at once in numpy: a polynomial hash of the code points of each
    window, mixed. Hashing each shingle with SHA-1 in Python took a fifth of the extraction time."""
    codes = np.frombuffer(_folded(text).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if not len(codes):
        codes = np.zeros(1, dtype=np.uint64)
    width = min(SHINGLE_CHARS, len(codes))
    count = len(codes) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # uint64 arithmetic wraps around: the hash is modulo 2**64
        hashes = hashes * _MULTIPLIER + codes[offset:offset + count]
    hashes ^= hashes >> np.uint64(30)
    hashes *= _MIX[0]
    hashes ^= hashes >> np.uint64(27)
    hashes *= _MIX[1]
    hashes ^= hashes >> np.uint64(31)
    return np.unique(hashes >> np.uint64(32))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """datasketch's default MinHash for NUM_PERM, whose seeded permutations every signature reuses (drawn
    once per process, not once per document)."""
    return MinHash(num_perm=NUM_PERM)


def signature(text: str) -> list[int]:
    """The MinHash signature of a document's text (its first READ_MAX_CHARS characters), as plain
    integers (JSON-storable): datasketch's MinHash over the shingle hashes."""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int,  # hashes given as ints: int() passes them through
                      permutations=template.permutations, scheme=template.scheme)
    hashes = _shingle_hashes(text).tolist()
    for start in range(0, len(hashes), HASHES_PER_UPDATE):
        minhash.update_batch(hashes[start:start + HASHES_PER_UPDATE])
    return minhash.hashvalues.tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """Bands and rows per band that datasketch's LSH picks for our threshold and signature size."""
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(values: list[int]) -> list[str]:
    """LSH band keys: two documents sharing any key are candidate copies."""
    bands, rows = _bands()
    keys = []
    for band in range(bands):
        chunk = ",".join(str(v) for v in values[band * rows:(band + 1) * rows])
        keys.append(f"{band}:{hashlib.sha1(chunk.encode()).hexdigest()[:16]}")
    return keys

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


def _shingles(text: str) -> set[str]:
    folded = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    if len(folded) <= SHINGLE_CHARS:
        return {folded}
    return {folded[i:i + SHINGLE_CHARS] for i in range(len(folded) - SHINGLE_CHARS + 1)}


def _shingle_hashes(shingles: set[str]) -> list[int]:
    """datasketch's default 32-bit SHA-1 hash of each shingle's UTF-8 bytes (the first four bytes of the
    digest, little-endian), read in one numpy call instead of one struct.unpack per shingle."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(s.encode("utf-8")).digest()[:4] for s in shingles])
    return np.frombuffer(digests, dtype="<u4").tolist()


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """datasketch's default MinHash for NUM_PERM, whose seeded permutations every signature reuses (drawn
    once per process, not once per document)."""
    return MinHash(num_perm=NUM_PERM)


def signature(text: str) -> list[int]:
    """The MinHash signature of a document's text, as plain integers (JSON-storable): the same values as
    datasketch's MinHash(num_perm=NUM_PERM).update_batch over the UTF-8 shingles, a quarter faster."""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int,  # hashes given as ints: int() passes them through
                      permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch(_shingle_hashes(_shingles(text[:READ_MAX_CHARS])))
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

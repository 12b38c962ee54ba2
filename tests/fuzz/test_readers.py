"""Random and mutated bytes through every reader: the loader either returns a Document or raises
IngestError (a reason for the file) - never any other exception."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterwatch.ingest.errors import IngestError
from counterwatch.ingest.loader import load_document
from tests.ingest.builders import make_docx, make_eml, make_pdf

from .limits import FUZZ

SENTENCE = "In 2019 Hikvision supplied facial recognition cameras to the police of Nairobi."
#: Valid files of each format, mutated by the fuzzer: most of their structure survives a few changed bytes,
#: which reaches deeper into each parser than pure noise does.
SEEDS = {
    ".pdf": make_pdf([SENTENCE]),
    ".docx": make_docx([SENTENCE], table=[["供应商", "海康威视"]]),
    ".eml": make_eml("Cameras", SENTENCE, html=f"<p>{SENTENCE}</p>"),
    ".html": f"<html><head><title>t</title></head><body><p>{SENTENCE}</p><table><tr><td>x</td></tr></table>"
             "</body></html>".encode(),
    ".txt": SENTENCE.encode(),
}
#: Leading bytes that make a reader sniff the content as another format than its extension says.
MAGIC = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"From: a@b\r\n"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _load(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except IngestError as exc:
        assert str(exc)  # a reason, not an empty message
        return
    assert isinstance(doc.text, str) and doc.text.strip()


@FUZZ
@given(extension=st.sampled_from(sorted(SEEDS) + [".htm", ".bin", ""]), magic=st.sampled_from(MAGIC),
       data=st.binary(max_size=2000))
def test_random_bytes_only_ever_raise_ingest_error(folder, extension, magic, data):
    _load(folder, "random" + extension, magic + data)


@st.composite
def mutated(draw):
    extension = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[extension])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    cut = draw(st.integers(len(data) // 2, len(data)))
    return extension, bytes(data[:cut])


@FUZZ
@given(case=mutated())
def test_mutated_valid_files_only_ever_raise_ingest_error(folder, case):
    extension, data = case
    _load(folder, "mutated" + extension, data)

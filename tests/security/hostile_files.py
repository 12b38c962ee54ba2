"""A corpus of hostile and broken input files, generated on demand (nothing large is committed).

``write_corpus(folder)`` writes each file and returns {file name: expected outcome}: "stored" for
awkward but legitimate files (other encodings), "failed" for files that must be refused with a reason.
Used by tests/security/test_hostile_files.py and bench/hostile_bench.py.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from tests.ingest.builders import (_pdf, _stream, add_zip_member, declare_huge_size, encrypt_pdf, make_docx,
                                   make_pdf)

#: Nesting depth of the deeply nested HTML page: far beyond any real page (tens of levels) and beyond
#: libxml2's default depth limit (256), so the parser's own guard is exercised.
HTML_NESTING = 100_000
#: Objects in the "millions of objects" PDF, scaled down to what a test writes in a second; the pages
#: cap (MAX_PAGES) and the time limit bound the work however many there are.
PDF_OBJECTS = 200_000
#: Size of the large HTML page (MB) in tests: over a typical page by far, quick to extract; the
#: benchmark passes 40 (near the 50 MB file cap).
LARGE_HTML_MB = 2

ENGLISH = ("The city police bought 120 facial recognition cameras from Hikvision in 2019 "
           "for the safe city programme in Nairobi, Kenya.")
CHINESE = "某市公安局2020年采购人脸识别摄像机120台，供应商为海康威视，用于平安城市建设。"


def _many_objects_pdf() -> bytes:
    content = _stream(b"BT /F1 12 Tf 72 720 Td (" + ENGLISH.encode() + b") Tj ET")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               content, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"(padding %d)" % i for i in range(PDF_OBJECTS)]
    return _pdf(objects)


def _zip_bomb() -> bytes:
    return declare_huge_size(make_docx([ENGLISH]), "word/document.xml")


def _real_zip_bomb() -> bytes:
    """A DOCX whose extra member really inflates 1000-fold (zeros), not just declares it."""
    out = make_docx([ENGLISH])
    import io

    buffer = io.BytesIO(out)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (300 * 1024 * 1024 // 100))
    return buffer.getvalue()


def corpus(large_html_mb: int = LARGE_HTML_MB) -> dict[str, tuple[bytes | None, str]]:
    """File name -> (bytes, expected outcome). ``None`` bytes: made specially by write_corpus."""
    good_pdf = make_pdf([ENGLISH])
    return {
        "good_english.txt": (ENGLISH.encode(), "stored"),
        "gb18030.txt": (CHINESE.encode("gb18030"), "stored"),
        "big5.txt": ("某市警察局2020年採購人臉識別攝影機120台，供應商為海康威視，用於平安城市建設。".encode("big5"), "stored"),
        "utf16.txt": (("\ufeff" + ENGLISH).encode("utf-16-le"), "stored"),
        "mixed_encodings.txt": (ENGLISH.encode() + "\n".encode() + CHINESE.encode("gb18030"), "stored"),
        "encrypted.pdf": (encrypt_pdf(good_pdf, "secret"), "failed"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 2], "failed"),
        "malformed.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
                          "failed"),
        "many_objects.pdf": (_many_objects_pdf(), "stored"),
        "zip_bomb_declared.docx": (_zip_bomb(), "failed"),
        "zip_bomb_real.docx": (_real_zip_bomb(), "failed"),
        "path_traversal.docx": (add_zip_member(make_docx([ENGLISH]), "../../etc/cron.d/evil", b"x"), "failed"),
        "deeply_nested.html": (b"<html><body>" + b"<div>" * HTML_NESTING + ENGLISH.encode()
                               + b"</div>" * HTML_NESTING + b"</body></html>", "failed"),
        "large.html": (b"<html><body>" + (b"<p>" + ENGLISH.encode() + b"</p>\n")
                       * (large_html_mb * 1024 * 1024 // (len(ENGLISH) + 8)) + b"</body></html>", "stored"),
        "binary_as_text.txt": (os.urandom(4096), "failed"),
        "empty.txt": (b"", "failed"),
        "symlink_loop": (None, "failed"),
    }


def write_corpus(folder: Path, large_html_mb: int = LARGE_HTML_MB) -> dict[str, str]:
    """Write the corpus into ``folder``; returns {name: expected outcome}."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, outcome) in corpus(large_html_mb).items():
        if data is not None:
            (folder / name).write_bytes(data)
        expected[name] = outcome
    loop = folder / "symlink_loop"
    (folder / "loop_a").symlink_to(folder / "loop_b")
    (folder / "loop_b").symlink_to(folder / "loop_a")
    loop.symlink_to(folder / "loop_a")
    expected.update(loop_a="failed", loop_b="failed")
    return expected

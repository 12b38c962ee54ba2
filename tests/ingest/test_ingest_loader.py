"""load_document / load_text end to end, and every bad input."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from counterwatch.ingest import IngestError, load_document, load_text
from counterwatch.ingest import loader as loader_module
from counterwatch.model import Document

from .builders import CHMOD_000_READABLE, add_zip_member, declare_huge_size, encrypt_pdf, make_docx, make_pdf

NOTICE = (
    "某市公安局治安监控系统扩容项目中标结果公告\n\r\n"
    "一、项目编号：ZJ-2019-0123\r\n"
    "二、中标供应商：某某视讯技术有限公司，中标金额：2955900.00元。\r\n"
    "三、采购人联系人：王五，联系电话：0571-88888888。\r\n"
)



def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_load_document_chinese_text_file(tmp_path):
    data = NOTICE.encode("gbk")
    document = load_document(write(tmp_path, "notice_0042.txt", data))
    assert isinstance(document, Document)
    assert document.source_id == "notice_0042"
    assert document.content_hash == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.mime_type == "text/plain"
    assert document.encoding == "gb18030"
    assert document.language == "zh"
    assert document.title == "某市公安局治安监控系统扩容项目中标结果公告"
    assert "\r" not in document.text
    assert "2955900.00元" in document.text and "ZJ-2019-0123" in document.text
    assert "王五" not in document.text and "0571-88888888" not in document.text
    assert "采购人联系人：[name]，联系电话：[phone]" in document.text
    assert document.metadata["redactions"] == 2
    assert document.metadata["reader"] == "text"


def test_load_document_english_html(tmp_path):
    page = ("<html><head><title>Border town cameras</title></head><body><article>"
            + "".join(f"<p>Paragraph {i}: the border town added thermal cameras and drones to its checkpoint "
                      f"network, officials told reporters on a visit this week.</p>" for i in range(4))
            + "<p>Contact: John Carter, +44 20 7946 0958</p></article></body></html>")
    document = load_document(write(tmp_path, "2021.09.article.html", page.encode()))
    assert document.source_id == "2021.09.article"
    assert document.mime_type == "text/html"
    assert document.language == "en"
    assert document.title == "Border town cameras"
    assert "thermal cameras and drones" in document.text
    assert "John Carter" not in document.text and "7946" not in document.text


def test_load_document_pdf_and_docx(tmp_path):
    pdf = load_document(write(tmp_path, "a.pdf", make_pdf(["The ministry leased 40 drones for patrols."])))
    assert pdf.mime_type == "application/pdf" and pdf.text == "The ministry leased 40 drones for patrols."
    docx = load_document(write(tmp_path, "b.docx", make_docx(["区公安分局采购无人机四十架，用于巡逻。"])))
    assert docx.mime_type.endswith("wordprocessingml.document")
    assert docx.text == "区公安分局采购无人机四十架，用于巡逻。" and docx.language == "zh"


def test_load_text():
    document = load_text("Contact: Mary Major\nThe agency bought 12 body cameras.", "api-1")
    assert document.source_id == "api-1"
    assert document.text == "Contact: [name]\nThe agency bought 12 body cameras."
    assert document.content_hash == hashlib.sha256(
        b"Contact: Mary Major\nThe agency bought 12 body cameras.").hexdigest()
    assert document.language == "en"


def test_load_text_empty_is_an_error():
    with pytest.raises(IngestError, match="no text"):
        load_text(" \n\t ", "blank")


# ---- bad inputs ------------------------------------------------------------------------------

def assert_refused(path: Path, reason: str) -> IngestError:
    with pytest.raises(IngestError) as error:
        load_document(path)
    message = str(error.value)
    assert str(path) in message, message
    assert reason in message, message
    assert error.value.path == path
    return error.value


def test_empty_file(tmp_path):
    assert_refused(write(tmp_path, "empty.txt", b""), "empty file")


def test_whitespace_only_file_has_no_text(tmp_path):
    assert_refused(write(tmp_path, "blank.txt", b"\n \r\n\t\n"), "no text")


def test_html_with_only_script_has_no_text(tmp_path):
    page = b"<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>"
    assert_refused(write(tmp_path, "scripts.html", page), "no text")


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 100)
    assert_refused(write(tmp_path, "big.txt", b"x" * 101), "too large")


def test_size_limit_argument(tmp_path):
    path = write(tmp_path, "medium.txt", b"y" * 50)
    with pytest.raises(IngestError, match="too large"):
        load_document(path, max_bytes=49)
    assert load_document(path, max_bytes=50).text == "y" * 50


def test_truncated_pdf(tmp_path):
    data = make_pdf(["This report will be cut in half."])
    assert_refused(write(tmp_path, "cut.pdf", data[: len(data) // 2]), "corrupt PDF")


def test_pdf_header_then_garbage(tmp_path):
    assert_refused(write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4), "corrupt PDF")


def test_encrypted_pdf_with_password(tmp_path):
    data = encrypt_pdf(make_pdf(["Locked away."]), user_password="s3cret")
    assert_refused(write(tmp_path, "locked.pdf", data), "encrypted PDF")


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path):
    data = encrypt_pdf(make_pdf(["Readable although encrypted."]), user_password="")
    assert load_document(write(tmp_path, "open.pdf", data)).text == "Readable although encrypted."


def test_pdf_without_text_layer(tmp_path):
    from .builders import make_image_only_pdf

    assert_refused(write(tmp_path, "scan.pdf", make_image_only_pdf()), "no text layer (scanned PDF?)")


def test_binary_named_html(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    assert_refused(write(tmp_path, "photo.html", png), "binary data, not text")


def test_garbage_text(tmp_path):
    garbage = bytes((i * 73 + 41) % 128 + 128 for i in range(600))
    assert_refused(write(tmp_path, "garbage.txt", garbage), "undecodable text")


def test_garbage_behind_a_utf16_byte_order_mark(tmp_path):
    garbage = bytes([0xFF, 0xFE, 0xFD, 0x00, 0x81]) * 60 + bytes(10)
    assert_refused(write(tmp_path, "bom-garbage.txt", garbage), "undecodable text")


def test_docx_with_path_traversal_member(tmp_path):
    data = add_zip_member(make_docx(["Harmless looking."]), "../../outside.txt", b"escape")
    assert_refused(write(tmp_path, "traversal.docx", data), "unsafe archive member name")


def test_docx_with_absolute_member(tmp_path):
    data = add_zip_member(make_docx(["Harmless looking."]), "/tmp/owned.txt", b"escape")
    assert_refused(write(tmp_path, "absolute.docx", data), "unsafe archive member name")


def test_docx_bomb_declared_size(tmp_path):
    data = declare_huge_size(make_docx(["Tiny text."]), "word/document.xml")
    assert_refused(write(tmp_path, "bomb.docx", data), "zip bomb")


def test_docx_bomb_compression_ratio(tmp_path):
    data = add_zip_member(make_docx(["Tiny text."]), "word/media/padding.bin", bytes(8 * 1024 * 1024))
    assert_refused(write(tmp_path, "ratio.docx", data), "zip bomb")


def test_corrupt_docx(tmp_path):
    data = make_docx(["Will be damaged."])
    assert_refused(write(tmp_path, "broken.docx", data[:300]), "corrupt DOCX")


def test_docx_extension_on_other_zip(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a word file")
    assert_refused(write(tmp_path, "other.docx", buffer.getvalue()), "DOCX")


@pytest.mark.skipif(CHMOD_000_READABLE, reason="running as root: a chmod 000 file is still readable")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", b"hidden words")
    path.chmod(0)
    try:
        assert_refused(path, "permission denied")
    finally:
        path.chmod(0o644)


def test_permission_error_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", b"words")
    real_open = open

    def deny(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    assert_refused(path, "permission denied")


def test_unexpected_reader_failure_becomes_ingest_error(tmp_path, monkeypatch):
    from counterwatch.ingest.readers import get_reader

    def explode(self, data, path):
        raise RuntimeError("library bug")

    monkeypatch.setattr(type(get_reader("text")), "read", explode)
    error = assert_refused(write(tmp_path, "odd.txt", b"fine text"), "text reader failed (RuntimeError: library bug)")
    assert isinstance(error.__cause__, RuntimeError)


def test_ingest_error_survives_pickling_for_process_pools():
    import pickle

    error = pickle.loads(pickle.dumps(IngestError(Path("a/b.pdf"), "encrypted PDF")))
    assert (error.path, error.reason, str(error)) == (Path("a/b.pdf"), "encrypted PDF", "a/b.pdf: encrypted PDF")


def test_missing_file_and_directory(tmp_path):
    assert_refused(tmp_path / "nowhere.txt", "no such file")
    assert_refused(tmp_path, "not a regular file")

"""Small test documents made on the fly: PDFs built by hand, DOCX with python-docx, raw zips, e-mail."""
from __future__ import annotations

import io
import struct
import zipfile
from email.message import EmailMessage
from pathlib import Path


def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Assemble numbered objects (1..n) into a PDF with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _latin_text(lines: list[str]) -> bytes:
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def make_pdf(lines: list[str], title: str | None = None, created: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Latin-1 text, Helvetica)."""
    info = b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(_latin_text(lines)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title is not None or created is not None:
        fields = []
        if title is not None:
            fields.append(b"/Title <FEFF" + title.encode("utf-16-be").hex().upper().encode() + b">")
        if created is not None:
            fields.append(b"/CreationDate (" + created.encode() + b")")
        objects.append(b"<< " + b" ".join(fields) + b" >>")
        info = b"/Info %d 0 R " % len(objects)
    return _pdf(objects, trailer_extra=info)


def make_cjk_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Chinese text: a Type0 font with Identity-H codes and a ToUnicode map
    (no embedded glyphs are needed for a text layer)."""
    chars = sorted({ch for line in lines for ch in line})
    cid = {ch: index + 1 for index, ch in enumerate(chars)}
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        ops.append(b"<" + b"".join(b"%04X" % cid[ch] for ch in line) + b"> Tj T*")
    ops.append(b"ET")
    cmap_lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
        b"%d beginbfchar" % len(chars),
    ]
    for ch in chars:
        cmap_lines.append(b"<%04X> <%s>" % (cid[ch], ch.encode("utf-16-be").hex().upper().encode()))
    cmap_lines += [b"endbfchar", b"endcmap CMapName currentdict /CMap defineresource pop end end"]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"\n".join(ops)),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(b"\n".join(cmap_lines)),
    ]
    return _pdf(objects)


def make_image_only_pdf() -> bytes:
    """A PDF whose page draws a (tiny) image and has no text at all, like a scan."""
    pixels = b"\x00\xff\x00\xff"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 200 0 0 200 72 500 cm /Im1 Do Q"),
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
                        b" /BitsPerComponent 8 "),
    ]
    return _pdf(objects)


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner-secret") -> bytes:
    """``data`` encrypted with RC4-128 (pypdf encrypts RC4 without extra crypto packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, after_table: list[str] = (),
              title: str | None = None, created=None) -> bytes:
    """A DOCX with ``paragraphs``, then an optional table, then ``after_table`` paragraphs."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after_table:
        document.add_paragraph(text)
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_zip_member(data: bytes, name: str, content: bytes) -> bytes:
    """``data`` (a zip) with one more member called ``name`` (names are not sanitised on write)."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, content)
    return out.getvalue()


def declare_huge_size(data: bytes, member: str, size: int = 0xFFFFFFF0) -> bytes:
    """Rewrite the central-directory entry of ``member`` to declare ``size`` uncompressed bytes,
    as a decompression bomb does."""
    raw = bytearray(data)
    name = member.encode()
    signature = b"PK\x01\x02"
    at = raw.find(signature)
    while at != -1:
        name_length = struct.unpack_from("<H", raw, at + 28)[0]
        if bytes(raw[at + 46:at + 46 + name_length]) == name:
            struct.pack_into("<I", raw, at + 24, size)
            return bytes(raw)
        at = raw.find(signature, at + 4)
    raise ValueError(f"{member} not in archive")


def make_eml(subject: str, body: str, *, html: str | None = None, date: str = "Wed, 09 Oct 2019 10:30:00 +0800",
             attachments: tuple[tuple[str, bytes], ...] = (), plain: bool = True, charset: str = "utf-8") -> bytes:
    """An RFC 5322 message with a text and/or HTML body and named attachments."""
    message = EmailMessage()
    message["From"] = "Sender <sender@example.org>"
    message["To"] = "desk@example.org"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = "<test-1@example.org>"
    if plain:
        message.set_content(body, charset=charset)
        if html is not None:
            message.add_alternative(html, subtype="html")
    else:
        message.set_content(html or body, subtype="html")
    for name, content in attachments:
        message.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def _chmod_000_is_readable() -> bool:
    """True when this process can read a file with mode 000 (root, or CAP_DAC_OVERRIDE)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
            return True
        except PermissionError:
            return False
        finally:
            probe.chmod(0o600)


#: Tests of unreadable files are skipped when the permission bits do not bind this process.
CHMOD_000_READABLE = _chmod_000_is_readable()

"""E-mail (.eml, RFC 5322): subject, date and body; attachments listed by name, never read."""
from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..encoding import decode_bytes
from ..errors import IngestError
from .base import Reader, ReadResult
from .html import HtmlReader
from .registry import register

#: Bytes of the header block inspected when sniffing: real headers fit in a few KiB.
SNIFF_BYTES = 4096
#: Headers that only e-mail has; one of them plus another header makes a message.
_MAIL_ONLY = {b"from", b"received", b"message-id", b"mime-version", b"return-path", b"delivered-to"}
_KNOWN = _MAIL_ONLY | {b"to", b"cc", b"subject", b"date", b"content-type", b"reply-to", b"sender"}
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):")
_MBOX_FROM = re.compile(rb"^From \S+")
_parser = BytesParser(policy=policy.default)


@register
class EmlReader(Reader):
    name = "eml"
    mime_types = ("message/rfc822",)
    extensions = (".eml",)
    sniff_order = 30

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        lines = data[:SNIFF_BYTES].splitlines()
        if lines and _MBOX_FROM.match(lines[0]):
            lines = lines[1:]
        names = set()
        for line in lines:
            if not line.strip():
                break
            if line[:1] in (b" ", b"\t"):  # folded continuation of the previous header
                if not names:
                    return False
                continue
            match = _HEADER_LINE.match(line)
            if match is None:
                return False
            names.add(match.group(1).lower())
        return len(names & _KNOWN) >= 2 and bool(names & _MAIL_ONLY)

    def read(self, data: bytes, path: Path) -> ReadResult:
        try:
            message = _parser.parsebytes(data)
        except (ValueError, TypeError, LookupError) as exc:
            raise IngestError(path, f"unparseable e-mail ({exc})") from None
        title = _header(message, "subject")
        date = None
        try:
            when = message["date"].datetime if message["date"] is not None else None
            date = when.date().isoformat() if when else None
        except (AttributeError, ValueError, TypeError):
            date = None
        attachments = [part.get_filename() or "(unnamed)" for part in message.iter_attachments()]
        body = message.get_body(preferencelist=("plain", "html"))
        text, encoding, subtype = "", None, None
        if body is not None:
            subtype = body.get_content_subtype()
            text, encoding = _content(body, path)
        metadata = {"attachments": attachments, "body_type": f"text/{subtype}" if subtype else None}
        if subtype == "html":
            result = HtmlReader().read_markup(text, encoding=encoding)
            return ReadResult(text=result.text, title=title or result.title, date=date, url=result.url,
                              encoding=encoding, metadata={**result.metadata, **metadata})
        return ReadResult(text=text, title=title, date=date, encoding=encoding, metadata=metadata)


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message[name]
    except (ValueError, TypeError, IndexError):
        return None
    return " ".join(str(value).split()) or None if value is not None else None


def _content(part: EmailMessage, path: Path) -> tuple[str, str]:
    """A text part's content, transfer-decoded, then decoded by its declared charset or detection
    (decode_bytes widens GB2312/GBK to GB18030, which e-mail clients often under-declare)."""
    payload = part.get_payload(decode=True) or b""
    return decode_bytes(payload, declared=part.get_content_charset(), path=path)

"""HTML: the main text with trafilatura (boilerplate, navigation and comments dropped)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..encoding import declared_charset, decode_bytes
from .base import Reader, ReadResult
from .registry import register

#: Bytes searched for HTML markup when sniffing; doctype, <html> or <head> come first in
#: practice, after at most an XML declaration, a BOM and a comment or two.
SNIFF_BYTES = 1024
#: Skip trafilatura's second-opinion extractors (readability, jusText): about half the time
#: per page, and on news and notice pages the main extractor alone keeps the body text.
TRAFILATURA_FAST = True
#: Elements whose text is never document text.
NON_TEXT_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select")
#: Elements after which the plain-text fallback starts a new line.
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "title", "main", "aside",
    "form", "nav", "figure", "figcaption", "address", "center",
})

#: Table cells: the fallback separates them with a tab.
CELL_TAGS = frozenset({"td", "th"})

#: Where a page states its own title and address, most specific first.
_TITLE_META = (
    "//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content",
    "//meta[@name='ArticleTitle']/@content",
)
_URL_META = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
#: Separators between an article title and the site name in <title> ("Headline | Site", "标题_网站").
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·]\s+|_|｜")

_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>/]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")

@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings, made once: no signal-based timeout (works in any thread, costs nothing)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


@register
class HtmlReader(Reader):
    name = "html"
    mime_types = ("text/html", "application/xhtml+xml")
    extensions = (".html", ".htm", ".xhtml", ".shtml")
    sniff_order = 40

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        head = data[:SNIFF_BYTES]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
        head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return head.startswith(b"<") and _SNIFF.search(head) is not None

    def read(self, data: bytes, path: Path) -> ReadResult:
        markup, encoding = decode_bytes(data, declared=declared_charset(data), path=path)
        return self.read_markup(markup, encoding=encoding)

    def read_markup(self, markup: str, encoding: str | None = None) -> ReadResult:
        """Extract from already decoded HTML (also used for HTML e-mail bodies)."""
        markup = _XML_DECLARATION.sub("", markup, count=1)
        try:
            tree = lxml_html.document_fromstring(markup)
        except (etree.ParserError, ValueError):  # empty or markup-free input
            tree = None
        title = page_title(tree) if tree is not None else None
        url = page_url(tree) if tree is not None else None
        date = page_date(markup)
        text = main_text(tree) if tree is not None else ""
        metadata: dict = {"extractor": "trafilatura"}
        if not text:
            text, fallback_title = plain_text(markup)
            title = title or fallback_title
            metadata["extractor"] = "lxml-fallback"
        return ReadResult(text=text, title=title, date=date, url=url, encoding=encoding, metadata=metadata)


def main_text(tree) -> str:
    """The page's main text by trafilatura (no metadata: title, date and URL are read more cheaply here)."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            tree, fast=TRAFILATURA_FAST, include_comments=False, include_tables=True, with_metadata=False,
            config=_trafilatura_config(),
        )
    except (ValueError, TypeError, etree.LxmlError):  # trafilatura gives up on some broken pages
        return ""
    return (getattr(extracted, "text", None) or "").strip()


def page_title(tree) -> str | None:
    """og:title or twitter:title; else the only <h1> when <title> contains it (or there is no
    <title>); else the longest part of <title> once split at site-name separators."""
    for xpath in _TITLE_META:
        for value in tree.xpath(xpath):
            value = " ".join(value.split())
            if value:
                return value
    headings = tree.xpath("//h1")
    heading = " ".join(headings[0].text_content().split()) if len(headings) == 1 else ""
    raw = " ".join((tree.findtext(".//title") or "").split())
    if heading and (not raw or heading in raw):
        return heading
    if raw:
        return max((part.strip() for part in _TITLE_SEPARATORS.split(raw)), key=len) or None
    return None


def page_url(tree) -> str | None:
    """The canonical address the page gives for itself."""
    for xpath in _URL_META:
        for value in tree.xpath(xpath):
            value = value.strip()
            if value.startswith(("http://", "https://")):
                return value
    return None


def page_date(markup: str) -> str | None:
    """The publication date in the page's markup (meta tags, <time>, JSON-LD, URL), by htmldate.

    htmldate's "extensive" search of the visible text is off: on notices it turns project codes
    such as HZCG2019-118 into dates like 2019-01-01.
    """
    from htmldate import find_date

    try:
        return find_date(markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, etree.LxmlError):
        return None


def plain_text(markup: str) -> tuple[str, str | None]:
    """All visible text of a page (scripts, styles and comments dropped) and its <title>."""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return "", None
    title = root.findtext(".//title")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *NON_TEXT_TAGS, with_tail=False)
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
        elif tag in CELL_TAGS:
            element.tail = "\t" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(root.itertext()).split("\n"))
    text = "\n".join(line for line in lines if line)
    return text, (title.strip() or None) if title else None

"""HTML: the main text with trafilatura (boilerplate, navigation and comments dropped); pages over
LARGE_PAGE_BYTES are read by a streaming lxml parse instead (all visible text, no tree built)."""
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
#: Markup size (bytes) above which a page is read by the streaming text parse, not by trafilatura:
#: trafilatura builds and scores a whole tree, 4 s for a 2 MB page here and a timeout (over 120 s and 1 GB)
#: for a 40 MB one (bench/results/hostile.txt). Article pages are well under 1 MB of markup; pages above
#: 4 MB are dumps and archives, where keeping every visible line beats trying to find "the" article.
LARGE_PAGE_BYTES = 4 * 1024 * 1024
#: Characters of a large page parsed as a tree for its title, address and date (what <head> declares):
#: heads of real pages are a few kB to some tens of kB.
LARGE_PAGE_HEAD_CHARS = 256 * 1024
#: Characters fed to the streaming parser at a time (bounds the copies made of a large page).
FEED_CHARS = 1024 * 1024
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
        if len(data) > LARGE_PAGE_BYTES:
            return read_large_markup(markup, encoding=encoding)
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


def read_large_markup(markup: str, encoding: str | None = None) -> ReadResult:
    """A page over LARGE_PAGE_BYTES: all its visible text by a streaming parse (no tree is built, so
    memory stays near the size of the text), title, address and date from its first characters."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    text, streamed_title = streamed_text(markup)
    head = markup[:LARGE_PAGE_HEAD_CHARS]
    try:
        tree = lxml_html.document_fromstring(head)
    except (etree.ParserError, ValueError):
        tree = None
    title = (page_title(tree) if tree is not None else None) or streamed_title
    url = page_url(tree) if tree is not None else None
    return ReadResult(text=text, title=title, date=page_date(head), url=url, encoding=encoding,
                      metadata={"extractor": "lxml-stream"})


class _TextTarget:
    """lxml parser target collecting the visible text as plain_text does, without building a tree."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0  # depth inside elements whose text is never document text
        self._in_title = False

    def start(self, tag: str, _attrib) -> None:
        tag = tag.lower()
        if tag in NON_TEXT_TAGS:
            self._hidden += 1
        self._in_title = self._in_title or tag == "title"

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if tag in NON_TEXT_TAGS:
            self._hidden = max(0, self._hidden - 1)
        if tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in CELL_TAGS:
            self.parts.append("\t")

    def data(self, value: str) -> None:
        if self._in_title:
            self.title.append(value)
        elif not self._hidden:
            self.parts.append(value)

    def close(self) -> None:
        return None


def streamed_text(markup: str) -> tuple[str, str | None]:
    """All visible text of a page and its <title>, parsed in FEED_CHARS pieces without a tree."""
    target = _TextTarget()
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=True)
    for offset in range(0, len(markup), FEED_CHARS):
        parser.feed(markup[offset:offset + FEED_CHARS])
    try:
        parser.close()
    except etree.LxmlError:  # nothing parseable at all
        return "", None
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(target.parts).split("\n"))
    title = " ".join("".join(target.title).split())
    return "\n".join(line for line in lines if line), title or None


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

"""Full-text search that works for Chinese as well as English, on SQLite (FTS5) and PostgreSQL (tsvector).

Both engines split text on word boundaries, which leaves a run of Chinese characters as one token, so a
two-character term such as 人脸 inside 人脸识别系统 would never match. Following Lucene's CJK analyzer,
runs of CJK characters are indexed as overlapping bigrams (人脸 脸识 识别 别系 系统) and a Chinese query
becomes the phrase of its bigrams. Traditional characters are folded to simplified ones on both sides
(OpenCC), so 人臉 finds 人脸. Other text is NFKC-folded and lower-cased word by word.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sqlalchemy import Integer, Select, and_, column, func, select, text
from sqlalchemy.orm import Session

from counterwatch.store.schema import SearchEntryRow

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese runs and other words apart, also where they touch ("Hikvision为公安局" is two runs).
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")

#: Longest query accepted, in characters: enough for any real search, bounds the work a request can cause.
MAX_QUERY_CHARS = 200
#: Tokens per stored search entry. PostgreSQL clamps tsvector positions at 16,383 (so phrase matches past
#: it fail) and refuses a tsvector over 1 MB; 10,000 tokens keep well inside both for any document.
MAX_ENTRY_TOKENS = 10_000
#: Tokens repeated at the start of the next entry, so that a phrase across a boundary is still found:
#: the longest query (MAX_QUERY_CHARS) makes at most that many tokens.
ENTRY_OVERLAP_TOKENS = MAX_QUERY_CHARS


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def fold(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).casefold()
    if re.search(f"[{_CJK}]", value):
        value = _converter().convert(value)
    return value


def _token_groups(value: str) -> list[list[str]]:
    """Each word of the text as the list of index tokens it becomes (a CJK run: its bigrams)."""
    groups = []
    for match in _TOKEN.finditer(fold(value)):
        word = match.group()
        if _CJK_RUN.match(word):
            groups.append([word] if len(word) == 1 else [word[i:i + 2] for i in range(len(word) - 1)])
        else:
            groups.append([word])
    return groups


def index_tokens(value: str) -> str:
    """The text to store in the index for ``value``."""
    return " ".join(token for group in _token_groups(value) for token in group)


def index_chunks(value: str) -> list[str]:
    """The index text for ``value`` cut into entries of at most MAX_ENTRY_TOKENS tokens that overlap."""
    tokens = [token for group in _token_groups(value) for token in group]
    step = MAX_ENTRY_TOKENS - ENTRY_OVERLAP_TOKENS
    starts = range(0, max(1, len(tokens) - ENTRY_OVERLAP_TOKENS), step)
    return [" ".join(tokens[i:i + MAX_ENTRY_TOKENS]) for i in starts]


def _fts5_query(groups: list[list[str]]) -> str:
    return " AND ".join('"' + " ".join(group) + '"' for group in groups)


def _tsquery(groups: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(group) + ")" for group in groups)


def _fts5_ids(groups: list[list[str]], newest: int | None):
    """The FTS5 query for the matching entries' ids (newest first and limited with ``newest``)."""
    sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH :q"
    if newest is not None:
        sql += " ORDER BY rowid DESC LIMIT :n"
    ids = text(sql).bindparams(q=_fts5_query(groups), **({} if newest is None else {"n": newest}))
    return ids.columns(column("rowid", Integer))


def matching_entries(session: Session, query: str, newest: int | None = None) -> Select | None:
    """A SELECT of (document_id, fact_id) rows matching every word of ``query``; None for an empty query.
    With ``newest``, only the ``newest`` most recent matching entries (highest ids): the limit is pushed
    into the full-text query (FTS5 walks its doclists backwards and stops; PostgreSQL reads the GIN match
    in id order), so a broad term costs that many entries, not every match.

    Tokens hold only word characters, so the generated FTS expressions cannot be injected into.
    """
    groups = _token_groups(query[:MAX_QUERY_CHARS])
    if not groups:
        return None
    dialect = session.get_bind().dialect.name
    entries = select(SearchEntryRow.document_id, SearchEntryRow.fact_id)
    if dialect == "sqlite":
        return entries.where(SearchEntryRow.id.in_(_fts5_ids(groups, newest)))
    if dialect == "postgresql":
        condition = text("search_entries.tsv @@ to_tsquery('simple', :q)").bindparams(q=_tsquery(groups))
    else:
        condition = and_(*(SearchEntryRow.tokens.contains(" ".join(group)) for group in groups))
    entries = entries.where(condition)
    return entries if newest is None else entries.order_by(SearchEntryRow.id.desc()).limit(newest)


def matching_entry_ids(session: Session, query: str):
    """A SELECT of the ids of the entries matching ``query`` (read from the full-text index alone on
    SQLite); None for an empty query."""
    groups = _token_groups(query[:MAX_QUERY_CHARS])
    if not groups:
        return None
    if session.get_bind().dialect.name == "sqlite":
        return _fts5_ids(groups, None)
    entries = matching_entries(session, query)
    return entries.with_only_columns(SearchEntryRow.id) if entries is not None else None


def count_matching_entries(session: Session, query: str, cap: int) -> int:
    """How many search entries match ``query``, counted up to ``cap`` (a broad term stops there; on
    SQLite the full-text index alone is read)."""
    groups = _token_groups(query[:MAX_QUERY_CHARS])
    if not groups:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        entries = _fts5_ids(groups, cap)
    else:
        entries = matching_entries(session, query, newest=cap)
    return session.scalar(select(func.count()).select_from(entries.subquery())) or 0

"""Near-duplicate links between stored documents (syndicated articles, re-posted notices).

Each document's MinHash signature is kept with its LSH band keys; a new document is compared with the
earlier documents sharing a band key and linked (``duplicate_of``) to the earliest one it nearly copies.
Within a session the candidates live in memory: every signature seen is a row of one numpy matrix, and
each band key lists the rows stored under it, so a document costs one vectorised comparison whatever the
size of the corpus.
"""
from __future__ import annotations

import numpy as np
from sqlalchemy import JSON, Float, ForeignKey, Integer, String, delete, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.resolve.duplicates import NEAR_DUPLICATE_JACCARD, NUM_PERM, band_keys
from counterwatch.store.schema import Base, in_batches


class DocumentSignatureRow(Base):
    """A document's MinHash signature and the earlier document it is a near-copy of, if any."""

    __tablename__ = "document_signatures"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[list] = mapped_column(JSON)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    similarity: Mapped[float | None] = mapped_column(Float)


class DocumentBandRow(Base):
    """One LSH band key of a document's signature: documents sharing a key are candidate copies."""

    __tablename__ = "document_bands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    band: Mapped[str] = mapped_column(String(40), index=True)


#: Earliest documents kept as candidates per band key. A key shared by more documents is template text
#: (one notice form filled in thousands of times): comparing each new document with all of them made
#: storing cost grow with the corpus (53 % of the storing process at 27,000 generated documents, over
#: 1,000 candidates per document at 6,000). A copy shares about 4 of its 25 bands with its original, so a
#: cap rarely hides it: over the first 6,000 benchmark documents (3,745 with an earlier copy) a cap of 50
#: missed 87 copies, 100 missed 45, 200 missed 18 (0.5 %) at a bounded ~700 candidates per document.
BAND_MEMBERS_MAX = 200
#: A removed document's matrix row: MinHash values are never negative, so it matches nothing.
_GONE = -1
#: Key in Session.info of the session's CandidateIndex.
_INDEX = "counterwatch_near_duplicate_index"


class CandidateIndex:
    """The signatures and band members this session has read or written."""

    def __init__(self) -> None:
        self.matrix = np.full((1024, NUM_PERM), _GONE, dtype=np.int64)
        self.documents: list[int] = []  # row -> document id
        self.row_of: dict[int, int] = {}
        #: band key -> rows, earliest first, at most BAND_MEMBERS_MAX; only keys some stored document has
        #: (most keys are unique to one document and are not kept).
        self.bands: dict[str, list[int]] = {}

    def add(self, document_id: int, values: list[int]) -> int:
        if len(self.documents) == len(self.matrix):
            grown = np.full((2 * len(self.matrix), NUM_PERM), _GONE, dtype=np.int64)
            grown[:len(self.matrix)] = self.matrix
            self.matrix = grown
        row = len(self.documents)
        self.matrix[row] = values
        self.documents.append(document_id)
        self.row_of[document_id] = row
        return row

    def remove(self, document_id: int) -> None:
        row = self.row_of.pop(document_id, None)
        if row is not None:
            self.matrix[row] = _GONE

    def load(self, session: Session, keys: list[str]) -> None:
        """Read the members of keys not seen yet in this session, and their signatures."""
        unknown = [k for k in keys if k not in self.bands]
        if not unknown:
            return
        members: dict[str, list[int]] = {}
        rows = session.connection().execute(select(DocumentBandRow.band, DocumentBandRow.document_id)
                                            .where(DocumentBandRow.band.in_(unknown))
                                            .order_by(DocumentBandRow.document_id))
        for band, document_id in rows:
            ids = members.setdefault(band, [])
            if len(ids) < BAND_MEMBERS_MAX:
                ids.append(document_id)
        missing = sorted({d for ids in members.values() for d in ids if d not in self.row_of})
        for chunk in in_batches(missing):
            for document_id, values in session.connection().execute(
                    select(DocumentSignatureRow.document_id, DocumentSignatureRow.minhash)
                    .where(DocumentSignatureRow.document_id.in_(chunk))):
                if len(values) == NUM_PERM:  # signatures of another size can't be compared
                    self.add(document_id, values)
        for band, ids in members.items():
            self.bands[band] = [self.row_of[d] for d in ids if d in self.row_of]

    def similar(self, keys: list[str], values: list[int], exclude: int) -> list[tuple[int, float]]:
        """Earlier documents sharing a key whose estimated Jaccard similarity reaches
        NEAR_DUPLICATE_JACCARD, earliest first, with their similarity."""
        rows = set().union(*(self.bands.get(k, ()) for k in keys))
        rows.discard(self.row_of.get(exclude, -1))
        if not rows:
            return []
        candidates = np.fromiter(rows, dtype=np.int64, count=len(rows))
        # The same estimate as resolve.duplicates.similarity, for all candidates at once.
        scores = (self.matrix[candidates] == np.asarray(values, dtype=np.int64)).sum(axis=1) / NUM_PERM
        hit = scores >= NEAR_DUPLICATE_JACCARD
        return sorted(zip([self.documents[r] for r in candidates[hit]], scores[hit].tolist()))

    def remember(self, document_id: int, keys: list[str], values: list[int]) -> None:
        row = self.add(document_id, values)
        for key in keys:  # a key first seen now is read from the database when it recurs
            members = self.bands.get(key)
            if members is not None and len(members) < BAND_MEMBERS_MAX:
                members.append(row)


def _index(session: Session) -> CandidateIndex:
    index = session.info.get(_INDEX)
    if index is None:
        index = session.info[_INDEX] = CandidateIndex()
    return index


def _original(session: Session, similar: list[tuple[int, float]]) -> tuple[int | None, float | None]:
    """The earliest still-stored similar document, or the document that one copies."""
    for document_id, score in similar:
        row = session.connection().execute(select(DocumentSignatureRow.duplicate_of)
                                           .where(DocumentSignatureRow.document_id == document_id)).first()
        if row is not None:
            return row.duplicate_of or document_id, score
        _index(session).remove(document_id)  # deleted since it was read
    return None, None


def record_signature(session: Session, document_id: int, values: list[int], fresh: bool = False) -> int | None:
    """Keep a document's signature; link it to the earliest earlier document it nearly copies.
    ``fresh``: the document was just inserted, so it has no signature or bands to replace yet."""
    if session.autoflush:
        session.flush()  # the look-ups below run on the connection: earlier documents must be written
    keys = band_keys(values)
    index = _index(session)
    index.load(session, keys)
    comparable = len(values) == NUM_PERM  # values of another size (an older signature) are kept, not compared
    original, score = (None, None)
    if comparable:
        original, score = _original(session, index.similar(keys, values, exclude=document_id))
    if not fresh:
        index.remove(document_id)
        session.execute(delete(DocumentSignatureRow).where(DocumentSignatureRow.document_id == document_id))
        session.execute(delete(DocumentBandRow).where(DocumentBandRow.document_id == document_id))
    # Not history tables (see store.integrity): Core inserts on the session's connection, without the
    # ORM's bulk bookkeeping.
    connection = session.connection()
    connection.execute(DocumentSignatureRow.__table__.insert(), [dict(document_id=document_id, minhash=values,
                                                                       duplicate_of=original, similarity=score)])
    connection.execute(DocumentBandRow.__table__.insert(), [dict(document_id=document_id, band=k) for k in keys])
    if comparable:
        index.remember(document_id, keys, values)
    return original


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    """What this session read may have been rolled back with it."""
    session.info.pop(_INDEX, None)

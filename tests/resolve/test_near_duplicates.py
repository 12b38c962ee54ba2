"""Near-duplicate links at store time: a copy is linked to the earliest document it nearly copies, also
when its band keys are shared by more documents than are kept as candidates, and also from a new session
that reads the candidates from the database."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from counterwatch.resolve.duplicates import NUM_PERM, band_keys
from counterwatch.store.database import Database
from counterwatch.store.near_duplicates import BAND_MEMBERS_MAX, DocumentSignatureRow, _index, record_signature
from counterwatch.store.schema import DocumentRow

#: values shared by every document of the "template": the first band's rows (so every document shares
#: that band key with every other) and nothing else.
TEMPLATE = list(range(1, 6))


def _random_signature(rng: random.Random) -> list[int]:
    return TEMPLATE + [rng.randrange(1, 2**40) for _ in range(NUM_PERM - len(TEMPLATE))]


def _copy(values: list[int], rng: random.Random, changed: int) -> list[int]:
    out = list(values)
    for i in rng.sample(range(len(TEMPLATE), NUM_PERM), changed):
        out[i] = rng.randrange(1, 2**40)
    return out


def _store(session, values: list[int], n: int) -> tuple[int, int | None]:
    row = DocumentRow(source_id=f"doc{n}", content_hash=f"h{n}", path=f"/d/{n}.txt", mime_type="text/plain",
                      language="en", title=None, size=1, text="x", extractor_version="test")
    session.add(row)
    session.flush()
    return row.id, record_signature(session, row.id, values, fresh=True)


@pytest.fixture
def db(tmp_path):
    database = Database(str(tmp_path / "cw.db"))
    yield database
    database.close()


def test_copies_are_found_past_a_crowded_template_band(db):
    rng = random.Random(3)
    template_docs = [_random_signature(rng) for _ in range(BAND_MEMBERS_MAX + 50)]
    with db.session() as session:
        ids = [_store(session, values, n)[0] for n, values in enumerate(template_docs)]
        # a close copy (90 % equal) of an early document and of one past the crowded band's cap
        early_copy, early_link = _store(session, _copy(template_docs[3], rng, 12), 1000)
        late_copy, late_link = _store(session, _copy(template_docs[-1], rng, 12), 1001)
        # a document sharing only the template band is no copy
        _, unrelated_link = _store(session, _random_signature(rng), 1002)
        crowded = _index(session).bands[band_keys(template_docs[0])[0]]
    assert early_link == ids[3]
    assert late_link == ids[-1]
    assert unrelated_link is None
    assert len(crowded) == BAND_MEMBERS_MAX  # the template band's candidates stop growing
    with db.session() as session:  # a new session reads its candidates from the database
        _, again = _store(session, _copy(template_docs[3], rng, 12), 1003)
        links = dict(session.execute(select(DocumentSignatureRow.document_id,
                                            DocumentSignatureRow.duplicate_of)).all())
    assert again == ids[3]
    assert links[early_copy] == ids[3] and links[late_copy] == ids[-1] and links[ids[0]] is None


def test_a_copy_of_a_copy_links_to_the_first_original(db):
    rng = random.Random(5)
    original = _random_signature(rng)
    with db.session() as session:
        first, _ = _store(session, original, 0)
        second, second_link = _store(session, _copy(original, rng, 10), 1)
        _, third_link = _store(session, _copy(original, rng, 10), 2)
    assert second_link == first and third_link == first  # never the copy, always its original
    assert second != first


def test_a_replaced_document_is_not_its_own_copy(db):
    values = _random_signature(random.Random(9))
    rng = random.Random(10)
    with db.session() as session:
        doc, link = _store(session, values, 0)
        assert link is None
        # the document is stored again with a changed text: it must not match its old signature
        assert record_signature(session, doc, _copy(values, rng, 5)) is None
        kept = session.scalars(select(DocumentSignatureRow).where(DocumentSignatureRow.document_id == doc)).all()
        assert len(kept) == 1

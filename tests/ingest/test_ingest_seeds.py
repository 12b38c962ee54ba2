"""The shared seed articles (read at run time from ../shared, never copied) load cleanly."""
from __future__ import annotations

from pathlib import Path

import pytest

from counterwatch.ingest import iter_files, load_document

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seed_articles_load_as_english_text():
    paths = [item for item in iter_files([SEEDS]) if isinstance(item, Path)]
    assert paths, "no seed files found"
    for path in paths:
        document = load_document(path)
        assert document.source_id == path.stem
        assert document.language == "en"
        assert document.mime_type == "text/plain"
        assert len(document.text) > 500
        assert "\r" not in document.text and "\n\n\n\n" not in document.text

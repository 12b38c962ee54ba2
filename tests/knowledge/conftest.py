"""Fixtures for the knowledge-base tests: the packaged base and writable copies of its data."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from counterwatch.knowledge import DATA_DIR, KnowledgeBase, load_knowledge_base

@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data files."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, Callable[[Any], Any]], Path]:
    """Apply ``change`` to the parsed content of one data file of the copy, write it back, return the dir."""

    def apply(file_name: str, change: Callable[[Any], Any]) -> Path:
        path = data_copy / file_name
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        result = change(content)
        path.write_text(yaml.safe_dump(content if result is None else result, allow_unicode=True),
                        encoding="utf-8")
        return data_copy

    return apply

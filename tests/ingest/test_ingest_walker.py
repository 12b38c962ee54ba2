"""iter_files: order, hidden and special files, links, loops, unreadable entries."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from counterwatch.ingest import SkippedPath, iter_files

from .builders import CHMOD_000_READABLE


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_recursive_deterministic_order_skipping_hidden(tmp_path):
    touch(tmp_path / "b.txt")
    touch(tmp_path / "a" / "z.html")
    touch(tmp_path / "a" / "m" / "deep.pdf")
    touch(tmp_path / "c.docx")
    touch(tmp_path / ".hidden.txt")
    touch(tmp_path / ".git" / "config")
    found = list(iter_files([tmp_path]))
    assert found == [
        tmp_path / "a" / "m" / "deep.pdf",
        tmp_path / "a" / "z.html",
        tmp_path / "b.txt",
        tmp_path / "c.docx",
    ]
    assert list(iter_files([tmp_path])) == found


def test_files_given_directly_and_missing_paths(tmp_path):
    file = touch(tmp_path / "one.txt")
    result = list(iter_files([file, tmp_path / "missing.txt"]))
    assert result[0] == file
    assert isinstance(result[1], SkippedPath) and "no such file" in result[1].reason


def test_symlink_loop_is_not_followed_forever(tmp_path):
    touch(tmp_path / "top" / "doc.txt")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top", target_is_directory=True)
    result = list(iter_files([tmp_path / "top"]))
    assert result[0] == tmp_path / "top" / "doc.txt"
    skipped = [item for item in result if isinstance(item, SkippedPath)]
    assert len(result) == 2 and len(skipped) == 1
    assert skipped[0].path == tmp_path / "top" / "loop"
    assert "loop" in skipped[0].reason
    assert str(tmp_path / "top" / "loop") in str(skipped[0])


def test_self_referencing_link_chain(tmp_path):
    touch(tmp_path / "ok.txt")
    os.symlink(tmp_path / "spin", tmp_path / "spin")  # a link to itself
    result = list(iter_files([tmp_path]))
    assert result[0] == tmp_path / "ok.txt"
    assert isinstance(result[1], SkippedPath) and "loop" in result[1].reason


def test_directory_linked_twice_is_walked_once(tmp_path):
    touch(tmp_path / "real" / "doc.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    result = list(iter_files([tmp_path]))
    files = [item for item in result if isinstance(item, Path)]
    assert files == [tmp_path / "alias" / "doc.txt"]
    assert any(isinstance(item, SkippedPath) and "already visited" in item.reason for item in result)


def test_broken_link_is_reported(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (result,) = list(iter_files([tmp_path]))
    assert isinstance(result, SkippedPath) and result.reason == "broken symbolic link"


def test_special_files_are_skipped(tmp_path):
    touch(tmp_path / "real.txt")
    os.mkfifo(tmp_path / "pipe")
    assert list(iter_files([tmp_path])) == [tmp_path / "real.txt"]


@pytest.mark.skipif(CHMOD_000_READABLE, reason="running as root: a chmod 000 file is still readable")
def test_unreadable_entries_are_reported(tmp_path):
    locked_dir = tmp_path / "locked"
    touch(locked_dir / "inside.txt")
    locked_file = touch(tmp_path / "secret.txt")
    locked_dir.chmod(0)
    locked_file.chmod(0)
    try:
        result = list(iter_files([tmp_path]))
    finally:
        locked_dir.chmod(0o755)
        locked_file.chmod(0o644)
    assert result == [SkippedPath(locked_dir, "permission denied"), SkippedPath(locked_file, "permission denied")]


def test_unreadable_directory_reported_via_scandir_error(tmp_path, monkeypatch):
    touch(tmp_path / "sub" / "doc.txt")
    real_scandir = os.scandir

    def failing(path):
        if Path(path) == tmp_path / "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing)
    assert list(iter_files([tmp_path])) == [SkippedPath(tmp_path / "sub", "permission denied")]

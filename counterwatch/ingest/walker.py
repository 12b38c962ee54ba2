"""Find the files to ingest: recursive, in a deterministic order, safe against symlink loops."""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SkippedPath:
    """A path the walker could not use, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path | SkippedPath]:
    """Regular files under ``paths`` (files given directly are yielded as they are).

    Directories are walked depth-first with entries sorted by name; hidden entries (".name")
    and anything that is not a regular file or directory are skipped silently. Symbolic links
    are followed, but a directory is entered once: a link back to a directory being walked is
    reported as a loop, one to a directory walked before as already visited. Unreadable
    entries and broken links are reported as ``SkippedPath``.
    """
    visited: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield SkippedPath(path, "broken symbolic link" if path.is_symlink() else "no such file or directory")
            continue
        except OSError as exc:
            yield SkippedPath(path, _reason(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, visited, ())
        elif stat.S_ISREG(info.st_mode):
            yield path if os.access(path, os.R_OK) else SkippedPath(path, "permission denied")


def _walk(directory: Path, info: os.stat_result, visited: set[tuple[int, int]],
          ancestors: tuple[tuple[int, int], ...]) -> Iterator[Path | SkippedPath]:
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        yield SkippedPath(directory, "symbolic link loop (links back to a directory being walked)")
        return
    if key in visited:
        yield SkippedPath(directory, "directory already visited through another path")
        return
    visited.add(key)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield SkippedPath(directory, _reason(exc))
        return
    ancestors = ancestors + (key,)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            entry_info = entry.stat()  # follows symbolic links
        except FileNotFoundError:
            yield SkippedPath(path, "broken symbolic link" if entry.is_symlink() else "vanished while walking")
            continue
        except OSError as exc:
            yield SkippedPath(path, _reason(exc))
            continue
        if stat.S_ISDIR(entry_info.st_mode):
            yield from _walk(path, entry_info, visited, ancestors)
        elif stat.S_ISREG(entry_info.st_mode):
            yield path if os.access(path, os.R_OK) else SkippedPath(path, "permission denied")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:  # a chain of links that never ends
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()

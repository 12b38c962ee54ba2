"""Counterwatch: an open, evidence-backed atlas of surveillance technology, read from public documents."""

__version__ = "0.1.0"

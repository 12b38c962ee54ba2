"""Document readers, one module per format; see ``registry`` for how they are found."""
from .base import Reader, ReadResult
from .registry import all_readers, get_reader, looks_binary, reader_for, register

__all__ = ["Reader", "ReadResult", "all_readers", "get_reader", "looks_binary", "reader_for", "register"]

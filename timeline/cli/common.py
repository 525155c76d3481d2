"""What the parts of the ``timeline`` command share: its name, the file formats it knows,
:class:`CliError`, :func:`formats_of` and :func:`one_line`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "BATCH_FORMATS",
    "BATCH_INPUTS",
    "CliError",
    "FORMATS",
    "PROG",
    "formats_of",
    "one_line",
]


PROG = "timeline"

#: file extension -> output format, for ``-o/--output``
FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".parquet": "parquet",
    ".tml": "timeml",
    ".xml": "timeml",
}

#: input file extensions read as many articles (besides a directory of .txt files)
BATCH_INPUTS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

#: file extension -> table format, for ``-o/--output`` with a batch input
BATCH_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
}


class CliError(Exception):
    """An input or output problem to report on one line (no traceback).

    ``kind`` names the ordinary Python error it stands for (``FileNotFoundError``,
    ``UnicodeDecodeError``, ...): the error rows of a batch say that, not ``CliError``.
    """

    def __init__(self, message: str, kind: str = "ValueError") -> None:
        super().__init__(message)
        self.kind = kind


def formats_of(paths: Iterable[str], formats: dict[str, str], refusal: str) -> list[tuple[str, str]]:
    """``(format, path)`` of each ``-o`` path, told by its extension from ``formats``; raises
    :class:`CliError` with ``refusal`` (``{path}`` and ``{known}`` filled in) for another."""
    wanted = []
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix not in formats:
            raise CliError(refusal.format(path=repr(path), known=" ".join(sorted(formats))))
        wanted.append((formats[suffix], path))
    return wanted


def one_line(message: str, limit: int = 400) -> str:
    """``message`` with its whitespace collapsed, cut to ``limit`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
